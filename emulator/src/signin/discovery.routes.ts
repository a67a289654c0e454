/**
 * OpenID discovery and keys for each tenant: `/{tenant}/v2.0/.well-known/openid-configuration` (and the
 * same without `v2.0`), `/{tenant}/discovery/v2.0/keys`. Every URL is on the origin the client used; the
 * issuer is `<origin>/<tid>/v2.0`, with the `{tenantid}` placeholder for common/organizations.
 */
import { Hono, type Context } from "hono";
import type { AppDeps, AppEnv } from "../http/context";
import { requestOrigin } from "../http/context";
import { OAuthError } from "./oauth-errors";
import { oauthErrorResponse } from "./oauth-response";
import { resolveTenantSegment } from "./tenant-segment";

export function discoveryRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const document = (c: Context<AppEnv>) => {
    try {
      const segment = c.req.param("tenant")!;
      const tenant = resolveTenantSegment(deps, segment);
      const origin = requestOrigin(c, deps.config);
      const tid = tenant ? tenant.state.id : "{tenantid}";
      const base = `${origin}/${tenant ? tenant.state.id : segment}`;
      const host = new URL(origin).host;
      return c.json({
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ["query", "fragment", "form_post"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        scopes_supported: ["openid", "profile", "email", "offline_access"],
        issuer: `${origin}/${tid}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${origin}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
        kerberos_endpoint: `${base}/kerberos`,
        tenant_region_scope: "EU",
        cloud_instance_name: host,
        cloud_graph_host_name: host,
        msgraph_host: host,
        rbac_url: origin,
      });
    } catch (e) {
      if (e instanceof OAuthError) return oauthErrorResponse(c, deps, e);
      throw e;
    }
  };
  app.get("/:tenant/v2.0/.well-known/openid-configuration", document);
  app.get("/:tenant/.well-known/openid-configuration", document);
  // The key set for the v2.0 path and the v1 path alike: one signing key, for known tenants only.
  const keys = (c: Context<AppEnv>) => {
    try {
      resolveTenantSegment(deps, c.req.param("tenant")!);
      return c.json({ keys: [deps.keys.publicJwk] });
    } catch (e) {
      if (e instanceof OAuthError) return oauthErrorResponse(c, deps, e);
      throw e;
    }
  };
  app.get("/:tenant/discovery/v2.0/keys", keys);
  app.get("/:tenant/discovery/keys", keys);
  return app;
}
