/**
 * usableMethods(state, userId): the one answer to "which methods may this user use now" (behavior.md
 * 2.4-2.14, 2.19-2.22, 1.6-1.8, 1.31), checked state by state on seeded tenants (no HTTP).
 */
import { describe, expect, it } from "vitest";
import { parseFixture, seedTenant } from "../../src/fixture/seed";
import { ManualClock } from "../../src/infra/clock";
import { cryptoIds } from "../../src/infra/ids";
import { scryptSecrets } from "../../src/infra/secrets";
import { usableMethods, usableMethodsIn } from "../../src/domain/migration";
import { isMethodEnabledForUser, includeTargetForUser } from "../../src/domain/methods-policy";
import type { TenantState } from "../../src/domain/state";
import { uniqueFixture } from "../helpers";
import { GROUP, USER } from "./support";

const ADMIN = USER.globalAdmin;
function seeded(mutate?: (doc: Record<string, any>) => void): TenantState {
  return seedTenant(parseFixture(uniqueFixture(mutate)), { clock: new ManualClock(), ids: cryptoIds, secrets: scryptSecrets });
}
const setState = (s: TenantState, ms: string | null) => { s.methodsPolicy.root.policyMigrationState = ms; };
const config = (s: TenantState, id: string, patch: Record<string, unknown>) => { Object.assign(s.methodsPolicy.configurations[id], patch); };
const allOff = (s: TenantState) => {
  for (const c of Object.values(s.methodsPolicy.configurations)) c.state = "disabled";
  for (const k of ["callToPhone", "textMessageToPhone", "notificationThroughMobileApp", "verificationCodeFromMobileAppOrHardwareToken"] as const) s.legacy.mfa[k] = false;
  for (const k of Object.keys(s.legacy.sspr.methods) as (keyof typeof s.legacy.sspr.methods)[]) s.legacy.sspr.methods[k] = false;
};

describe("the new policy's targets", () => {
  it("enables a method for included users only, and exclusion wins", () => {
    const s = seeded();
    config(s, "Voice", { state: "enabled", includeTargets: [{ id: GROUP.allStaff, targetType: "group" }], excludeTargets: [{ id: GROUP.tapPilot, targetType: "group" }] });
    expect(isMethodEnabledForUser(s, "voice", USER.carol)).toBe(true);
    expect(isMethodEnabledForUser(s, "Voice", USER.alice)).toBe(false); // All Staff and TAP Pilot: excluded
    expect(isMethodEnabledForUser(s, "Voice", "11111111-0000-4000-8000-000000000020")).toBe(false); // guest, not in All Staff
  });

  it("treats all_users as everyone and a disabled method as nobody", () => {
    const s = seeded();
    config(s, "Voice", { state: "enabled", includeTargets: [{ id: "all_users", targetType: "group" }] });
    expect(isMethodEnabledForUser(s, "Voice", "11111111-0000-4000-8000-000000000020")).toBe(true);
    config(s, "Voice", { state: "disabled" });
    expect(isMethodEnabledForUser(s, "Voice", USER.carol)).toBe(false);
  });

  it("enables the default tenant's TAP for the TAP Pilot group only", () => {
    const s = seeded();
    expect(isMethodEnabledForUser(s, "TemporaryAccessPass", USER.alice)).toBe(true);
    expect(isMethodEnabledForUser(s, "temporaryaccesspass", USER.carol)).toBe(false);
    expect(usableMethods(s, USER.alice).signIn).toContain("temporaryAccessPass");
    expect(usableMethods(s, USER.alice).mfa).toContain("temporaryAccessPass");
    expect(usableMethods(s, USER.alice).sspr).not.toContain("temporaryAccessPass");
    expect(usableMethods(s, USER.carol).signIn).not.toContain("temporaryAccessPass");
  });

  it("reads per-target settings: Authenticator mode and SMS use for sign-in", () => {
    const s = seeded();
    allOff(s);
    config(s, "MicrosoftAuthenticator", { state: "enabled", includeTargets: [{ id: GROUP.allStaff, targetType: "group", authenticationMode: "push" }, { id: GROUP.tapPilot, targetType: "group", authenticationMode: "any" }] });
    config(s, "Sms", { state: "enabled", includeTargets: [{ id: GROUP.allStaff, targetType: "group", isUsableForSignIn: false }] });
    expect(includeTargetForUser(s, "MicrosoftAuthenticator", USER.alice)?.authenticationMode).toBe("any");
    const carol = usableMethods(s, USER.carol);
    expect(carol.mfa).toEqual(expect.arrayContaining(["microsoftAuthenticatorPush", "sms"]));
    expect(carol.signIn).toEqual(["password"]);
    const alice = usableMethods(s, USER.alice);
    expect(alice.signIn).toContain("microsoftAuthenticatorPasswordless");
    config(s, "MicrosoftAuthenticator", { includeTargets: [{ id: "all_users", targetType: "group", authenticationMode: "deviceBasedPush" }] });
    expect(usableMethods(s, USER.carol).mfa).not.toContain("microsoftAuthenticatorPush");
    expect(usableMethods(s, USER.carol).signIn).toContain("microsoftAuthenticatorPasswordless");
    config(s, "Sms", { includeTargets: [{ id: "all_users", targetType: "group", isUsableForSignIn: true }] });
    expect(usableMethods(s, USER.carol).signIn).toContain("sms");
  });

  it("keeps FIDO2 and certificates out of SSPR and email out of MFA", () => {
    const s = seeded((doc) => { doc.authenticationMethodsPolicy.policyMigrationState = "migrationComplete"; });
    allOff(s);
    for (const id of ["Fido2", "Email", "X509Certificate"]) config(s, id, { state: "enabled", includeTargets: [{ id: "all_users", targetType: "group" }] });
    const carol = usableMethods(s, USER.carol);
    expect(carol.signIn).toEqual(expect.arrayContaining(["password", "fido2", "x509Certificate"]));
    expect(carol.sspr).toEqual(["email"]);
    expect(carol.mfa).toEqual(["fido2"]);
    expect(carol.registration).toEqual(expect.arrayContaining(["fido2", "email"]));
    config(s, "Fido2", { isSelfServiceRegistrationAllowed: false });
    expect(usableMethods(s, USER.carol).registration).not.toContain("fido2");
  });
});

