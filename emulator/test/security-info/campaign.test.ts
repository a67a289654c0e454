import { describe, it, expect, beforeEach } from "vitest";
import { appToken, harness, newTenant, PASSWORD, PUBLIC_APP, type Harness } from "../helpers";
import {
  Browser, CAROL_SECRET, addCaPolicy, alertText, buttons, enterUsername, labels, linkHref, redeemCode, redirectParams, requireMfaFor, startSignIn,
  tenantNow, tenantState, totp, userId, type PageResponse,
} from "../signin/support";
import { formFor, patchPolicy, send } from "./support";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
});

const TITLE = "Improve your sign-in";

async function campaign(patch: Record<string, unknown> = {}) {
  await patchPolicy(h, t.id, {
    registrationEnforcement: {
      authenticationMethodsRegistrationCampaign: {
        state: "enabled", snoozeDurationInDays: 1,
        includeTargets: [{ id: "all_users", targetType: "group", targetedAuthenticationMethod: "microsoftAuthenticator" }], excludeTargets: [],
        ...patch,
      },
    },
  });
}

/** Carol (TOTP only) must do MFA: Conditional Access requires it for her. */
const carolNeedsMfa = () => addCaPolicy(h, t.id, requireMfaFor(userId(h, t.id, t.upn("carol"))));

/** An authorize sign-in of carol with password + TOTP; returns the page/redirect after the code. */
async function carolSignsIn(b = new Browser(h), p: Record<string, string> = {}) {
  const { page, verifier } = await startSignIn(b, t.id, p);
  const pwd = await enterUsername(b, page, t.upn("carol"));
  let code = await b.submit(pwd, { passwd: PASSWORD });
  // With Authenticator registered, the push comes first: choose the code instead.
  const useCode = linkHref(code.text, "Use a verification code");
  if (useCode && !labels(code.text).includes("Code")) code = await b.get(useCode);
  expect(labels(code.text), code.text).toEqual(["Code"]);
  const after = await b.submit(code, { otc: totp(CAROL_SECRET, tenantNow(h, t.id)) });
  return { after, verifier, b };
}

const isNudge = (r: PageResponse) => r.status === 200 && r.text.includes(`<h1>${TITLE}</h1>`);

async function expectAppAnswered(r: PageResponse, verifier: string) {
  expect(r.status, r.text).toBe(302);
  const params = redirectParams(r.location);
  expect(params.state).toBe("st-1");
  const tok = await redeemCode(h, t.id, params.code, verifier);
  expect(tok.status, JSON.stringify(tok.body)).toBe(200);
}

