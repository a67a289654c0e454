/**
 * The plaintext-never-again rule (behavior.md 1.15): after the 201, the pass value appears nowhere —
 * not in the data file written by the file store, the export, the audit log, the logs, or any response.
 */
import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApp } from "../../src/app";
import { buildDeps } from "../../src/deps";
import { ManualClock } from "../../src/infra/clock";
import { FileTenantStore } from "../../src/store/tenant-store";
import { generateSigningKeys } from "../../src/signin/keys";
import { uniqueFixture, BOOTSTRAP, PASSWORD, PUBLIC_APP, ORIGIN } from "../helpers";
import { resetTapPolicy, USER } from "./support";

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function fileBackedApp() {
  const dir = mkdtempSync(path.join(tmpdir(), "tenantlab-tap-"));
  dirs.push(dir);
  const store = await FileTenantStore.open(dir);
  const logs: string[] = [];
  const deps = buildDeps({ store, clock: new ManualClock(), keys: await generateSigningKeys(), log: (l) => logs.push(l) });
  const app = createApp(deps);
  const call = async (method: string, url: string, init: { body?: unknown; token?: string; form?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (init.form) { headers["content-type"] = "application/x-www-form-urlencoded"; body = new URLSearchParams(init.form).toString(); }
    else if (init.body !== undefined) { headers["content-type"] = "application/json"; body = JSON.stringify(init.body); }
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const res = await app.request(`${ORIGIN}${url}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, text, json: text ? JSON.parse(text) : null, headers: JSON.stringify(Object.fromEntries((res.headers as any).entries())) };
  };
  return { dir, deps, call, logs };
}

describe("the TAP value is never persisted or shown again", () => {
  it("keeps the plaintext out of the data file, the export, audits, logs and later responses", async () => {
    const { dir, deps, call, logs } = await fileBackedApp();
    const created = await call("POST", "/_emulator/tenants", { body: uniqueFixture() });
    expect(created.status).toBe(201);
    const tid = created.json.tenantId as string;
    resetTapPolicy(deps.tenants.resolve(tid)!.state, { defaultLength: 24 });
    const token = (await call("POST", `/${tid}/oauth2/v2.0/token`, {
      form: { grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, scope: "https://graph.microsoft.com/.default" },
    })).json.access_token as string;

    const tap = await call("POST", `/v1.0/users/${USER.bob}/authentication/temporaryAccessPassMethods`, { token, body: { isUsableOnce: false } });
    expect(tap.status).toBe(201);
    const value = tap.json.temporaryAccessPass as string;
    expect(value).toHaveLength(24);

    const seen: string[] = [];
    seen.push((await call("GET", `/v1.0/users/${USER.bob}/authentication/temporaryAccessPassMethods`, { token })).text);
    seen.push((await call("GET", `/v1.0/users/${USER.bob}/authentication/temporaryAccessPassMethods/${tap.json.id}`, { token })).text);
    seen.push((await call("GET", `/beta/users/${USER.bob}/authentication/temporaryAccessPassMethods`, { token })).text);
    seen.push((await call("GET", `/v1.0/users/${USER.bob}/authentication/methods`, { token })).text);
    seen.push((await call("GET", "/v1.0/auditLogs/directoryAudits", { token })).text);
    const exported = await call("GET", `/_emulator/tenants/${tid}/export`);
    expect(exported.status).toBe(200);
    seen.push(exported.text);
    // A user can still sign in with their password after the pass exists (no collateral writes of the value).
    seen.push((await call("POST", `/${tid}/oauth2/v2.0/token`, {
      form: { grant_type: "password", client_id: PUBLIC_APP.appId, username: USER.bob, password: PASSWORD, scope: "https://graph.microsoft.com/.default" },
    })).text);
    await deps.tenants.store.flush();

    const files = readdirSync(path.join(dir, "tenants"));
    expect(files.length).toBeGreaterThan(0);
    const dataFiles = files.map((f) => readFileSync(path.join(dir, "tenants", f), "utf8"));
    expect(dataFiles.join("\n")).toContain(tap.json.id); // the pass itself is stored...
    for (const text of [...dataFiles, ...seen, logs.join("\n"), JSON.stringify(deps.tenants.resolve(tid)!.state)])
      expect(text).not.toContain(value); // ...but never its value
    // The export carries the pass as a hash so it re-imports.
    const bob = exported.json.users.find((u: any) => u.id === USER.bob);
    const exportedTap = bob.authenticationMethods.find((m: any) => m["@odata.type"] === "#microsoft.graph.temporaryAccessPassAuthenticationMethod");
    expect(exportedTap.valueHash).toMatch(/^scrypt\$/);
    expect(exportedTap).not.toHaveProperty("value");
  });
});
