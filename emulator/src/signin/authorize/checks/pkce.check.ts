/**
 * Rule: PKCE with S256 only. A `code_challenge` must be 43-128 base64url characters and its method
 * `S256` (the default `plain` is refused: the emulator enforces the secure variant); a method without a
 * challenge is malformed. Without a challenge the code is not PKCE-bound (confidential web apps).
 */
import { AuthorizeError, type AuthorizeCheck } from "./check";

export const pkceCheck: AuthorizeCheck = (d) => {
  const challenge = d.params.code_challenge;
  const method = d.params.code_challenge_method;
  if (!challenge) {
    if (method) throw new AuthorizeError(900144, ["code_challenge"], true);
    d.request.codeChallenge = null;
    d.request.codeChallengeMethod = null;
    return;
  }
  if ((method ?? "plain") !== "S256") throw new AuthorizeError(9002313, [], true);
  if (!/^[A-Za-z0-9_-]{43,128}$/.test(challenge)) throw new AuthorizeError(9002313, [], true);
  d.request.codeChallenge = challenge;
  d.request.codeChallengeMethod = "S256";
};
