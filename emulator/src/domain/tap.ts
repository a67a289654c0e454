/**
 * Temporary Access Pass rules (issue #3). behavior.md §1. The signatures of `tapExpiresAt`,
 * `tapUsability`, `redeemTap` and `PASSWORDLESS_REGISTRATION_WINDOW_MINUTES` are used by the sign-in
 * engine and the refresh grant and must stay. Everything here is pure: "now" is always the tenant's
 * clock, passed in by the caller.
 */
import type { TenantState } from "./state";
import { emptyUserAuthMethods, type StoredTemporaryAccessPass } from "./auth-methods.types";
import type { DirectoryUser } from "./directory.types";
import type { Secrets } from "./ports";
import { DomainError } from "./errors";
import { isMethodEnabledForUser } from "./methods-policy";
import { isExternalGuest, methodNotFound } from "./auth-methods";

export type TapUsabilityReason = "EnabledByPolicy" | "DisabledByPolicy" | "Expired" | "NotYetValid" | "OneTimeUsed";

/** The TAP policy numbers the rules need (Graph `temporaryAccessPassAuthenticationMethodConfiguration`). */
export interface TapPolicySettings {
  state: "enabled" | "disabled";
  defaultLifetimeInMinutes: number;
  defaultLength: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  isUsableOnce: boolean;
}

/** Defaults of a fresh tenant's TAP configuration (behavior.md 1.1). */
export const TAP_POLICY_DEFAULTS: TapPolicySettings = {
  state: "disabled",
  defaultLifetimeInMinutes: 60,
  defaultLength: 8,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  isUsableOnce: false,
};

const num = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);

/**
 * The tenant's current TAP policy settings, read from
 * `state.methodsPolicy.configurations.TemporaryAccessPass` (missing values take the 1.1 defaults).
 */
export function tapPolicy(state: TenantState): TapPolicySettings {
  const c = state.methodsPolicy?.configurations?.TemporaryAccessPass ?? {};
  return {
    state: c.state === "enabled" ? "enabled" : "disabled",
    defaultLifetimeInMinutes: num(c.defaultLifetimeInMinutes, TAP_POLICY_DEFAULTS.defaultLifetimeInMinutes),
    defaultLength: num(c.defaultLength, TAP_POLICY_DEFAULTS.defaultLength),
    minimumLifetimeInMinutes: num(c.minimumLifetimeInMinutes, TAP_POLICY_DEFAULTS.minimumLifetimeInMinutes),
    maximumLifetimeInMinutes: num(c.maximumLifetimeInMinutes, TAP_POLICY_DEFAULTS.maximumLifetimeInMinutes),
    isUsableOnce: c.isUsableOnce === true,
  };
}

/** Expiry = startDateTime (creation when absent) + lifetime (behavior.md 1.13). */
export function tapExpiresAt(tap: StoredTemporaryAccessPass): Date {
  return new Date(new Date(tap.startDateTime).getTime() + tap.lifetimeInMinutes * 60_000);
}

/** The user's stored pass, or null (no pass, or deleted). */
export function storedTap(state: TenantState, userId: string): StoredTemporaryAccessPass | null {
  return state.authMethods[userId]?.temporaryAccessPass ?? null;
}

/**
 * `methodUsabilityReason` of `tap` for `userId` at `now`, checked in the order of behavior.md 1.21
 * [INFERRED]: DisabledByPolicy (method disabled, user not targeted, or a multi-use pass while the
 * policy now forces one-time use, 1.29) > Expired > OneTimeUsed > NotYetValid > EnabledByPolicy.
 */
export function tapReason(state: TenantState, userId: string, tap: StoredTemporaryAccessPass, now: Date): TapUsabilityReason {
  if (!isMethodEnabledForUser(state, "TemporaryAccessPass", userId)) return "DisabledByPolicy";
  if (!tap.isUsableOnce && tapPolicy(state).isUsableOnce) return "DisabledByPolicy";
  if (now.getTime() >= tapExpiresAt(tap).getTime()) return "Expired";
  if (tap.isUsableOnce && tap.usedDateTime) return "OneTimeUsed";
  if (now.getTime() < new Date(tap.startDateTime).getTime()) return "NotYetValid";
  return "EnabledByPolicy";
}

/**
 * `isUsable` / `methodUsabilityReason` of the user's pass at `now`; null when the user has none.
 * Computed on every read from the tenant clock and the current policy (behavior.md 1.14, 1.20, 1.21):
 * `isUsable` is true only for `EnabledByPolicy`.
 */
export function tapUsability(state: TenantState, userId: string, now: Date): { isUsable: boolean; reason: TapUsabilityReason } | null {
  const tap = storedTap(state, userId);
  if (!tap) return null;
  const reason = tapReason(state, userId, tap, now);
  return { isUsable: reason === "EnabledByPolicy", reason };
}

