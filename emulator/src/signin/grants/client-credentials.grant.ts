/**
 * `grant_type=client_credentials`: an app signs in as itself. The scope must be `<resource>/.default`
 * (AADSTS1002012); a Graph token carries the app's admin-consented application permissions as `roles`.
 */
import type { GrantHandler } from "../grant-context";
import { OAuthError } from "../oauth-errors";
import { authenticateClient, requireParam } from "../client-auth";
import { parseScopes, isGraphResource, GRAPH_RESOURCE } from "../scopes";
import { appAccessToken } from "../tokens";
import { tokenLifetimes } from "../../domain/tokens-policy";

export const clientCredentialsGrant: GrantHandler = async ({ deps, form, tenant, origin }) => {
  if (!tenant) throw new OAuthError(50059);
  const state = tenant.state;
  const scope = requireParam(form, "scope");
  const app = authenticateClient(state, form, deps.secrets, { requireConfidential: true });
  const parsed = parseScopes(scope);
  if (!parsed.isDefault || parsed.permissions.length) throw new OAuthError(1002012, [scope]);
  const graph = isGraphResource(parsed.resource);
  if (!graph && !state.applications.some((a) => parsed.resource.toLowerCase().includes(a.appId)))
    throw new OAuthError(500011, [parsed.resource, state.displayName]);
  const now = deps.tenants.now(state);
  const life = tokenLifetimes(now, deps.ids);
  const cae = (form.claims ?? "").includes("xms_cc");
  const token = await appAccessToken(deps.keys, {
    origin, state, app, audience: graph ? GRAPH_RESOURCE : parsed.resource, roles: graph ? app.applicationPermissions : [],
    now, expiresAt: life.accessExpiresAt, ids: deps.ids, extra: cae ? { xms_cc: ["cp1"] } : undefined,
  });
  const expiresIn = Math.round((life.accessExpiresAt.getTime() - now.getTime()) / 1000);
  return { token_type: "Bearer", expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token };
};
