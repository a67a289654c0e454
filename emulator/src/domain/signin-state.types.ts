/**
 * Protocol state of the sign-in engine (issue #6 owns the interactive parts): refresh tokens, auth codes,
 * device codes, SSO sessions. Secrets are stored as digests so the data file cannot be replayed.
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

export interface SignInProtocolState {
  refreshTokens: RefreshTokenRecord[];
  /** Interactive-flow records (auth codes, device codes, SSO sessions); shapes owned by signin/. */
  authCodes: Record<string, unknown>[];
  deviceCodes: Record<string, unknown>[];
  sessions: Record<string, unknown>[];
}

export function emptySignInProtocolState(): SignInProtocolState {
  return { refreshTokens: [], authCodes: [], deviceCodes: [], sessions: [] };
}
