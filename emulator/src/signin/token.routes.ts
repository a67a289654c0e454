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
import { setAssertionContext } from "./client-certificates";
import { formFields } from "./form-fields";

/**
 * `client_secret_basic` (advertised by discovery, RFC 6749 §2.3.1): `Authorization: Basic
 * base64(urlencode(client_id):urlencode(client_secret))`. The header fills `client_id`/`client_secret`
 * unless the body has them; a malformed header is ignored, leaving the body to speak.
 */
function basicClientCredentials(header: string | undefined, form: Record<string, string>): void {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!m) return;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return;
  try {
    const id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
    const secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
    if (id && !form.client_id) form.client_id = id;
    if (secret && !form.client_secret) form.client_secret = secret;
  } catch {
    /* not URL-encoded as the RFC asks: ignore the header */
  }
}

export function tokenRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.post("/:tenant/oauth2/v2.0/token", async (c) => {
    try {
      const type = c.req.header("content-type") ?? "";
      if (!type.toLowerCase().includes("application/x-www-form-urlencoded"))
        throw new OAuthError(900144, ["grant_type"]);
      const form = await formFields(c);
      basicClientCredentials(c.req.header("authorization"), form);
      const grantType = form.grant_type;
      if (!grantType) throw new OAuthError(900144, ["grant_type"]);
      const grant = GRANTS[grantType];
      if (!grant) throw new OAuthError(70003, [grantType]);
      const tenant = resolveTenantSegment(deps, c.req.param("tenant"));
      const origin = requestOrigin(c, deps.config);
      const tokenEndpoint = `${origin}${new URL(c.req.url).pathname}`;
      // Client assertions are audience-bound to this URL and judged by the tenant's clock.
      setAssertionContext(form, { tokenEndpoint, origin, now: (s) => deps.tenants.now(s) });
      const body = await grant({ c, deps, form, tenant, tenantSegment: c.req.param("tenant"), origin, tokenEndpoint });
      c.header("cache-control", "no-store");
      return c.json(body, 200);
    } catch (e) {
      if (e instanceof OAuthError) return oauthErrorResponse(c, deps, e);
      throw e;
    }
  });
  return app;
}
