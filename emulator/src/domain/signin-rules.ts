/**
 * Pure sign-in rules of the hosted pages and the non-interactive grants (behavior.md 1C, 2D, 2E, 4.4,
 * 4.6): when a TAP is offered, what a failed TAP returns, which second factors a user can complete,
 * SMS sign-in eligibility, Authenticator notification context. No I/O; "now" is the tenant clock.
 */
import type { TenantState } from "./state";
import type { StoredMethod } from "./auth-methods.types";
import type { AuthMethodKind } from "./method-kinds";
import type { FirstFactor, SecondFactor } from "./amr";
import type { TapRedeemResult } from "./tap";
import type { DevicePlatform } from "./conditional-access/evaluate";
import { tapUsability } from "./tap";
import { usableMethods } from "./migration";
import { methodConfiguration, targetsUser, type PolicyTarget } from "./methods-policy";

/**
 * behavior.md 1.29: the TAP prompt is shown only when the TAP method is enabled for the user (the
 * methods policy / migration function) and the user holds a pass usable now (activation reached, not
 * expired, not a used one-time pass, not a multi-use pass under a one-time policy).
 */
export function isTapOffered(state: TenantState, userId: string, now: Date): boolean {
  if (!usableMethods(state, userId).signIn.includes("temporaryAccessPass")) return false;
  return tapUsability(state, userId, now)?.isUsable === true;
}

/**
 * behavior.md 4.4 [INFERRED]: a TAP refused by policy (user out of scope, multi-use pass under a
 * one-time policy, one-time pass already used) -> AADSTS130501 "blocked due to User Credential Policy";
 * a wrong value, an expired or not-yet-valid pass, or no pass at all -> AADSTS50126 (invalid credential).
 */
export function tapFailureCode(reason: Extract<TapRedeemResult, { ok: false }>["reason"]): 130501 | 50126 {
  switch (reason) {
    case "notEnabledForUser":
    case "multiUseBlockedByPolicy":
    case "oneTimeUsed":
      return 130501;
    default:
      return 50126;
  }
}

/** Legacy per-user MFA (`enabled` or `enforced`) requires MFA at every sign-in (behavior.md 2F). */
export function perUserMfaRequired(state: TenantState, userId: string): boolean {
  const s = state.authMethods[userId]?.perUserMfaState;
  return s === "enabled" || s === "enforced";
}

const registered = (state: TenantState, userId: string): StoredMethod[] => state.authMethods[userId]?.methods ?? [];

/** The usable mobile phone of a user, if any (SMS goes to mobile phones only, behavior.md 2.34). */
export function mobilePhone(state: TenantState, userId: string): StoredMethod | undefined {
  return registered(state, userId).find((m) => m.kind === "phone" && (m.props.phoneType ?? "mobile") === "mobile");
}

/** The TOTP secret of the user's software OATH method. */
export function totpSecret(state: TenantState, userId: string): string | null {
  const m = registered(state, userId).find((x) => x.kind === "softwareOath");
  const secret = m?.secret ?? (typeof m?.props.secretKey === "string" ? m.props.secretKey : undefined);
  return secret ?? null;
}

const SECOND_FACTOR_ORDER: SecondFactor[] = ["microsoftAuthenticatorPush", "softwareOath", "sms"];

const COMBINATION_NAME: Record<FirstFactor, string[]> = {
  password: ["password"],
  federated: ["federatedSingleFactor"],
  sms: ["sms"],
  temporaryAccessPass: ["temporaryAccessPassOneTime", "temporaryAccessPassMultiUse"],
};

/**
 * The second factors a user can complete here: registered, allowed for MFA by the methods policy /
 * migration state (`usableMethods().mfa`), and, when an authentication strength applies, forming one of
 * its allowed combinations with the first factor (behavior.md 3.30-3.32). Ordered the way system-preferred
 * MFA picks them (Authenticator, then OATH, then SMS), the user's preferred method first.
 */
