/**
 * GET/PATCH/DELETE .../authenticationMethodConfigurations/{id} (behavior.md 1.1, 1.9, 2.20-2.22, 2.25,
 * 2.28; surface.md §4.1, §4.4, §4.5).
 */
import { describe, expect, it } from "vitest";
import { harness, expectGraphError } from "../helpers";
import { expectResponse, expectSchema, expectCollection } from "../openapi";
import { CONFIGS, GROUP, POLICY, TAP_TYPE, policyTenant } from "./support";

const TYPES: Record<string, string> = {
  Fido2: "fido2AuthenticationMethodConfiguration",
  MicrosoftAuthenticator: "microsoftAuthenticatorAuthenticationMethodConfiguration",
  Sms: "smsAuthenticationMethodConfiguration",
  TemporaryAccessPass: "temporaryAccessPassAuthenticationMethodConfiguration",
  Email: "emailAuthenticationMethodConfiguration",
  SoftwareOath: "softwareOathAuthenticationMethodConfiguration",
  Voice: "voiceAuthenticationMethodConfiguration",
  X509Certificate: "x509CertificateAuthenticationMethodConfiguration",
};

describe("reading method configurations", () => {
  it("returns each configuration with its @odata.type, valid against the OpenAPI schema", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    for (const [id, type] of Object.entries(TYPES)) {
      const res = await h.call("GET", `${CONFIGS}/${id}`, { token: t.token });
      expect(res.status, id).toBe(200);
      expect(res.body["@odata.type"]).toBe(`#microsoft.graph.${type}`);
      expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#authenticationMethodConfigurations/$entity");
      expect(res.body["includeTargets@odata.context"]).toContain(`authenticationMethodConfigurations('${id}')`);
      expect(res.body.id).toBe(id);
      expectResponse("GET", "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{authenticationMethodConfiguration-id}", res.body);
      expectSchema(res.body, `microsoft.graph.${type}`);
    }
  });

  it("matches ids case-insensitively and accepts the ('{id}') key syntax", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    for (const path of [`${CONFIGS}/temporaryAccessPass`, `${CONFIGS}/TEMPORARYACCESSPASS`, `${CONFIGS}('TemporaryAccessPass')`, `/v1.0/policies/authenticationmethodspolicy/authenticationmethodconfigurations('temporaryAccessPass')`]) {
      const res = await h.call("GET", path, { token: t.token });
      expect(res.status, path).toBe(200);
      expect(res.body.id).toBe("TemporaryAccessPass");
    }
    const fido = await h.call("GET", `${CONFIGS}/FIDO2`, { token: t.token });
    expect(fido.body.id).toBe("Fido2");
  });

  it("serves the same configuration under /beta (the alias scanners use)", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("GET", `/beta/policies/authenticationMethodsPolicy/authenticationMethodConfigurations('MicrosoftAuthenticator')`, { token: t.token });
    expect(res.status).toBe(200);
    expectResponse("GET", "/beta/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{authenticationMethodConfiguration-id}", res.body);
    expect(res.body.featureSettings.numberMatchingRequiredState.state).toBe("enabled");
    expect(res.body.featureSettings.companionAppAllowedState.state).toBe("default");
  });

  it("lists every configuration", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("GET", CONFIGS, { token: t.token });
    expect(res.status).toBe(200);
    expectCollection(res.body, "microsoft.graph.authenticationMethodConfiguration");
    expect(res.body.value).toHaveLength(8);
  });

  it("answers 404 for an unknown configuration id", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    expectGraphError(await h.call("GET", `${CONFIGS}/Passkeys`, { token: t.token }), 404, "itemNotFound");
    expectGraphError(await h.call("PATCH", `${CONFIGS}/Passkeys`, { token: t.token, body: { "@odata.type": "#microsoft.graph.x" } }), 404);
  });
});

