/**
 * msal-browser 5 in Debian Chromium, unchanged: a static single-page app on http://localhost:<port>/
 * (a node http server in the test) loads the package's UMD bundle, signs in with loginRedirect at the
 * hosted pages (fragment response, PKCE, nonce), then acquireTokenSilent({ forceRefresh }) redeems the
 * refresh token, a Graph fetch with the access token crosses origins (CORS with preflight), and
 * logoutRedirect ends the SSO session and returns to the SPA (loopback post-logout URI on any port).
 */
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Browser } from "playwright-core";
import { PASSWORD, PUBLIC_CLIENT, createTenant, emulator } from "./support/emulator";
import { launchChromium } from "./support/signin-browser";

const require = createRequire(import.meta.url);
/** The UMD bundle msal-browser ships (exposes the global `msal`). */
const BUNDLE = readFileSync(path.join(path.dirname(require.resolve("@azure/msal-browser/package.json")), "lib/msal-browser.min.js"), "utf8");

function spaPage(tenantId: string): string {
  const config = {
    auth: {
      clientId: PUBLIC_CLIENT.appId,
      authority: `${emulator().url}/${tenantId}`,
      knownAuthorities: [emulator().authorityHost],
      redirectUri: "/",
    },
    cache: { cacheLocation: "sessionStorage" },
  };
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>spa</title><script src="/msal-browser.min.js"></script></head>
<body><pre id="out">starting</pre><script>
(async () => {
  const out = (v) => { window.__spa = v; document.getElementById("out").textContent = JSON.stringify(v); };
  try {
    const config = ${JSON.stringify(config)};
    config.auth.redirectUri = location.origin + "/";
    const pca = new msal.PublicClientApplication(config);
    window.__pca = pca;
    await pca.initialize();
    const back = await pca.handleRedirectPromise();
    const account = back?.account ?? pca.getAllAccounts()[0];
    if (!account) return pca.loginRedirect({ scopes: ["User.Read"] });
    const silent = await pca.acquireTokenSilent({ account, scopes: ["User.Read"], forceRefresh: true });
    const me = await fetch(${JSON.stringify(emulator().url)} + "/v1.0/me", { headers: { Authorization: "Bearer " + silent.accessToken } });
    out({ ok: true, username: account.username, nonce: back?.idTokenClaims?.nonce ?? null, fromRedirect: !!back,
      silentFromCache: silent.fromCache, graphStatus: me.status, me: await me.json() });
  } catch (e) {
    out({ ok: false, error: String(e && (e.errorCode || e.message) || e) });
  }
})();
</script></body></html>`;
}

let browser: Browser;
let server: Server;
let port = 0;
let tenant: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  tenant = await createTenant();
  server = createServer((req, res) => {
    if (req.url?.startsWith("/msal-browser.min.js")) {
      res.writeHead(200, { "content-type": "text/javascript" });
      return res.end(BUNDLE);
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(spaPage(tenant.tenantId));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  port = (server.address() as { port: number }).port;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe("msal-browser 5 (UMD bundle) in Chromium", () => {
  it("signs in with loginRedirect at the hosted pages, refreshes silently, calls Graph across origins and logs out", async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`http://localhost:${port}/`);
    await page.getByLabel("Email, phone, or Skype").fill(tenant.upn("alice"));
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForFunction(() => (window as any).__spa !== undefined, undefined, { timeout: 30_000 });
    const result = await page.evaluate(() => (window as any).__spa);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, fromRedirect: true, silentFromCache: false, graphStatus: 200 });
    expect(result.username.toLowerCase()).toBe(tenant.upn("alice").toLowerCase());
    expect(result.me.userPrincipalName.toLowerCase()).toBe(tenant.upn("alice").toLowerCase());
    // msal-browser always sends a nonce; the id_token must echo it.
    expect(typeof result.nonce).toBe("string");
    // The Graph call carried Authorization, so Chromium needed a CORS preflight (Playwright does not
    // surface preflights): the same OPTIONS answered as the browser requires it.
    const pre = await fetch(`${emulator().url}/v1.0/me`, { method: "OPTIONS", headers: {
      origin: `http://localhost:${port}`, "access-control-request-method": "GET", "access-control-request-headers": "authorization" } });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get("access-control-allow-origin")).toBe(`http://localhost:${port}`);
    expect(pre.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");

    // logoutRedirect ends the SSO session and comes back to the SPA, which signs in again: the hosted
    // username page is shown instead of a silent SSO answer.
    await page.evaluate(() => { void (window as any).__pca.logoutRedirect(); });
    await page.getByLabel("Email, phone, or Skype").waitFor({ timeout: 30_000 });
    await context.close();
  });
});
