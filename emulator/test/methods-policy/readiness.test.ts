/**
 * GET /_emulator/tenants/{id}/migration/readiness: coverage of each enabled legacy method by the new
 * policy for the same users, and who would lose which methods (or be stranded) if completed now.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../helpers";
import { CONFIGS, GROUP, POLICY, USER, clearRegistrations, live, policyTenant, register } from "./support";

async function setup(mutate?: (doc: Record<string, any>) => void) {
  const h = await harness();
  const t = await policyTenant(h, mutate);
  clearRegistrations(t.state());
  const readiness = async () => (await h.call("GET", `/_emulator/tenants/${t.id}/migration/readiness`)).body;
  return { h, t, readiness };
}
const method = (r: any, policy: string, name: string) => r.legacyMethods.find((m: any) => m.policy === policy && m.method === name);
const user = (r: any, id: string) => r.usersLosingMethods.find((u: any) => u.id === id);

describe("legacy method coverage", () => {
  it("reports the default tenant's legacy methods and which the new policy already covers", async () => {
    const { readiness } = await setup();
    const r = await readiness();
    expect(r).toMatchObject({ policyMigrationState: "preMigration", deprecationEnforced: false, legacyHonoured: true, readyToComplete: false });
    expect(r.legacyMethods.map((m: any) => `${m.policy}:${m.method}`)).toEqual([
      "mfa:textMessageToPhone", "mfa:notificationThroughMobileApp", "mfa:verificationCodeFromMobileAppOrHardwareToken",
      "sspr:email", "sspr:mobilePhone", "sspr:securityQuestions",
    ]);
    expect(method(r, "mfa", "textMessageToPhone")).toMatchObject({ mapsTo: ["Sms"], coveredForSameUsers: true, uncoveredUsers: [] });
    expect(method(r, "mfa", "notificationThroughMobileApp")).toMatchObject({ mapsTo: ["MicrosoftAuthenticator"], coveredForSameUsers: false });
    expect(method(r, "mfa", "notificationThroughMobileApp").uncoveredUsers).toHaveLength(15);
    expect(method(r, "mfa", "verificationCodeFromMobileAppOrHardwareToken").note).toMatch(/Hardware OATH/);
    expect(method(r, "sspr", "mobilePhone").uncoveredUsers[0].missing).toEqual(["voice"]);
    expect(method(r, "sspr", "securityQuestions")).toMatchObject({ coveredForSameUsers: true, mapsTo: [] });
    expect(method(r, "sspr", "securityQuestions").note).toMatch(/stay in the SSPR policy/);
  });

  it("judges coverage for the same users: a method enabled for a smaller group is not covered", async () => {
    const { h, t, readiness } = await setup();
    await h.call("PATCH", `${CONFIGS}/MicrosoftAuthenticator`, {
      token: t.token, body: { "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration", state: "enabled", includeTargets: [{ id: GROUP.tapPilot, targetType: "group" }] },
    });
    const m = method(await readiness(), "mfa", "notificationThroughMobileApp");
    expect(m.coveredForSameUsers).toBe(false);
    expect(m.uncoveredUsers.map((u: any) => u.id)).not.toContain(USER.alice);
    expect(m.uncoveredUsers.map((u: any) => u.id)).toContain(USER.carol);
    await h.call("PATCH", `${CONFIGS}/MicrosoftAuthenticator`, {
      token: t.token, body: { "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration", includeTargets: [{ id: "all_users", targetType: "group" }], excludeTargets: [{ id: GROUP.breakGlass, targetType: "group" }] },
    });
    const excluded = method(await readiness(), "mfa", "notificationThroughMobileApp");
    expect(excluded.uncoveredUsers.map((u: any) => u.userPrincipalName)).toEqual([t.upn("breakglass1@" + t.domain.replace(/\.com$/, ".onmicrosoft.com")), t.upn("breakglass2@" + t.domain.replace(/\.com$/, ".onmicrosoft.com"))]);
  });

  it("checks SSPR coverage only for users SSPR covers", async () => {
    const { h, t, readiness } = await setup();
    await h.call("PATCH", `/_emulator/tenants/${t.id}/legacy/sspr`, { body: { enabledFor: "selected", selectedGroupId: GROUP.tapPilot } });
    const m = method(await readiness(), "sspr", "email");
    expect(m.uncoveredUsers.map((u: any) => u.id).sort()).toEqual([USER.alice, USER.bob, "11111111-0000-4000-8000-000000000040"]);
    // Administrators use the two-gate administrator policy instead: never counted here.
    await h.call("PATCH", `/_emulator/tenants/${t.id}/legacy/sspr`, { body: { selectedGroupId: GROUP.helpdesk } });
    expect(method(await readiness(), "sspr", "email").uncoveredUsers).toEqual([]);
  });
});

describe("who loses what", () => {
  it("lists per user the methods lost on completion and who would be stranded", async () => {
    const { t, readiness } = await setup();
    const s = t.state();
    register(s, USER.alice, "authenticator");
    register(s, USER.bob, "softwareOath");
    register(s, USER.carol, "mobile", "authenticator");
    const r = await readiness();
    expect(user(r, USER.alice)).toMatchObject({ strandedFor: ["mfa"] });
    expect(user(r, USER.alice).loses.mfa.sort()).toEqual(["hardwareOath", "microsoftAuthenticatorPush", "softwareOath"]);
    expect(user(r, USER.bob).strandedFor).toEqual(["mfa"]);
    expect(user(r, USER.carol).strandedFor).toEqual([]); // keeps SMS
    expect(user(r, USER.carol).loses.sspr.sort()).toEqual(["email", "voice"]);
    expect(r.strandedUsers.mfa.sort()).toEqual([t.upn("alice"), t.upn("bob")].sort());
  });

  it("flags users whose only SSPR method goes away, counting the methods required to reset", async () => {
    const { h, t, readiness } = await setup();
    const s = t.state();
    register(s, USER.carol, "email");
    register(s, USER.bob, "email", "mobile");
    let r = await readiness();
    expect(r.strandedUsers.sspr).toEqual([t.upn("carol")]);
    await h.call("PATCH", `/_emulator/tenants/${t.id}/legacy/sspr`, { body: { numberOfMethodsRequiredToReset: 2 } });
    r = await readiness();
    expect(r.strandedUsers.sspr).toEqual([t.upn("bob")]); // email + mobile now; only sms afterwards
  });

  it("reports nothing to lose once the migration is complete", async () => {
    const { h, t, readiness } = await setup();
    register(t.state(), USER.alice, "authenticator");
    await h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: "migrationComplete" } });
    const r = await readiness();
    expect(r).toMatchObject({ legacyHonoured: false, usersLosingMethods: [], strandedUsers: { mfa: [], sspr: [] } });
  });

  it("reports nothing to lose when the deprecation is enforced (legacy already ignored)", async () => {
    const { h, t, readiness } = await setup();
    await h.call("PATCH", `/_emulator/tenants/${t.id}/legacy`, { body: { deprecationEnforced: true } });
    const r = await readiness();
    expect(r.usersLosingMethods).toEqual([]);
    expect(r.deprecationEnforced).toBe(true);
  });
});

describe("GET .../migration/usable-methods", () => {
  it("answers usableMethods for one user or everyone", async () => {
    const { h, t } = await setup();
    const one = await h.call("GET", `/_emulator/tenants/${t.id}/migration/usable-methods?user=${t.upn("alice")}`);
    expect(one.body.value).toHaveLength(1);
    expect(one.body.value[0]).toMatchObject({ id: USER.alice, signIn: expect.arrayContaining(["password", "temporaryAccessPass"]) });
    const all = await h.call("GET", `/_emulator/tenants/${t.id}/migration/usable-methods`);
    expect(all.body.value).toHaveLength(live(h, t.id).users.length);
  });
});
