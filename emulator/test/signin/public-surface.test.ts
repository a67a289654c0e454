/**
 * Sign-in rules checked through the public surface only (Graph sign-in log, token endpoint, control
 * plane, pages), the way an end-to-end test written from the issue text would, beyond the per-feature
 * suites: report-only results behind Prefer, refused refreshes in the log, TAP-bound refresh and SSO,
 * wall-clock TOTP, domain_hint on /organizations, loopback logout, a blocked sign-in not using up a pass.
 */
import { describe, it, expect, beforeEach } from "vitest";
import { harness, newTenant, appToken, PASSWORD, PUBLIC_APP, type Harness } from "../helpers";
import {
  Browser, CAROL_SECRET, addCaPolicy, alertText, blockFor, claims, createTap, enterUsername, labels, redeemCode, redirectParams,
  requireMfaFor, startSignIn, tenantNow, totp, userId,
} from "./support";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
  // Multi-use passes allowed, so a pass can outlive its first sign-in in these probes.
  h.deps.tenants.require(t.id).state.methodsPolicy.configurations.TemporaryAccessPass.isUsableOnce = false;
});

const signIns = async (version: "v1.0" | "beta", prefer?: string) => {
  const token = await appToken(h, t.id);
  const res = await h.call("GET", `/${version}/auditLogs/signIns`, { token, headers: prefer ? { prefer } : {} });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.value as any[];
};

async function tapSignIn(b: Browser, value: string, upn: string) {
  const { page, verifier } = await startSignIn(b, t.id);
  const tapPage = await enterUsername(b, page, upn);
  expect(labels(tapPage.text)).toEqual(["Temporary Access Pass"]);
  const res = await b.submit(tapPage, { accessPass: value });
  expect(res.status, res.text).toBe(302);
  return redeemCode(h, t.id, redirectParams(res.location).code, verifier);
}

describe("sign-in log through Graph", () => {
  it("shows report-only results on v1.0 only behind Prefer: include-unknown-enum-members", async () => {
    const id = await addCaPolicy(h, t.id, { ...blockFor(userId(h, t.id, t.upn("carol")), "RO block"), state: "enabledForReportingButNotEnforced" });
    const b = new Browser(h);
    const start = await startSignIn(b, t.id);
    const done = await b.submit(await enterUsername(b, start.page, t.upn("carol")), { passwd: PASSWORD });
    expect(done.status).toBe(302);
    const plain = (await signIns("v1.0")).find((s) => s.userPrincipalName === t.upn("carol") && s.status.errorCode === 0)!;
    expect(plain.appliedConditionalAccessPolicies.find((p: any) => p.id === id).result).toBe("unknownFutureValue");
    const rich = (await signIns("v1.0", "include-unknown-enum-members")).find((s) => s.id === plain.id)!;
    expect(rich.appliedConditionalAccessPolicies.find((p: any) => p.id === id).result).toBe("reportOnlyFailure");
    expect(rich.authenticationRequirement).toBeUndefined(); // beta-only property
    const beta = (await signIns("beta")).find((s) => s.id === plain.id)!;
    expect(beta.authenticationRequirement).toBe("singleFactorAuthentication");
    expect(beta.appliedConditionalAccessPolicies.find((p: any) => p.id === id).result).toBe("reportOnlyFailure");
  });

  it("records a one-time TAP sign-in step (TAP used, one-time pass consumed) on beta", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"), { isUsableOnce: true });
    const tok = await tapSignIn(new Browser(h), tap.value, t.upn("alice"));
    expect(tok.status).toBe(200);
    const entry = (await signIns("beta")).find((s) => s.userPrincipalName === t.upn("alice"))!;
    expect(entry.status.errorCode).toBe(0);
    expect(entry.authenticationDetails[0]).toMatchObject({ authenticationMethod: "Temporary Access Pass", succeeded: true, authenticationStepResultDetail: "One-time Temporary Access Pass consumed" });
  });

  it("logs a refused refresh of a TAP session (the pass was deleted) as a failed non-interactive sign-in", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"), { isUsableOnce: false, lifetimeInMinutes: 60 });
    const tok = await tapSignIn(new Browser(h), tap.value, t.upn("alice"));
    const token = await appToken(h, t.id);
    expect((await h.call("DELETE", `/v1.0/users/${t.upn("alice")}/authentication/temporaryAccessPassMethods/${tap.id}`, { token })).status).toBe(204);
    const refused = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, { form: { grant_type: "refresh_token", client_id: PUBLIC_APP.appId, refresh_token: tok.body.refresh_token } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe("invalid_grant");
    const code = refused.body.error_codes[0];
    expect(code).toBe(50173); // the pass the session was bound to is gone
    const entry = (await signIns("beta")).find((s) => s.userPrincipalName === t.upn("alice") && s.status.errorCode === code);
    expect(entry, `no failed log entry with ${code}`).toBeTruthy();
    expect(entry.isInteractive).toBe(false);
  });
});

