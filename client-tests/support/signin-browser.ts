/**
 * Sign-in helpers for client tests: headless Debian Chromium through playwright-core (the app's redirect
 * URI is intercepted, no server needed), a fetch-based walker for the hosted pages (device login), and
 * Graph/token calls the stories need.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { BOOTSTRAP, PASSWORD, PUBLIC_CLIENT, emulator } from "./emulator";

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A fresh browser context (no cookies) that captures navigations to the app's redirect URI. */
export async function appContext(browser: Browser, redirectPrefix: string) {
  const context: BrowserContext = await browser.newContext({ ignoreHTTPSErrors: true });
  const page: Page = await context.newPage();
  let resolveRedirect: (url: URL) => void;
  const redirected = new Promise<URL>((r) => (resolveRedirect = r));
  await context.route(`${redirectPrefix}**`, async (route) => {
    resolveRedirect(new URL(route.request().url()));
    await route.fulfill({ status: 200, contentType: "text/html", body: "<p>app callback</p>" });
  });
  return { context, page, redirected };
}

/** A Graph call with a bearer token. */
export async function graph(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${emulator().url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function tokenRequest(tenantId: string, form: Record<string, string>) {
  const res = await fetch(`${emulator().url}/${tenantId}/oauth2/v2.0/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
  return { status: res.status, body: await res.json() };
}

export async function appToken(tenantId: string): Promise<string> {
  const res = await tokenRequest(tenantId, { grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, scope: "https://graph.microsoft.com/.default" });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body.access_token;
}

/** A delegated token by ROPC on the public client (admins in the default tenant need no MFA). */
export async function userTokenByPassword(tenantId: string, username: string, scope = "https://graph.microsoft.com/.default"): Promise<string> {
  const res = await tokenRequest(tenantId, { grant_type: "password", client_id: PUBLIC_CLIENT.appId, username, password: PASSWORD, scope });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body.access_token;
}

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Posts a hosted page's form with its hidden fields plus `fields`; returns the next HTML page. */
export async function submitForm(html: string, fields: Record<string, string>): Promise<string> {
  const action = decode(/<form method="post" action="([^"]+)"/.exec(html)![1]);
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1], decode(m[2]));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await fetch(`${emulator().url}${action}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form, redirect: "manual" });
  return res.text();
}
