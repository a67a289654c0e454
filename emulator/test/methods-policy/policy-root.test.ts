/** GET/PATCH /policies/authenticationMethodsPolicy on v1.0 and beta (behavior.md 2.1-2.3, 2.23; surface.md §4). */
import { describe, expect, it } from "vitest";
import { harness, expectGraphError } from "../helpers";
import { expectResponse, expectSchema } from "../openapi";
import { BETA_POLICY, GROUP, POLICY, policyTenant } from "./support";

const freshDoc = (doc: Record<string, any>) => {
  delete doc.authenticationMethodsPolicy;
  delete doc.legacy;
};

describe("GET /policies/authenticationMethodsPolicy", () => {
  it("returns a fresh tenant's documented defaults with every configuration embedded", async () => {
    const h = await harness();
    const t = await policyTenant(h, freshDoc);
    const res = await h.call("GET", POLICY, { token: t.token });
    expect(res.status).toBe(200);
    expectResponse("GET", "/policies/authenticationMethodsPolicy", res.body);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#authenticationMethodsPolicy");
    expect(res.body).toMatchObject({
      id: "authenticationMethodsPolicy",
      displayName: "Authentication Methods Policy",
      policyVersion: "1.4",
      policyMigrationState: "preMigration",
      registrationEnforcement: {
        authenticationMethodsRegistrationCampaign: {
          snoozeDurationInDays: 1, state: "default", excludeTargets: [],
          includeTargets: [{ id: "all_users", targetType: "group", targetedAuthenticationMethod: "microsoftAuthenticator" }],
        },
      },
    });
    expect(res.body.description).toMatch(/^The tenant-wide policy that controls which authentication methods are allowed/);
    expect(Date.parse(res.body.lastModifiedDateTime)).not.toBeNaN();
    const configs = res.body.authenticationMethodConfigurations as any[];
    expect(configs.map((c) => c.id)).toEqual(["Fido2", "MicrosoftAuthenticator", "Sms", "TemporaryAccessPass", "Email", "SoftwareOath", "Voice", "X509Certificate"]);
    for (const c of configs) expect(c["@odata.type"]).toMatch(/^#microsoft\.graph\.[a-z0-9]+AuthenticationMethodConfiguration$/i);
    const byId = Object.fromEntries(configs.map((c) => [c.id, c]));
    expect(byId.Sms).toMatchObject({ state: "enabled", includeTargets: [{ id: "all_users", isUsableForSignIn: true }] });
    expect(byId.Email).toMatchObject({ state: "enabled", allowExternalIdToUseEmailOtp: "default" });
    expect(byId.TemporaryAccessPass).toMatchObject({
      state: "disabled", defaultLifetimeInMinutes: 60, defaultLength: 8, minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, isUsableOnce: false,
      includeTargets: [{ targetType: "group", id: "all_users", isRegistrationRequired: false }],
    });
    expect(byId.MicrosoftAuthenticator).toMatchObject({ state: "disabled", includeTargets: [{ authenticationMode: "any" }] });
    expect(byId.Fido2).toMatchObject({ state: "disabled", isAttestationEnforced: true, isSelfServiceRegistrationAllowed: true });
    for (const c of configs) expectSchema(c, `microsoft.graph.${c["@odata.type"].split(".").pop()}`);
  });

  it("hides beta-only properties on v1.0 and shows them on /beta", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const v1 = await h.call("GET", POLICY, { token: t.token });
    expect(v1.body.reportSuspiciousActivitySettings).toBeUndefined();
    expect(v1.body.systemCredentialPreferences).toBeUndefined();
    const auth = v1.body.authenticationMethodConfigurations.find((c: any) => c.id === "MicrosoftAuthenticator");
    expect(Object.keys(auth.featureSettings).sort()).toEqual(["displayAppInformationRequiredState", "displayLocationInformationRequiredState"]);

    const beta = await h.call("GET", BETA_POLICY, { token: t.token });
    expect(beta.status).toBe(200);
    expectResponse("GET", "/beta/policies/authenticationMethodsPolicy", beta.body);
    expect(beta.body["@odata.context"]).toBe("https://localhost:8443/beta/$metadata#authenticationMethodsPolicy");
    expect(beta.body.reportSuspiciousActivitySettings).toEqual({ state: "default", includeTarget: { targetType: "group", id: "all_users" }, voiceReportingCode: 0 });
    expect(beta.body.systemCredentialPreferences).toMatchObject({ state: "default", includeTargets: [{ id: "all_users" }] });
    expect(beta.body.registrationEnforcement.authenticationMethodsRegistrationCampaign.enforceRegistrationAfterAllowedSnoozes).toBe(true);
    const betaAuth = beta.body.authenticationMethodConfigurations.find((c: any) => c.id === "MicrosoftAuthenticator");
    expect(betaAuth.featureSettings.numberMatchingRequiredState.state).toBe("enabled");
  });

  it("shows the default tenant's TAP pilot configuration and legacy-era migration state", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("GET", POLICY, { token: t.token });
    const tap = res.body.authenticationMethodConfigurations.find((c: any) => c.id === "TemporaryAccessPass");
    expect(tap).toMatchObject({ state: "enabled", isUsableOnce: true, includeTargets: [{ targetType: "group", id: GROUP.tapPilot }] });
    expect(res.body.policyMigrationState).toBe("preMigration");
  });

  it("returns policyMigrationState null for a fixture that never had legacy policies", async () => {
    const h = await harness();
    const t = await policyTenant(h, (doc) => { doc.authenticationMethodsPolicy = { policyMigrationState: null }; delete doc.legacy; });
    const res = await h.call("GET", POLICY, { token: t.token });
    expect(res.status).toBe(200);
    expect(res.body.policyMigrationState).toBeNull();
  });

  it("lets a fixture set any property of the root", async () => {
    const h = await harness();
    const t = await policyTenant(h, (doc) => {
      doc.authenticationMethodsPolicy = {
        policyMigrationState: "migrationInProgress", reconfirmationInDays: 90, policyVersion: "1.5",
        lastModifiedDateTime: "2025-06-01T10:00:00Z",
        registrationEnforcement: { authenticationMethodsRegistrationCampaign: { state: "enabled", snoozeDurationInDays: 3, includeTargets: [{ id: "TAP Pilot", targetType: "group" }] } },
        reportSuspiciousActivitySettings: { state: "enabled", voiceReportingCode: 8 },
      };
    });
    const res = await h.call("GET", BETA_POLICY, { token: t.token });
    expect(res.body).toMatchObject({
      policyMigrationState: "migrationInProgress", reconfirmationInDays: 90, policyVersion: "1.5", lastModifiedDateTime: "2025-06-01T10:00:00Z",
      reportSuspiciousActivitySettings: { state: "enabled", voiceReportingCode: 8 },
      registrationEnforcement: { authenticationMethodsRegistrationCampaign: { state: "enabled", snoozeDurationInDays: 3, includeTargets: [{ id: GROUP.tapPilot, targetedAuthenticationMethod: "microsoftAuthenticator" }] } },
    });
  });

  it("refuses a fixture with an unknown group in a target, naming the field", async () => {
    const h = await harness();
    const res = await h.call("POST", "/_emulator/tenants", {
      body: (await import("../helpers")).uniqueFixture((doc) => {
        doc.authenticationMethodsPolicy = { authenticationMethodConfigurations: [{ id: "Sms", includeTargets: [{ id: "No Such Group", targetType: "group" }] }] };
      }),
    });
    expectGraphError(res, 400, "invalidFixture");
    expect(res.body.error.message).toContain("authenticationMethodConfigurations[0].includeTargets[0].id");
  });
});