describe("registration campaign interstitial", () => {
  it("appears after an MFA sign-in for an included user without Authenticator; Skip for now completes the sign-in and snoozes by the tenant clock", async () => {
    await campaign();
    await carolNeedsMfa();
    const { after, verifier, b } = await carolSignsIn();
    expect(isNudge(after), after.text).toBe(true);
    expect(buttons(after.text)).toEqual(["Next", "Skip for now"]);
    await expectAppAnswered(await send(b, formFor(after, "/mysecurityinfo/campaign"), { decision: "skip" }), verifier);

    // Snoozed for snoozeDurationInDays (1 day of tenant time).
    const again = await carolSignsIn();
    expect(isNudge(again.after)).toBe(false);
    await expectAppAnswered(again.after, again.verifier);
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 23 * 60 } });
    expect(isNudge((await carolSignsIn()).after)).toBe(false);
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 61 } });
    expect(isNudge((await carolSignsIn()).after)).toBe(true);
  });

  it("Next leads to My Security Info's Authenticator registration, then Continue completes the original sign-in", async () => {
    await campaign();
    await carolNeedsMfa();
    const { after, verifier, b } = await carolSignsIn();
    const next = await send(b, formFor(after, "/mysecurityinfo/campaign"), { decision: "next" });
    expect(next.status).toBe(303);
    const form = await b.follow(next);
    expect(form.status, form.text).toBe(200);
    expect(labels(form.text)).toEqual(["Device name"]);
    const done = await send(b, formFor(form, "/mysecurityinfo/add"), { displayName: "Carol's phone" });
    expect(done.status, done.text).toBe(200);
    expect(done.text).toContain("Microsoft Authenticator was added");
    await expectAppAnswered(await send(b, formFor(done, "/mysecurityinfo/campaign"), { decision: "continue" }), verifier);

    const token = await appToken(h, t.id);
    const methods = await h.call("GET", `/v1.0/users/${t.upn("carol")}/authentication/methods`, { token });
    expect(methods.status).toBe(200);
    expect(methods.body.value.find((m: any) => m["@odata.type"] === "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod")?.displayName).toBe("Carol's phone");
    expect(isNudge((await carolSignsIn()).after)).toBe(false);
  });

  it("allows three snoozes, then forces registration (enforceRegistrationAfterAllowedSnoozes); 0 days nudges at every sign-in", async () => {
    await campaign({ snoozeDurationInDays: 0 });
    await carolNeedsMfa();
    for (let i = 0; i < 3; i++) {
      const { after, verifier, b } = await carolSignsIn();
      expect(buttons(after.text)).toEqual(["Next", "Skip for now"]);
      await expectAppAnswered(await send(b, formFor(after, "/mysecurityinfo/campaign"), { decision: "skip" }), verifier);
    }
    const { after, b } = await carolSignsIn();
    expect(isNudge(after)).toBe(true);
    expect(buttons(after.text)).toEqual(["Next"]);
    const forged = await send(b, formFor(after, "/mysecurityinfo/campaign"), { decision: "skip" });
    expect(forged.status).toBe(400);
    expect(alertText(forged.text)).toContain("requires you to set up Microsoft Authenticator");
  });

  it("lets users snooze for ever when enforceRegistrationAfterAllowedSnoozes is false (beta)", async () => {
    await campaign({ snoozeDurationInDays: 0 });
    const res = await h.call("PATCH", "/beta/policies/authenticationMethodsPolicy", {
      token: await appToken(h, t.id),
      body: { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { enforceRegistrationAfterAllowedSnoozes: false } } },
    });
    expect([200, 204]).toContain(res.status);
    await carolNeedsMfa();
    for (let i = 0; i < 4; i++) {
      const { after, verifier, b } = await carolSignsIn();
      expect(buttons(after.text)).toEqual(["Next", "Skip for now"]);
      await expectAppAnswered(await send(b, formFor(after, "/mysecurityinfo/campaign"), { decision: "skip" }), verifier);
    }
  });
});