describe("tokens bound to the TAP", () => {
  it("refuses a refresh after the pass expired (invalid_grant) and the SSO session ends with it", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"), { isUsableOnce: false, lifetimeInMinutes: 60 });
    const b = new Browser(h);
    const tok = await tapSignIn(b, tap.value, t.upn("alice"));
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 61 } });
    const refused = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, { form: { grant_type: "refresh_token", client_id: PUBLIC_APP.appId, refresh_token: tok.body.refresh_token } });
    expect(refused.body.error).toBe("invalid_grant");
    expect(refused.body.error_description).toMatch(/^AADSTS\d+/);
    const again = await startSignIn(b, t.id);
    expect(labels(again.page.text)).toEqual(["Email, phone, or Skype"]);
  });

  it("refreshes a password+TOTP session under an MFA policy", async () => {
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("carol"))));
    const b = new Browser(h);
    const { page, verifier } = await startSignIn(b, t.id);
    const code = await b.submit(await enterUsername(b, page, t.upn("carol")), { passwd: PASSWORD });
    expect(labels(code.text)).toEqual(["Code"]);
    const res = await b.submit(code, { otc: totp(CAROL_SECRET, tenantNow(h, t.id)) });
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, verifier);
    const refreshed = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, { form: { grant_type: "refresh_token", client_id: PUBLIC_APP.appId, refresh_token: tok.body.refresh_token } });
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    expect(claims(refreshed.body.access_token).amr).toEqual(["pwd", "mfa", "otp"]);
  });
});

describe("pages", () => {
  it("shows a TAP deleted while the page was open as a wrong credential, not a crash", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"));
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const tapPage = await enterUsername(b, page, t.upn("alice"));
    const token = await appToken(h, t.id);
    await h.call("DELETE", `/v1.0/users/${t.upn("alice")}/authentication/temporaryAccessPassMethods/${tap.id}`, { token });
    const res = await b.submit(tapPage, { accessPass: tap.value });
    expect(res.status).toBe(200);
    expect(alertText(res.text)).toMatch(/AADSTS(50126|130501)/);
  });

  it("logout by POST ends the session too", async () => {
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    await b.submit(await enterUsername(b, page, t.upn("alice")), { passwd: PASSWORD });
    const out = await b.request("POST", `/${t.id}/oauth2/v2.0/logout`, { client_id: PUBLIC_APP.appId });
    expect(out.status).toBeLessThan(400);
    const again = await startSignIn(b, t.id);
    expect(labels(again.page.text)).toEqual(["Email, phone, or Skype"]);
  });

  it("blocks at sign-in with 53003 shown on the page", async () => {
    await addCaPolicy(h, t.id, blockFor(userId(h, t.id, t.upn("alice"))));
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const res = await b.submit(await enterUsername(b, page, t.upn("alice")), { passwd: PASSWORD });
    expect(alertText(res.text)).toContain("AADSTS53003");
  });
});

describe("second factors in tests that move the tenant clock", () => {
  it("accepts a TOTP computed at wall-clock time after the tenant clock moved (the phone keeps real time)", async () => {
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("carol"))));
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 90 } });
    const b = new Browser(h);
    const { page, verifier } = await startSignIn(b, t.id);
    const code = await b.submit(await enterUsername(b, page, t.upn("carol")), { passwd: PASSWORD });
    const wallClockCode = totp(CAROL_SECRET, h.clock.now());
    expect(wallClockCode).not.toBe(totp(CAROL_SECRET, tenantNow(h, t.id)));
    const res = await b.submit(code, { otc: wallClockCode });
    expect(res.status, res.text).toBe(302);
    expect((await redeemCode(h, t.id, redirectParams(res.location).code, verifier)).status).toBe(200);
  });

  it("approves a push whose number is sent as digits in a string", async () => {
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("bob"))));
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    await b.submit(await enterUsername(b, page, t.upn("bob")), { passwd: PASSWORD });
    const [push] = (await h.call("GET", `/_emulator/tenants/${t.id}/outbox?kind=push&status=pending`)).body.value;
    const res = await h.call("POST", `/_emulator/tenants/${t.id}/outbox/${push.id}/approve`, { body: { number: String(push.data.numberToMatch) } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("approved");
  });
});