describe("PATCH /policies/authenticationMethodsPolicy", () => {
  it("updates the registration campaign and answers 200 with the policy", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const body = {
      registrationEnforcement: {
        authenticationMethodsRegistrationCampaign: {
          snoozeDurationInDays: 1, state: "enabled", excludeTargets: [],
          includeTargets: [{ id: GROUP.allStaff, targetType: "group", targetedAuthenticationMethod: "microsoftAuthenticator" }],
        },
      },
    };
    const res = await h.call("PATCH", POLICY, { token: t.token, body });
    expect(res.status).toBe(200);
    expectResponse("PATCH", "/policies/authenticationMethodsPolicy", res.body);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#authenticationMethodsPolicy");
    expect(res.body.registrationEnforcement.authenticationMethodsRegistrationCampaign).toMatchObject({ state: "enabled", includeTargets: [{ id: GROUP.allStaff }] });
    expect(res.body.authenticationMethodConfigurations).toBeUndefined();
    const again = await h.call("GET", POLICY, { token: t.token });
    expect(again.body.registrationEnforcement.authenticationMethodsRegistrationCampaign.state).toBe("enabled");
  });

  it("keeps campaign properties that the body leaves out", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    await h.call("PATCH", POLICY, { token: t.token, body: { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { snoozeDurationInDays: 5 } } } });
    const res = await h.call("GET", POLICY, { token: t.token });
    expect(res.body.registrationEnforcement.authenticationMethodsRegistrationCampaign).toMatchObject({
      snoozeDurationInDays: 5, state: "default", includeTargets: [{ id: "all_users" }],
    });
  });

  it("moves lastModifiedDateTime to the tenant's now", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 60 } });
    const now = (await h.call("GET", `/_emulator/tenants/${t.id}/clock`)).body.now;
    const res = await h.call("PATCH", POLICY, { token: t.token, body: { reconfirmationInDays: 30 } });
    expect(res.body.lastModifiedDateTime).toBe(now);
    expect(res.body.reconfirmationInDays).toBe(30);
  });

  it("rejects a snooze duration outside 0-14 days", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", POLICY, { token: t.token, body: { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { snoozeDurationInDays: 15 } } } });
    expectGraphError(res, 400, "BadRequest");
    expect(res.body.error.message).toContain("snoozeDurationInDays");
  });

  it("rejects a campaign target method other than microsoftAuthenticator", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", POLICY, {
      token: t.token,
      body: { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { includeTargets: [{ id: "all_users", targetType: "group", targetedAuthenticationMethod: "sms" }] } } },
    });
    expectGraphError(res, 400);
  });

  it("refuses an unknown group in the campaign targets", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", POLICY, {
      token: t.token,
      body: { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { excludeTargets: [{ id: "9d9d9d9d-0000-4000-8000-000000000000", targetType: "group" }] } } },
    });
    expectGraphError(res, 400, "badRequest");
    expect(res.body.error.message).toContain("9d9d9d9d-0000-4000-8000-000000000000");
  });

  it("rejects beta-only properties on v1.0 and accepts them on /beta", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const body = { reportSuspiciousActivitySettings: { state: "enabled", includeTarget: { id: GROUP.allStaff, targetType: "group" }, voiceReportingCode: 0 } };
    expectGraphError(await h.call("PATCH", POLICY, { token: t.token, body }), 400, "BadRequest");
    const res = await h.call("PATCH", BETA_POLICY, { token: t.token, body });
    expect(res.status).toBe(200);
    expectResponse("PATCH", "/beta/policies/authenticationMethodsPolicy", res.body);
    expect(res.body.reportSuspiciousActivitySettings).toMatchObject({ state: "enabled", includeTarget: { id: GROUP.allStaff } });
    const scp = await h.call("PATCH", BETA_POLICY, { token: t.token, body: { systemCredentialPreferences: { state: "disabled" } } });
    expect(scp.body.systemCredentialPreferences).toMatchObject({ state: "disabled", includeTargets: [{ id: "all_users" }] });
  });

  it("ignores read-only properties sent back from a GET", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", POLICY, {
      token: t.token,
      body: { "@odata.context": "x", id: "authenticationMethodsPolicy", displayName: "Renamed", policyVersion: "9.9", reconfirmationInDays: 14 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: "Authentication Methods Policy", policyVersion: "1.4", reconfirmationInDays: 14 });
  });

  it("rejects unknown properties and malformed JSON with Graph 400s", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const unknown = await h.call("PATCH", POLICY, { token: t.token, body: { notAProperty: true } });
    expectGraphError(unknown, 400, "BadRequest");
    expect(unknown.body.error.message).toContain("notAProperty");
    expectGraphError(await h.call("PATCH", POLICY, { token: t.token, body: "{not json" }), 400, "BadRequest");
  });

  it("writes an 'Authentication Methods Policy Update' audit entry naming the changed property", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    await h.call("PATCH", POLICY, { token: t.token, body: { reconfirmationInDays: 45 } });
    const entry = t.state().audits.at(-1)!;
    expect(entry).toMatchObject({
      activityDisplayName: "Authentication Methods Policy Update", category: "ApplicationManagement", loggedByService: "Authentication Methods",
      result: "success", initiatedBy: { app: { appId: "5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b" } },
    });
    expect(entry.targetResources[0]).toMatchObject({ id: "authenticationMethodsPolicy", type: "Policy" });
    expect(entry.targetResources[0].modifiedProperties).toContainEqual({ displayName: "reconfirmationInDays", oldValue: "null", newValue: "45" });
  });
});