describe("PATCH a method configuration", () => {
  it("applies the documented TAP update and answers 204, leaving omitted properties alone", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const before = (await h.call("GET", `${CONFIGS}/TemporaryAccessPass`, { token: t.token })).body;
    const res = await h.call("PATCH", `${CONFIGS}/temporaryAccessPass`, { token: t.token, body: { "@odata.type": TAP_TYPE, isUsableOnce: false, defaultLifetimeInMinutes: 120 } });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const after = (await h.call("GET", `${CONFIGS}/TemporaryAccessPass`, { token: t.token })).body;
    expect(after).toMatchObject({ isUsableOnce: false, defaultLifetimeInMinutes: 120 });
    expect(after.includeTargets).toEqual(before.includeTargets);
    expect(after.state).toBe(before.state);
    expect(after.maximumLifetimeInMinutes).toBe(before.maximumLifetimeInMinutes);
  });

  it("requires the configuration's @odata.type", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const missing = await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token: t.token, body: { isUsableOnce: true } });
    expectGraphError(missing, 400, "BadRequest");
    expect(missing.body.error.message).toContain("@odata.type");
    const wrong = await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token: t.token, body: { "@odata.type": "#microsoft.graph.smsAuthenticationMethodConfiguration", isUsableOnce: true } });
    expectGraphError(wrong, 400, "BadRequest");
    expect(wrong.body.error.message).toContain("temporaryAccessPassAuthenticationMethodConfiguration");
  });

  it.each([
    [{ minimumLifetimeInMinutes: 9 }, "minimumLifetimeInMinutes"],
    [{ maximumLifetimeInMinutes: 43201 }, "maximumLifetimeInMinutes"],
    [{ minimumLifetimeInMinutes: 600, maximumLifetimeInMinutes: 480 }, "minimumLifetimeInMinutes"],
    [{ defaultLifetimeInMinutes: 30 }, "defaultLifetimeInMinutes"],
    [{ defaultLifetimeInMinutes: 481 }, "defaultLifetimeInMinutes"],
    [{ defaultLength: 7 }, "defaultLength"],
    [{ defaultLength: 49 }, "defaultLength"],
  ])("rejects TAP settings out of range: %j", async (patch, property) => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token: t.token, body: { "@odata.type": TAP_TYPE, ...patch } });
    expectGraphError(res, 400, "badRequest");
    expect(res.body.error.message).toContain(property);
    const after = (await h.call("GET", `${CONFIGS}/TemporaryAccessPass`, { token: t.token })).body;
    expect(after).toMatchObject({ minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, defaultLifetimeInMinutes: 60, defaultLength: 8 });
  });

  it("accepts the extremes of the TAP ranges (10 and 43200 minutes, 48 characters)", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, {
      token: t.token, body: { "@odata.type": TAP_TYPE, minimumLifetimeInMinutes: 10, maximumLifetimeInMinutes: 43200, defaultLifetimeInMinutes: 10, defaultLength: 48 },
    });
    expect(res.status).toBe(204);
  });

  it("rejects a non-integer lifetime naming the property", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token: t.token, body: { "@odata.type": TAP_TYPE, defaultLifetimeInMinutes: "sixty" } });
    expectGraphError(res, 400, "BadRequest");
    expect(res.body.error.message).toContain("defaultLifetimeInMinutes");
  });

  it("updates Authenticator feature settings per feature and isSoftwareOathEnabled", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", `${CONFIGS}/MicrosoftAuthenticator`, {
      token: t.token,
      body: {
        "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration",
        state: "enabled", isSoftwareOathEnabled: true,
        featureSettings: { displayAppInformationRequiredState: { state: "enabled", includeTarget: { targetType: "group", id: "all_users" }, excludeTarget: { targetType: "group", id: GROUP.breakGlass } } },
        includeTargets: [{ targetType: "group", id: GROUP.allStaff, authenticationMode: "push" }],
      },
    });
    expect(res.status).toBe(204);
    const after = (await h.call("GET", `${CONFIGS}/MicrosoftAuthenticator`, { token: t.token })).body;
    expect(after.featureSettings.displayAppInformationRequiredState).toMatchObject({ state: "enabled", excludeTarget: { id: GROUP.breakGlass } });
    expect(after.featureSettings.displayLocationInformationRequiredState.state).toBe("default");
    expect(after).toMatchObject({ state: "enabled", isSoftwareOathEnabled: true, includeTargets: [{ id: GROUP.allStaff, authenticationMode: "push", isRegistrationRequired: false }] });
    expectSchema(after, "microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration");
  });

  it("refuses to turn number matching off (beta), and keeps it enabled", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const url = "/beta/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/MicrosoftAuthenticator";
    const type = "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration";
    const res = await h.call("PATCH", url, { token: t.token, body: { "@odata.type": type, featureSettings: { numberMatchingRequiredState: { state: "disabled" } } } });
    expectGraphError(res, 400, "badRequest");
    expect(res.body.error.message).toMatch(/Number matching cannot be disabled/);
    const ok = await h.call("PATCH", url, { token: t.token, body: { "@odata.type": type, featureSettings: { numberMatchingRequiredState: { state: "default", includeTarget: { targetType: "group", id: GROUP.allStaff } } } } });
    expect(ok.status).toBe(204);
    const after = (await h.call("GET", url, { token: t.token })).body;
    expect(after.featureSettings.numberMatchingRequiredState).toMatchObject({ state: "enabled", includeTarget: { id: GROUP.allStaff } });
  });

  it("does not know numberMatchingRequiredState on v1.0", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", `${CONFIGS}/MicrosoftAuthenticator`, {
      token: t.token, body: { "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration", featureSettings: { numberMatchingRequiredState: { state: "enabled" } } },
    });
    expectGraphError(res, 400, "BadRequest");
    expect(res.body.error.message).toContain("numberMatchingRequiredState");
  });

  it("sets SMS 'use for sign-in' per target, defaulting to true", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", `${CONFIGS}/Sms`, {
      token: t.token,
      body: { "@odata.type": "#microsoft.graph.smsAuthenticationMethodConfiguration", includeTargets: [{ id: GROUP.tapPilot, targetType: "group", isUsableForSignIn: false }, { id: GROUP.helpdesk, targetType: "group" }] },
    });
    expect(res.status).toBe(204);
    const after = (await h.call("GET", `${CONFIGS}/Sms`, { token: t.token })).body;
    expect(after.includeTargets).toEqual([
      { id: GROUP.tapPilot, targetType: "group", isRegistrationRequired: false, isUsableForSignIn: false },
      { id: GROUP.helpdesk, targetType: "group", isRegistrationRequired: false, isUsableForSignIn: true },
    ]);
    expectSchema(after, "microsoft.graph.smsAuthenticationMethodConfiguration");
  });

  it("updates Voice, Email, SoftwareOath, Fido2 and X509Certificate settings", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const patch = async (id: string, body: Record<string, unknown>) => {
      const res = await h.call("PATCH", `${CONFIGS}/${id}`, { token: t.token, body: { "@odata.type": `#microsoft.graph.${TYPES[id]}`, ...body } });
      expect(res.status, JSON.stringify(res.body)).toBe(204);
      const got = (await h.call("GET", `${CONFIGS}/${id}`, { token: t.token })).body;
      expectSchema(got, `microsoft.graph.${TYPES[id]}`);
      return got;
    };
    expect(await patch("Voice", { state: "enabled", isOfficePhoneAllowed: true })).toMatchObject({ state: "enabled", isOfficePhoneAllowed: true });
    expect(await patch("Email", { allowExternalIdToUseEmailOtp: "disabled", includeTargets: [{ id: "all_users", targetType: "group" }] }))
      .toMatchObject({ state: "enabled", allowExternalIdToUseEmailOtp: "disabled", includeTargets: [{ id: "all_users" }] });
    expect(await patch("SoftwareOath", { state: "enabled" })).toMatchObject({ state: "enabled" });
    const fido = await patch("Fido2", { state: "enabled", isAttestationEnforced: false, keyRestrictions: { isEnforced: true, enforcementType: "allow", aaGuids: ["90a3ccdf-635c-4729-a248-9b709135078f"] } });
    expect(fido).toMatchObject({ isAttestationEnforced: false, isSelfServiceRegistrationAllowed: true, keyRestrictions: { isEnforced: true, enforcementType: "allow", aaGuids: ["90a3ccdf-635c-4729-a248-9b709135078f"] } });
    const x509 = await patch("X509Certificate", { state: "enabled", authenticationModeConfiguration: { x509CertificateAuthenticationDefaultMode: "x509CertificateMultiFactor" } });
    expect(x509.authenticationModeConfiguration).toMatchObject({ x509CertificateAuthenticationDefaultMode: "x509CertificateMultiFactor", x509CertificateDefaultRequiredAffinityLevel: "low" });
  });

  it("rejects a malformed FIDO2 AAGUID", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", `${CONFIGS}/Fido2`, { token: t.token, body: { "@odata.type": `#microsoft.graph.${TYPES.Fido2}`, keyRestrictions: { aaGuids: ["nope"] } } });
    expectGraphError(res, 400, "BadRequest");
    expect(res.body.error.message).toContain("keyRestrictions.aaGuids.0");
  });

  it("refuses to disable Email OTP while External ID users may use it", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", `${CONFIGS}/Email`, { token: t.token, body: { "@odata.type": `#microsoft.graph.${TYPES.Email}`, state: "disabled", allowExternalIdToUseEmailOtp: "enabled" } });
    expectGraphError(res, 400, "badRequest");
  });

  it("refuses targets that name unknown groups or users, and accepts all_users in any casing", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const body = (targets: unknown, key = "includeTargets") => ({ "@odata.type": TAP_TYPE, [key]: targets });
    expectGraphError(await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token: t.token, body: body([{ id: "1d1d1d1d-0000-4000-8000-000000000000", targetType: "group" }]) }), 400, "badRequest");
    expectGraphError(await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token: t.token, body: body([{ id: "1d1d1d1d-0000-4000-8000-000000000000", targetType: "group" }], "excludeTargets") }), 400, "badRequest");
    expectGraphError(await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token: t.token, body: body([{ id: "1d1d1d1d-0000-4000-8000-000000000000", targetType: "user" }]) }), 400, "badRequest");
    expect((await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token: t.token, body: body([{ id: "ALL_USERS", targetType: "group" }]) })).status).toBe(204);
    const after = (await h.call("GET", `${CONFIGS}/TemporaryAccessPass`, { token: t.token })).body;
    expect(after.includeTargets).toEqual([{ id: "all_users", targetType: "group", isRegistrationRequired: false }]);
  });

  it("ignores OData annotations that SDKs send with targets", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, {
      token: t.token,
      body: { "@odata.type": TAP_TYPE, "includeTargets@odata.context": "x", includeTargets: [{ "@odata.type": "#microsoft.graph.authenticationMethodTarget", id: GROUP.allStaff, targetType: "group" }] },
    });
    expect(res.status).toBe(204);
  });

  it("writes an audit entry with the old and new values", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token: t.token, body: { "@odata.type": TAP_TYPE, defaultLength: 12 } });
    const entry = t.state().audits.at(-1)!;
    expect(entry).toMatchObject({ activityDisplayName: "Authentication Methods Policy Update", operationType: "Update" });
    expect(entry.targetResources[0]).toMatchObject({ id: "TemporaryAccessPass", type: "Policy" });
    expect(entry.targetResources[0].modifiedProperties).toEqual([{ displayName: "defaultLength", oldValue: "8", newValue: "12" }]);
  });
});