export type TapRedeemResult =
  | { ok: true; tap: StoredTemporaryAccessPass; expiresAt: Date; consumedOneTime: boolean }
  | { ok: false; reason: "noPass" | "wrongValue" | "expired" | "notYetValid" | "oneTimeUsed" | "notEnabledForUser" | "multiUseBlockedByPolicy" };

/**
 * Checks `value` against the user's pass and, when it is a one-time pass, consumes it in the same
 * synchronous step (so two simultaneous sign-ins cannot both succeed). Refuses a missing (never
 * created or deleted) pass, a wrong value, and every unusable state of behavior.md 1.21/1.29/1.35:
 * out of the policy's scope, multi-use while the policy forces one-time use, expired, already used,
 * not yet valid. The value is compared first, so the reason of an unusable pass is only revealed to
 * whoever knows the code. A multi-use pass records `lastUsedDateTime` (beta property, 1.19).
 */
export function redeemTap(state: TenantState, userId: string, value: string, now: Date, secrets: Secrets): TapRedeemResult {
  const tap = storedTap(state, userId);
  if (!tap) return { ok: false, reason: "noPass" };
  if (typeof value !== "string" || !value || !secrets.verify(value, tap.valueHash)) return { ok: false, reason: "wrongValue" };
  if (!isMethodEnabledForUser(state, "TemporaryAccessPass", userId)) return { ok: false, reason: "notEnabledForUser" };
  switch (tapReason(state, userId, tap, now)) {
    case "DisabledByPolicy":
      return { ok: false, reason: "multiUseBlockedByPolicy" };
    case "Expired":
      return { ok: false, reason: "expired" };
    case "OneTimeUsed":
      return { ok: false, reason: "oneTimeUsed" };
    case "NotYetValid":
      return { ok: false, reason: "notYetValid" };
    case "EnabledByPolicy":
      break;
  }
  // Consumption happens here, synchronously, before anything can interleave (no await in between).
  tap.lastUsedDateTime = now.toISOString();
  if (tap.isUsableOnce) tap.usedDateTime = now.toISOString();
  return { ok: true, tap, expiresAt: tapExpiresAt(tap), consumedOneTime: tap.isUsableOnce };
}

/** Minutes after a one-time TAP sign-in during which passwordless methods may be registered (behavior.md 1.38). */
export const PASSWORDLESS_REGISTRATION_WINDOW_MINUTES = 10;

/** The parts of a session the passwordless-registration rule looks at (a `UserPrincipal` fits). */
export interface TapSession {
  userId: string;
  tapId: string | null;
  authTime: Date | null;
}

export type PasswordlessRegistrationCheck =
  | { allowed: true }
  | { allowed: false; reason: "registrationWindowExpired"; windowEndedAt: Date };

/**
 * behavior.md 1.38: after signing in with a one-time TAP, a passwordless method (FIDO2 / passkey,
 * phone sign-in) must be registered within PASSWORDLESS_REGISTRATION_WINDOW_MINUTES of that sign-in,
 * by the tenant clock. A multi-use TAP and sessions not started with a TAP have no such limit.
 * [INFERRED] When the session's pass is no longer stored (deleted or replaced since), we cannot tell
 * whether it was one-time, so the window applies (the stricter reading).
 */
export function checkPasswordlessRegistration(state: TenantState, session: TapSession, now: Date): PasswordlessRegistrationCheck {
  if (!session.tapId) return { allowed: true };
  const tap = storedTap(state, session.userId);
  const oneTime = tap && tap.id === session.tapId ? tap.isUsableOnce : true;
  if (!oneTime) return { allowed: true };
  const start = session.authTime ?? (tap && tap.id === session.tapId && tap.usedDateTime ? new Date(tap.usedDateTime) : null);
  if (!start) return { allowed: false, reason: "registrationWindowExpired", windowEndedAt: now };
  const end = new Date(start.getTime() + PASSWORDLESS_REGISTRATION_WINDOW_MINUTES * 60_000);
  return now.getTime() <= end.getTime() ? { allowed: true } : { allowed: false, reason: "registrationWindowExpired", windowEndedAt: end };
}

/**
 * Characters of generated passes. The docs only show samples (`+drkzqAD`, `TAPRocks!`, `Q$wSrZ3R`):
 * mixed-case letters, digits and symbols (behavior.md 1.18, [INFERRED] exact set).
 */
export const TAP_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&*+=?@";

/** Hard bounds of `lifetimeInMinutes` (behavior.md 1.11), whatever the policy says. */
export const TAP_LIFETIME_HARD_MIN = 10;
export const TAP_LIFETIME_HARD_MAX = 43200;

export interface CreateTapInput {
  startDateTime?: Date;
  lifetimeInMinutes?: number;
  isUsableOnce?: boolean;
}

export interface TapCreationDeps {
  ids: { uuid(): string; fromAlphabet(alphabet: string, length: number): string };
  secrets: Pick<Secrets, "hash">;
}

