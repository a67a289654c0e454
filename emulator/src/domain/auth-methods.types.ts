/**
 * A user's authentication methods as stored (issue #3 owns this file). Secrets (TAP value, TOTP seed
 * of hardware tokens) follow the rules in behavior.md §1: the TAP value only as a salted hash.
 */

export interface StoredTemporaryAccessPass {
  id: string;
  createdDateTime: string;
  startDateTime: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  /** Salted hash of the pass; the plaintext is returned once at creation and never stored. */
  valueHash: string;
  /** When a one-time pass was redeemed at sign-in; null while unused. */
  usedDateTime: string | null;
  /** Last successful sign-in with the pass (beta `lastUsedDateTime`, behavior.md 1.19). */
  lastUsedDateTime?: string | null;
}

/** Any other method, kept in its Graph shape (without `@odata.type`) plus its kind. */
export interface StoredMethod {
  kind:
    | "phone"
    | "email"
    | "softwareOath"
    | "microsoftAuthenticator"
    | "fido2"
    | "windowsHelloForBusiness"
    | "password";
  id: string;
  createdDateTime: string | null;
  /** Graph properties of the method (e.g. phoneNumber, phoneType, smsSignInState). */
  props: Record<string, unknown>;
  /** Secret material that never leaves the emulator through Graph (e.g. the TOTP secret). */
  secret?: string;
  /** Phones: SMS sign-in was turned on (enableSmsSignIn); `smsSignInState` is computed from it on read. */
  smsSignInEnabled?: boolean;
}

export interface UserAuthMethods {
  temporaryAccessPass: StoredTemporaryAccessPass | null;
  methods: StoredMethod[];
  /** beta `strongAuthenticationRequirements.perUserMfaState`: disabled | enforced | enabled. */
  perUserMfaState: "disabled" | "enforced" | "enabled";
  /**
   * Long-running operations of password resets (`/authentication/operations/{id}`). Resets finish at
   * once, so each is recorded as succeeded; kept short, in state only (not exported).
   */
  operations?: { id: string; createdDateTime: string; resourceLocation: string }[];
  /** beta signInPreferences. */
  signInPreferences: {
    isSystemPreferredAuthenticationMethodEnabled: boolean | null;
    userPreferredMethodForSecondaryAuthentication: string | null;
  };
}

export function emptyUserAuthMethods(): UserAuthMethods {
  return {
    temporaryAccessPass: null,
    methods: [],
    perUserMfaState: "disabled",
    signInPreferences: { isSystemPreferredAuthenticationMethodEnabled: null, userPreferredMethodForSecondaryAuthentication: null },
  };
}
