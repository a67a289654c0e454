/**
 * Regression tests from the issue #4 review: a fresh tenant compared field by field with Microsoft's GET
 * example, the beta-only HardwareOath configuration, the verbs the policy does not support (405), audit
 * entries for legacy edits, and the consequence at sign-in of a method the new policy does not enable
 * once the migration is complete (behavior.md 2.4, 2.8, 2.12; surface.md §1, §4).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { harness, expectGraphError } from "../helpers";
import { expectResponse } from "../openapi";
import { BETA_POLICY, CONFIGS, POLICY, USER, policyTenant } from "./support";
import { Browser, CAROL_SECRET, addCaPolicy, alertText, enterUsername, labels, requireMfaFor, startSignIn, tenantNow, totp } from "../signin/support";
import { PASSWORD } from "../helpers";

const freshDoc = (doc: Record<string, any>) => {
  delete doc.authenticationMethodsPolicy;
  delete doc.legacy;
};

const example = JSON.parse(readFileSync(new URL("../../../../shared/graph/examples/authmethodspolicy-get.json", import.meta.url), "utf8")).response.body;

describe("a fresh tenant compared with Microsoft's GET example", () => {
  it("has the example's root values and, for each configuration the example shows, the same properties and @odata.type", async () => {
    const h = await harness();
    const t = await policyTenant(h, freshDoc);
    const res = await h.call("GET", POLICY, { token: t.token });
    expect(res.status).toBe(200);
    for (const k of ["id", "displayName", "description", "policyVersion", "registrationEnforcement"]) expect(res.body[k], k).toEqual(example[k]);
    const ours = Object.fromEntries((res.body.authenticationMethodConfigurations as any[]).map((c) => [c.id, c]));
    for (const ex of example.authenticationMethodConfigurations as any[]) {
      const mine = ours[ex.id];
      expect(mine["@odata.type"], ex.id).toBe(ex["@odata.type"]);
      // The example's Authenticator targets carry the pre-2023 feature flags that moved to featureSettings (surface.md §11).
      const { includeTargets, ...props } = ex;
      expect(mine, ex.id).toMatchObject(props);
      const legacyFlags = ["outlookMobileAllowedState", "displayAppInformationRequiredState", "numberMatchingRequiredState"];
      const targets = includeTargets.map((tg: any) => Object.fromEntries(Object.entries(tg).filter(([k]) => !legacyFlags.includes(k))));
      expect(mine.includeTargets, ex.id).toEqual(targets);
      expect(mine.excludeTargets, ex.id).toEqual([]);
    }
  });
});

describe("HardwareOath: a beta-only configuration", () => {
  it("is listed and served under /beta, absent from v1.0", async () => {
    const h = await harness();
    const t = await policyTenant(h, freshDoc);
    const beta = await h.call("GET", BETA_POLICY, { token: t.token });
    const hw = (beta.body.authenticationMethodConfigurations as any[]).find((c) => c.id === "HardwareOath");
    expect(hw).toEqual({
      "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethodConfiguration", id: "HardwareOath", state: "disabled",
      includeTargets: [{ targetType: "group", id: "all_users", isRegistrationRequired: false }], excludeTargets: [],
    });
    const one = await h.call("GET", `${BETA_POLICY}/authenticationMethodConfigurations('hardwareOath')`, { token: t.token });
    expect(one.status).toBe(200);
    expect(one.body.id).toBe("HardwareOath");
    const v1 = await h.call("GET", POLICY, { token: t.token });
    expect((v1.body.authenticationMethodConfigurations as any[]).map((c) => c.id)).not.toContain("HardwareOath");
    expectGraphError(await h.call("GET", `${CONFIGS}/HardwareOath`, { token: t.token }), 404, "itemNotFound");
    const list = await h.call("GET", `${CONFIGS}`, { token: t.token });
    expect((list.body.value as any[]).map((c) => c.id)).not.toContain("HardwareOath");
  });

  it("enabled by a beta PATCH, gives hardware OATH tokens for MFA after the migration", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const usable = async () => (await h.call("GET", `/_emulator/tenants/${t.id}/migration/usable-methods?user=${t.upn("alice")}`)).body.value[0];
    expect((await h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: "migrationComplete" } })).status).toBe(200);
    expect((await usable()).mfa).not.toContain("hardwareOath");
    const res = await h.call("PATCH", `${BETA_POLICY}/authenticationMethodConfigurations/HardwareOath`, {
      token: t.token, body: { "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethodConfiguration", state: "enabled" },
    });
    expect(res.status).toBe(204);
    expect((await usable()).mfa).toContain("hardwareOath");
  });
});

describe("verbs the policy does not support", () => {
  it("answers 405 notAllowed to DELETE of the policy (v1.0 and beta) and leaves it alone", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    for (const path of [POLICY, BETA_POLICY]) expectGraphError(await h.call("DELETE", path, { token: t.token }), 405, "notAllowed");
    const res = await h.call("GET", POLICY, { token: t.token });
    expect(res.status).toBe(200);
    expect(res.body.authenticationMethodConfigurations.find((c: any) => c.id === "TemporaryAccessPass").state).toBe("enabled");
  });

  it("answers 405 notAllowed to POST of a new method configuration", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("POST", CONFIGS, { token: t.token, body: { "@odata.type": "#microsoft.graph.voiceAuthenticationMethodConfiguration", id: "Voice2" } });
    expectGraphError(res, 405, "notAllowed");
  });
});

describe("legacy edits write directory audit entries", () => {
  it("records MFA service settings, SSPR and per-user MFA changes, initiated by the tenantlab control plane", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const base = `/_emulator/tenants/${t.id}/legacy`;
    expect((await h.call("PATCH", `${base}/mfa`, { body: { callToPhone: true } })).status).toBe(200);
    expect((await h.call("PATCH", `${base}/sspr`, { body: { numberOfMethodsRequiredToReset: 2 } })).status).toBe(200);
    expect((await h.call("PATCH", `${base}/users/${t.upn("bob")}`, { body: { perUserMfaState: "enforced" } })).status).toBe(200);
    // A refused edit writes nothing.
    await h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: "migrationComplete" } });
    expect((await h.call("PATCH", `${base}/mfa`, { body: { callToPhone: false } })).status).toBe(400);

    const res = await h.call("GET", "/v1.0/auditLogs/directoryAudits", { token: t.token });
    expect(res.status).toBe(200);
    // The 2024 schema lacks `nullable` on initiatedBy.user/app (Graph sends null): validate without the nulls.
    const withoutNulls = (a: any) => ({ ...a, initiatedBy: Object.fromEntries(Object.entries(a.initiatedBy).filter(([, v]) => v !== null)) });
    expectResponse("GET", "/auditLogs/directoryAudits", { ...res.body, value: res.body.value.map(withoutNulls) });
    const byName = (n: string) => (res.body.value as any[]).filter((a) => a.activityDisplayName === n);
    const [mfa] = byName("Update legacy MFA service settings");
    expect(byName("Update legacy MFA service settings")).toHaveLength(1);
    expect(mfa).toMatchObject({ category: "Policy", loggedByService: "MFA", operationType: "Update", result: "success" });
    expect(mfa.initiatedBy).toEqual({ user: null, app: { appId: null, displayName: "tenantlab control plane", servicePrincipalId: null, servicePrincipalName: null } });
    expect(mfa.targetResources[0].modifiedProperties).toEqual([{ displayName: "callToPhone", oldValue: "false", newValue: "true" }]);
    const [sspr] = byName("Update legacy SSPR policy");
    expect(sspr).toMatchObject({ category: "Policy", loggedByService: "Self-service Password Management" });
    expect(sspr.targetResources[0].modifiedProperties).toEqual([{ displayName: "numberOfMethodsRequiredToReset", oldValue: "1", newValue: "2" }]);
    const [perUser] = byName("Update per-user MFA state");
    expect(perUser).toMatchObject({ category: "UserManagement", loggedByService: "Core Directory" });
    expect(perUser.targetResources[0]).toMatchObject({ id: USER.bob, type: "User", modifiedProperties: [{ displayName: "perUserMfaState", oldValue: '"disabled"', newValue: '"enforced"' }] });
  });
});

describe("sign-in honours the migration state (usableMethods is what the engine asks)", () => {
  it("a TOTP that only legacy 'verification code' allows works before migration and is refused after completion until the policy enables it", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    await addCaPolicy(h, t.id, requireMfaFor(USER.carol));
    const afterPassword = async () => {
      const b = new Browser(h);
      const { page } = await startSignIn(b, t.id);
      const pwd = await enterUsername(b, page, t.upn("carol"));
      return { b, page: await b.submit(pwd, { passwd: PASSWORD }) };
    };
    const patchOath = (body: Record<string, unknown>) =>
      h.call("PATCH", `${CONFIGS}/SoftwareOath`, { token: t.token, body: { "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethodConfiguration", ...body } });

    // preMigration: the legacy MFA policy's "verification code" lets carol use her OATH app.
    const before = await afterPassword();
    expect(labels(before.page.text)).toEqual(["Code"]);
    const ok = await before.b.submit(before.page, { otc: totp(CAROL_SECRET, tenantNow(h, t.id)) });
    expect(ok.status, ok.text).toBe(302);

    // migrationComplete: legacy ignored; SoftwareOath (and Authenticator OTP) are disabled in the new policy.
    expect((await h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: "migrationComplete" } })).status).toBe(200);
    const blocked = await afterPassword();
    expect(blocked.page.status).toBe(400);
    expect(alertText(blocked.page.text)).toContain("AADSTS50079");

    // Enabled in the new policy: usable again.
    expect((await patchOath({ state: "enabled" })).status).toBe(204);
    expect(labels((await afterPassword()).page.text)).toEqual(["Code"]);

    // Excluded (exclusion wins over all_users): blocked again.
    expect((await patchOath({ excludeTargets: [{ id: USER.carol, targetType: "user" }] })).status).toBe(204);
    expect(alertText((await afterPassword()).page.text)).toContain("AADSTS50079");

    // Back to migrationInProgress: the legacy setting is honoured again.
    expect((await h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: "migrationInProgress" } })).status).toBe(200);
    expect(labels((await afterPassword()).page.text)).toEqual(["Code"]);
  });

  it("with the deprecation enforced, legacy settings are not honoured even before migration", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    await addCaPolicy(h, t.id, requireMfaFor(USER.carol));
    expect((await h.call("PATCH", `/_emulator/tenants/${t.id}/legacy`, { body: { deprecationEnforced: true } })).status).toBe(200);
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const pwd = await enterUsername(b, page, t.upn("carol"));
    const res = await b.submit(pwd, { passwd: PASSWORD });
    expect(alertText(res.text)).toContain("AADSTS50079");
  });
});

describe("OpenAPI", () => {
  it("the beta root with HardwareOath still validates", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("GET", BETA_POLICY, { token: t.token });
    expectResponse("GET", "/beta/policies/authenticationMethodsPolicy", res.body);
  });
});

describe("every migration transition", () => {
  const STATES = ["preMigration", "migrationInProgress", "migrationComplete"] as const;
  // behavior.md 2.11, 2.12: from preMigration anywhere; inProgress <-> complete; back to preMigration only
  // for a tenant that started there. A tenant that never had legacy policies (null) never goes there.
  const cases: { started: "preMigration" | "migrationInProgress" | null; from: (typeof STATES)[number] | null }[] = [
    ...STATES.map((from) => ({ started: "preMigration" as const, from })),
    { started: "migrationInProgress", from: "migrationInProgress" },
    { started: "migrationInProgress", from: "migrationComplete" },
    { started: null, from: null },
    { started: null, from: "migrationInProgress" },
    { started: null, from: "migrationComplete" },
  ];
  for (const { started, from } of cases)
    for (const to of STATES) {
      const allowed = to !== "preMigration" || from === "preMigration" || started === "preMigration";
      it(`started ${started}, now ${from}: ${to} is ${allowed ? "allowed (200)" : "refused (400)"}`, async () => {
        const h = await harness();
        const t = await policyTenant(h, (doc) => {
          doc.authenticationMethodsPolicy.policyMigrationState = from;
          doc.legacy.startedInMigrationState = started;
        });
        const res = await h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: to } });
        const now = (await h.call("GET", POLICY, { token: t.token })).body.policyMigrationState;
        if (allowed) {
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect(res.body.policyMigrationState).toBe(to);
          expect(now).toBe(to);
        } else {
          expectGraphError(res, 400, "badRequest");
          expect(res.body.error.message).toContain("'preMigration'");
          expect(now).toBe(from);
        }
      });
    }
});

describe("configuration PATCH without @odata.type", () => {
  it("answers 400 naming the type to send, and changes nothing", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const res = await h.call("PATCH", `${CONFIGS}/sms`, { token: t.token, body: { state: "disabled" } });
    expectGraphError(res, 400, "BadRequest");
    expect(res.body.error.message).toContain('"@odata.type": "#microsoft.graph.smsAuthenticationMethodConfiguration"');
    expect((await h.call("GET", `${CONFIGS}/Sms`, { token: t.token })).body.state).toBe("enabled");
  });
});
