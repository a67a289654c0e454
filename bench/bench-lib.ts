/**
 * Small helpers for `npm run bench`: an in-process app (as emulator/test/helpers.ts builds it), unique
 * fixtures, bounded timing loops and percentiles. Nothing here listens on a port.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createApp } from "../emulator/src/app";
import { buildDeps } from "../emulator/src/deps";
import { systemClock } from "../emulator/src/infra/clock";
import type { TenantStore } from "../emulator/src/store/tenant-store";
import type { SigningKeys } from "../emulator/src/signin/keys";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BOOTSTRAP = { appId: "5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b", secret: "tenantlab-bootstrap-secret" };
export const PUBLIC_CLIENT = "6b9fad2f-3c4e-4f60-9bac-1d2e3f4a5b6c";
export const PASSWORD = "TenantLab-Passw0rd!";

export type BenchApp = Awaited<ReturnType<typeof benchApp>>;

/** The whole emulator over `store`, called with app.request() like the unit tests do. */
export function benchApp(store: TenantStore, keys: SigningKeys) {
  const deps = buildDeps({ store, clock: systemClock, keys, log: () => {} });
  const app = createApp(deps);
  async function call(method: string, url: string, opts: { json?: unknown; form?: Record<string, string>; token?: string } = {}) {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (opts.form) { headers["content-type"] = "application/x-www-form-urlencoded"; body = new URLSearchParams(opts.form).toString(); }
    if (opts.json !== undefined) { headers["content-type"] = "application/json"; body = JSON.stringify(opts.json); }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await app.request(`https://localhost:8443${url}`, { method, headers, body });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }
  return { app, deps, call };
}

let n = 0;
/** The default fixture under a new tenant id and unique domains (as client-tests' createTenant does). */
export function uniqueFixture(): Record<string, any> {
  const tag = `b${process.pid}n${++n}`;
  const text = readFileSync(path.join(root, "fixtures/contoso.json"), "utf8")
    .replace(/federated\.contoso\.com/g, `federated.${tag}.com`)
    .replace(/contoso\.(com|onmicrosoft\.com)/g, `${tag}.$1`);
  const doc = JSON.parse(text);
  delete doc.tenant.id;
  return doc;
}

export interface Timing { ops: number; totalMs: number; samples: number[] }

/** Runs `fn` up to `maxOps` times or until `maxMs` has passed, whichever comes first. */
export async function timed(maxOps: number, maxMs: number, fn: (i: number) => Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < maxOps && performance.now() - start < maxMs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return { ops: samples.length, totalMs: performance.now() - start, samples };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const opsPerSecond = (t: Timing) => (t.ops * 1000) / t.totalMs;
export const msPerOp = (t: Timing) => t.totalMs / t.ops;

let gcFn: (() => void) | null = null;
/** A full GC so heap figures compare like with like (no --expose-gc needed on the command line). */
export function collectGarbage() {
  if (!gcFn) {
    setFlagsFromString("--expose-gc");
    gcFn = runInNewContext("gc") as () => void;
  }
  gcFn();
  gcFn();
}

export const heapMb = () => process.memoryUsage().heapUsed / (1024 * 1024);

/** Prints rows as an aligned table. */
export function printTable(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  console.log(line(rows[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows.slice(1)) console.log(line(r));
}