describe("DELETE a method configuration", () => {
  it("resets it to the fresh-tenant defaults, answers 204 and audits a reset", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("DELETE", `${CONFIGS}('temporaryAccessPass')`, { token: t.token });
    expect(res.status).toBe(204);
    const after = (await h.call("GET", `${CONFIGS}/TemporaryAccessPass`, { token: t.token })).body;
    expect(after).toMatchObject({
      state: "disabled", isUsableOnce: false, defaultLifetimeInMinutes: 60, minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, defaultLength: 8,
      includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false }], excludeTargets: [],
    });
    expect(t.state().audits.at(-1)).toMatchObject({ activityDisplayName: "Authentication Methods Policy Reset", operationType: "Reset" });
    const root = (await h.call("GET", POLICY, { token: t.token })).body;
    expect(root.authenticationMethodConfigurations.find((c: any) => c.id === "TemporaryAccessPass").state).toBe("disabled");
  });

  it("resets Authenticator features, number matching included", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    await h.call("PATCH", `${CONFIGS}/MicrosoftAuthenticator`, {
      token: t.token, body: { "@odata.type": `#microsoft.graph.${TYPES.MicrosoftAuthenticator}`, state: "enabled", featureSettings: { displayLocationInformationRequiredState: { state: "enabled" } } },
    });
    expect((await h.call("DELETE", `${CONFIGS}/microsoftAuthenticator`, { token: t.token })).status).toBe(204);
    const after = (await h.call("GET", `/beta/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/MicrosoftAuthenticator`, { token: t.token })).body;
    expect(after.state).toBe("disabled");
    expect(after.featureSettings.displayLocationInformationRequiredState.state).toBe("default");
    expect(after.featureSettings.numberMatchingRequiredState.state).toBe("enabled");
  });
});
