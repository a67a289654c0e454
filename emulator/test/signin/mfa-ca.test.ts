import { describe, it, expect, beforeEach } from "vitest";
import { harness, newTenant, PASSWORD, type Harness } from "../helpers";
import {
  Browser, CAROL_SECRET, addCaPolicy, alertText, authorizeUrl, blockFor, buttons, claims, createTap, enterUsername, labels, linkHref,
  redeemCode, redirectParams, requireMfaFor, startSignIn, tenantNow, tenantState, totp, userId,
} from "./support";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
});

async function afterPassword(b: Browser, upn: string) {
  const { page, verifier } = await startSignIn(b, t.id);
  const pwd = await enterUsername(b, page, upn);
  return { page: await b.submit(pwd, { passwd: PASSWORD }), verifier };
}

const outbox = async (query = "") => (await h.call("GET", `/_emulator/tenants/${t.id}/outbox${query}`)).body.value as any[];

describe("second factor required by Conditional Access", () => {
  it("asks a TOTP user for the code (label Code, button Verify) and refuses a wrong one (AADSTS500121)", async () => {
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("carol"))));
    const b = new Browser(h);
    const { page } = await afterPassword(b, t.upn("carol"));
    expect(labels(page.text)).toEqual(["Code"]);
    expect(buttons(page.text)).toEqual(["Verify"]);
    const wrong = await b.submit(page, { otc: "000000" === totp(CAROL_SECRET, tenantNow(h, t.id)) ? "111111" : "000000" });
    expect(alertText(wrong.text)).toContain("AADSTS500121");
  });

  it("accepts the TOTP computed from the registered secret; amr is pwd+mfa; the log shows MFA and the CA result", async () => {
    const policyId = await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("carol"))));
    const b = new Browser(h);
    const { page, verifier } = await afterPassword(b, t.upn("carol"));
    const res = await b.submit(page, { otc: totp(CAROL_SECRET, tenantNow(h, t.id)) });
    expect(res.status, res.text).toBe(302);
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, verifier);
    expect(claims(tok.body.access_token).amr).toEqual(["pwd", "mfa", "otp"]);
    const log = tenantState(h, t.id).signIns.at(-1) as any;
    expect(log.status.errorCode).toBe(0);
    expect(log.authenticationRequirement).toBe("multiFactorAuthentication");
    expect(log.conditionalAccessStatus).toBe("success");
    expect(log.appliedConditionalAccessPolicies.find((p: any) => p.id === policyId)).toMatchObject({ result: "success", enforcedGrantControls: ["Require multifactor authentication"] });
    // The fixture's report-only registration policies are recorded too, with their report-only values.
    expect(log.appliedConditionalAccessPolicies.some((p: any) => p.result.startsWith("reportOnly"))).toBe(true);
    expect(log.authenticationDetails.map((d: any) => d.authenticationMethod)).toEqual(["Password", "OATH verification code"]);
  });

  it("sends an Authenticator push with a number to match; the matching number approves it", async () => {
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("bob"))));
    const b = new Browser(h);
    const { page, verifier } = await afterPassword(b, t.upn("bob"));
    const number = Number(/aria-label="Number to match">(\d+)</.exec(page.text)![1]);
    expect(page.text).toContain('http-equiv="refresh"');
    // The page answers a POST: its refresh must name the interaction, not reload the bare form target.
    const ctx = /name="ctx" value="([^"]+)"/.exec(page.text)![1];
    const refreshUrl = /http-equiv="refresh" content="\d+;url=([^"]+)"/.exec(page.text)?.[1].replace(/&amp;/g, "&");
    expect(refreshUrl).toBe(`/${t.id}/login?ctx=${encodeURIComponent(ctx)}`);
    const [push] = await outbox("?kind=push");
    expect(push.data.numberToMatch).toBe(number);
    expect(push.data.appName).toBeUndefined();
    const pending = await b.get(refreshUrl!);
    expect(pending.status).toBe(200);
    const approve = await h.call("POST", `/_emulator/tenants/${t.id}/outbox/${push.id}/approve`, { body: { number } });
    expect(approve.body.status).toBe("approved");
    const done = await b.submit(page, {});
    expect(done.status, done.text).toBe(302);
    const tok = await redeemCode(h, t.id, redirectParams(done.location).code, verifier);
    expect(claims(tok.body.access_token).amr).toEqual(["pwd", "mfa", "rsa"]);
  });

  it("denies the push when the wrong number is entered (AADSTS500121)", async () => {
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("bob"))));
    const b = new Browser(h);
    const { page } = await afterPassword(b, t.upn("bob"));
    const [push] = await outbox("?kind=push");
    const denied = await h.call("POST", `/_emulator/tenants/${t.id}/outbox/${push.id}/approve`, { body: { number: push.data.numberToMatch === 99 ? 98 : 99 } });
    expect(denied.body.status).toBe("denied");
    const res = await b.submit(page, {});
    expect(res.status).toBe(400);
    expect(alertText(res.text)).toContain("AADSTS500121");
  });

  it("shows app name and location in the push when the Authenticator feature settings enable them", async () => {
    const state = tenantState(h, t.id);
    const auth = (state.methodsPolicy.configurations.MicrosoftAuthenticator ??= { id: "MicrosoftAuthenticator" });
    Object.assign(auth, {
      state: "enabled",
      includeTargets: [{ targetType: "group", id: "all_users", authenticationMode: "any" }],
      featureSettings: {
        displayAppInformationRequiredState: { state: "enabled", includeTarget: { targetType: "group", id: "all_users" }, excludeTarget: { targetType: "group", id: "00000000-0000-0000-0000-000000000000" } },
        displayLocationInformationRequiredState: { state: "enabled", includeTarget: { targetType: "group", id: "all_users" }, excludeTarget: { targetType: "group", id: "00000000-0000-0000-0000-000000000000" } },
      },
    });
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("bob"))));
    await afterPassword(new Browser(h), t.upn("bob"));
    const [push] = await outbox("?kind=push");
    expect(push.data.appName).toBe("tenantlab public client");
    expect(push.data.location).toMatchObject({ ipAddress: expect.any(String) });
  });

  it("offers an SMS code as another option; the code from the outbox completes the sign-in", async () => {
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("bob"))));
    const b = new Browser(h);
    const { page } = await afterPassword(b, t.upn("bob"));
    const sms = await b.get(linkHref(page.text, "Text my phone")!);
    expect(labels(sms.text)).toEqual(["Code"]);
    const [message] = await outbox("?kind=sms");
    expect(message.to).toBe("+1 4255550111");
    const res = await b.submit(sms, { otc: message.data.code });
    expect(res.status, res.text).toBe(302);
  });

  it("fails with AADSTS50079 when MFA is required and the user has no method", async () => {
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("alice"))));
    const { page } = await afterPassword(new Browser(h), t.upn("alice"));
    expect(page.status).toBe(400);
    expect(alertText(page.text)).toContain("AADSTS50079");
  });

  it("accepts a TAP as MFA: no second factor after a TAP sign-in", async () => {
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("alice"))));
    const tap = await createTap(h, t.id, t.upn("alice"));
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const tapPage = await enterUsername(b, page, t.upn("alice"));
    const res = await b.submit(tapPage, { accessPass: tap.value });
    expect(res.status, res.text).toBe(302);
  });

  it("blocks with AADSTS53003 after the first factor and logs the failure", async () => {
    const policyId = await addCaPolicy(h, t.id, blockFor(userId(h, t.id, t.upn("carol"))));
    const { page } = await afterPassword(new Browser(h), t.upn("carol"));
    expect(page.status).toBe(400);
    expect(alertText(page.text)).toContain("AADSTS53003");
    const log = tenantState(h, t.id).signIns.at(-1) as any;
    expect(log.status.errorCode).toBe(53003);
    expect(log.conditionalAccessStatus).toBe("failure");
    expect(log.appliedConditionalAccessPolicies.find((p: any) => p.id === policyId)).toMatchObject({ result: "failure" });
  });

  it("records report-only policies without enforcing them", async () => {
    const id = await addCaPolicy(h, t.id, { ...blockFor(userId(h, t.id, t.upn("carol")), "Report-only block"), state: "enabledForReportingButNotEnforced" });
    const { page } = await afterPassword(new Browser(h), t.upn("carol"));
    expect(page.status).toBe(302);
    const log = tenantState(h, t.id).signIns.at(-1) as any;
    expect(log.appliedConditionalAccessPolicies.find((p: any) => p.id === id).result).toBe("reportOnlyFailure");
  });

  it("steps up an existing SSO session when a new policy demands MFA", async () => {
    const b = new Browser(h);
    await afterPassword(b, t.upn("carol"));
    await addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("carol"))));
    const res = await b.get(authorizeUrl(t.id, {}));
    expect(labels(res.text)).toEqual(["Code"]);
    const none = await b.get(authorizeUrl(t.id, { prompt: "none" }));
    expect(redirectParams(none.location).error).toBe("interaction_required");
  });

  it("asks per-user MFA (legacy enforced) users for a second factor", async () => {
    tenantState(h, t.id).authMethods[userId(h, t.id, t.upn("carol"))].perUserMfaState = "enforced";
    const { page } = await afterPassword(new Browser(h), t.upn("carol"));
    expect(labels(page.text)).toEqual(["Code"]);
  });
});
