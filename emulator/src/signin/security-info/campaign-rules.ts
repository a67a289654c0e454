/**
 * The registration campaign ("nudge", behavior.md 2C, 2.23-2.24): who is asked to set up Microsoft
 * Authenticator after signing in, and whether they may skip. Pure rules over the tenant state; `now`
 * is the tenant clock. The campaign is stored in the methods policy root at
 * `registrationEnforcement.authenticationMethodsRegistrationCampaign`.
 */
import type { TenantState } from "../../domain/state";
import { targetsUser, type PolicyTarget } from "../../domain/methods-policy";
import { usableMethods } from "../../domain/migration";
import { findUser } from "../../domain/directory";

/** With `enforceRegistrationAfterAllowedSnoozes` (the default), three snoozes, then registration is forced (2.23). */
export const ALLOWED_SNOOZES = 3;

/** Method kinds that show the user already does MFA (email is SSPR-only, 2.20). */
const MFA_CAPABLE = new Set(["phone", "softwareOath", "fido2", "windowsHelloForBusiness"]);

/** A user's snoozes, kept in the tenant's sign-in protocol state (runtime only, not part of fixtures). */
export interface CampaignSnooze {
  count: number;
  lastSnoozedDateTime: string;
}

type WithSnoozes = { registrationCampaignSnoozes?: Record<string, CampaignSnooze> };

/** The per-user snooze records (created on first use). */
export function campaignSnoozes(state: TenantState): Record<string, CampaignSnooze> {
  const holder = state.signIn as typeof state.signIn & WithSnoozes;
  return (holder.registrationCampaignSnoozes ??= {});
}

export interface CampaignSettings {
  state: string;
  snoozeDurationInDays: number;
  enforceRegistrationAfterAllowedSnoozes: boolean;
  includeTargets: (PolicyTarget & { targetedAuthenticationMethod?: string })[];
  excludeTargets: PolicyTarget[];
}

/** The campaign as configured, with the documented defaults filled in (2.23). */
export function campaignSettings(state: TenantState): CampaignSettings {
  const root = state.methodsPolicy.root as Record<string, any>;
  const raw = (root.registrationEnforcement?.authenticationMethodsRegistrationCampaign ?? {}) as Record<string, any>;
  return {
    state: String(raw.state ?? "default"),
    snoozeDurationInDays: typeof raw.snoozeDurationInDays === "number" ? raw.snoozeDurationInDays : 1,
    enforceRegistrationAfterAllowedSnoozes: raw.enforceRegistrationAfterAllowedSnoozes !== false,
    includeTargets: Array.isArray(raw.includeTargets) ? raw.includeTargets : [],
    excludeTargets: Array.isArray(raw.excludeTargets) ? raw.excludeTargets : [],
  };
}

export type CampaignVerdict =
  | { nudge: false; reason: string }
  | { nudge: true; skipAllowed: boolean; snoozesUsed: number };

/**
 * Whether the user is nudged now (after an MFA in an interactive sign-in; the caller checks that part):
 * - `state` must be `enabled`. [INFERRED] `default` ("Microsoft managed": on for voice/SMS users only)
 *   is treated as not enabled in the emulator; `disabled` is off.
 * - An include target with `targetedAuthenticationMethod` `microsoftAuthenticator` covers the user and
 *   no exclude target does (exclusion wins, 2.23).
 * - The user has an MFA-capable method but no Microsoft Authenticator (2.24).
 * - Authenticator push is usable for the user: `usableMethods(...).registration` contains
 *   `microsoftAuthenticatorPush` (new policy mode any/push, or legacy "notification through mobile app";
 *   `deviceBasedPush` makes the user ineligible, 2.24).
 * - Not snoozed: the last "Skip for now" was at least `snoozeDurationInDays` days ago by the tenant clock
 *   (0 = nudge at every sign-in with MFA).
 * Skipping is allowed unless `enforceRegistrationAfterAllowedSnoozes` is true and three snoozes are used.
 */
export function campaignVerdict(state: TenantState, userId: string, now: Date): CampaignVerdict {
  const settings = campaignSettings(state);
  if (settings.state !== "enabled") return { nudge: false, reason: `campaign state is '${settings.state}'` };
  const included = settings.includeTargets.filter((t) => (t.targetedAuthenticationMethod ?? "microsoftAuthenticator") === "microsoftAuthenticator");
  if (!targetsUser(state, included, userId)) return { nudge: false, reason: "user not included" };
  if (targetsUser(state, settings.excludeTargets, userId)) return { nudge: false, reason: "user excluded" };
  if (!findUser(state, userId)) return { nudge: false, reason: "unknown user" };
  const methods = state.authMethods[userId]?.methods ?? [];
  if (methods.some((m) => m.kind === "microsoftAuthenticator")) return { nudge: false, reason: "Authenticator already registered" };
  if (!methods.some((m) => MFA_CAPABLE.has(m.kind))) return { nudge: false, reason: "no MFA-capable method" };
  if (!usableMethods(state, userId).registration.includes("microsoftAuthenticatorPush"))
    return { nudge: false, reason: "Authenticator push not enabled for the user" };
  const snooze = campaignSnoozes(state)[userId];
  const used = snooze?.count ?? 0;
  if (snooze && settings.snoozeDurationInDays > 0) {
    const until = new Date(snooze.lastSnoozedDateTime).getTime() + settings.snoozeDurationInDays * 86_400_000;
    if (now.getTime() < until) return { nudge: false, reason: "snoozed" };
  }
  return { nudge: true, skipAllowed: !settings.enforceRegistrationAfterAllowedSnoozes || used < ALLOWED_SNOOZES, snoozesUsed: used };
}

/** Records a "Skip for now" at `now` (tenant clock). */
export function recordSnooze(state: TenantState, userId: string, now: Date): CampaignSnooze {
  const snoozes = campaignSnoozes(state);
  const next = { count: (snoozes[userId]?.count ?? 0) + 1, lastSnoozedDateTime: now.toISOString() };
  snoozes[userId] = next;
  return next;
}
