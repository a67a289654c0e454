/**
 * Protocol state of the sign-in engine that is persisted with the tenant: refresh tokens, authorization
 * codes and SSO sessions. Secrets (token, code and cookie values) are stored only as digests, so the data
 * file cannot be replayed. In-flight interactions and pending device codes are not persisted: they live in
 * the sign-in engine's memory (signin/flow/pending-registry.ts) for at most their short lifetime.
 */

export interface RefreshTokenRecord {
  /** Digest of the opaque token value. */
  digest: string;
  userId: string;
  clientId: string;
  scopes: string[];
  /** `amr` of the original authentication, carried into refreshed tokens. */
  amr: string[];
  issuedDateTime: string;
  expiresDateTime: string;
  /** When the session came from a TAP sign-in: the pass id; the token dies with the pass. */
  tapId: string | null;
  sessionId: string | null;
  /** Extra binding data the sign-in engine needs (e.g. the auth time). */
  authTime: string;
}

/** What a completed authentication proved: carried by SSO sessions, authorization codes and device codes. */
export interface AuthenticationResult {
  userId: string;
  /** The `amr` claim (behavior.md 5.7, 5.9). */
  amr: string[];
  /** Method kinds satisfied, as the Conditional Access engine reads them (e.g. ["password","softwareOath"]). */
  methods: string[];
  authTime: string;
  /** Set when the session started with a TAP: every token and the session end with the pass (1.36). */
  tapId: string | null;
  tapExpiresAt: string | null;
}

/** A one-time authorization code (10 minutes, PKCE-bound, redeemable once). */
export interface AuthCodeRecord extends AuthenticationResult {
  digest: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: "S256" | null;
  sessionId: string | null;
  issuedDateTime: string;
  expiresDateTime: string;
  redeemed: boolean;
}

/** A browser SSO session (the cookie holds the value whose digest is stored here). */
export interface SsoSessionRecord extends AuthenticationResult {
  digest: string;
  /** The `session_state` value returned to apps. */
  id: string;
  createdDateTime: string;
  lastActiveDateTime: string;
  /** Non-persistent session: 24 hours of inactivity (behavior.md 5.5), and never past the TAP (1.36). */
  expiresDateTime: string;
}

export interface SignInProtocolState {
  refreshTokens: RefreshTokenRecord[];
  authCodes: AuthCodeRecord[];
  /** Unused: pending device codes live in the engine's memory (see the file comment). Kept for old documents. */
  deviceCodes: Record<string, unknown>[];
  sessions: SsoSessionRecord[];
}

export function emptySignInProtocolState(): SignInProtocolState {
  return { refreshTokens: [], authCodes: [], deviceCodes: [], sessions: [] };
}
