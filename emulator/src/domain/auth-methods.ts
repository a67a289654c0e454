/**
 * Rules over a user's authentication methods other than the TAP's own lifecycle (issue #3): guests,
 * method look-ups, fixed ids, phone rules, TOTP verification. behavior.md §1B, §2E; surface.md §3.
 */
import { authenticator } from "otplib";
import type { DirectoryUser } from "./directory.types";
import type { TenantState } from "./state";
import { emptyUserAuthMethods, type StoredMethod, type UserAuthMethods } from "./auth-methods.types";
import { DomainError, notFound } from "./errors";
import { includeTargetForUser } from "./methods-policy";

/** Fixed method ids (surface.md §1 "Well-known fixed ids"). */
export const PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";
export const EMAIL_METHOD_ID = "3ddfcfc8-9383-446f-83cc-3ab9be4be18f";
export const PHONE_METHOD_IDS = {
  mobile: "3179e48a-750b-4051-897c-87b9720928f7",
  alternateMobile: "b6332ec1-7057-4abe-9331-3d72feddfe41",
  office: "e37fc753-ff3b-4958-9484-eaa9425c82bc",
} as const;
export type PhoneType = keyof typeof PHONE_METHOD_IDS;

/**
 * An external (B2B) guest: userType Guest whose account lives in another tenant (invited, `#EXT#` UPN).
 * Internal guests (userType Guest, credentials in this tenant) are not external (behavior.md 1.27).
 */
export function isExternalGuest(user: DirectoryUser): boolean {
  return user.userType === "Guest" && (user.userPrincipalName.includes("#EXT#") || user.creationType === "Invitation");
}

/** The authentication-methods service's 404 for an unknown method id. [INFERRED] wording. */
export function methodNotFound(id: string): DomainError {
  return notFound(`Authentication method '${id}' was not found for the user.`, { graphCode: "itemNotFound" });
}

/** The user's methods record, created empty on first use. */
export function userMethods(state: TenantState, userId: string): UserAuthMethods {
  return (state.authMethods[userId] ??= emptyUserAuthMethods());
}

/** The user's stored methods of `kind`. */
export function methodsOfKind(state: TenantState, userId: string, kind: StoredMethod["kind"]): StoredMethod[] {
  return (state.authMethods[userId]?.methods ?? []).filter((m) => m.kind === kind);
}

/** One stored method of `kind` by id (ids compare case-insensitively); 404 otherwise. */
export function requireMethod(state: TenantState, userId: string, kind: StoredMethod["kind"], id: string): StoredMethod {
  const m = methodsOfKind(state, userId, kind).find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!m) throw methodNotFound(id);
  return m;
}

/** Removes a stored method; returns it. */
export function removeMethod(state: TenantState, userId: string, method: StoredMethod): StoredMethod {
  const list = userMethods(state, userId).methods;
  const i = list.indexOf(method);
  if (i >= 0) list.splice(i, 1);
  return method;
}

/** TOTP step (seconds) and tolerated drift (steps each side) for software OATH tokens. */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_WINDOW_STEPS = 1;

/**
 * True when `code` is the 6-digit TOTP (RFC 6238, SHA-1, 30 s) of the base32 `secret` at `now` (the
 * tenant clock), tolerating one step of drift either way as authenticator apps expect
 * (Microsoft's OATH docs allow clock drift; the exact window is [INFERRED]).
 */
export function verifyTotp(secret: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code.trim())) return false;
  const instance = authenticator.clone({ epoch: now.getTime(), step: TOTP_STEP_SECONDS, window: TOTP_WINDOW_STEPS });
  try {
    return instance.check(code.trim(), normaliseBase32(secret));
  } catch {
    return false;
  }
}

/** Base32 secrets are case-insensitive and often written with spaces. */
export function normaliseBase32(secret: string): string {
  return secret.replace(/[\s-]/g, "").toUpperCase();
}

export function isBase32Secret(secret: string): boolean {
  return /^[A-Z2-7]+=*$/.test(normaliseBase32(secret)) && normaliseBase32(secret).replace(/=+$/, "").length >= 16;
}

/** `+{country code} {number}` with an optional `x{extension}` (surface.md §3.2, behavior.md 2.34). */
export const PHONE_NUMBER_PATTERN = /^\+\d{1,3} \d{4,15}(x\d{1,7})?$/;

