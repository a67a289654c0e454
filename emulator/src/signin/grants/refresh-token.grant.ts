/**
 * `grant_type=refresh_token`: redeems a refresh token for new tokens and a new refresh token (rotation;
 * like Entra, the old one is not revoked). Fails with invalid_grant when the token is unknown, expired
 * (700082), revoked by a password change / session revocation (50173), or when its TAP session's pass
 * was deleted or has expired (tokens never outlive the TAP), or when Conditional Access now refuses it.
 */
import type { GrantHandler } from "../grant-context";
import { OAuthError, type AadstsCode } from "../oauth-errors";
import { findClient, authenticateClient, requireParam } from "../client-auth";
import { findUser } from "../../domain/directory";
import { issueUserTokens } from "../issue-tokens";
import type { TenantRecord } from "../../store/tenant-store";
import { checkRefresh, logRefresh, type RefreshInput } from "../refresh-policy";
import { tapBinding } from "../tap-session";

export const refreshTokenGrant: GrantHandler = async ({ c, deps, form, tenant, origin }) => {
  const value = requireParam(form, "refresh_token");
  const digest = deps.secrets.digest(value);
  const candidates: TenantRecord[] = tenant ? [tenant] : deps.tenants.store.list();
  const owner = candidates.find((t) => t.state.signIn.refreshTokens.some((r) => r.digest === digest));
  if (!owner) throw new OAuthError(9002313, [], { error: "invalid_grant" });
  const state = owner.state;
  const rt = state.signIn.refreshTokens.find((r) => r.digest === digest)!;
  const app = findClient(state, form);
  if (app.appId !== rt.clientId) throw new OAuthError(70000);
  authenticateClient(state, form, deps.secrets);
  const now = deps.tenants.now(state);
  const user = findUser(state, rt.userId);
  if (!user) throw new OAuthError(50034, [rt.userId, state.displayName]);
  const input: RefreshInput = { c, deps, state, user, app, now, amr: rt.amr, tapId: rt.tapId };
  // Refusals before policy are sign-in attempts too: logged as failed non-interactive sign-ins.
  const refuse = (code: AadstsCode): never => {
    logRefresh(input, code);
    throw new OAuthError(code);
  };
  if (new Date(rt.expiresDateTime) <= now) refuse(700082);
  if (!user.accountEnabled) refuse(50057);
  if (new Date(rt.issuedDateTime) < new Date(user.signInSessionsValidFromDateTime)) refuse(50173);
  const tap = tapBinding(state, user.id, rt.tapId, now);
  const tapExpiresAt = tap.ok ? tap.expiresAt : refuse(tap.code);
  // Conditional Access is re-evaluated at every redemption (behavior.md 3.25), without interaction:
  // 53003 when blocked, 50076 / 50079 when the original sign-in no longer satisfies MFA (4.6).
  checkRefresh({ ...input, scope: form.scope ?? rt.scopes.join(" ") });
  deps.tenants.touch(state);
  return issueUserTokens(deps, origin, state, app, user, form.scope ?? rt.scopes.join(" "), {
    amr: rt.amr, authTime: new Date(rt.authTime), tapId: rt.tapId, tapExpiresAt, sessionId: rt.sessionId,
  }, now);
};
