/**
 * `grant_type=authorization_code`: redeems a code from /authorize once (AADSTS54005 on reuse, 70008
 * when expired, 70000 when unknown or issued to another client), for the same redirect URI (50011),
 * proving PKCE (`base64url(sha256(code_verifier)) == code_challenge`, else 50148). Confidential clients
 * authenticate. Tokens carry the nonce of the request (only when one was sent) and, for a TAP sign-in,
 * never outlive the pass; a code whose pass was deleted or expired meanwhile is refused.
 */
import { createHash } from "node:crypto";
import type { GrantHandler } from "../grant-context";
import { OAuthError } from "../oauth-errors";
import { authenticateClient, requireParam } from "../client-auth";
import { findUser } from "../../domain/directory";
import { tapBinding } from "../tap-session";
import { issueUserTokens } from "../issue-tokens";
import type { TenantRecord } from "../../store/tenant-store";

export const authorizationCodeGrant: GrantHandler = async ({ deps, form, tenant, origin }) => {
  const code = requireParam(form, "code");
  const digest = deps.secrets.digest(code);
  const candidates: TenantRecord[] = tenant ? [tenant] : deps.tenants.store.list();
  const owner = candidates.find((t) => t.state.signIn.authCodes.some((r) => r.digest === digest));
  if (!owner) throw new OAuthError(70000);
  const state = owner.state;
  const rec = state.signIn.authCodes.find((r) => r.digest === digest)!;
  const app = authenticateClient(state, form, deps.secrets);
  if (app.appId.toLowerCase() !== rec.clientId.toLowerCase()) throw new OAuthError(70000);
  const now = deps.tenants.now(state);
  if (rec.redeemed) throw new OAuthError(54005);
  if (new Date(rec.expiresDateTime) <= now) throw new OAuthError(70008);
  const redirectUri = requireParam(form, "redirect_uri");
  if (redirectUri !== rec.redirectUri) throw new OAuthError(50011, [redirectUri, app.appId]);
  if (rec.codeChallenge) {
    const verifier = form.code_verifier;
    if (!verifier) throw new OAuthError(50148);
    const computed = createHash("sha256").update(verifier).digest("base64url");
    if (computed !== rec.codeChallenge) throw new OAuthError(50148);
  }
  const user = findUser(state, rec.userId);
  if (!user) throw new OAuthError(50034, [rec.userId, state.displayName]);
  if (!user.accountEnabled) throw new OAuthError(50057);
  const tap = tapBinding(state, user.id, rec.tapId, now);
  if (!tap.ok) throw new OAuthError(tap.code);
  // Redeemed before any await, so two concurrent redemptions cannot both get tokens.
  rec.redeemed = true;
  deps.tenants.touch(state);
  return issueUserTokens(deps, origin, state, app, user, form.scope || rec.scope, {
    amr: rec.amr, authTime: new Date(rec.authTime), tapId: rec.tapId, tapExpiresAt: tap.expiresAt, sessionId: rec.sessionId, nonce: rec.nonce,
  }, now);
};
