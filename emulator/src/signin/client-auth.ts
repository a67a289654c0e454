/**
 * Client authentication at the token endpoint: the app must exist in the tenant (AADSTS700016),
 * confidential clients must present their secret in the body (client_secret_post; 7000218 missing,
 * 7000215 wrong) or a `client_assertion` signed with a registered certificate (private_key_jwt;
 * client-certificates.ts), public clients must present neither (700025).
 */
import type { TenantState } from "../domain/state";
import type { DirectoryApplication } from "../domain/directory.types";
import type { Secrets } from "../domain/ports";
import { findApplication } from "../domain/directory";
import { OAuthError } from "./oauth-errors";
import { verifyClientAssertion } from "./client-certificates";

export function requireParam(form: Record<string, string>, name: string): string {
  const v = form[name];
  if (v === undefined || v === "") throw new OAuthError(900144, [name]);
  return v;
}

export function findClient(state: TenantState, form: Record<string, string>): DirectoryApplication {
  const clientId = requireParam(form, "client_id");
  const app = findApplication(state, clientId);
  if (!app) throw new OAuthError(700016, [clientId, state.id]);
  return app;
}

/** Authenticates the client; `requireConfidential` is set by grants only confidential clients may use. */
export function authenticateClient(
  state: TenantState,
  form: Record<string, string>,
  secrets: Secrets,
  opts: { requireConfidential?: boolean } = {},
): DirectoryApplication {
  const app = findClient(state, form);
  const secret = form.client_secret;
  if (app.isPublicClient) {
    if (secret || form.client_assertion) throw new OAuthError(700025);
    if (opts.requireConfidential) throw new OAuthError(7000218);
    return app;
  }
  if (form.client_assertion) {
    verifyClientAssertion(state, app, form);
    return app;
  }
  if (!secret) throw new OAuthError(7000218);
  if (!app.clientSecretHash || !secrets.verify(secret, app.clientSecretHash)) throw new OAuthError(7000215, [app.appId]);
  return app;
}