describe("home realm discovery from domain_hint", () => {
  it("goes straight to the federated IdP from /organizations when domain_hint names a federated domain", async () => {
    const fedDomain = t.doc.tenant.domains.find((d: any) => d.authenticationType === "Federated").id;
    const b = new Browser(h);
    const { page } = await startSignIn(b, "organizations", { domain_hint: fedDomain });
    expect(labels(page.text)).toEqual(["User name", "Password"]);
    const back = await b.submit(page, { UserName: `fred@${fedDomain}`, Password: PASSWORD });
    const res = await b.follow(back);
    expect(res.status, res.text).toBe(302);
    expect(redirectParams(res.location).code).toBeTruthy();
  });
});

describe("logout", () => {
  it("redirects to a public client's loopback post_logout_redirect_uri on any port, with the state", async () => {
    const out = await new Browser(h).get(`/${t.id}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("http://localhost:51234/")}&client_id=${PUBLIC_APP.appId}&state=bye`);
    expect(out.status).toBe(302);
    expect(out.location).toBe("http://localhost:51234/?state=bye");
  });
});

describe("a one-time pass is consumed by the first successful sign-in", () => {
  it("stays usable after a sign-in with it was blocked by Conditional Access (53003), then works", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"), { isUsableOnce: true });
    const policy = await addCaPolicy(h, t.id, blockFor(userId(h, t.id, t.upn("alice"))));
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const blocked = await b.submit(await enterUsername(b, page, t.upn("alice")), { accessPass: tap.value });
    expect(alertText(blocked.text)).toContain("AADSTS53003");
    const entry = (await signIns("beta")).find((s) => s.status.errorCode === 53003)!;
    expect(entry.authenticationDetails[0]).toMatchObject({ authenticationMethod: "Temporary Access Pass", authenticationStepResultDetail: "Correct Temporary Access Pass" });
    const token = await appToken(h, t.id);
    expect((await h.call("DELETE", `/v1.0/identity/conditionalAccess/policies/${policy}`, { token })).status).toBe(204);
    const ok = await tapSignIn(new Browser(h), tap.value, t.upn("alice"));
    expect(ok.status).toBe(200);
  });
});

describe("device code with a Temporary Access Pass", () => {
  it("signs in at /devicelogin with the pass; the device's tokens carry otp+mfa and end with the pass", async () => {
    const tap = await createTap(h, t.id, t.upn("alice"), { isUsableOnce: true, lifetimeInMinutes: 60 });
    const dc = (await h.call("POST", `/${t.id}/oauth2/v2.0/devicecode`, { form: { client_id: PUBLIC_APP.appId, scope: "User.Read offline_access openid" } })).body;
    const b = new Browser(h);
    const entry = await b.get("/devicelogin");
    const tapPage = await enterUsername(b, await b.submit(entry, { otc: dc.user_code }), t.upn("alice"));
    expect(labels(tapPage.text)).toEqual(["Temporary Access Pass"]);
    const confirm = await b.submit(tapPage, { accessPass: tap.value });
    await b.submit(confirm, { decision: "continue" });
    const tok = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, { form: { grant_type: "device_code", client_id: PUBLIC_APP.appId, device_code: dc.device_code } });
    expect(tok.status, JSON.stringify(tok.body)).toBe(200);
    const at = claims(tok.body.access_token);
    expect(at.amr).toEqual(["otp", "mfa"]);
    expect(at.exp).toBeLessThanOrEqual(Math.floor(tenantNow(h, t.id).getTime() / 1000) + 3600);
    expect(tok.body.refresh_token_expires_in).toBeLessThanOrEqual(3600);
  });
});
