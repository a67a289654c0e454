import { describe, it, expect, beforeEach } from "vitest";
import { harness, newTenant, appToken, PASSWORD, type Harness } from "../helpers";
import { Browser, alertText, authorizeUrl, buttons, claims, createTap, enterUsername, labels, linkHref, redeemCode, redirectParams, startSignIn, tenantNow, tenantState, userId } from "./support";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
});

const setTapPolicy = (patch: Record<string, unknown>) => Object.assign(tenantState(h, t.id).methodsPolicy.configurations.TemporaryAccessPass, patch);

async function tapPage(b: Browser, upn = t.upn("alice")) {
  const { page, verifier } = await startSignIn(b, t.id);
  return { page: await enterUsername(b, page, upn), verifier };
}

async function signInWithTap(b: Browser, value: string, upn = t.upn("alice")) {
  const { page, verifier } = await tapPage(b, upn);
  expect(labels(page.text)).toEqual(["Temporary Access Pass"]);
  const res = await b.submit(page, { accessPass: value });
  return { res, verifier };
}

describe("TAP sign-in at the hosted pages", () => {
  it("offers the TAP first, with its label, button and a 'Use your password instead' link", async () => {
    await createTap(h, t.id, t.upn("alice"));
    const { page } = await tapPage(new Browser(h));
    expect(labels(page.text)).toEqual(["Temporary Access Pass"]);
    expect(buttons(page.text)).toEqual(["Sign in"]);
    expect(linkHref(page.text, "Use your password instead")).toContain("use=password");
  });

  it("signs in with the pass alone; amr is otp+mfa and the tokens never outlive the pass", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"), { lifetimeInMinutes: 60 });
    const b = new Browser(h);
    const { res, verifier } = await signInWithTap(b, tap.value);
    expect(res.status, res.text).toBe(302);
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, verifier);
    expect(tok.status, JSON.stringify(tok.body)).toBe(200);
    const at = claims(tok.body.access_token);
    const expiry = Math.floor(tenantNow(h, t.id).getTime() / 1000) + 60 * 60;
    expect(at.amr).toEqual(["otp", "mfa"]);
    expect(at.exp).toBeLessThanOrEqual(expiry);
    expect(claims(tok.body.id_token).exp).toBeLessThanOrEqual(expiry);
    expect(tok.body.refresh_token_expires_in).toBeLessThanOrEqual(3600);
  });

  it("consumes a one-time pass at the first sign-in: a second attempt is blocked by User Credential Policy (AADSTS130501)", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"));
    const b1 = new Browser(h);
    const b2 = new Browser(h);
    const p1 = await tapPage(b1);
    const p2 = await tapPage(b2);
    expect((await b1.submit(p1.page, { accessPass: tap.value })).status).toBe(302);
    const second = await b2.submit(p2.page, { accessPass: tap.value });
    expect(alertText(second.text)).toContain("AADSTS130501");
    expect(linkHref(second.text, "Use your password instead")).toBeTruthy();
    // Once used, the pass is no longer offered: the password prompt comes.
    const next = await tapPage(new Browser(h));
    expect(labels(next.page.text)).toEqual(["Password"]);
  });

  it("lets exactly one of two simultaneous sign-ins with the same one-time pass succeed", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"));
    const [a, b] = [new Browser(h), new Browser(h)];
    const [pa, pb] = await Promise.all([tapPage(a), tapPage(b)]);
    const results = await Promise.all([a.submit(pa.page, { accessPass: tap.value }), b.submit(pb.page, { accessPass: tap.value })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 302]);
    expect(results.filter((r) => alertText(r.text).includes("AADSTS130501"))).toHaveLength(1);
  });

  it("treats a wrong pass as a wrong credential (AADSTS50126)", async () => {
    await createTap(h, t.id, t.upn("alice"));
    const { res } = await signInWithTap(new Browser(h), "WrongPass1");
    expect(alertText(res.text)).toContain("AADSTS50126");
  });

  it("keeps the password working alongside a TAP", async () => {
    await createTap(h, t.id, t.upn("alice"));
    const b = new Browser(h);
    const { page } = await tapPage(b);
    const pwd = await b.get(linkHref(page.text, "Use your password instead")!);
    expect(labels(pwd.text)).toEqual(["Password"]);
    const res = await b.submit(pwd, { passwd: PASSWORD });
    expect(res.status).toBe(302);
    // The one-time pass was not consumed by a password sign-in.
    expect(tenantState(h, t.id).authMethods[userId(h, t.id, t.upn("alice"))].temporaryAccessPass!.usedDateTime).toBeNull();
  });

  it("does not offer a pass that is not active yet or has expired", async () => {
    const start = new Date(tenantNow(h, t.id).getTime() + 30 * 60_000).toISOString();
    await createTap(h, t.id, t.upn("alice"), { startDateTime: start });
    expect(labels((await tapPage(new Browser(h))).page.text)).toEqual(["Password"]);
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 31 } });
    expect(labels((await tapPage(new Browser(h))).page.text)).toEqual(["Temporary Access Pass"]);
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 61 } });
    expect(labels((await tapPage(new Browser(h))).page.text)).toEqual(["Password"]);
  });

  it("does not offer the pass to a user outside the TAP policy, and refuses it there (AADSTS130501)", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"));
    const b = new Browser(h);
    const { page } = await tapPage(b);
    setTapPolicy({ excludeTargets: [{ targetType: "group", id: "0f1e2d3c-0001-4000-8000-000000000003" }] });
    const res = await b.submit(page, { accessPass: tap.value });
    expect(alertText(res.text)).toContain("AADSTS130501");
    expect(labels((await tapPage(new Browser(h))).page.text)).toEqual(["Password"]);
  });

  it("refuses a multi-use pass once the policy requires one-time passes (AADSTS130501)", async () => {
    setTapPolicy({ isUsableOnce: false });
    const tap = await createTap(h, t.id, t.upn("alice"), { isUsableOnce: false });
    const b = new Browser(h);
    const { page } = await tapPage(b);
    setTapPolicy({ isUsableOnce: true });
    const res = await b.submit(page, { accessPass: tap.value });
    expect(alertText(res.text)).toContain("AADSTS130501");
  });

  it("refuses to refresh tokens of a TAP session after the pass is deleted", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"));
    const b = new Browser(h);
    const { res, verifier } = await signInWithTap(b, tap.value);
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, verifier);
    const token = await appToken(h, t.id);
    const del = await h.call("DELETE", `/v1.0/users/${t.upn("alice")}/authentication/temporaryAccessPassMethods/${tap.id}`, { token });
    expect(del.status).toBe(204);
    const refreshed = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, { form: { grant_type: "refresh_token", client_id: "6b9fad2f-3c4e-4f60-9bac-1d2e3f4a5b6c", refresh_token: tok.body.refresh_token } });
    expect(refreshed.status).toBe(400);
    expect(refreshed.body.error).toBe("invalid_grant");
  });

  it("ends the SSO session with the pass", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"), { lifetimeInMinutes: 60 });
    const b = new Browser(h);
    await signInWithTap(b, tap.value);
    expect((await b.get(authorizeUrl(t.id, { prompt: "none" }))).location).toContain("code=");
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 61 } });
    expect(redirectParams((await b.get(authorizeUrl(t.id, { prompt: "none" }))).location).error).toBe("login_required");
  });

  it("logs every attempt with the TAP step and whether the one-time pass was consumed", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"));
    await signInWithTap(new Browser(h), "WrongPass1");
    await signInWithTap(new Browser(h), tap.value);
    const logs = tenantState(h, t.id).signIns.filter((s) => s.userPrincipalName === t.upn("alice"));
    const [failed, ok] = logs.slice(-2) as any[];
    expect(failed.status.errorCode).toBe(50126);
    expect(failed.authenticationDetails[0]).toMatchObject({ authenticationMethod: "Temporary Access Pass", succeeded: false });
    expect(ok.status.errorCode).toBe(0);
    expect(ok.isInteractive).toBe(true);
    expect(ok.authenticationDetails[0]).toMatchObject({ authenticationMethod: "Temporary Access Pass", succeeded: true, authenticationStepResultDetail: "One-time Temporary Access Pass consumed" });
  });

  it("allows passwordless registration with the TAP session's token only within 10 minutes of the sign-in", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"), { lifetimeInMinutes: 120 });
    const b = new Browser(h);
    const { res, verifier } = await signInWithTap(b, tap.value);
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, verifier, { scope: "https://graph.microsoft.com/UserAuthenticationMethod.ReadWrite offline_access openid" });
    expect(tok.status, JSON.stringify(tok.body)).toBe(200);
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 5 } });
    const inWindow = await h.call("POST", "/v1.0/me/authentication/fido2Methods", { token: tok.body.access_token, body: { displayName: "Key 1" } });
    expect(inWindow.status, JSON.stringify(inWindow.body)).toBe(201);
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 6 } });
    const late = await h.call("POST", "/v1.0/me/authentication/fido2Methods", { token: tok.body.access_token, body: { displayName: "Key 2" } });
    expect(late.status).toBe(403);
  });
});
