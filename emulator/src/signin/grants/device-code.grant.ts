/**
 * `grant_type=device_code` (and `urn:ietf:params:oauth:grant-type:device_code`): the device polls until
 * the person has signed in and confirmed. Pending -> 400 authorization_pending (AADSTS70016), expired ->
 * expired_token (70019), cancelled -> authorization_declined (70020), refused by policy -> that code;
 * approved -> tokens once (a TAP sign-in's tokens end with the pass).
 */
import type { GrantHandler } from "../grant-context";
import { OAuthError, type AadstsCode } from "../oauth-errors";
import { authenticateClient, requireParam } from "../client-auth";
import { findUser } from "../../domain/directory";
import { tapBinding } from "../tap-session";
import { issueUserTokens } from "../issue-tokens";
import { deviceNow, pendingRegistry } from "../flow/pending-registry";

export const deviceCodeGrant: GrantHandler = async ({ deps, form, tenant, origin }) => {
  const code = requireParam(form, "device_code");
  const registry = pendingRegistry(deps);
  const entry = registry.deviceByDigest(deps.secrets.digest(code));
  if (!entry || entry.clientId.toLowerCase() !== (form.client_id ?? "").toLowerCase()) throw new OAuthError(70000);
  if (tenant && entry.tenantId && tenant.state.id !== entry.tenantId) throw new OAuthError(70000);
  const now = deviceNow(deps, entry);
  switch (entry.status) {
    case "redeemed":
      throw new OAuthError(54005);
    case "declined":
      throw new OAuthError(70020);
    case "failed":
      throw new OAuthError((entry.errorCode ?? 70000) as AadstsCode);
    case "pending":
      if (entry.expiresAt <= now) throw new OAuthError(70019);
      throw new OAuthError(70016);
    case "approved":
      break;
  }
  if (entry.expiresAt <= now) throw new OAuthError(70019);
  const result = entry.result!;
  const record = deps.tenants.resolve(result.tenantId);
  if (!record) throw new OAuthError(90002, [result.tenantId]);
  const state = record.state;
  const app = authenticateClient(state, form, deps.secrets);
  const user = findUser(state, result.userId);
  if (!user) throw new OAuthError(50034, [result.userId, state.displayName]);
  if (!user.accountEnabled) throw new OAuthError(50057);
  const tenantNow = deps.tenants.now(state);
  const tap = tapBinding(state, user.id, result.tapId, tenantNow);
  if (!tap.ok) throw new OAuthError(tap.code);
  entry.status = "redeemed";
  deps.tenants.touch(state);
  return issueUserTokens(deps, origin, state, app, user, entry.scope, {
    amr: result.amr, authTime: new Date(result.authTime), tapId: result.tapId, tapExpiresAt: tap.expiresAt, sessionId: result.sessionId,
  }, tenantNow);
};
