/**
 * Editing the legacy MFA service settings, the legacy SSPR policy and per-user MFA states (the "legacy
 * portals"; real Graph has no API for them). Rules: in `migrationComplete` no legacy *method* setting may
 * change except security questions (behavior.md 2.12); with the 2025-09-30 deprecation enforced, the same
 * (2.15); other settings (trusted IPs, counts, SSPR scope) stay editable. Fixtures bypass the locks.
 */
import { z } from "zod";
import type { TenantState } from "./state";
import type { LegacyMfaSettings, LegacySsprSettings } from "./methods-policy.types";
import { badRequest } from "./errors";
import { migrationState } from "./methods-policy";
import { LEGACY_MFA_METHODS, LEGACY_SSPR_METHODS } from "./legacy-policies";
import { emptyUserAuthMethods, type UserAuthMethods } from "./auth-methods.types";

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;

export const legacyMfaPatchSchema = z.strictObject({
  callToPhone: z.boolean().optional(),
  textMessageToPhone: z.boolean().optional(),
  notificationThroughMobileApp: z.boolean().optional(),
  verificationCodeFromMobileAppOrHardwareToken: z.boolean().optional(),
  rememberMfaOnTrustedDevices: z.strictObject({ enabled: z.boolean().optional(), days: z.number().int().min(1).max(365).optional() }).optional(),
  // Up to 50 IPv4 CIDR ranges (behavior.md 2.38).
  trustedIps: z.array(z.string().regex(IPV4_CIDR, "must be an IPv4 CIDR range such as 192.168.1.0/24")).max(50).optional(),
  skipMfaForFederatedUsersOnIntranet: z.boolean().optional(),
});
export type LegacyMfaPatch = z.infer<typeof legacyMfaPatchSchema>;

export const legacySsprPatchSchema = z.strictObject({
  enabledFor: z.enum(["none", "selected", "all"]).optional(),
  selectedGroupId: z.string().nullable().optional(),
  numberOfMethodsRequiredToReset: z.union([z.literal(1), z.literal(2)]).optional(),
  methods: z.strictObject({
    mobileAppNotification: z.boolean().optional(),
    mobileAppCode: z.boolean().optional(),
    email: z.boolean().optional(),
    mobilePhone: z.boolean().optional(),
    officePhone: z.boolean().optional(),
    securityQuestions: z.boolean().optional(),
  }).optional(),
  securityQuestionsNumberToRegister: z.number().int().min(3).max(5).optional(),
  securityQuestionsNumberToReset: z.number().int().min(3).max(5).optional(),
  requireRegistrationAtSignIn: z.boolean().optional(),
  reconfirmationIntervalInDays: z.number().int().min(0).max(730).optional(),
});
export type LegacySsprPatch = z.infer<typeof legacySsprPatchSchema>;

export const PER_USER_MFA_STATES = ["disabled", "enabled", "enforced"] as const;
export type PerUserMfaState = (typeof PER_USER_MFA_STATES)[number];

/** Why legacy method settings cannot change now, or null when they can. */
export function legacyMethodsLock(state: TenantState): { code: string; message: string } | null {
  if (state.legacy.deprecationEnforced)
    return {
      code: "legacyPolicyDeprecated",
      message: "Authentication methods can no longer be managed in the legacy MFA and SSPR policies (deprecated since September 30, 2025). Manage them in the authentication methods policy. Security questions stay in the SSPR policy.",
    };
  const ms = migrationState(state);
  if (ms === "migrationComplete" || ms === null)
    return {
      code: "legacyPolicyMigrated",
      message: `The authentication methods policy migration is ${ms ?? "not applicable (no legacy policies)"}: legacy MFA and SSPR method settings cannot be changed, except security questions. Move the policy back to migrationInProgress to edit them.`,
    };
  return null;
}

function refuse(lock: { code: string; message: string }, changed: string[]): never {
  throw badRequest(`${lock.message} Refused change: ${changed.join(", ")}.`, { graphCode: lock.code });
}

/** Applies a legacy MFA patch; `enforceLocks: false` for fixtures. */
export function updateLegacyMfa(state: TenantState, patch: LegacyMfaPatch, enforceLocks = true): LegacyMfaSettings {
  const current = state.legacy.mfa;
  const changedMethods = LEGACY_MFA_METHODS.filter((m) => patch[m] !== undefined && patch[m] !== current[m]);
  const lock = enforceLocks ? legacyMethodsLock(state) : null;
  if (lock && changedMethods.length) refuse(lock, changedMethods);
  const next: LegacyMfaSettings = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && k !== "rememberMfaOnTrustedDevices")),
    rememberMfaOnTrustedDevices: { ...current.rememberMfaOnTrustedDevices, ...stripUndefined(patch.rememberMfaOnTrustedDevices ?? {}) },
  };
  state.legacy.mfa = next;
  return next;
}

/** Applies a legacy SSPR patch; checks the combination the SSPR blade accepts (behavior.md 2.10). */
export function updateLegacySspr(state: TenantState, patch: LegacySsprPatch, enforceLocks = true): LegacySsprSettings {
  const current = state.legacy.sspr;
  const methods = { ...current.methods, ...stripUndefined(patch.methods ?? {}) };
  // Security questions stay manageable after migration and the deprecation (2.12, 2.13).
  const changedMethods = LEGACY_SSPR_METHODS.filter((m) => m !== "securityQuestions" && methods[m] !== current.methods[m]);
  const lock = enforceLocks ? legacyMethodsLock(state) : null;
  if (lock && changedMethods.length) refuse(lock, changedMethods);
  const { methods: _m, ...rest } = patch;
  const next: LegacySsprSettings = { ...current, ...stripUndefined(rest), methods };
  if (next.selectedGroupId) next.selectedGroupId = next.selectedGroupId.toLowerCase();
  if (next.enabledFor === "selected" && !next.selectedGroupId) throw badRequest("SSPR enabledFor 'selected' needs selectedGroupId.");
  if (next.selectedGroupId && !state.groups.some((g) => g.id === next.selectedGroupId))
    throw badRequest(`Invalid value specified for property 'selectedGroupId': the group '${next.selectedGroupId}' does not exist in the tenant.`);
  if (next.securityQuestionsNumberToReset > next.securityQuestionsNumberToRegister)
    throw badRequest("securityQuestionsNumberToReset cannot be greater than securityQuestionsNumberToRegister.");
  const enabled = LEGACY_SSPR_METHODS.filter((m) => next.methods[m]);
  if (next.enabledFor !== "none" && enabled.length < next.numberOfMethodsRequiredToReset)
    throw badRequest(`At least ${next.numberOfMethodsRequiredToReset} authentication method(s) must be available when ${next.numberOfMethodsRequiredToReset} are required to reset.`);
  // Authenticator can't be the only allowed method when one method is required (2.10).
  if (next.numberOfMethodsRequiredToReset === 1 && enabled.length > 0 && enabled.every((m) => m === "mobileAppNotification" || m === "mobileAppCode"))
    throw badRequest("The Microsoft Authenticator app cannot be the only authentication method when one method is required to reset.");
  state.legacy.sspr = next;
  return next;
}

/** Sets the per-user MFA state (behavior.md 2.37); stored with the user's authentication methods. */
export function setPerUserMfaState(state: TenantState, userId: string, value: PerUserMfaState): UserAuthMethods {
  const entry = (state.authMethods[userId] ??= emptyUserAuthMethods());
  entry.perUserMfaState = value;
  return entry;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