describe("when the campaign interstitial does not appear", () => {
  it("campaign state default (Microsoft managed) or disabled", async () => {
    await carolNeedsMfa();
    expect(isNudge((await carolSignsIn()).after)).toBe(false);
    await campaign({ state: "disabled" });
    const { after, verifier } = await carolSignsIn();
    await expectAppAnswered(after, verifier);
  });

  it("user excluded (exclusion wins) or not included", async () => {
    await carolNeedsMfa();
    const allStaff = tenantState(h, t.id).groups.find((g) => g.displayName === "All Staff")!.id;
    await campaign({ excludeTargets: [{ id: allStaff, targetType: "group" }] });
    expect(isNudge((await carolSignsIn()).after)).toBe(false);
    const tapPilot = tenantState(h, t.id).groups.find((g) => g.displayName === "TAP Pilot")!.id;
    await campaign({ includeTargets: [{ id: tapPilot, targetType: "group", targetedAuthenticationMethod: "microsoftAuthenticator" }], excludeTargets: [] });
    expect(isNudge((await carolSignsIn()).after)).toBe(false);
    await campaign({ includeTargets: [{ id: userId(h, t.id, t.upn("carol")), targetType: "user", targetedAuthenticationMethod: "microsoftAuthenticator" }] });
    expect(isNudge((await carolSignsIn()).after)).toBe(true);
  });

  it("no MFA in this sign-in (nudges come only after a successful MFA)", async () => {
    await campaign();
    const b = new Browser(h);
    const { page, verifier } = await startSignIn(b, t.id);
    const res = await b.submit(await enterUsername(b, page, t.upn("carol")), { passwd: PASSWORD });
    await expectAppAnswered(res, verifier);
  });

  it("the user already has Microsoft Authenticator", async () => {
    await campaign();
    await carolNeedsMfa();
    tenantState(h, t.id).authMethods[userId(h, t.id, t.upn("carol"))].methods.push({
      kind: "microsoftAuthenticator", id: "0b0b0b0b-0000-4000-8000-000000000001", createdDateTime: null, props: { displayName: "Old phone" },
    });
    const b = new Browser(h);
    const { page, verifier } = await startSignIn(b, t.id);
    let step = await b.submit(await enterUsername(b, page, t.upn("carol")), { passwd: PASSWORD });
    const useCode = linkHref(step.text, "Use a verification code");
    if (useCode) step = await b.get(useCode);
    const res = await b.submit(step, { otc: totp(CAROL_SECRET, tenantNow(h, t.id)) });
    await expectAppAnswered(res, verifier);
  });

  it("Authenticator push is not enabled for the user (deviceBasedPush after migration)", async () => {
    await campaign();
    await carolNeedsMfa();
    await patchPolicy(h, t.id, {
      "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration", state: "enabled",
      includeTargets: [{ targetType: "group", id: "all_users", authenticationMode: "deviceBasedPush" }],
    }, "MicrosoftAuthenticator");
    await patchPolicy(h, t.id, { "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethodConfiguration", state: "enabled" }, "SoftwareOath");
    await patchPolicy(h, t.id, { policyMigrationState: "migrationInProgress" });
    await patchPolicy(h, t.id, { policyMigrationState: "migrationComplete" });
    const { after, verifier } = await carolSignsIn();
    await expectAppAnswered(after, verifier);
  });

  it("a Conditional Access policy blocks the register-security-info user action", async () => {
    await campaign();
    await carolNeedsMfa();
    await addCaPolicy(h, t.id, {
      displayName: "Block registration",
      conditions: { users: { includeUsers: [userId(h, t.id, t.upn("carol"))] }, applications: { includeUserActions: ["urn:user:registersecurityinfo"] }, clientAppTypes: ["all"] },
      grantControls: { operator: "OR", builtInControls: ["block"] },
    });
    const { after, verifier } = await carolSignsIn();
    await expectAppAnswered(after, verifier);
  });

  it("the device code flow", async () => {
    await campaign();
    await carolNeedsMfa();
    const dc = await h.call("POST", `/${t.id}/oauth2/v2.0/devicecode`, { form: { client_id: PUBLIC_APP.appId, scope: "User.Read offline_access openid profile" } });
    const b = new Browser(h);
    const username = await b.submit(await b.get("/devicelogin"), { otc: dc.body.user_code });
    const code = await b.submit(await enterUsername(b, username, t.upn("carol")), { passwd: PASSWORD });
    const confirm = await b.submit(code, { otc: totp(CAROL_SECRET, tenantNow(h, t.id)) });
    expect(buttons(confirm.text)).toEqual(["Continue", "Cancel"]);
    const done = await b.submit(confirm, { decision: "continue" });
    expect(done.text).toContain("You have signed in");
  });
});

describe("the interstitial cannot be bypassed", () => {
  it("shows the interstitial again when the finished sign-in step is reloaded", async () => {
    await campaign();
    await carolNeedsMfa();
    const { after, b } = await carolSignsIn();
    const ctx = formFor(after, "/mysecurityinfo/campaign").hidden.ctx;
    const reload = await b.get(`/${t.id}/login?ctx=${ctx}`);
    expect(isNudge(reload), reload.text).toBe(true);
  });
});
