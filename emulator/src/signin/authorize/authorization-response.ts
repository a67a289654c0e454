/**
 * Sends the authorization response back to the app in the requested response_mode: `query` and
 * `fragment` as a 302, `form_post` as an auto-submitting HTML form (what MSAL Node's loopback server
 * needs). Success carries code, state, client_info and session_state; errors carry error,
 * error_description (AADSTS text), error_codes... and state.
 */
import type { Context } from "hono";
import type { AppEnv } from "../../http/context";
import { formPostPage } from "../../pages/signin.pages";
import { OAuthError, type AadstsCode } from "../oauth-errors";
import type { AuthorizeRequest } from "../flow/interaction";

type Target = Pick<AuthorizeRequest, "redirectUri" | "responseMode" | "state">;

export function authorizationResponse(c: Context<AppEnv>, req: Target, params: Record<string, string>): Response {
  const all: Record<string, string> = { ...params };
  if (req.state !== null && req.state !== undefined) all.state = req.state;
  c.header("cache-control", "no-store");
  if (req.responseMode === "form_post") return c.html(formPostPage(req.redirectUri, all), 200);
  const encoded = new URLSearchParams(all).toString();
  if (req.responseMode === "fragment") return c.redirect(`${req.redirectUri.split("#")[0]}#${encoded}`, 302);
  const sep = req.redirectUri.includes("?") ? "&" : "?";
  return c.redirect(`${req.redirectUri}${sep}${encoded}`, 302);
}

/** An OAuth error sent back to the redirect URI (only after the URI was verified). */
export function authorizationError(c: Context<AppEnv>, req: Target, code: AadstsCode, args: string[] = [], oauthError?: string): Response {
  const err = new OAuthError(code, args);
  const now = new Date().toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  const trace = c.get("requestId") ?? "";
  return authorizationResponse(c, req, {
    error: oauthError ?? err.error,
    error_description: `${err.message}\r\nTrace ID: ${trace}\r\nCorrelation ID: ${c.get("clientRequestId") ?? trace}\r\nTimestamp: ${now}`,
    error_codes: `[${code}]`,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
}
