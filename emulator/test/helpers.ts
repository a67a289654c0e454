/**
 * Test harness: an app over a memory store and a manual clock, a fresh tenant per test (the default
 * fixture under a new id and new domains), and token helpers that go through the real token endpoint.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { createApp } from "../src/app";
import { buildDeps } from "../src/deps";
import { ManualClock } from "../src/infra/clock";
import { MemoryTenantStore } from "../src/store/tenant-store";
import { generateSigningKeys, type SigningKeys } from "../src/signin/keys";
import type { AppDeps } from "../src/http/context";

export const ORIGIN = "https://localhost:8443";
export const PASSWORD = "TenantLab-Passw0rd!";
export const BOOTSTRAP = { appId: "5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b", secret: "tenantlab-bootstrap-secret" };
export const READER_APP = { appId: "7cafbe30-4d5f-4071-8cbd-2e3f4a5b6c7d", secret: "tenantlab-reader-secret" };
export const PUBLIC_APP = { appId: "6b9fad2f-3c4e-4f60-9bac-1d2e3f4a5b6c" };

let keysPromise: Promise<SigningKeys> | null = null;
const sharedKeys = () => (keysPromise ??= generateSigningKeys());

export function defaultFixture(): Record<string, any> {
  return JSON.parse(readFileSync(path.resolve(__dirname, "../../fixtures/contoso.json"), "utf8"));
}

let counter = 0;
/** The default fixture with its ids and domains made unique, so tenants never collide. */
export function uniqueFixture(mutate?: (doc: Record<string, any>) => void): Record<string, any> {
  const doc = defaultFixture();
  const n = `t${process.pid}x${++counter}`;
  delete doc.tenant.id;
  const rename = (s: string) => s.replace(/contoso\.(com|onmicrosoft\.com)/g, `${n}.$1`).replace(/federated\.contoso\.com/g, `federated.${n}.com`);
  for (const d of doc.tenant.domains) d.id = d.id === "federated.contoso.com" ? `federated.${n}.com` : rename(d.id);
  const text = JSON.stringify(doc).replace(/@federated\.contoso\.com/g, `@federated.${n}.com`).replace(/@contoso\.(com|onmicrosoft\.com)/g, `@${n}.$1`);
  const out = JSON.parse(text);
  mutate?.(out);
  return out;
}

export interface Harness {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  clock: ManualClock;
  store: MemoryTenantStore;
  /** Calls the app as a client would (https origin, JSON helpers). */
  call(method: string, url: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string>; form?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers; text: string }>;
}

export async function harness(): Promise<Harness> {
  const clock = new ManualClock();
  const store = new MemoryTenantStore();
  const deps = buildDeps({ store, clock, keys: await sharedKeys(), log: () => {} });
  const app = createApp(deps);
  return {
    app, deps, clock, store,
    async call(method, url, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      let body: string | undefined;
      if (opts.form) { headers["content-type"] = "application/x-www-form-urlencoded"; body = new URLSearchParams(opts.form).toString(); }
      else if (opts.body !== undefined) { headers["content-type"] ??= "application/json"; body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body); }
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const res = await app.request(`${ORIGIN}${url}`, { method, headers, body });
      const text = await res.text();
      let parsed: any = text;
      try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
      return { status: res.status, body: parsed, headers: res.headers, text };
    },
  };
}

/** Creates a tenant from the (uniquified) default fixture; returns its id and domain. */
export async function newTenant(h: Harness, mutate?: (doc: Record<string, any>) => void) {
  const doc = uniqueFixture(mutate);
  const res = await h.call("POST", "/_emulator/tenants", { body: doc });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const domain = doc.tenant.domains.find((d: any) => d.isDefault).id as string;
  const upn = (local: string) => (local.includes("@") ? local : `${local}@${domain}`);
  return { id: res.body.tenantId as string, domain, doc, upn };
}

export async function appToken(h: Harness, tenantId: string, app = BOOTSTRAP): Promise<string> {
  const res = await h.call("POST", `/${tenantId}/oauth2/v2.0/token`, {
    form: { grant_type: "client_credentials", client_id: app.appId, client_secret: app.secret, scope: "https://graph.microsoft.com/.default" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.access_token;
}

/** A delegated Graph token for `username` through ROPC on the public client. */
export async function userToken(h: Harness, tenantId: string, username: string, scope = "https://graph.microsoft.com/.default offline_access openid profile", password = PASSWORD): Promise<string> {
  const res = await h.call("POST", `/${tenantId}/oauth2/v2.0/token`, {
    form: { grant_type: "password", client_id: PUBLIC_APP.appId, username, password, scope },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.access_token;
}

/** Asserts a Graph error envelope with the given status and code. */
export function expectGraphError(res: { status: number; body: any; headers: Headers }, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body?.error?.code).toBeTypeOf("string");
  if (code) expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toBeTypeOf("string");
  expect(res.body.error.innerError["request-id"]).toBeTypeOf("string");
  expect(res.body.error.innerError.date).toBeTypeOf("string");
  expect(res.headers.get("request-id")).toBe(res.body.error.innerError["request-id"]);
}
