import { describe, it, expect, afterEach } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApp } from "../../src/app";
import { buildDeps } from "../../src/deps";
import { ManualClock } from "../../src/infra/clock";
import { FileTenantStore, MemoryTenantStore, STORE_FILE_VERSION } from "../../src/store/tenant-store";
import { generateSigningKeys } from "../../src/signin/keys";
import { uniqueFixture, PASSWORD, BOOTSTRAP, ORIGIN } from "../helpers";

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

async function fileApp(dataDir: string) {
  const store = await FileTenantStore.open(dataDir);
  const deps = buildDeps({ store, clock: new ManualClock(), keys: await generateSigningKeys(), log: () => {} });
  const app = createApp(deps);
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await app.request(`${ORIGIN}${url}`, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return { store, deps, call };
}

describe("persistence: file store", () => {
  it("keeps tenants and their changes across a re-open, in valid JSON files", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tenantlab-core-"));
    dirs.push(dir);
    const first = await fileApp(dir);
    const doc = uniqueFixture();
    const created = await first.call("POST", "/_emulator/tenants", doc);
    expect(created.status).toBe(201);
    const tid = created.body.tenantId;
    await first.call("POST", `/_emulator/tenants/${tid}/clock`, { advanceMinutes: 42 });

    const files = readdirSync(path.join(dir, "tenants"));
    expect(files).toEqual([`${tid}.json`]);
    const persisted = JSON.parse(readFileSync(path.join(dir, "tenants", files[0]), "utf8"));
    expect(persisted.version).toBe(STORE_FILE_VERSION);
    expect(persisted.state.clock.offsetMs).toBe(42 * 60_000);

    const second = await fileApp(dir);
    const again = await second.call("GET", `/_emulator/tenants/${tid}`);
    expect(again.status).toBe(200);
    expect(again.body.users).toBe(doc.users.length);
    expect(second.deps.tenants.require(tid).state.clock.offsetMs).toBe(42 * 60_000);
    expect((await second.call("GET", `/_emulator/tenants/${tid}/export`)).body).toEqual((await first.call("GET", `/_emulator/tenants/${tid}/export`)).body);
  });

  it("stores no plaintext password or client secret", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tenantlab-core-"));
    dirs.push(dir);
    const { call } = await fileApp(dir);
    const created = await call("POST", "/_emulator/tenants", uniqueFixture());
    const text = readFileSync(path.join(dir, "tenants", `${created.body.tenantId}.json`), "utf8");
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(BOOTSTRAP.secret);
    expect(text).not.toContain("tenantlab-reader-secret");
    expect(text).toContain("scrypt$");
  });

  it("persists a Graph write before answering, and removes the file of a deleted tenant", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tenantlab-core-"));
    dirs.push(dir);
    const { call, deps } = await fileApp(dir);
    const tid = (await call("POST", "/_emulator/tenants", uniqueFixture())).body.tenantId;
    const app = createApp(deps);
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, scope: "https://graph.microsoft.com/.default" });
    const tok = await (await app.request(`${ORIGIN}/${tid}/oauth2/v2.0/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() })).json();
    const res = await app.request(`${ORIGIN}/v1.0/groups`, {
      method: "POST",
      headers: { authorization: `Bearer ${tok.access_token}`, "content-type": "application/json" },
      body: JSON.stringify({ displayName: "Persisted", mailEnabled: false, mailNickname: "persisted", securityEnabled: true }),
    });
    expect(res.status).toBe(201);
    const onDisk = JSON.parse(readFileSync(path.join(dir, "tenants", `${tid}.json`), "utf8"));
    expect(onDisk.state.groups.map((g: any) => g.displayName)).toContain("Persisted");
    expect((await call("DELETE", `/_emulator/tenants/${tid}`)).status).toBe(204);
    expect(readdirSync(path.join(dir, "tenants"))).toEqual([]);
  });

  it("refuses to open a data file of another version", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tenantlab-core-"));
    dirs.push(dir);
    const { call } = await fileApp(dir);
    const tid = (await call("POST", "/_emulator/tenants", uniqueFixture())).body.tenantId;
    const file = path.join(dir, "tenants", `${tid}.json`);
    const data = JSON.parse(readFileSync(file, "utf8"));
    data.version = 999;
    (await import("node:fs")).writeFileSync(file, JSON.stringify(data));
    await expect(FileTenantStore.open(dir)).rejects.toThrow(/version 999/);
  });

  it("memory store keeps nothing between instances", async () => {
    const a = new MemoryTenantStore();
    const deps = buildDeps({ store: a, clock: new ManualClock(), keys: await generateSigningKeys(), log: () => {} });
    deps.tenants.create(uniqueFixture());
    expect(a.list()).toHaveLength(1);
    expect(new MemoryTenantStore().list()).toHaveLength(0);
  });
});
