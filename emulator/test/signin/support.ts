/**
 * Sign-in test support: a cookie-keeping "browser" over app.request, PKCE, page scraping (ctx, labels,
 * errors), and setup through the real Graph routes (TAP creation, CA policies) or the tenant state.
 */
import { createHash, randomBytes } from "node:crypto";
import { expect } from "vitest";
import { decodeJwt } from "jose";
import { authenticator } from "otplib";
import { ORIGIN, PUBLIC_APP, appToken, type Harness } from "../helpers";

export const REDIRECT = "http://localhost:3000/";
export const CAROL_SECRET = "JBSWY3DPEHPK3PXP";

export interface PageResponse {
  status: number;
  location: string | null;
  text: string;
  headers: Headers;
}

export class Browser {
  readonly jar = new Map<string, string>();
  constructor(private readonly h: Harness, private readonly userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120 tenantlab-test") {}

  async request(method: string, url: string, form?: Record<string, string>): Promise<PageResponse> {
    const headers: Record<string, string> = { "user-agent": this.userAgent };
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(form).toString();
    }
    const res = await this.h.app.request(url.startsWith("http") ? url : `${ORIGIN}${url}`, { method, headers, body });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair, ...attrs] = cookie.split(";");
      const [name, ...rest] = pair.split("=");
      const value = rest.join("=");
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || value === "") this.jar.delete(name.trim());
      else this.jar.set(name.trim(), value);
    }
    return { status: res.status, location: res.headers.get("location"), text: await res.text(), headers: res.headers };
  }

  get(url: string) {
    return this.request("GET", url);
  }

  /** Posts the page's form for `step` with the given fields (ctx taken from the page). */
  submit(page: PageResponse, fields: Record<string, string>) {
    const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
    expect(action, page.text).toBeTruthy();
    const form: Record<string, string> = { ...fields };
    for (const m of page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form[m[1]] ??= decode(m[2]);
    return this.request("POST", decode(action!), form);
  }

  /** Follows redirects that stay on the emulator; stops at a page or at the app's redirect URI. */
  async follow(res: PageResponse): Promise<PageResponse> {
    let r = res;
    for (let i = 0; i < 10 && r.status >= 300 && r.status < 400 && r.location && (r.location.startsWith("/") || r.location.startsWith(ORIGIN)); i++)
      r = await this.get(r.location);
    return r;
  }
}

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

export function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function authorizeUrl(tenant: string, p: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ client_id: PUBLIC_APP.appId, response_type: "code", redirect_uri: REDIRECT, scope: "openid profile offline_access User.Read", ...p }))
    if (v !== undefined) q.set(k, v);
  return `/${tenant}/oauth2/v2.0/authorize?${q.toString()}`;
}

/** The label texts on a page. */
export const labels = (html: string) => [...html.matchAll(/<label for="[^"]+">([^<]+)<\/label>/g)].map((m) => decode(m[1]));
export const buttons = (html: string) => [...html.matchAll(/<button[^>]*>([^<]+)<\/button>/g)].map((m) => m[1]);
export const alertText = (html: string) => decode(/<div class="alert" role="alert" id="error"><p>([^<]*)<\/p>/.exec(html)?.[1] ?? "");
export const linkHref = (html: string, text: string) => {
  const m = [...html.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].find((x) => decode(x[2]) === text);
  return m ? decode(m[1]) : null;
};

/** The query (or fragment) parameters of a redirect to the app. */
export function redirectParams(location: string | null): Record<string, string> {
  expect(location).toBeTruthy();
  const url = new URL(location!);
  const raw = url.hash ? url.hash.slice(1) : url.search.slice(1);
  return Object.fromEntries(new URLSearchParams(raw));
}

export async function redeemCode(h: Harness, tenant: string, code: string, verifier: string, extra: Record<string, string> = {}) {
  return h.call("POST", `/${tenant}/oauth2/v2.0/token`, {
    form: { grant_type: "authorization_code", client_id: PUBLIC_APP.appId, code, code_verifier: verifier, redirect_uri: REDIRECT, scope: "openid profile offline_access User.Read", ...extra },
  });
}

export const claims = (jwt: string) => decodeJwt(jwt) as Record<string, any>;

export const totp = (secret: string, at: Date) => authenticator.clone({ epoch: at.getTime() }).generate(secret);

export function tenantState(h: Harness, tid: string) {
  return h.deps.tenants.require(tid).state;
}

export const tenantNow = (h: Harness, tid: string) => h.deps.tenants.now(tenantState(h, tid));

/** Creates a TAP through Graph (app permissions) and returns its value. */
export async function createTap(h: Harness, tid: string, upn: string, body: Record<string, unknown> = {}): Promise<{ value: string; id: string }> {
  const token = await appToken(h, tid);
  const res = await h.call("POST", `/v1.0/users/${upn}/authentication/temporaryAccessPassMethods`, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { value: res.body.temporaryAccessPass, id: res.body.id };
}

/** Creates a Conditional Access policy through Graph. */
export async function addCaPolicy(h: Harness, tid: string, policy: Record<string, unknown>): Promise<string> {
  const token = await appToken(h, tid);
  const res = await h.call("POST", "/v1.0/identity/conditionalAccess/policies", {
    token,
    body: { state: "enabled", conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] }, clientAppTypes: ["all"] }, ...policy },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

export const requireMfaFor = (userId: string, name = "Require MFA") => ({
  displayName: name,
  conditions: { users: { includeUsers: [userId] }, applications: { includeApplications: ["All"] }, clientAppTypes: ["all"] },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
});

export const blockFor = (userId: string, name = "Block") => ({
  displayName: name,
  conditions: { users: { includeUsers: [userId] }, applications: { includeApplications: ["All"] }, clientAppTypes: ["all"] },
  grantControls: { operator: "OR", builtInControls: ["block"] },
});

export const userId = (h: Harness, tid: string, upn: string) => h.deps.tenants.require(tid).state.users.find((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase())!.id;

/** Runs an authorize request and returns the username page (and the PKCE verifier). */
export async function startSignIn(b: Browser, tenant: string, p: Record<string, string | undefined> = {}) {
  const { verifier, challenge } = pkce();
  const page = await b.follow(await b.get(authorizeUrl(tenant, { code_challenge: challenge, code_challenge_method: "S256", state: "st-1", ...p })));
  return { page, verifier };
}

/** username -> next page (following same-origin redirects). */
export async function enterUsername(b: Browser, page: PageResponse, upn: string) {
  return b.follow(await b.submit(page, { login: upn }));
}