describe("preMigration: legacy honoured, the new policy not consulted for SSPR", () => {
  it("unions legacy MFA with the new policy for MFA and registration", () => {
    const s = seeded(); // contoso: legacy text, notification, code; new policy Sms + TAP Pilot
    const carol = usableMethods(s, USER.carol);
    expect(carol.mfa).toEqual(expect.arrayContaining(["sms", "microsoftAuthenticatorPush", "softwareOath", "hardwareOath"]));
    expect(carol.mfa).not.toContain("voice");
    expect(carol.registration).toEqual(expect.arrayContaining(["microsoftAuthenticatorPush", "softwareOath", "sms", "voice", "email", "securityQuestions"]));
  });

  it("takes SSPR methods from the legacy SSPR policy only", () => {
    const s = seeded();
    config(s, "Voice", { state: "enabled", includeTargets: [{ id: "all_users", targetType: "group" }] });
    s.legacy.sspr.methods.mobilePhone = false;
    const carol = usableMethods(s, USER.carol);
    expect(carol.sspr.sort()).toEqual(["email", "securityQuestions"]);
  });

  it("lets SSPR 'mobile phone' users reset with voice even where Voice is off (the leak in 2.7)", () => {
    const s = seeded();
    expect(usableMethods(s, USER.carol).sspr).toEqual(expect.arrayContaining(["sms", "voice"]));
  });

  it("gives no SSPR methods to users SSPR does not cover, but admins keep the two-gate policy", () => {
    const s = seeded();
    s.legacy.sspr.enabledFor = "selected";
    s.legacy.sspr.selectedGroupId = GROUP.tapPilot;
    expect(usableMethods(s, USER.carol).sspr).toEqual([]);
    expect(usableMethods(s, USER.alice).sspr.length).toBeGreaterThan(0);
    const admin = usableMethods(s, ADMIN).sspr;
    expect(admin).toEqual(expect.arrayContaining(["email", "sms", "voice", "microsoftAuthenticatorPush", "softwareOath"]));
    expect(admin).not.toContain("securityQuestions");
  });
});