const badRequestWithInner = (message: string) => new DomainError("badRequest", message, { graphCode: "badRequest", innerMessage: true });
const digits = (n: string) => n.replace(/x\d+$/, "").replace(/\D/g, "");

/** The user is enabled for SMS *sign-in*: Sms method enabled and an include target with `isUsableForSignIn` (2.31). */
export function smsSignInAllowedByPolicy(state: TenantState, userId: string): boolean {
  return includeTargetForUser(state, "Sms", userId)?.isUsableForSignIn === true;
}

/** Another user already uses this number for SMS sign-in (2.31 "unique in the tenant"). */
function numberTakenForSmsSignIn(state: TenantState, userId: string, phoneNumber: string): boolean {
  const key = digits(phoneNumber);
  return Object.entries(state.authMethods).some(
    ([uid, m]) => uid !== userId && m.methods.some((x) => x.kind === "phone" && x.smsSignInEnabled && digits(String(x.props.phoneNumber)) === key),
  );
}

/**
 * `smsSignInState` of a phone, computed on read (behavior.md 2.35/2.36): `notSupported` for anything
 * but the mobile phone, `notAllowedByPolicy` when the Sms policy does not enable the user for sign-in,
 * `phoneNumberNotUnique` when another user signs in with the number, `ready` once enabled, else `notEnabled`.
 */
export function smsSignInState(state: TenantState, userId: string, phone: StoredMethod): string {
  if (phone.props.phoneType !== "mobile") return "notSupported";
  if (!smsSignInAllowedByPolicy(state, userId)) return "notAllowedByPolicy";
  if (numberTakenForSmsSignIn(state, userId, String(phone.props.phoneNumber))) return "phoneNumberNotUnique";
  return phone.smsSignInEnabled ? "ready" : "notEnabled";
}

/**
 * Adds a phone (behavior.md 2.34): one per type, an alternate mobile needs a mobile first, the number
 * must match the documented format. The id is fixed by type. [INFERRED] failures are 400 `badRequest`.
 */
export function addPhone(state: TenantState, userId: string, input: { phoneNumber: string; phoneType: PhoneType }, now: Date): StoredMethod {
  if (!PHONE_NUMBER_PATTERN.test(input.phoneNumber))
    throw badRequestWithInner(`Invalid phone number '${input.phoneNumber}'. Phone numbers must be in the format '+{country code} {number}x{extension}'.`);
  const phones = methodsOfKind(state, userId, "phone");
  if (phones.some((p) => p.props.phoneType === input.phoneType))
    throw badRequestWithInner(`A phone method of type '${input.phoneType}' already exists for the user.`);
  if (input.phoneType === "alternateMobile" && !phones.some((p) => p.props.phoneType === "mobile"))
    throw badRequestWithInner("An alternate mobile phone can only be added to a user who has a mobile phone.");
  const method: StoredMethod = {
    kind: "phone",
    id: PHONE_METHOD_IDS[input.phoneType],
    createdDateTime: now.toISOString(),
    props: { phoneNumber: input.phoneNumber, phoneType: input.phoneType },
    smsSignInEnabled: false,
  };
  userMethods(state, userId).methods.push(method);
  noteMfaRegistration(state, userId, "phone");
  return method;
}

/**
 * Method kinds that can serve as a second factor, i.e. an MFA registration (behavior.md 2.37). Email is
 * an SSPR-only method and does not count.
 */
const MFA_CAPABLE_KINDS = new Set<StoredMethod["kind"]>(["phone", "softwareOath", "microsoftAuthenticator", "fido2", "windowsHelloForBusiness"]);

/**
 * behavior.md 2.37: a user whose per-user MFA state is `enabled` moves to `enforced` automatically once
 * they register for MFA. Called whenever an MFA-capable method is added to the user; [INFERRED] a method
 * an administrator adds for the user counts too (the user is then registered, as after combined
 * registration). Returns true when the state changed.
 */
export function noteMfaRegistration(state: TenantState, userId: string, kind: StoredMethod["kind"]): boolean {
  const entry = state.authMethods[userId];
  if (!entry || entry.perUserMfaState !== "enabled" || !MFA_CAPABLE_KINDS.has(kind)) return false;
  entry.perUserMfaState = "enforced";
  return true;
}

