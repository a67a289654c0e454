/**
 * Authorization codes: opaque, stored as digests, valid 10 minutes ([INFERRED]: Entra codes are
 * short-lived), redeemable once, bound to client, redirect URI, PKCE challenge, nonce and the sign-in
 * they came from (including its TAP, so redeemed tokens still die with the pass).
 */
import type { AppDeps } from "../../http/context";
import type { TenantState } from "../../domain/state";
import type { AuthenticationResult, AuthCodeRecord } from "../../domain/signin-state.types";
import type { AuthorizeRequest } from "../flow/interaction";

export const AUTH_CODE_MINUTES = 10;

export function issueAuthCode(deps: AppDeps, state: TenantState, req: AuthorizeRequest, result: AuthenticationResult, sessionId: string | null): string {
  const now = deps.tenants.now(state);
  const value = deps.ids.opaque(48);
  state.signIn.authCodes = state.signIn.authCodes.filter((r) => !r.redeemed && new Date(r.expiresDateTime) > now);
  const record: AuthCodeRecord = {
    ...result,
    digest: deps.secrets.digest(value),
    clientId: req.clientId,
    redirectUri: req.redirectUri,
    scope: req.scope,
    nonce: req.nonce,
    codeChallenge: req.codeChallenge,
    codeChallengeMethod: req.codeChallengeMethod,
    sessionId,
    issuedDateTime: now.toISOString(),
    expiresDateTime: new Date(now.getTime() + AUTH_CODE_MINUTES * 60_000).toISOString(),
    redeemed: false,
  };
  state.signIn.authCodes.push(record);
  deps.tenants.touch(state);
  return value;
}
