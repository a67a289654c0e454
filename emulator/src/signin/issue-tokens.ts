/**
 * Builds the token response for a user (ROPC, refresh, auth code, device code): access token, ID token,
 * rotating refresh token, client_info. Lifetimes are capped at the TAP's expiry for TAP sessions.
 */
import type { TenantState } from "../domain/state";
import type { DirectoryApplication, DirectoryUser } from "../domain/directory.types";
import type { AppDeps } from "../http/context";
import { tokenLifetimes } from "../domain/tokens-policy";
import { clientInfo, idToken, userAccessToken } from "./tokens";
import { grantDelegatedScopes } from "./delegated-scopes";
import { GRAPH_RESOURCE, isGraphResource } from "./scopes";

export interface UserSession {
  amr: string[];
  authTime: Date;
  /** Set when the session was established with a TAP: tokens never outlive `tapExpiresAt`. */
  tapId: string | null;
  tapExpiresAt: Date | null;
  sessionId: string | null;
  nonce?: string | null;
}

export async function issueUserTokens(
  deps: AppDeps,
  origin: string,
  state: TenantState,
  app: DirectoryApplication,
  user: DirectoryUser,
  scope: string | undefined,
  session: UserSession,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const granted = grantDelegatedScopes(app, scope);
  const life = tokenLifetimes(now, deps.ids, session.tapExpiresAt);
  const audience = isGraphResource(granted.resource) ? GRAPH_RESOURCE : granted.resource;
  const accessToken = await userAccessToken(deps.keys, {
    origin, state, user, clientId: app.appId, audience, scopes: granted.scopes, amr: session.amr,
    authTime: session.authTime, now, expiresAt: life.accessExpiresAt, ids: deps.ids, tapId: session.tapId,
    confidential: !app.isPublicClient, extra,
  });
  const expiresIn = Math.max(0, Math.round((life.accessExpiresAt.getTime() - now.getTime()) / 1000));
  const body: Record<string, unknown> = {
    token_type: "Bearer",
    scope: granted.responseScope,
    expires_in: expiresIn,
    ext_expires_in: expiresIn,
    access_token: accessToken,
  };
  if (granted.offlineAccess) {
    const value = deps.ids.opaque(48);
    state.signIn.refreshTokens.push({
      digest: deps.secrets.digest(value),
      userId: user.id,
      clientId: app.appId,
      scopes: scope ? scope.split(/\s+/).filter(Boolean) : [],
      amr: session.amr,
      issuedDateTime: now.toISOString(),
      expiresDateTime: life.refreshExpiresAt.toISOString(),
      tapId: session.tapId,
      sessionId: session.sessionId,
      authTime: session.authTime.toISOString(),
    });
    // Keep the table bounded: drop expired records.
    state.signIn.refreshTokens = state.signIn.refreshTokens.filter((r) => new Date(r.expiresDateTime) > now);
    body.refresh_token = value;
    body.refresh_token_expires_in = Math.round((life.refreshExpiresAt.getTime() - now.getTime()) / 1000);
  }
  if (granted.openid || granted.offlineAccess) {
    body.id_token = await idToken(deps.keys, {
      origin, state, user, clientId: app.appId, now, expiresAt: life.idExpiresAt, authTime: session.authTime,
      amr: session.amr, nonce: session.nonce ?? null, ids: deps.ids,
    });
  }
  body.client_info = clientInfo(user.id, state.id);
  return body;
}
