/**
 * Graph shapes of a user's authentication methods (surface.md §3.2), each with its `@odata.type`.
 * Secrets never appear: `temporaryAccessPass` is the plaintext only when the caller passes it (the
 * create response), `secretKey` and `password` are always null.
 */
import type { TenantState } from "../domain/state";
import type { DirectoryUser } from "../domain/directory.types";
import type { StoredMethod, StoredTemporaryAccessPass } from "../domain/auth-methods.types";
import type { GraphVersion } from "../http/context";
import { tapReason } from "../domain/tap";
import { PASSWORD_METHOD_ID, smsSignInState } from "../domain/auth-methods";

export type Json = Record<string, unknown>;

export const ODATA_TYPE: Record<StoredMethod["kind"] | "temporaryAccessPass", string> = {
  temporaryAccessPass: "#microsoft.graph.temporaryAccessPassAuthenticationMethod",
  phone: "#microsoft.graph.phoneAuthenticationMethod",
  email: "#microsoft.graph.emailAuthenticationMethod",
  softwareOath: "#microsoft.graph.softwareOathAuthenticationMethod",
  microsoftAuthenticator: "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
  fido2: "#microsoft.graph.fido2AuthenticationMethod",
  windowsHelloForBusiness: "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod",
  password: "#microsoft.graph.passwordAuthenticationMethod",
};

/**
 * A TAP with `isUsable` / `methodUsabilityReason` computed now from the tenant clock and the current
 * policy (behavior.md 1.21). `value` is given only for the create response (1.15). Beta adds `lastUsedDateTime`.
 */
export function serializeTap(
  state: TenantState, userId: string, tap: StoredTemporaryAccessPass, now: Date, version: GraphVersion, value: string | null = null,
): Json {
  const reason = tapReason(state, userId, tap, now);
  return {
    "@odata.type": ODATA_TYPE.temporaryAccessPass,
    id: tap.id,
    temporaryAccessPass: value,
    createdDateTime: tap.createdDateTime,
    startDateTime: tap.startDateTime,
    lifetimeInMinutes: tap.lifetimeInMinutes,
    isUsableOnce: tap.isUsableOnce,
    isUsable: reason === "EnabledByPolicy",
    methodUsabilityReason: reason,
    ...(version === "beta" ? { lastUsedDateTime: tap.lastUsedDateTime ?? null } : {}),
  };
}

/** The password method every user has, with its fixed id; `password` is always null. */
export function serializePasswordMethod(user: DirectoryUser): Json {
  return { "@odata.type": ODATA_TYPE.password, id: PASSWORD_METHOD_ID, password: null, createdDateTime: user.lastPasswordChangeDateTime };
}

const str = (v: unknown) => (typeof v === "string" ? v : null);

/** One stored method in its Graph shape. */
export function serializeMethod(state: TenantState, userId: string, m: StoredMethod): Json {
  const base = { "@odata.type": ODATA_TYPE[m.kind], id: m.id };
  switch (m.kind) {
    case "phone":
      return { ...base, phoneNumber: str(m.props.phoneNumber), phoneType: str(m.props.phoneType), smsSignInState: smsSignInState(state, userId, m) };
    case "email":
      return { ...base, emailAddress: str(m.props.emailAddress) };
    case "softwareOath":
      return { ...base, secretKey: null };
    case "microsoftAuthenticator":
      return { ...base, displayName: str(m.props.displayName), deviceTag: str(m.props.deviceTag), phoneAppVersion: str(m.props.phoneAppVersion), createdDateTime: m.createdDateTime };
    case "fido2":
      return {
        ...base, displayName: str(m.props.displayName), createdDateTime: m.createdDateTime, aaGuid: str(m.props.aaGuid), model: str(m.props.model),
        attestationCertificates: Array.isArray(m.props.attestationCertificates) ? m.props.attestationCertificates : [],
        attestationLevel: str(m.props.attestationLevel) ?? "notAttested",
      };
    case "windowsHelloForBusiness":
      return { ...base, displayName: str(m.props.displayName), createdDateTime: m.createdDateTime, keyStrength: str(m.props.keyStrength) ?? "normal" };
    case "password":
      return { ...base, password: null, createdDateTime: m.createdDateTime };
  }
}

/** Every method of the user, as `GET /authentication/methods` lists them: password first, TAP last. */
export function serializeAllMethods(state: TenantState, user: DirectoryUser, now: Date, version: GraphVersion): Json[] {
  const entry = state.authMethods[user.id];
  const out: Json[] = [serializePasswordMethod(user)];
  for (const m of entry?.methods ?? []) if (m.kind !== "password") out.push(serializeMethod(state, user.id, m));
  if (entry?.temporaryAccessPass) out.push(serializeTap(state, user.id, entry.temporaryAccessPass, now, version));
  return out;
}