export function secondFactorOptions(
  state: TenantState,
  userId: string,
  first: FirstFactor,
  allowedCombinations: string[][] | null,
): SecondFactor[] {
  const mfa = new Set<AuthMethodKind>(usableMethods(state, userId).mfa);
  const mine = registered(state, userId);
  const has: Record<SecondFactor, boolean> = {
    microsoftAuthenticatorPush: mine.some((m) => m.kind === "microsoftAuthenticator"),
    softwareOath: totpSecret(state, userId) !== null,
    // SMS sign-in users cannot use the same phone as their second factor (2.32).
    sms: first !== "sms" && mobilePhone(state, userId) !== undefined,
  };
  const fits = (second: SecondFactor) =>
    !allowedCombinations ||
    allowedCombinations.some((combo) => combo.length === 2 && COMBINATION_NAME[first].some((f) => combo.includes(f)) && combo.includes(second));
  let out = SECOND_FACTOR_ORDER.filter((k) => has[k] && mfa.has(k) && fits(k));
  const preferred = state.authMethods[userId]?.signInPreferences?.userPreferredMethodForSecondaryAuthentication;
  const pref: Record<string, SecondFactor> = { push: "microsoftAuthenticatorPush", oath: "softwareOath", sms: "sms" };
  if (preferred && pref[preferred] && out.includes(pref[preferred])) out = [pref[preferred], ...out.filter((k) => k !== pref[preferred])];
  return out;
}

/** Whether a first factor alone satisfies a strength's allowed combinations (e.g. a TAP in the MFA strength). */
export function firstFactorSatisfies(first: FirstFactor, allowedCombinations: string[][] | null): boolean {
  if (!allowedCombinations) return first === "temporaryAccessPass";
  return allowedCombinations.some((combo) => combo.length === 1 && COMBINATION_NAME[first].includes(combo[0]));
}

/** Digits only, for comparing phone numbers typed in different formats. */
export const phoneDigits = (s: string) => s.replace(/x.*$/i, "").replace(/\D/g, "");

/** Whether the username typed looks like a phone number (SMS sign-in, behavior.md 2.30). */
export function looksLikePhoneNumber(value: string): boolean {
  return !value.includes("@") && /^\+?[\d\s().-]{7,}$/.test(value.trim());
}

/**
 * The user who may SMS-sign-in with this number (behavior.md 2.30-2.33): the SMS method enabled for the
 * user with "use for sign-in" (`isUsableForSignIn`), a mobile phone with that number whose
 * `smsSignInState` is `ready`. Undefined when nobody qualifies.
 */
export function smsSignInUser(state: TenantState, phone: string): string | undefined {
  const digits = phoneDigits(phone);
  if (digits.length < 7) return undefined;
  for (const user of state.users) {
    const m = mobilePhone(state, user.id);
    if (!m || phoneDigits(String(m.props.phoneNumber ?? "")) !== digits) continue;
    if (m.props.smsSignInState !== "ready") continue;
    // usableMethods lists "sms" for sign-in only when the SMS target has "Use for sign-in" (2.21, 2.31).
    if (!usableMethods(state, user.id).signIn.includes("sms")) continue;
    return user.id;
  }
  return undefined;
}

/** Masked phone number for pages ("+X XXXXXXXX34"), as the real prompt shows it. */
export function maskPhone(phone: string): string {
  const digits = phoneDigits(phone);
  return `+XX XXXXXXXX${digits.slice(-2)}`;
}

function featureOn(state: TenantState, name: string, userId: string): boolean {
  const config = methodConfiguration(state, "MicrosoftAuthenticator");
  const feature = (config?.featureSettings as Record<string, { state?: string; includeTarget?: PolicyTarget; excludeTarget?: PolicyTarget }> | undefined)?.[name];
  // "default" means Microsoft managed, which today is disabled (behavior.md 2.28).
  if (!feature || feature.state !== "enabled") return false;
  if (feature.excludeTarget && targetsUser(state, [feature.excludeTarget], userId)) return false;
  return !feature.includeTarget || targetsUser(state, [feature.includeTarget], userId);
}

/**
 * What an Authenticator push shows besides the number to match (behavior.md 2.25, 2.28): the
 * application name and the sign-in location, each only when its featureSettings entry is `enabled`
 * and targets the user.
 */
export function pushContext(state: TenantState, userId: string): { showAppName: boolean; showLocation: boolean } {
  return {
    showAppName: featureOn(state, "displayAppInformationRequiredState", userId),
    showLocation: featureOn(state, "displayLocationInformationRequiredState", userId),
  };
}

/** Device platform from the (unverified) user agent, as Conditional Access reads it (behavior.md 3.7). */
export function devicePlatformOf(userAgent: string | undefined): DevicePlatform {
  const ua = userAgent ?? "";
  if (/Windows Phone/i.test(ua)) return "windowsPhone";
  if (/Android/i.test(ua)) return "android";
  if (/iPhone|iPad|iOS/i.test(ua)) return "iOS";
  if (/Windows/i.test(ua)) return "windows";
  if (/Mac OS X|Macintosh/i.test(ua)) return "macOS";
  if (/Linux|X11/i.test(ua)) return "linux";
  return "unknown";
}
