/**
 * `npm run bench`: rough, in-process figures for the emulator core (no port, no TLS): tenant creation,
 * token issuance, Graph reads, $filter over 1000 users, memory per tenant, and the cost of a persisted
 * write as the number of tenants grows (writes are per tenant, not whole-database). Every loop is bounded
 * by a count and a time budget, so the whole run stays well under a minute.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FileTenantStore, MemoryTenantStore } from "../emulator/src/store/tenant-store";
import { generateSigningKeys } from "../emulator/src/signin/keys";
import {
  BOOTSTRAP, PASSWORD, PUBLIC_CLIENT, benchApp, collectGarbage, heapMb, msPerOp, opsPerSecond, percentile,
  printTable, timed, uniqueFixture, type BenchApp, type Timing,
} from "./bench-lib";

const rows: string[][] = [["measure", "ops", "ops/s", "ms/op", "p50 ms", "p95 ms", "note"]];
const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "-");
function row(name: string, t: Timing, note = "") {
  rows.push([name, String(t.ops), fmt(opsPerSecond(t), 0), fmt(msPerOp(t), 2), fmt(percentile(t.samples, 50), 2), fmt(percentile(t.samples, 95), 2), note]);
  console.error(`  done: ${name}`);
}

const appTokenForm = { grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, scope: "https://graph.microsoft.com/.default" };
const createTenant = async (b: BenchApp, doc = uniqueFixture()) => (await b.call("POST", "/_emulator/tenants", { json: doc })).tenantId as string;
const appToken = async (b: BenchApp, tid: string) => (await b.call("POST", `/${tid}/oauth2/v2.0/token`, { form: appTokenForm })).access_token as string;

async function main() {
  const started = performance.now();
  const keys = await generateSigningKeys();
  const mem = benchApp(new MemoryTenantStore(), keys);

  // 1. Tenant creation from the default fixture (validation, seeding, password hashing, export of the seed).
  row("tenant creation (default fixture)", await timed(50, 8_000, () => createTenant(mem)), `${uniqueFixture().users.length} users each`);

  const doc = uniqueFixture();
  const tid = await createTenant(mem, doc);
  const alice = doc.users.find((u: any) => u.userPrincipalName.startsWith("alice@")).userPrincipalName;

  // 2. Token issuance.
  row("token: client_credentials", await timed(500, 5_000, () => mem.call("POST", `/${tid}/oauth2/v2.0/token`, { form: appTokenForm })));
  const ropc = { grant_type: "password", client_id: PUBLIC_CLIENT, username: alice, password: PASSWORD, scope: "User.Read openid profile offline_access" };
  row("token: password (ROPC)", await timed(500, 5_000, () => mem.call("POST", `/${tid}/oauth2/v2.0/token`, { form: ropc })));

  // 3. Graph reads with a bearer token (verification + permission check + serialisation).
  const token = await appToken(mem, tid);
  row("GET /v1.0/users (15 users)", await timed(2_000, 5_000, () => mem.call("GET", "/v1.0/users", { token })));

  // 4. $filter over 1000 users. Users carry a password hash from an export so seeding skips 1000 scrypt calls.
  const big = uniqueFixture();
  const exported = await mem.call("GET", `/_emulator/tenants/${tid}/export`);
  const passwordHash = exported.users[0].passwordHash as string;
  const domain = big.tenant.domains.find((d: any) => d.isDefault).id;
  for (let i = 0; i < 985; i++)
    big.users.push({ userPrincipalName: `user${String(i).padStart(4, "0")}@${domain}`, displayName: `User ${String(i).padStart(4, "0")}`, passwordHash, jobTitle: i % 10 === 0 ? "Engineer" : "Analyst" });
  const bigTid = await createTenant(mem, big);
  const bigToken = await appToken(mem, bigTid);
  const filter = encodeURIComponent("startswith(displayName,'User 09') or jobTitle eq 'Engineer'");
  const first = await mem.call("GET", `/v1.0/users?$filter=${filter}&$top=999`, { token: bigToken });
  row("GET /v1.0/users?$filter (1000 users)", await timed(300, 6_000, () => mem.call("GET", `/v1.0/users?$filter=${filter}&$top=999`, { token: bigToken })), `${first.value.length} matches`);
  row("GET /v1.0/users?$top=999 (1000 users)", await timed(300, 6_000, () => mem.call("GET", "/v1.0/users?$top=999", { token: bigToken })));

  // 5. Memory for 100 tenants, in a fresh app so earlier tenants do not count.
  const memApp = benchApp(new MemoryTenantStore(), keys);
  const docs = Array.from({ length: 100 }, () => uniqueFixture());
  collectGarbage();
  const before = heapMb();
  for (const d of docs) await createTenant(memApp, d);
  collectGarbage();
  const after = heapMb();
  const heapNote = `heap ${fmt(before)} -> ${fmt(after)} MB, ${fmt(((after - before) * 1024) / 100, 0)} KB per tenant`;

  // 6. FileTenantStore: the cost of persisting one tenant's change with 1 tenant on disk, then with 50.
  const dir = mkdtempSync(path.join(os.tmpdir(), "tenantlab-bench-"));
  try {
    const store = await FileTenantStore.open(dir);
    const file = benchApp(store, keys);
    const target = await createTenant(file);
    const state = file.deps.tenants.require(target).state;
    const write = () => { file.deps.tenants.touch(state); return store.flush(); };
    row("file store: 1 tenant change, 1 tenant", await timed(200, 5_000, write), `${fmt(statSync(path.join(dir, "tenants", `${target}.json`)).size / 1024)} KB file`);
    for (let i = 0; i < 49; i++) await createTenant(file);
    row("file store: 1 tenant change, 50 tenants", await timed(200, 5_000, write), "same file written");
    // The same through HTTP: auth, validation, the change, and the flush before the response.
    const userId = state.users.find((u) => u.userPrincipalName.startsWith("alice@"))!.id;
    const t = await appToken(file, target);
    row("PATCH /v1.0/users/{id}, 50 tenants on disk", await timed(200, 5_000, (i) => file.call("PATCH", `/v1.0/users/${userId}`, { json: { jobTitle: `Bench ${i}` }, token: t })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\ntenantlab bench (Node ${process.version}, in-process, no TLS)\n`);
  printTable(rows);
  console.log(`\nmemory: 100 tenants from the default fixture: ${heapNote}`);
  console.log(`total ${fmt((performance.now() - started) / 1000)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
