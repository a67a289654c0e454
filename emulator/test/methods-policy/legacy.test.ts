/**
 * The legacy MFA and SSPR policies on the control plane (/_emulator/tenants/{id}/legacy/...), their
 * locks in migrationComplete (behavior.md 2.12) and with the deprecation switch (2.15), and per-user
 * MFA states (2.37).
 */
import { describe, expect, it } from "vitest";
import { harness, expectGraphError, uniqueFixture } from "../helpers";
import { GROUP, POLICY, USER, policyTenant } from "./support";

async function setup(mutate?: (doc: Record<string, any>) => void) {
  const h = await harness();
  const t = await policyTenant(h, mutate);
  const base = `/_emulator/tenants/${t.id}/legacy`;
  return { h, t, base };
}

describe("reading the legacy policies", () => {
  it("shows the default tenant's legacy MFA and SSPR settings", async () => {
    const { h, base } = await setup();
    const res = await h.call("GET", base);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      deprecationEnforced: false, policyMigrationState: "preMigration", legacyHonoured: true, methodSettingsEditable: true,
      mfa: { callToPhone: false, textMessageToPhone: true, notificationThroughMobileApp: true, verificationCodeFromMobileAppOrHardwareToken: true, trustedIps: [] },
      sspr: {
        enabledFor: "all", numberOfMethodsRequiredToReset: 1, securityQuestionsNumberToRegister: 3, securityQuestionsNumberToReset: 3,
        methods: { mobileAppNotification: false, mobileAppCode: false, email: true, mobilePhone: true, officePhone: false, securityQuestions: true },
      },
    });
    expect((await h.call("GET", `${base}/mfa`)).body.textMessageToPhone).toBe(true);
    expect((await h.call("GET", `${base}/sspr`)).body.methods.securityQuestions).toBe(true);
  });

  it("answers 404 for an unknown tenant", async () => {
    const h = await harness();
    expectGraphError(await h.call("GET", "/_emulator/tenants/00000000-0000-4000-8000-00000000dead/legacy/mfa"), 404, "tenantNotFound");
  });
});

describe("editing the legacy MFA service settings", () => {
  it("changes verification options and service settings, leaving the rest alone", async () => {
    const { h, base } = await setup();
    const res = await h.call("PATCH", `${base}/mfa`, { body: { callToPhone: true, trustedIps: ["10.0.0.0/8"], rememberMfaOnTrustedDevices: { enabled: true } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ callToPhone: true, textMessageToPhone: true, trustedIps: ["10.0.0.0/8"], rememberMfaOnTrustedDevices: { enabled: true, days: 90 } });
  });

  it("validates trusted IPs (IPv4 CIDR, at most 50) and remember-MFA days", async () => {
    const { h, base } = await setup();
    expectGraphError(await h.call("PATCH", `${base}/mfa`, { body: { trustedIps: ["10.0.0.1"] } }), 400, "BadRequest");
    const many = Array.from({ length: 51 }, (_, i) => `10.0.${i}.0/24`);
    expectGraphError(await h.call("PATCH", `${base}/mfa`, { body: { trustedIps: many } }), 400, "BadRequest");
    expectGraphError(await h.call("PATCH", `${base}/mfa`, { body: { rememberMfaOnTrustedDevices: { days: 400 } } }), 400, "BadRequest");
    expectGraphError(await h.call("PATCH", `${base}/mfa`, { body: { smoke: true } }), 400, "BadRequest");
  });
});

describe("editing the legacy SSPR policy", () => {
  it("changes methods, counts and scope", async () => {
    const { h, base } = await setup();
    const res = await h.call("PATCH", `${base}/sspr`, {
      body: { methods: { officePhone: true }, numberOfMethodsRequiredToReset: 2, securityQuestionsNumberToRegister: 5, securityQuestionsNumberToReset: 4, enabledFor: "selected", selectedGroupId: GROUP.helpdesk },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ numberOfMethodsRequiredToReset: 2, securityQuestionsNumberToRegister: 5, securityQuestionsNumberToReset: 4, selectedGroupId: GROUP.helpdesk, methods: { officePhone: true, email: true } });
  });

  it.each([
    [{ securityQuestionsNumberToReset: 5, securityQuestionsNumberToRegister: 3 }, /cannot be greater/],
    [{ securityQuestionsNumberToRegister: 6 }, /securityQuestionsNumberToRegister/],
    [{ enabledFor: "selected", selectedGroupId: null }, /selectedGroupId/],
    [{ enabledFor: "selected", selectedGroupId: "5e5e5e5e-0000-4000-8000-000000000000" }, /does not exist/],
    [{ methods: { email: false, mobilePhone: false, securityQuestions: false, mobileAppNotification: true } }, /Authenticator app cannot be the only/],
    [{ numberOfMethodsRequiredToReset: 2, methods: { email: false, mobilePhone: false } }, /At least 2/],
    [{ numberOfMethodsRequiredToReset: 3 }, /numberOfMethodsRequiredToReset/],
  ])("refuses %j", async (body, message) => {
    const { h, base } = await setup();
    const res = await h.call("PATCH", `${base}/sspr`, { body });
    expectGraphError(res, 400);
    expect(res.body.error.message).toMatch(message);
    expect((await h.call("GET", `${base}/sspr`)).body.numberOfMethodsRequiredToReset).toBe(1);
  });
});

describe("locks: migrationComplete and the deprecation switch", () => {
  it("refuses legacy method changes once the migration is complete, except security questions", async () => {
    const { h, t, base } = await setup();
    await h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: "migrationComplete" } });
    const mfa = await h.call("PATCH", `${base}/mfa`, { body: { callToPhone: true } });
    expectGraphError(mfa, 400, "legacyPolicyMigrated");
    expect(mfa.body.error.message).toContain("callToPhone");
    expectGraphError(await h.call("PATCH", `${base}/sspr`, { body: { methods: { officePhone: true } } }), 400, "legacyPolicyMigrated");
    expect((await h.call("PATCH", `${base}/sspr`, { body: { methods: { securityQuestions: false } } })).status).toBe(200);
    expect((await h.call("PATCH", `${base}/mfa`, { body: { trustedIps: ["192.168.0.0/16"] } })).status).toBe(200);
    expect((await h.call("PATCH", `${base}/mfa`, { body: { textMessageToPhone: true } })).status).toBe(200); // unchanged value
    expect((await h.call("GET", base)).body).toMatchObject({ legacyHonoured: false, methodSettingsEditable: false });
    await h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: "migrationInProgress" } });
    expect((await h.call("PATCH", `${base}/mfa`, { body: { callToPhone: true } })).status).toBe(200);
  });

  it("enforces the 2025-09-30 deprecation when switched on, and releases it when off", async () => {
    const { h, base } = await setup();
    const on = await h.call("PATCH", base, { body: { deprecationEnforced: true } });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ deprecationEnforced: true, legacyHonoured: false, methodSettingsEditable: false });
    const refused = await h.call("PATCH", `${base}/mfa`, { body: { notificationThroughMobileApp: false } });
    expectGraphError(refused, 400, "legacyPolicyDeprecated");
    expect(refused.body.error.message).toMatch(/September 30, 2025/);
    expectGraphError(await h.call("PATCH", `${base}/sspr`, { body: { methods: { email: false } } }), 400, "legacyPolicyDeprecated");
    expect((await h.call("PATCH", `${base}/sspr`, { body: { securityQuestionsNumberToReset: 3, methods: { securityQuestions: true } } })).status).toBe(200);
    const off = await h.call("PATCH", base, { body: { deprecationEnforced: false } });
    expect(off.body.legacyHonoured).toBe(true);
    expect((await h.call("PATCH", `${base}/mfa`, { body: { notificationThroughMobileApp: false } })).status).toBe(200);
  });

  it("lets a fixture switch the deprecation on", async () => {
    const { h, t, base } = await setup((doc) => { doc.legacy.deprecationEnforced = true; });
    expect((await h.call("GET", base)).body.deprecationEnforced).toBe(true);
    const usable = await h.call("GET", `/_emulator/tenants/${t.id}/migration/usable-methods?user=${t.upn("carol")}`);
    expect(usable.body.value[0].mfa).toEqual(["sms"]);
  });
});

