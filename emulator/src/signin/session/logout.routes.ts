/**
 * `/{tenant}/oauth2/v2.0/logout` (GET or POST): ends the SSO session (record and cookie) in the tenant,
 * or in every tenant the browser has a session with for common/organizations, then redirects to
 * `post_logout_redirect_uri` (with `state`) when that URI is registered on the app (`client_id`, or the
 * audience of `id_token_hint`, or any app of the tenant); otherwise shows a "signed out" page.
 */
import { Hono, type Context } from "hono";
import { decodeJwt } from "jose";
import type { AppDeps, AppEnv } from "../../http/context";
import type { TenantState } from "../../domain/state";
import { findApplication } from "../../domain/directory";
import { errorPage, messagePage } from "../../pages/signin.pages";
import { OAuthError } from "../oauth-errors";
import { resolveTenantSegment } from "../tenant-segment";
import { endSession, sessionTenantIds } from "./sso-session";
import { loopbackMatch } from "../authorize/checks/redirect-uri.check";
import { formFields } from "../form-fields";

function clientOf(params: Record<string, string>): string | null {
  if (params.client_id) return params.client_id;
  if (!params.id_token_hint) return null;
  try {
    const aud = decodeJwt(params.id_token_hint).aud;
    return typeof aud === "string" ? aud : null;
  } catch {
    return null;
  }
}

function registered(states: TenantState[], uri: string, clientId: string | null): boolean {
  return states.some((s) => {
    const apps = clientId ? [findApplication(s, clientId)].filter((a) => !!a) : s.applications;
    let url: URL | null = null;
    try { url = new URL(uri); } catch { url = null; }
    // Public clients' loopback URIs match with any port, as at /authorize (msal-browser on a random port).
    return apps.some((a) => a!.redirectUris.includes(uri) || (!!url && a!.isPublicClient && loopbackMatch(url, a!.redirectUris)));
  });
}

export function logoutRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const handler = async (c: Context<AppEnv>) => {
    const params: Record<string, string> = c.req.method === "POST" ? { ...c.req.query(), ...(await formFields(c)) } : { ...c.req.query() };
    let states: TenantState[];
    try {
      const tenant = resolveTenantSegment(deps, c.req.param("tenant")!);
      states = tenant ? [tenant.state] : sessionTenantIds(c).map((id) => deps.tenants.resolve(id)?.state).filter((s): s is TenantState => !!s);
    } catch (e) {
      if (e instanceof OAuthError) return c.html(errorPage({ code: e.aadsts, message: e.message }), 400);
      throw e;
    }
    for (const state of states) endSession(c, deps, state);
    const uri = params.post_logout_redirect_uri;
    if (uri && registered(states.length ? states : deps.tenants.list(), uri, clientOf(params))) {
      const target = params.state ? `${uri}${uri.includes("?") ? "&" : "?"}state=${encodeURIComponent(params.state)}` : uri;
      return c.redirect(target, 302);
    }
    return c.html(messagePage("You signed out of your account", "It's a good idea to close all browser windows."));
  };
  app.get("/:tenant/oauth2/v2.0/logout", handler);
  app.post("/:tenant/oauth2/v2.0/logout", handler);
  return app;
}