const authMethodsError = (message: string) => new DomainError("badRequest", message, { graphCode: "badRequest", innerMessage: true });

/** The message of the real service for a user outside the TAP policy (surface.md §3.3, azure-docs #111778). */
export const TAP_NOT_ALLOWED_BY_POLICY =
  "Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].";
export const TAP_EXTERNAL_GUEST = "Temporary Access Pass cannot be added to an external guest user.";
/** The real service's refusal of a start in the past (observed: microsoftgraph/msgraph-sdk-dotnet #2724). */
export const TAP_START_IN_PAST = "Invalid StartDateTime specified. It can not be a time in the past.";
/**
 * [INFERRED] A start this many minutes before "now" is still accepted, so a client that sends its own
 * "now" (a little behind by the time the request lands, or on a slightly skewed clock) is not refused.
 * Same allowance as the token clock skew. The docs set no upper bound on startDateTime; neither do we.
 */
export const TAP_START_PAST_TOLERANCE_MINUTES = 5;

/**
 * Creates the user's pass (behavior.md 1.10-1.18, 1.27) and returns it with its plaintext value, which
 * the caller returns once and never stores. Rules, in order:
 * - external guests are refused with the documented text (1.27);
 * - a user outside the TAP policy is refused as the real service does (surface.md §3.3, [INFERRED]
 *   status 400, following the 2023 observation over the older "any user" sentence of 1.6);
 * - lifetime defaults to the policy default and must lie in [policy min, policy max] ∩ [10, 43200],
 *   else 400 "Invalid LifetimeInMinutes specified. The valid range between {min} and {max}." (1.12);
 * - `startDateTime` may lie in the future (NotYetValid, 1.14) but not in the past: 400 "Invalid
 *   StartDateTime specified. It can not be a time in the past." (observed, msgraph-sdk-dotnet #2724);
 * - `isUsableOnce` defaults to the policy's; a multi-use request under a one-time policy is refused (1.5);
 * - the value has the policy's `defaultLength` and is stored only as a salted hash (1.15, 1.18);
 * - one pass per user: an existing pass, valid or expired, is replaced (1.16).
 */
export function createTap(
  state: TenantState,
  user: DirectoryUser,
  input: CreateTapInput,
  now: Date,
  deps: TapCreationDeps,
): { tap: StoredTemporaryAccessPass; value: string; replaced: StoredTemporaryAccessPass | null } {
  if (isExternalGuest(user)) throw authMethodsError(TAP_EXTERNAL_GUEST);
  if (!isMethodEnabledForUser(state, "TemporaryAccessPass", user.id)) throw authMethodsError(TAP_NOT_ALLOWED_BY_POLICY);
  const policy = tapPolicy(state);
  const min = Math.max(policy.minimumLifetimeInMinutes, TAP_LIFETIME_HARD_MIN);
  const max = Math.min(policy.maximumLifetimeInMinutes, TAP_LIFETIME_HARD_MAX);
  const lifetime = input.lifetimeInMinutes ?? policy.defaultLifetimeInMinutes;
  if (!Number.isInteger(lifetime) || lifetime < min || lifetime > max)
    throw authMethodsError(`Invalid LifetimeInMinutes specified. The valid range between ${min} and ${max}.`);
  if (input.startDateTime && input.startDateTime.getTime() < now.getTime() - TAP_START_PAST_TOLERANCE_MINUTES * 60_000)
    throw authMethodsError(TAP_START_IN_PAST);
  if (input.isUsableOnce === false && policy.isUsableOnce)
    throw authMethodsError("Invalid IsUsableOnce specified. The Temporary Access Pass policy allows only one-time use passes.");
  const isUsableOnce = input.isUsableOnce ?? policy.isUsableOnce;
  const length = Math.min(Math.max(Math.trunc(policy.defaultLength), 8), 48);
  const value = deps.ids.fromAlphabet(TAP_ALPHABET, length);
  const tap: StoredTemporaryAccessPass = {
    id: deps.ids.uuid(),
    createdDateTime: now.toISOString(),
    startDateTime: (input.startDateTime ?? now).toISOString(),
    lifetimeInMinutes: lifetime,
    isUsableOnce,
    valueHash: deps.secrets.hash(value),
    usedDateTime: null,
    lastUsedDateTime: null,
  };
  const methods = (state.authMethods[user.id] ??= emptyUserAuthMethods());
  const replaced = methods.temporaryAccessPass;
  methods.temporaryAccessPass = tap;
  return { tap, value, replaced };
}

/** Deletes the user's pass `tapId` (behavior.md 1.22); a deleted pass can never be redeemed (1.35). */
export function deleteTap(state: TenantState, userId: string, tapId: string): StoredTemporaryAccessPass {
  const tap = storedTap(state, userId);
  if (!tap || tap.id.toLowerCase() !== tapId.toLowerCase()) throw methodNotFound(tapId);
  state.authMethods[userId].temporaryAccessPass = null;
  return tap;
}
