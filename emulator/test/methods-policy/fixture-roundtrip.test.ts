/** The methods-policy fixture section: export re-imports to the same policy, legacy state and migration history. */
import { describe, expect, it } from "vitest";
import { harness, appToken } from "../helpers";
import { BETA_POLICY, CONFIGS, GROUP, POLICY, TAP_TYPE, USER, policyTenant } from "./support";

describe("export and re-import", () => {
  it("reproduces the policy, the legacy settings, per-user MFA and the started-in state", async () => {
    const h = await harness();
    const t = await policyTenant(h, (doc) => { doc.legacy.startedInMigrationState = "migrationInProgress"; doc.authenticationMethodsPolicy.policyMigrationState = "migrationInProgress"; });
    await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token: t.token, body: { "@odata.type": TAP_TYPE, defaultLength: 16, excludeTargets: [{ id: GROUP.breakGlass, targetType: "group" }] } });
    await h.call("PATCH", `/beta/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/MicrosoftAuthenticator`, {
      token: t.token, body: { "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration", state: "enabled", featureSettings: { companionAppAllowedState: { state: "disabled" } } },
    });
    await h.call("PATCH", BETA_POLICY, { token: t.token, body: { systemCredentialPreferences: { state: "enabled" }, registrationEnforcement: { authenticationMethodsRegistrationCampaign: { state: "enabled", includeTargets: [{ id: USER.carol, targetType: "user" }] } } } });
    await h.call("PATCH", `/_emulator/tenants/${t.id}/legacy/mfa`, { body: { callToPhone: true, trustedIps: ["198.51.100.0/24"] } });
    await h.call("PATCH", `/_emulator/tenants/${t.id}/legacy/users/${USER.bob}`, { body: { perUserMfaState: "enabled" } });
    await h.call("PATCH", `/_emulator/tenants/${t.id}/legacy`, { body: { deprecationEnforced: true } });

    const before = (await h.call("GET", BETA_POLICY, { token: t.token })).body;
    const legacyBefore = (await h.call("GET", `/_emulator/tenants/${t.id}/legacy`)).body;
    const exported = (await h.call("GET", `/_emulator/tenants/${t.id}/export`)).body;
    expect(exported.authenticationMethodsPolicy.policyMigrationState).toBe("migrationInProgress");
    expect((await h.call("DELETE", `/_emulator/tenants/${t.id}`)).status).toBe(204);

    const again = await h.call("POST", "/_emulator/tenants", { body: exported });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const token = await appToken(h, t.id);
    expect((await h.call("GET", BETA_POLICY, { token })).body).toEqual(before);
    expect((await h.call("GET", `/_emulator/tenants/${t.id}/legacy`)).body).toEqual(legacyBefore);
    expect((await h.call("GET", `/_emulator/tenants/${t.id}/legacy/users/${USER.bob}`)).body.perUserMfaState).toBe("enabled");
    // The started-in state survived: this tenant still cannot go back to preMigration.
    expect((await h.call("PATCH", POLICY, { token, body: { policyMigrationState: "preMigration" } })).status).toBe(400);
  });

  it("round-trips a null migration state", async () => {
    const h = await harness();
    const t = await policyTenant(h, (doc) => { doc.authenticationMethodsPolicy = { policyMigrationState: null }; delete doc.legacy; });
    const exported = (await h.call("GET", `/_emulator/tenants/${t.id}/export`)).body;
    expect(exported.authenticationMethodsPolicy.policyMigrationState).toBeNull();
    expect(exported.legacy.startedInMigrationState).toBeNull();
    await h.call("DELETE", `/_emulator/tenants/${t.id}`);
    expect((await h.call("POST", "/_emulator/tenants", { body: exported })).status).toBe(201);
    expect((await h.call("GET", POLICY, { token: await appToken(h, t.id) })).body.policyMigrationState).toBeNull();
  });

  it("goes back to the fixture's policy on tenant reset", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token: t.token, body: { "@odata.type": TAP_TYPE, state: "disabled" } });
    await h.call("POST", `/_emulator/tenants/${t.id}/reset`);
    const tap = (await h.call("GET", `${CONFIGS}/TemporaryAccessPass`, { token: await appToken(h, t.id) })).body;
    expect(tap).toMatchObject({ state: "enabled", isUsableOnce: true });
  });
});