/** PATCH of a phone: the number may change, the type may not (surface.md §3.4). */
export function updatePhone(phone: StoredMethod, input: { phoneNumber?: string; phoneType?: string }): void {
  if (input.phoneType !== undefined && input.phoneType !== phone.props.phoneType)
    throw badRequestWithInner("The phoneType of an existing phone method cannot be changed. Add a new phone method and delete this one.");
  if (input.phoneNumber !== undefined) {
    if (!PHONE_NUMBER_PATTERN.test(input.phoneNumber))
      throw badRequestWithInner(`Invalid phone number '${input.phoneNumber}'. Phone numbers must be in the format '+{country code} {number}x{extension}'.`);
    if (phone.smsSignInEnabled && digits(input.phoneNumber) !== digits(String(phone.props.phoneNumber))) phone.smsSignInEnabled = false;
    phone.props.phoneNumber = input.phoneNumber;
  }
}

/**
 * enableSmsSignIn (behavior.md 2.36): only for the mobile phone, only when the Sms policy enables the user
 * for sign-in, only when no other user signs in with the number, and (2.31) only when the user has no
 * voice-only number (alternateMobile / office). [INFERRED] failures are 400 `badRequest`.
 */
export function enableSmsSignIn(state: TenantState, userId: string, phone: StoredMethod): void {
  if (phone.props.phoneType !== "mobile")
    throw badRequestWithInner("SMS sign-in can only be enabled on the mobile phone method.");
  if (!smsSignInAllowedByPolicy(state, userId))
    throw badRequestWithInner("The user is not enabled for SMS sign-in by the authentication methods policy.");
  if (numberTakenForSmsSignIn(state, userId, String(phone.props.phoneNumber)))
    throw badRequestWithInner("The phone number is not unique: another user already uses it for SMS sign-in.");
  // 2.31: "no voice number on the account" (the troubleshooting steps say to delete it first).
  if (methodsOfKind(state, userId, "phone").some((p) => p.props.phoneType === "alternateMobile" || p.props.phoneType === "office"))
    throw badRequestWithInner("SMS sign-in cannot be enabled while the user has a voice-only phone number (alternateMobile or office). Delete it first.");
  phone.smsSignInEnabled = true;
}

export function disableSmsSignIn(phone: StoredMethod): void {
  phone.smsSignInEnabled = false;
}

/**
 * Adds the user's email method (behavior.md 2E; surface.md §3.1): one per user, with the fixed id.
 * [INFERRED] a second one is a 400 `badRequest`. Used by `POST .../emailMethods` and My Security Info.
 */
export function addEmail(state: TenantState, userId: string, emailAddress: string, now: Date): StoredMethod {
  if (methodsOfKind(state, userId, "email").length)
    throw badRequestWithInner("The user already has an email authentication method. Update it instead.");
  const method: StoredMethod = { kind: "email", id: EMAIL_METHOD_ID, createdDateTime: now.toISOString(), props: { emailAddress } };
  userMethods(state, userId).methods.push(method);
  return method;
}

/** Limits of combined registration (behavior.md 2.39): Authenticator max 5, passkeys max 10. */
export const MAX_METHODS_PER_USER: Partial<Record<StoredMethod["kind"], number>> = { microsoftAuthenticator: 5, fido2: 10 };

/**
 * Registers an app- or device-bound method (software OATH, Microsoft Authenticator, FIDO2) for the user:
 * the per-user limits of 2.39, then the stored method, then the per-user MFA `enabled` -> `enforced`
 * move of 2.37. Used by the `/me/authentication/...` registration extensions and My Security Info.
 */
export function addDeviceMethod(
  state: TenantState, userId: string, kind: StoredMethod["kind"], label: string,
  input: { id: string; props: Record<string, unknown>; secret?: string }, now: Date,
): StoredMethod {
  const max = MAX_METHODS_PER_USER[kind];
  if (max !== undefined && methodsOfKind(state, userId, kind).length >= max)
    throw badRequestWithInner(`A user can register at most ${max} ${label} methods.`);
  const method: StoredMethod = { kind, id: input.id, createdDateTime: now.toISOString(), props: input.props, ...(input.secret ? { secret: input.secret } : {}) };
  userMethods(state, userId).methods.push(method);
  noteMfaRegistration(state, userId, kind);
  return method;
}
