/**
 * My Security Info test support: signing in to the page through the hosted steps, picking one of the
 * page's several forms, and setup helpers (policy through Graph, tenant state for the legacy side).
 */
import { expect } from "vitest";
import { PASSWORD, appToken, type Harness } from "../helpers";
import { Browser, enterUsername, linkHref, type PageResponse } from "../signin/support";

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

export interface PageForm {
  method: string;
  action: string;
  hidden: Record<string, string>;
  html: string;
}

/** Every form on a page with its method, action and hidden fields. */
export function forms(html: string): PageForm[] {
  return [...html.matchAll(/<form method="(get|post)" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => ({
    method: m[1],
    action: decode(m[2]),
    html: m[3],
    hidden: Object.fromEntries([...m[3].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((x) => [x[1], decode(x[2])])),
  }));
}

/** The single form whose action ends with `suffix` (and whose HTML contains `containing`, if given). */
export function formFor(page: PageResponse, suffix: string, containing?: string): PageForm {
  const found = forms(page.text).filter((f) => f.action.endsWith(suffix) && (!containing || f.html.includes(containing)));
  expect(found.length, page.text).toBe(1);
  return found[0];
}

/** Submits a form with extra fields (hidden ones included). */
export function send(b: Browser, form: PageForm, fields: Record<string, string> = {}) {
  const data = { ...form.hidden, ...fields };
  if (form.method === "get") return b.get(`${form.action}?${new URLSearchParams(data).toString()}`);
  return b.request("POST", form.action, data);
}

/** The option values of the "Add sign-in method" select. */
export function offeredKinds(page: PageResponse): string[] {
  const select = /<select id="method" name="method"[^>]*>([\s\S]*?)<\/select>/.exec(page.text)?.[1] ?? "";
  return [...select.matchAll(/<option value="([^"]+)">/g)].map((m) => m[1]);
}

/** Opens My Security Info and signs in with the password (and a TOTP when asked). */
export async function openWithPassword(b: Browser, tenant: string, upn: string): Promise<PageResponse> {
  let pwd = await enterUsername(b, await b.get(`/${tenant}/mysecurityinfo`), upn);
  // A user holding a TAP is asked for it first: take "Use your password instead".
  const instead = linkHref(pwd.text, "Use your password instead");
  if (instead) pwd = await b.get(instead);
  const page = await b.follow(await b.submit(pwd, { passwd: PASSWORD }));
  expect(page.status, page.text).toBe(200);
  return page;
}

/** Opens My Security Info and signs in with a TAP. */
export async function openWithTap(b: Browser, tenant: string, upn: string, tap: string): Promise<PageResponse> {
  const tapPage = await enterUsername(b, await b.get(`/${tenant}/mysecurityinfo`), upn);
  const page = await b.follow(await b.submit(tapPage, { accessPass: tap }));
  expect(page.status, page.text).toBe(200);
  return page;
}

/** PATCHes the authentication methods policy root or a configuration through Graph (bootstrap app). */
export async function patchPolicy(h: Harness, tid: string, body: Record<string, unknown>, configurationId?: string) {
  const token = await appToken(h, tid);
  const path = `/v1.0/policies/authenticationMethodsPolicy${configurationId ? `/authenticationMethodConfigurations/${configurationId}` : ""}`;
  const res = await h.call("PATCH", path, { token, body });
  // The root answers 200 with the policy, a configuration 204.
  expect([200, 204], JSON.stringify(res.body)).toContain(res.status);
}

/** The directory audit entries of the tenant with this activity. */
export async function audits(h: Harness, tid: string, activity: string) {
  const token = await appToken(h, tid);
  const res = await h.call("GET", `/v1.0/auditLogs/directoryAudits`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.value as any[]).filter((a) => a.activityDisplayName === activity);
}
