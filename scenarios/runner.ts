/**
 * Runs a scenario step by step against an emulator: in-process (an app's `request`) or a running
 * server (fetch to a URL). Each run gets its own tenant, created from the scenario's fixture with
 * unique domains, so rehearsals never disturb each other or the default tenant.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { scenarioSchema, type Scenario, type ScenarioStep } from "./schema";

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

export interface StepResult {
  index: number;
  name: string;
  ok: boolean;
  status?: number;
  error?: string;
}

export interface ScenarioResult {
  name: string;
  tenantId: string;
  ok: boolean;
  steps: StepResult[];
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const PUBLIC_CLIENT = "6b9fad2f-3c4e-4f60-9bac-1d2e3f4a5b6c";
const DEFAULT_PASSWORD = "TenantLab-Passw0rd!";

export function loadScenario(file: string): Scenario {
  const raw = JSON.parse(readFileSync(file, "utf8"));
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

function get(obj: unknown, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), obj);
}

/** True when `actual` contains `expected` (objects by key, arrays item by item, scalars equal). */
export function containsSubset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== "object") return actual === expected;
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.every((e, i) => containsSubset(actual[i], e));
  if (!actual || typeof actual !== "object") return false;
  return Object.entries(expected).every(([k, v]) => containsSubset((actual as Record<string, unknown>)[k], v));
}

let runCounter = 0;

export async function runScenario(scenario: Scenario, baseUrl: string, fetcher: Fetcher = fetch): Promise<ScenarioResult> {
  const tag = `scn${process.pid}r${++runCounter}${Date.now().toString(36)}`;
  const fixtureText = readFileSync(path.resolve(root, scenario.fixture ?? "fixtures/contoso.json"), "utf8")
    .replace(/federated\.contoso\.com/g, `federated.${tag}.com`)
    .replace(/contoso\.(com|onmicrosoft\.com)/g, `${tag}.$1`);
  const fixture = JSON.parse(fixtureText);
  delete fixture.tenant.id;
  const created = await fetcher(`${baseUrl}/_emulator/tenants`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fixture) });
  const createdBody = await created.json();
  if (created.status !== 201) throw new Error(`could not create the scenario tenant: ${JSON.stringify(createdBody)}`);
  const tenantId: string = createdBody.tenantId;
  const domain = `${tag}.com`;
  const users: { id: string; userPrincipalName: string }[] = fixture.users ?? [];
  const vars: Record<string, unknown> = { tenantId, domain };

  const fill = (value: unknown): unknown => {
    if (typeof value === "string") {
      const whole = /^\{\{([^}]+)\}\}$/.exec(value);
      if (whole && !whole[1].includes(":") && whole[1] in vars) return vars[whole[1]];
      return value.replace(/\{\{([^}]+)\}\}/g, (_, key: string) => {
        if (key.startsWith("upn:")) return key.slice(4).includes("@") ? key.slice(4) : `${key.slice(4)}@${domain}`;
        if (key.startsWith("userId:")) {
          const local = key.slice(7).toLowerCase();
          const u = users.find((x) => x.userPrincipalName.toLowerCase().split("@")[0] === local || x.userPrincipalName.toLowerCase() === local);
          if (!u) throw new Error(`unknown user '${local}' in {{${key}}}`);
          return u.id;
        }
        if (!(key in vars)) throw new Error(`nothing saved as '${key}'`);
        return String(vars[key]);
      });
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };

  const results: StepResult[] = [];
  for (const [index, step] of scenario.steps.entries()) {
    const name = step.name ?? describe(step);
    try {
      const { status, body } = await runStep(step, fill, { baseUrl, tenantId, domain, fetcher, vars });
      const failure = check({ ...step, ...(step.expect ? { expect: fill(step.expect) as ScenarioStep["expect"] } : {}) }, status, body);
      if (step.save) {
        const response = { status, body };
        if (typeof step.save === "string") vars[step.save] = body?.access_token;
        else for (const [k, p] of Object.entries(step.save)) vars[k] = get(response, p);
      }
      results.push({ index, name, ok: !failure, status, ...(failure ? { error: failure } : {}) });
      if (failure) break;
    } catch (e) {
      results.push({ index, name, ok: false, error: e instanceof Error ? e.message : String(e) });
      break;
    }
  }
  const ok = results.length === scenario.steps.length && results.every((r) => r.ok);
  return { name: scenario.name, tenantId, ok, steps: results };
}

function describe(step: ScenarioStep): string {
  if (step.token) return "user" in step.token ? `sign in as ${step.token.user}` : `token for app ${step.token.app}`;
  if (step.request) return `${step.request.method} ${step.request.path}`;
  if (step.clock) return "advanceMinutes" in step.clock ? `clock +${step.clock.advanceMinutes} min` : `clock = ${step.clock.now}`;
  return "step";
}

interface RunContext {
  baseUrl: string;
  tenantId: string;
  domain: string;
  fetcher: Fetcher;
  vars: Record<string, unknown>;
}

async function runStep(step: ScenarioStep, fill: (v: unknown) => unknown, ctx: RunContext): Promise<{ status: number; body: any }> {
  const send = async (method: string, p: string, init: { json?: unknown; form?: Record<string, string>; token?: string; headers?: Record<string, string> }) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    let body: string | undefined;
    if (init.form) { headers["content-type"] = "application/x-www-form-urlencoded"; body = new URLSearchParams(init.form).toString(); }
    else if (init.json !== undefined) { headers["content-type"] = "application/json"; body = JSON.stringify(init.json); }
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const res = await ctx.fetcher(`${ctx.baseUrl}${p}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* text body */ }
    return { status: res.status, body: parsed as any };
  };
  if (step.token) {
    const t = fill(step.token) as Record<string, string>;
    const form: Record<string, string> = "user" in t
      ? { grant_type: "password", client_id: PUBLIC_CLIENT, username: t.user.includes("@") ? t.user : `${t.user}@${ctx.domain}`, password: t.password ?? DEFAULT_PASSWORD, scope: t.scope ?? "https://graph.microsoft.com/.default openid profile offline_access" }
      : { grant_type: "client_credentials", client_id: t.app, client_secret: t.secret, scope: "https://graph.microsoft.com/.default" };
    return send("POST", `/${ctx.tenantId}/oauth2/v2.0/token`, { form });
  }
  if (step.request) {
    const r = fill(step.request) as { method: string; path: string; token?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> };
    const token = r.token ? String(ctx.vars[r.token] ?? r.token) : undefined;
    return send(r.method, r.path, { json: r.body, form: r.form, token, headers: r.headers });
  }
  if (step.clock) return send("POST", `/_emulator/tenants/${ctx.tenantId}/clock`, { json: fill(step.clock) });
  throw new Error("a step needs one of token, request or clock");
}

function check(step: ScenarioStep, status: number, body: unknown): string | null {
  const e = step.expect ?? (step.token ? { status: 200 } : undefined);
  if (!e) return status >= 400 ? `unexpected status ${status}: ${JSON.stringify(body).slice(0, 300)}` : null;
  if (e.status !== undefined && e.status !== status) return `expected status ${e.status}, got ${status}: ${JSON.stringify(body).slice(0, 300)}`;
  if (e.body !== undefined && !containsSubset(body, e.body)) return `body does not contain ${JSON.stringify(e.body)}: ${JSON.stringify(body).slice(0, 300)}`;
  for (const p of e.present ?? []) if (get({ body }, p) == null) return `${p} is missing`;
  for (const p of e.absent ?? []) if (get({ body }, p) != null) return `${p} should be absent or null`;
  return null;
}
