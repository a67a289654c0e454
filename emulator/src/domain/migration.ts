/**
 * Which methods a user may use right now, from the migration state, the legacy MFA/SSPR settings and
 * the authentication methods policy (issue #4 owns and completes this file; the signature is used by the
 * sign-in engine, My Security Info, the registration campaign and the scenario runner and must stay).
 */
import type { TenantState } from "./state";
import type { AuthMethodKind } from "./method-kinds";
import { includeTargetForUser, isMethodEnabledForUser, methodConfiguration, migrationState } from "./methods-policy";
import { ADMIN_SSPR_KINDS, isSsprEnabledForUser, legacyHonoured, legacyMfaKinds, legacySsprKinds } from "./legacy-policies";
import { isAdmin } from "./directory";

export interface UsableMethods {
  /** Methods the user may sign in with (first factor or passwordless). */
  signIn: AuthMethodKind[];
  /** Methods that may satisfy a second factor (MFA). */
  mfa: AuthMethodKind[];
  /** Methods usable for self-service password reset. */
  sspr: AuthMethodKind[];
  /** Methods the user may register (My Security Info). */
  registration: AuthMethodKind[];
}

/** What the new policy alone allows the user, per purpose (behavior.md 2.19-2.22, 1.31, 2.31). */
/** `sspr` lists the methods the policy enables that can serve SSPR (used only from `migrationInProgress` on). */
export type PolicyMethods = UsableMethods;

/** The new policy's contribution, whatever the migration state. */
export function policyMethods(state: TenantState, userId: string): PolicyMethods {
  const on = (id: string) => isMethodEnabledForUser(state, id, userId);
  const out: PolicyMethods = { signIn: ["password"], mfa: [], sspr: [], registration: [] };
  const add = (kind: AuthMethodKind, ...lists: (keyof PolicyMethods)[]) => lists.forEach((l) => out[l].push(kind));

  const auth = includeTargetForUser(state, "MicrosoftAuthenticator", userId);
  if (auth) {
    // authenticationMode: any = push + passwordless, push = MFA push only, deviceBasedPush = passwordless only (2.22).
    const mode = (auth.authenticationMode as string | undefined) ?? "any";
    if (mode !== "deviceBasedPush") add("microsoftAuthenticatorPush", "mfa", "sspr", "registration");
    if (mode !== "push") add("microsoftAuthenticatorPasswordless", "signIn", "registration");
    // "Allow use of Microsoft Authenticator OTP" (isSoftwareOathEnabled).
    if (methodConfiguration(state, "MicrosoftAuthenticator")?.isSoftwareOathEnabled === true) add("softwareOath", "mfa", "sspr", "registration");
  }
  if (on("SoftwareOath")) add("softwareOath", "mfa", "sspr", "registration");
  // Hardware OATH tokens (beta-only HardwareOath configuration; legacy "verification code", 2.8).
  if (on("HardwareOath")) add("hardwareOath", "mfa", "sspr", "registration");
  const sms = includeTargetForUser(state, "Sms", userId);
  if (sms) {
    add("sms", "mfa", "sspr", "registration");
    // SMS as a first factor only when the target has "Use for sign-in" (2.21, 2.31).
    if (sms.isUsableForSignIn === true) add("sms", "signIn");
  }
  if (on("Voice")) add("voice", "mfa", "sspr", "registration");
  // Email OTP for members is a password-reset method only (2.20).
  if (on("Email")) add("email", "sspr", "registration");
  // FIDO2 is sign-in only (2.19); passwordless sign-in satisfies MFA.
  const fido = methodConfiguration(state, "Fido2");
  if (on("Fido2")) {
    add("fido2", "signIn", "mfa");
    if (fido?.isSelfServiceRegistrationAllowed !== false) add("fido2", "registration");
  }
  // TAP: first factor and MFA, never SSPR; passes are issued by admins, not registered (1.31).
  if (on("TemporaryAccessPass")) add("temporaryAccessPass", "signIn", "mfa");
  if (on("X509Certificate")) {
    add("x509Certificate", "signIn");
    const mode = (methodConfiguration(state, "X509Certificate")?.authenticationModeConfiguration as Record<string, unknown> | undefined)
      ?.x509CertificateAuthenticationDefaultMode;
    if (mode === "x509CertificateMultiFactor") add("x509Certificate", "mfa");
  }
  return dedupe(out);
}

function dedupe(o: UsableMethods): UsableMethods {
  return { signIn: [...new Set(o.signIn)], mfa: [...new Set(o.mfa)], sspr: [...new Set(o.sspr)], registration: [...new Set(o.registration)] };
}

/**
 * Which methods the user may use now for sign-in, MFA, SSPR and registration (behavior.md 2.4-2.14).
 * - New policy: always for sign-in and MFA; for SSPR only from `migrationInProgress` on (2.4, 2.5).
 * - Legacy MFA / SSPR settings: honoured in `preMigration` and `migrationInProgress`, as a union with the
 *   new policy (2.5); ignored in `migrationComplete`, for a `null` state, and when the deprecation switch
 *   is on (2.15). Legacy MFA adds MFA and registration; legacy SSPR adds SSPR and registration, only for
 *   users SSPR covers (2.6).
 * - Security questions stay in the SSPR policy for ever: SSPR and registration only (2.12, 2.13).
 * - Administrators keep the SSPR administrator policy after migration (2.14).
 * - SSPR needs the user to be enabled for SSPR at all (SSPR "Properties", not a method setting); guests never are.
 */
export function usableMethods(state: TenantState, userId: string): UsableMethods {
  const policy = policyMethods(state, userId);
  const ms = migrationState(state);
  const legacy = legacyHonoured(state);
  const ssprEnabled = isSsprEnabledForUser(state, userId);
  const admin = isAdmin(state, userId);

  const signIn = [...policy.signIn];
  const mfa = [...policy.mfa];
  const registration = [...policy.registration];
  const sspr: AuthMethodKind[] = [];

  if (legacy) {
    const legacyMfa = legacyMfaKinds(state.legacy.mfa);
    mfa.push(...legacyMfa);
    registration.push(...legacyMfa);
  }
  if (ssprEnabled) {
    // In preMigration the methods policy is not consulted for SSPR at all (2.5).
    if (ms !== "preMigration" || !legacy) sspr.push(...policy.sspr);
    const ssprKinds = legacySsprKinds(state.legacy.sspr);
    if (admin) {
      // Two-gate administrator policy: fixed methods, no security questions (2.10, 2.14).
      sspr.push(...ADMIN_SSPR_KINDS);
    } else if (legacy) {
      sspr.push(...ssprKinds);
      registration.push(...ssprKinds.filter((k) => k !== "securityQuestions"));
    }
    // Security questions: only in the SSPR policy, honoured after migration and the deprecation (2.13).
    if (!admin && state.legacy.sspr.methods?.securityQuestions) {
      sspr.push("securityQuestions");
      registration.push("securityQuestions");
    }
  }
  return dedupe({ signIn, mfa, sspr, registration });
}

/** `usableMethods` as if the tenant were in `target` migration state (for readiness reports and what-ifs). */
export function usableMethodsIn(state: TenantState, userId: string, target: "preMigration" | "migrationInProgress" | "migrationComplete"): UsableMethods {
  const shadow: TenantState = { ...state, methodsPolicy: { ...state.methodsPolicy, root: { ...state.methodsPolicy.root, policyMigrationState: target } } };
  return usableMethods(shadow, userId);
}