describe("per-user MFA state", () => {
  it("reads and sets a user's per-user MFA state, by UPN or id", async () => {
    const { h, t, base } = await setup();
    expect((await h.call("GET", `${base}/users/${t.upn("alice")}`)).body).toMatchObject({ id: USER.alice, perUserMfaState: "disabled" });
    const res = await h.call("PATCH", `${base}/users/${USER.alice}`, { body: { perUserMfaState: "enforced" } });
    expect(res.body.perUserMfaState).toBe("enforced");
    expect(t.state().authMethods[USER.alice].perUserMfaState).toBe("enforced");
    const list = await h.call("GET", `${base}/users`);
    expect(list.body.value.find((u: any) => u.id === USER.alice).perUserMfaState).toBe("enforced");
    expectGraphError(await h.call("PATCH", `${base}/users/${USER.alice}`, { body: { perUserMfaState: "on" } }), 400, "BadRequest");
    expectGraphError(await h.call("GET", `${base}/users/nobody@nowhere.test`), 404, "Request_ResourceNotFound");
  });

  it("is not blocked by the deprecation (only method settings are)", async () => {
    const { h, t, base } = await setup((doc) => { doc.legacy.deprecationEnforced = true; });
    expect((await h.call("PATCH", `${base}/users/${t.upn("bob")}`, { body: { perUserMfaState: "enabled" } })).status).toBe(200);
  });
});

describe("the legacy fixture section", () => {
  it("seeds settings, the SSPR group by name and per-user MFA states", async () => {
    const { h, t, base } = await setup((doc) => {
      doc.legacy.mfa = { callToPhone: true, trustedIps: ["203.0.113.0/24"] };
      doc.legacy.sspr = { enabledFor: "selected", selectedGroup: "Helpdesk", methods: { officePhone: true } };
      doc.legacy.perUserMfa = { [doc.users.find((u: any) => u.userPrincipalName.startsWith("bob@")).userPrincipalName]: "enforced" };
    });
    const res = (await h.call("GET", base)).body;
    expect(res.mfa).toMatchObject({ callToPhone: true, trustedIps: ["203.0.113.0/24"] });
    expect(res.sspr).toMatchObject({ enabledFor: "selected", selectedGroupId: GROUP.helpdesk, methods: { officePhone: true } });
    expect(t.state().authMethods[USER.bob].perUserMfaState).toBe("enforced");
  });

  it("refuses a bad legacy section naming the field", async () => {
    const h = await harness();
    const res = await h.call("POST", "/_emulator/tenants", { body: uniqueFixture((doc) => { doc.legacy.sspr = { selectedGroup: "Nope", enabledFor: "selected" }; }) });
    expectGraphError(res, 400, "invalidFixture");
    expect(res.body.error.message).toContain("legacy.sspr.selectedGroup");
    const res2 = await h.call("POST", "/_emulator/tenants", { body: uniqueFixture((doc) => { doc.legacy.mfa = { trustedIps: ["nope"] }; }) });
    expectGraphError(res2, 400, "invalidFixture");
    expect(res2.body.error.message).toContain("legacy.mfa.trustedIps");
  });
});
