/**
 * The legacy MFA service settings and the legacy SSPR policy: which methods they allow, whom SSPR
 * covers, when they are honoured, and the rules for editing them (behavior.md 2.4-2.15, 2.37-2.38).
 * Real Graph has no API for these; the emulator exposes them on its control plane.
 */
import type { TenantState } from "./state";
import type { AuthMethodKind } from "./method-kinds";
import type { LegacyMfaSettings, LegacySsprMethods, LegacySsprSettings } from "./methods-policy.types";
import { findUser, isAdmin, isGuest, transitiveGroupIds } from "./directory";
import { migrationState } from "./methods-policy";

/** Legacy MFA verification options -> method kinds (behavior.md 2.8). */
export const LEGACY_MFA_METHOD_KINDS: Record<keyof Pick<LegacyMfaSettings,
  "callToPhone" | "textMessageToPhone" | "notificationThroughMobileApp" | "verificationCodeFromMobileAppOrHardwareToken">, AuthMethodKind[]> = {
  callToPhone: ["voice"],
  textMessageToPhone: ["sms"],
  notificationThroughMobileApp: ["microsoftAuthenticatorPush"],
  verificationCodeFromMobileAppOrHardwareToken: ["softwareOath", "hardwareOath"],
};
export type LegacyMfaMethod = keyof typeof LEGACY_MFA_METHOD_KINDS;
export const LEGACY_MFA_METHODS = Object.keys(LEGACY_MFA_METHOD_KINDS) as LegacyMfaMethod[];

/**
 * Legacy SSPR methods -> method kinds (behavior.md 2.9). "Mobile phone" allows voice as well as SMS
 * for reset (2.7); "Mobile app code" is Authenticator's code, a software OATH code.
 */
export const LEGACY_SSPR_METHOD_KINDS: Record<keyof LegacySsprMethods, AuthMethodKind[]> = {
  mobileAppNotification: ["microsoftAuthenticatorPush"],
  mobileAppCode: ["softwareOath"],
  email: ["email"],
  mobilePhone: ["sms", "voice"],
  officePhone: ["voice"],
  securityQuestions: ["securityQuestions"],
};
export type LegacySsprMethod = keyof LegacySsprMethods;
export const LEGACY_SSPR_METHODS = Object.keys(LEGACY_SSPR_METHOD_KINDS) as LegacySsprMethod[];

/**
 * The methods of the SSPR administrator ("two-gate") policy, which stays active after migration
 * (behavior.md 2.10, 2.14): email, mobile/office phone, Authenticator notification or code; never
 * security questions.
 */
export const ADMIN_SSPR_KINDS: AuthMethodKind[] = ["email", "sms", "voice", "microsoftAuthenticatorPush", "softwareOath"];

/**
 * Whether the legacy MFA and SSPR *method* settings are honoured: in `preMigration` and
 * `migrationInProgress` (behavior.md 2.4), never in `migrationComplete` or a tenant without legacy
 * settings (`null`), and never when the 2025-09-30 deprecation is enforced (2.15).
 */
export function legacyHonoured(state: TenantState): boolean {
  if (state.legacy.deprecationEnforced) return false;
  const ms = migrationState(state);
  return ms === "preMigration" || ms === "migrationInProgress";
}

/**
 * Whether SSPR is enabled for the user (SSPR "Properties": none / selected group / all). Administrators
 * always are: the two-gate administrator policy applies to them (behavior.md 2.10). B2B guests never are:
 * they reset their password in their home organization ([INFERRED]).
 */
export function isSsprEnabledForUser(state: TenantState, userId: string): boolean {
  const user = findUser(state, userId);
  if (!user || isGuest(user)) return false;
  if (isAdmin(state, userId)) return true;
  const s = state.legacy.sspr;
  if (s.enabledFor === "all") return true;
  if (s.enabledFor === "selected" && s.selectedGroupId) return transitiveGroupIds(state, userId).has(s.selectedGroupId.toLowerCase());
  return false;
}

/** Method kinds the legacy MFA settings allow (tenant-wide, no targeting; behavior.md 2.8). */
export function legacyMfaKinds(mfa: LegacyMfaSettings): AuthMethodKind[] {
  return LEGACY_MFA_METHODS.filter((m) => mfa?.[m]).flatMap((m) => LEGACY_MFA_METHOD_KINDS[m]);
}

/** Method kinds the legacy SSPR policy allows, security questions included. */
export function legacySsprKinds(sspr: LegacySsprSettings): AuthMethodKind[] {
  return LEGACY_SSPR_METHODS.filter((m) => sspr.methods?.[m]).flatMap((m) => LEGACY_SSPR_METHOD_KINDS[m]);
}

/** Enabled legacy methods, by name, for reports. */
export function enabledLegacyMethods(state: TenantState): { mfa: LegacyMfaMethod[]; sspr: LegacySsprMethod[] } {
  return {
    mfa: LEGACY_MFA_METHODS.filter((m) => state.legacy.mfa[m]),
    sspr: LEGACY_SSPR_METHODS.filter((m) => state.legacy.sspr.methods?.[m]),
  };
}
