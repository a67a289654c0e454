/**
 * What a client test needs to know about the running emulator (see global-setup.ts), plus helpers to
 * make an isolated tenant per test file through the control plane, the way a CI suite would.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export const PASSWORD = "TenantLab-Passw0rd!";
export const BOOTSTRAP = { appId: "5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b", secret: "tenantlab-bootstrap-secret" };
export const PUBLIC_CLIENT = { appId: "6b9fad2f-3c4e-4f60-9bac-1d2e3f4a5b6c" };

export function emulator() {
  const url = process.env.TENANTLAB_URL;
  if (!url) throw new Error("TENANTLAB_URL is not set: run client tests with client-tests/vitest.config.ts");
  return {
    url,
    /** host:port, what MSAL's knownAuthorities needs. */
    authorityHost: new URL(url).host,
    hostname: new URL(url).hostname,
    tenantId: process.env.TENANTLAB_TENANT_ID!,
    caPath: process.env.TENANTLAB_CA!,
    startupOutput: process.env.TENANTLAB_STARTUP_OUTPUT ?? "",
  };
}

let n = 0;
/**
 * Creates a fresh tenant from the default fixture with unique domains (`<tag>.com` etc.), so test files
 * can run in parallel. Returns its id and a helper that maps "alice" to "alice@<tag>.com".
 */
export async function createTenant(mutate?: (doc: any) => void) {
  const root = path.resolve(__dirname, "../..");
  const tag = `c${process.pid}n${++n}`;
  const text = readFileSync(path.join(root, "fixtures/contoso.json"), "utf8")
    .replace(/federated\.contoso\.com/g, `federated.${tag}.com`)
    .replace(/contoso\.(com|onmicrosoft\.com)/g, `${tag}.$1`);
  const doc = JSON.parse(text);
  delete doc.tenant.id;
  mutate?.(doc);
  const res = await fetch(`${emulator().url}/_emulator/tenants`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(doc) });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${JSON.stringify(body)}`);
  const domain = `${tag}.com`;
  return { tenantId: body.tenantId as string, domain, upn: (local: string) => `${local}@${domain}`, doc };
}

/** Moves a tenant's clock (control plane). */
export async function advanceClock(tenantId: string, minutes: number) {
  const res = await fetch(`${emulator().url}/_emulator/tenants/${tenantId}/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ advanceMinutes: minutes }) });
  if (res.status !== 200) throw new Error(`clock: ${res.status}`);
  return (await res.json()).now as string;
}