describe("guests", () => {
  it("get MFA methods from the policies but never this tenant's SSPR", () => {
    const s = seeded((doc) => { doc.authenticationMethodsPolicy.policyMigrationState = "migrationInProgress"; });
    const gina = usableMethods(s, "11111111-0000-4000-8000-000000000020");
    expect(gina.mfa).toEqual(expect.arrayContaining(["sms", "microsoftAuthenticatorPush"]));
    expect(gina.sspr).toEqual([]);
  });
});

describe("migrationInProgress: legacy honoured, the new policy also used for SSPR", () => {
  it("unions both policies for SSPR", () => {
    const s = seeded((doc) => { doc.authenticationMethodsPolicy.policyMigrationState = "migrationInProgress"; });
    config(s, "MicrosoftAuthenticator", { state: "enabled" });
    const carol = usableMethods(s, USER.carol);
    expect(carol.sspr).toEqual(expect.arrayContaining(["microsoftAuthenticatorPush", "sms", "voice", "email", "securityQuestions"]));
    expect(carol.mfa).toEqual(expect.arrayContaining(["softwareOath", "microsoftAuthenticatorPush", "sms"]));
  });

  it("stops a method only when every policy disables it", () => {
    const s = seeded((doc) => { doc.authenticationMethodsPolicy.policyMigrationState = "migrationInProgress"; });
    config(s, "Sms", { state: "disabled" });
    expect(usableMethods(s, USER.carol).mfa).toContain("sms"); // legacy text message still on
    s.legacy.mfa.textMessageToPhone = false;
    expect(usableMethods(s, USER.carol).mfa).not.toContain("sms");
    expect(usableMethods(s, USER.carol).sspr).toContain("sms"); // legacy SSPR mobile phone still on
    s.legacy.sspr.methods.mobilePhone = false;
    expect(usableMethods(s, USER.carol).sspr).not.toContain("sms");
  });
});

describe("migrationComplete: legacy ignored except security questions", () => {
  it("uses only the new policy for MFA and SSPR", () => {
    const s = seeded((doc) => { doc.authenticationMethodsPolicy.policyMigrationState = "migrationComplete"; });
    const carol = usableMethods(s, USER.carol);
    expect(carol.mfa).toEqual(["sms"]);
    expect(carol.sspr.sort()).toEqual(["securityQuestions", "sms"]);
    expect(carol.registration.sort()).toEqual(["securityQuestions", "sms"]);
  });

  it("shows exactly who loses which method when moving from preMigration", () => {
    const s = seeded();
    const now = usableMethods(s, USER.carol);
    const after = usableMethodsIn(s, USER.carol, "migrationComplete");
    expect(now.mfa.filter((k) => !after.mfa.includes(k)).sort()).toEqual(["hardwareOath", "microsoftAuthenticatorPush", "softwareOath"]);
    expect(now.sspr.filter((k) => !after.sspr.includes(k)).sort()).toEqual(["email", "voice"]);
  });

  it("keeps the SSPR administrator policy for admins", () => {
    const s = seeded((doc) => { doc.authenticationMethodsPolicy.policyMigrationState = "migrationComplete"; });
    allOff(s);
    expect(usableMethods(s, ADMIN).sspr).toEqual(expect.arrayContaining(["email", "sms", "voice"]));
    expect(usableMethods(s, USER.carol).sspr).toEqual([]);
  });

  it("treats a null migration state like migrationComplete", () => {
    const s = seeded((doc) => { doc.authenticationMethodsPolicy.policyMigrationState = null; });
    expect(usableMethods(s, USER.carol)).toEqual(usableMethodsIn(s, USER.carol, "migrationComplete"));
  });
});

describe("the deprecation switch (2.15)", () => {
  it("stops honouring legacy settings in every state, security questions excepted", () => {
    const s = seeded();
    s.legacy.deprecationEnforced = true;
    const carol = usableMethods(s, USER.carol);
    expect(carol.mfa).toEqual(["sms"]);
    expect(carol.sspr.sort()).toEqual(["securityQuestions", "sms"]);
    expect(carol.signIn).toEqual(["password", "sms"]);
  });

  it("behaves as before 2025-09-30 when off (the default)", () => {
    const s = seeded();
    expect(s.legacy.deprecationEnforced).toBe(false);
    expect(usableMethods(s, USER.carol).mfa).toContain("microsoftAuthenticatorPush");
  });
});
