/**
 * `POST /{tenant}/oauth2/v2.0/token`: form-encoded, client authentication in the body, unknown
 * parameters (`claims`, `x-client-*`, `client_info`, telemetry) ignored, as MSAL and Azure Identity send them.
 */
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../http/context";
import { requestOrigin } from "../http/context";
import { GRANTS } from "./grants";
import { OAuthError } from "./oauth-errors";
import { oauthErrorResponse } from "./oauth-response";
import { resolveTenantSegment } from "./tenant-segment";

export function tokenRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.post("/:tenant/oauth2/v2.0/token", async (c) => {
    try {
      const type = c.req.header("content-type") ?? "";
      if (!type.toLowerCase().includes("application/x-www-form-urlencoded"))
        throw new OAuthError(900144, ["grant_type"]);
      const parsed = await c.req.parseBody();
      const form: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed)) if (typeof v === "string") form[k] = v;
      const grantType = form.grant_type;
      if (!grantType) throw new OAuthError(900144, ["grant_type"]);
      const grant = GRANTS[grantType];
      if (!grant) throw new OAuthError(70003, [grantType]);
      const tenant = resolveTenantSegment(deps, c.req.param("tenant"));
      const origin = requestOrigin(c, deps.config);
      const body = await grant({ c, deps, form, tenant, tenantSegment: c.req.param("tenant"), origin, tokenEndpoint: `${origin}${new URL(c.req.url).pathname}` });
      c.header("cache-control", "no-store");
      return c.json(body, 200);
    } catch (e) {
      if (e instanceof OAuthError) return oauthErrorResponse(c, deps, e);
      throw e;
    }
  });
  return app;
}
