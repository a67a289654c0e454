/**
 * The documented migration walkthrough, rehearsed step by step on the default tenant through the HTTP
 * endpoints (ED how-to-authentication-methods-manage.md; behavior.md 2.4-2.16): note the legacy methods,
 * enable them in the authentication methods policy, move to migrationInProgress, test, un-tick the
 * legacy methods, complete. Readiness and usableMethods are checked at every step.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../helpers";
import { CONFIGS, POLICY, USER, clearRegistrations, policyTenant, register } from "./support";

const FIONA = "11111111-0000-4000-8000-000000000041";

describe("migrating from the legacy MFA and SSPR policies", () => {
  it("can be rehearsed step by step without stranding anyone", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const control = `/_emulator/tenants/${t.id}`;
    const get = async (url: string) => (await h.call("GET", url)).body;
    const readiness = () => get(`${control}/migration/readiness`);
    const usable = async (userId: string) => (await get(`${control}/migration/usable-methods?user=${userId}`)).value[0];
    const patchConfig = async (id: string, type: string, body: Record<string, unknown>) => {
      const res = await h.call("PATCH", `${CONFIGS}/${id}`, { token: t.token, body: { "@odata.type": `#microsoft.graph.${type}`, ...body } });
      expect(res.status, JSON.stringify(res.body)).toBe(204);
    };
    const move = async (to: string) => {
      const res = await h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: to } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };

    // Who has registered what (arranged in state; the methods API belongs to another capability).
    const s = t.state();
    clearRegistrations(s);
    register(s, USER.alice, "authenticator"); // push only
    register(s, USER.bob, "softwareOath"); // third-party authenticator app
    register(s, USER.carol, "mobile", "authenticator");
    register(s, FIONA, "email"); // resets her password by email

    // Step 0: before anything, completing would strand people.
    let r = await readiness();
    expect(r.policyMigrationState).toBe("preMigration");
    expect(r.readyToComplete).toBe(false);
    expect(r.strandedUsers.mfa.sort()).toEqual([t.upn("alice"), t.upn("bob")].sort());
    expect(r.strandedUsers.sspr).toEqual([`fiona@federated.${t.domain}`]);
    expect((await usable(USER.alice)).mfa).toContain("microsoftAuthenticatorPush");

    // Step 1: note the legacy methods that are enabled.
    const legacy = await get(`${control}/legacy`);
    const enabledMfa = Object.entries(legacy.mfa).filter(([k, v]) => v === true && k !== "skipMfaForFederatedUsersOnIntranet").map(([k]) => k);
    const enabledSspr = Object.entries(legacy.sspr.methods).filter(([, v]) => v).map(([k]) => k);
    expect(enabledMfa).toEqual(["textMessageToPhone", "notificationThroughMobileApp", "verificationCodeFromMobileAppOrHardwareToken"]);
    expect(enabledSspr).toEqual(["email", "mobilePhone", "securityQuestions"]);

    // Step 2: enable the matching methods in the authentication methods policy.
    await patchConfig("MicrosoftAuthenticator", "microsoftAuthenticatorAuthenticationMethodConfiguration", {
      state: "enabled", isSoftwareOathEnabled: true, includeTargets: [{ id: "all_users", targetType: "group", authenticationMode: "any" }],
    });
    await patchConfig("SoftwareOath", "softwareOathAuthenticationMethodConfiguration", { state: "enabled" });
    await patchConfig("Voice", "voiceAuthenticationMethodConfiguration", { state: "enabled" });
    await patchConfig("Email", "emailAuthenticationMethodConfiguration", { includeTargets: [{ id: "all_users", targetType: "group" }] });
    r = await readiness();
    expect(r.legacyMethods.filter((m: any) => !m.coveredForSameUsers)).toEqual([]);
    expect(r.strandedUsers).toEqual({ mfa: [], sspr: [] });
    expect(r.readyToComplete).toBe(true);
    // Still preMigration: SSPR comes from the legacy SSPR policy only, so nothing changed for SSPR yet.
    expect((await usable(FIONA)).sspr.sort()).toEqual(["email", "securityQuestions", "sms", "voice"]);

    // Step 3: move to migrationInProgress (the new policy now also governs SSPR; legacy still honoured).
    await move("migrationInProgress");
    r = await readiness();
    expect(r).toMatchObject({ policyMigrationState: "migrationInProgress", legacyHonoured: true, readyToComplete: true });

    // Step 4: test: every user can still do MFA and SSPR with what they registered.
    expect((await usable(USER.alice)).mfa).toContain("microsoftAuthenticatorPush");
    expect((await usable(USER.bob)).mfa).toContain("softwareOath");
    expect((await usable(USER.carol)).mfa).toEqual(expect.arrayContaining(["sms", "voice", "microsoftAuthenticatorPush"]));
    expect((await usable(FIONA)).sspr).toContain("email");

    // Step 5: un-tick the legacy methods (security questions stay in the SSPR policy).
    const before = await usable(USER.carol);
    expect((await h.call("PATCH", `${control}/legacy/mfa`, {
      body: { textMessageToPhone: false, notificationThroughMobileApp: false, verificationCodeFromMobileAppOrHardwareToken: false },
    })).status).toBe(200);
    expect((await h.call("PATCH", `${control}/legacy/sspr`, { body: { methods: { email: false, mobilePhone: false } } })).status).toBe(200);
    expect((await usable(USER.carol)).mfa.sort()).toEqual(before.mfa.filter((k: string) => k !== "hardwareOath").sort());
    r = await readiness();
    expect(r.legacyMethods.map((m: any) => m.method)).toEqual(["securityQuestions"]);
    expect(r.usersLosingMethods).toEqual([]);
    expect(r.readyToComplete).toBe(true);

    // Step 6: complete the migration. Nothing changes for anyone; legacy method settings are now locked.
    const usableBefore = await get(`${control}/migration/usable-methods`);
    await move("migrationComplete");
    expect(await get(`${control}/migration/usable-methods`)).toEqual(usableBefore);
    r = await readiness();
    expect(r).toMatchObject({ policyMigrationState: "migrationComplete", legacyHonoured: false, readyToComplete: true });
    expect((await h.call("PATCH", `${control}/legacy/mfa`, { body: { callToPhone: true } })).body.error.code).toBe("legacyPolicyMigrated");
    expect((await h.call("PATCH", `${control}/legacy/sspr`, { body: { securityQuestionsNumberToReset: 3, methods: { securityQuestions: true } } })).status).toBe(200);
    expect((await usable(FIONA)).sspr).toEqual(expect.arrayContaining(["email", "securityQuestions"]));

    // The walkthrough left an audit trail of every policy change.
    const activities = t.state().audits.filter((a) => a.loggedByService === "Authentication Methods").map((a) => a.activityDisplayName);
    expect(activities).toEqual(Array(6).fill("Authentication Methods Policy Update"));
  });

  it("shows who would be stranded by completing too early, and rolling back restores them", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const control = `/_emulator/tenants/${t.id}`;
    clearRegistrations(t.state());
    register(t.state(), USER.alice, "authenticator");
    const usable = async () => (await h.call("GET", `${control}/migration/usable-methods?user=${USER.alice}`)).body.value[0];
    expect((await h.call("GET", `${control}/migration/readiness`)).body.strandedUsers.mfa).toEqual([t.upn("alice")]);

    expect((await h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: "migrationComplete" } })).status).toBe(200);
    expect((await usable()).mfa).not.toContain("microsoftAuthenticatorPush");

    expect((await h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: "migrationInProgress" } })).status).toBe(200);
    expect((await usable()).mfa).toContain("microsoftAuthenticatorPush");
  });
});
