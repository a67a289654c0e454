/**
 * Temporary Access Pass rules (issue #3 owns and completes this file; the signatures below are used by
 * the sign-in engine and the refresh grant and must stay). behavior.md §1.
 */
import type { TenantState } from "./state";
import type { StoredTemporaryAccessPass } from "./auth-methods.types";
import type { Secrets } from "./ports";

export type TapUsabilityReason = "EnabledByPolicy" | "DisabledByPolicy" | "Expired" | "NotYetValid" | "OneTimeUsed";

/** Expiry = startDateTime (creation when absent) + lifetime. */
export function tapExpiresAt(tap: StoredTemporaryAccessPass): Date {
  return new Date(new Date(tap.startDateTime).getTime() + tap.lifetimeInMinutes * 60_000);
}

/** `isUsable` / `methodUsabilityReason` of the user's pass at `now`; null when the user has none. */
export function tapUsability(state: TenantState, userId: string, now: Date): { isUsable: boolean; reason: TapUsabilityReason } | null {
  void state; void userId; void now;
  throw new Error("tapUsability: implemented by issue #3");
}

export type TapRedeemResult =
  | { ok: true; tap: StoredTemporaryAccessPass; expiresAt: Date; consumedOneTime: boolean }
  | { ok: false; reason: "noPass" | "wrongValue" | "expired" | "notYetValid" | "oneTimeUsed" | "notEnabledForUser" | "multiUseBlockedByPolicy" };

/**
 * Checks `value` against the user's pass and, when it is a one-time pass, consumes it in the same
 * synchronous step (so two simultaneous sign-ins cannot both succeed).
 */
export function redeemTap(state: TenantState, userId: string, value: string, now: Date, secrets: Secrets): TapRedeemResult {
  void state; void userId; void value; void now; void secrets;
  throw new Error("redeemTap: implemented by issue #3");
}

/** Minutes after a one-time TAP sign-in during which passwordless methods may be registered (rule 1.x). */
export const PASSWORDLESS_REGISTRATION_WINDOW_MINUTES = 10;
