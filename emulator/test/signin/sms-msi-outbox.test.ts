import { describe, it, expect, beforeEach } from "vitest";
import { harness, newTenant, PASSWORD, type Harness, expectGraphError } from "../helpers";
import { Browser, addCaPolicy, alertText, claims, createTap, enterUsername, labels, redeemCode, redirectParams, startSignIn, tenantState, userId } from "./support";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
});

function allowSmsSignIn(ready = true) {
  const state = tenantState(h, t.id);
  const sms = (state.methodsPolicy.configurations.Sms ??= { id: "Sms" });
  Object.assign(sms, { state: "enabled", includeTargets: [{ targetType: "group", id: "all_users", isUsableForSignIn: true }], excludeTargets: [] });
  const phone = state.authMethods[userId(h, t.id, t.upn("bob"))].methods.find((m) => m.kind === "phone")!;
  phone.props.smsSignInState = ready ? "ready" : "notConfigured";
}

describe("SMS sign-in (phone number as username)", () => {
  it("signs in with the code texted to the phone when the policy and the phone allow it; not MFA", async () => {
    allowSmsSignIn();
    const b = new Browser(h);
    const { page, verifier } = await startSignIn(b, t.id);
    const codePage = await enterUsername(b, page, "+1 4255550111");
    expect(labels(codePage.text)).toEqual(["Code"]);
    const sms = (await h.call("GET", `/_emulator/tenants/${t.id}/outbox?kind=sms`)).body.value[0];
    expect(sms.data.code).toMatch(/^\d{6}$/);
    const wrong = await b.submit(codePage, { otc: sms.data.code === "000000" ? "111111" : "000000" });
    expect(alertText(wrong.text)).toContain("didn't work");
    const res = await b.submit(wrong, { otc: sms.data.code });
    expect(res.status, res.text).toBe(302);
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, verifier);
    expect(claims(tok.body.access_token).preferred_username).toBe(t.upn("bob"));
    expect(claims(tok.body.access_token).amr).not.toContain("mfa");
  });

  it("does not treat the number as a username when the phone is not ready for SMS sign-in", async () => {
    allowSmsSignIn(false);
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const res = await enterUsername(b, page, "+1 4255550111");
    expect(alertText(res.text)).toContain("AADSTS50034");
  });
});

describe("My Security Info", () => {
  it("signs the user in first, then lists their methods", async () => {
    const b = new Browser(h);
    const first = await b.get(`/${t.id}/mysecurityinfo`);
    const pwd = await enterUsername(b, first, t.upn("bob"));
    const back = await b.submit(pwd, { passwd: PASSWORD });
    expect(back.status).toBe(303);
    const page = await b.follow(back);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Security info");
    expect(page.text).toContain("+1 4255550111");
    expect(page.text).toContain("Microsoft Authenticator");
  });

  it("is blocked with AADSTS53010 when a policy on 'register security information' blocks", async () => {
    await addCaPolicy(h, t.id, {
      displayName: "Block registration",
      conditions: { users: { includeUsers: [userId(h, t.id, t.upn("bob"))] }, applications: { includeUserActions: ["urn:user:registersecurityinfo"] }, clientAppTypes: ["all"] },
      grantControls: { operator: "OR", builtInControls: ["block"] },
    });
    const b = new Browser(h);
    const pwd = await enterUsername(b, await b.get(`/${t.id}/mysecurityinfo`), t.upn("bob"));
    const res = await b.submit(pwd, { passwd: PASSWORD });
    expect(res.status).toBe(400);
    expect(alertText(res.text)).toContain("AADSTS53010");
  });

  it("is open to a TAP session under an MFA policy on the user action, and shows the banner for a user without methods", async () => {
    await addCaPolicy(h, t.id, {
      displayName: "Registration needs MFA",
      conditions: { users: { includeUsers: ["All"] }, applications: { includeUserActions: ["urn:user:registersecurityinfo"] }, clientAppTypes: ["all"] },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    });
    const tap = await createTap(h, t.id, t.upn("alice"));
    const b = new Browser(h);
    const tapPage = await enterUsername(b, await b.get(`/${t.id}/mysecurityinfo`), t.upn("alice"));
    const page = await b.follow(await b.submit(tapPage, { accessPass: tap.value }));
    expect(page.status).toBe(200);
    expect(page.text).toContain("Temporary Access Pass");
    expect(page.text).toContain("Add a new sign-in method");
  });
});

describe("the outbox control plane", () => {
  it("refuses to approve an SMS message, an unknown message and a malformed body", async () => {
    expectGraphError(await h.call("POST", `/_emulator/tenants/${t.id}/outbox/nope/approve`, { body: { number: 1 } }), 404, "itemNotFound");
    tenantState(h, t.id).outbox.push({ id: "m1", createdDateTime: new Date().toISOString(), kind: "sms", userId: "u", to: "+1 1", text: "x", data: {}, status: "pending" });
    expectGraphError(await h.call("POST", `/_emulator/tenants/${t.id}/outbox/m1/approve`, { body: { number: 1 } }), 400, "BadRequest");
    expectGraphError(await h.call("POST", `/_emulator/tenants/${t.id}/outbox/m1/approve`, { body: { number: "x" } }), 400, "BadRequest");
  });
});
