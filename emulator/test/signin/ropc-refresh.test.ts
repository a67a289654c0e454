import { describe, it, expect, beforeEach } from "vitest";
import { harness, newTenant, PASSWORD, PUBLIC_APP, type Harness } from "../helpers";
import { Browser, addCaPolicy, blockFor, createTap, enterUsername, redeemCode, redirectParams, requireMfaFor, startSignIn, tenantState, userId } from "./support";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
});

const ropc = (username: string, password = PASSWORD) =>
  h.call("POST", `/${t.id}/oauth2/v2.0/token`, { form: { grant_type: "password", client_id: PUBLIC_APP.appId, username, password, scope: "User.Read offline_access openid" } });
const refresh = (rt: string) => h.call("POST", `/${t.id}/oauth2/v2.0/token`, { form: { grant_type: "refresh_token", client_id: PUBLIC_APP.appId, refresh_token: rt } });

describe("ROPC follows the same policy, without interaction", () => {
  it("fails with interaction_required AADSTS50076 when MFA is required and the user has a method", async () => {
    const id = await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("carol"))));
    const res = await ropc(t.upn("carol"));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("interaction_required");
    expect(res.body.error_codes).toEqual([50076]);
    const log = tenantState(h, t.id).signIns.at(-1) as any;
    expect(log.status.errorCode).toBe(50076);
    expect(log.appliedConditionalAccessPolicies.find((p: any) => p.id === id)).toBeTruthy();
  });

  it("fails with AADSTS50079 when MFA is required and the user has no method to use", async () => {
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("alice"))));
    expect((await ropc(t.upn("alice"))).body.error_codes).toEqual([50079]);
  });

  it("fails with AADSTS53003 when Conditional Access blocks", async () => {
    await addCaPolicy(h, t.id, blockFor(userId(h, t.id, t.upn("carol"))));
    expect((await ropc(t.upn("carol"))).body.error_codes).toEqual([53003]);
  });

  it("fails for legacy per-user MFA users (AADSTS50076)", async () => {
    tenantState(h, t.id).authMethods[userId(h, t.id, t.upn("carol"))].perUserMfaState = "enforced";
    expect((await ropc(t.upn("carol"))).body.error_codes).toEqual([50076]);
  });

  it("does not accept a TAP as the password (AADSTS50126) and leaves a one-time pass unused", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"));
    expect((await ropc(t.upn("alice"), tap.value)).body.error_codes).toEqual([50126]);
    expect(tenantState(h, t.id).authMethods[userId(h, t.id, t.upn("alice"))].temporaryAccessPass!.usedDateTime).toBeNull();
  });
});

describe("refresh re-evaluates Conditional Access", () => {
  it("refuses with AADSTS50076 when a new policy requires MFA the original sign-in did not do", async () => {
    const first = await ropc(t.upn("carol"));
    expect(first.status).toBe(200);
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("carol"))));
    const res = await refresh(first.body.refresh_token);
    expect(res.body.error_codes).toEqual([50076]);
  });

  it("keeps refreshing a TAP session under an MFA policy (the TAP satisfied MFA)", async () => {
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("alice"))));
    const tap = await createTap(h, t.id, t.upn("alice"));
    const b = new Browser(h);
    const { page, verifier } = await startSignIn(b, t.id);
    const res = await b.submit(await enterUsername(b, page, t.upn("alice")), { accessPass: tap.value });
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, verifier);
    const again = await refresh(tok.body.refresh_token);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const log = tenantState(h, t.id).signIns.at(-1) as any;
    expect(log.isInteractive).toBe(false);
  });

  it("refuses with AADSTS53003 once a block policy applies", async () => {
    const first = await ropc(t.upn("carol"));
    await addCaPolicy(h, t.id, blockFor(userId(h, t.id, t.upn("carol"))));
    expect((await refresh(first.body.refresh_token)).body.error_codes).toEqual([53003]);
  });
});
