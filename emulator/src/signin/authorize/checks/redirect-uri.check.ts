/**
 * Rule: the redirect URI must exactly match one registered on the app (AADSTS50011). Public clients may
 * also use `http://localhost` or `http://127.0.0.1` with any port when that loopback host is registered
 * (RFC 8252; MSAL Node's interactive flow listens on a random port). Without `redirect_uri` the app's
 * only registered URI is used; with none, AADSTS900971. Failures are shown on a page, never redirected.
 */
import { AuthorizeError, type AuthorizeCheck } from "./check";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A loopback URI with any port matching a registered loopback URI (same path). */
export function loopbackMatch(given: URL, registered: string[]): boolean {
  if (given.protocol !== "http:" || !LOOPBACK.has(given.hostname)) return false;
  return registered.some((r) => {
    let u: URL;
    try { u = new URL(r); } catch { return false; }
    return u.protocol === "http:" && LOOPBACK.has(u.hostname) && u.pathname.replace(/\/$/, "") === given.pathname.replace(/\/$/, "");
  });
}

export const redirectUriCheck: AuthorizeCheck = (d) => {
  const app = d.app!;
  const given = d.params.redirect_uri;
  if (!given) {
    if (app.redirectUris.length !== 1) throw new AuthorizeError(900971, [], false);
    d.request.redirectUri = app.redirectUris[0];
    return;
  }
  if (app.redirectUris.includes(given)) {
    d.request.redirectUri = given;
    return;
  }
  let url: URL | null = null;
  try { url = new URL(given); } catch { url = null; }
  if (url && app.isPublicClient && loopbackMatch(url, app.redirectUris)) {
    d.request.redirectUri = given;
    return;
  }
  throw new AuthorizeError(50011, [given, app.appId], false);
};
