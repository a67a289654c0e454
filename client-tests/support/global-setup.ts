/**
 * Starts the emulator the way a user does (`tsx emulator/src/main.ts`, the `npm start` command) on a
 * free port with a throw-away data dir, waits for health, and exports where it is through env vars that
 * the forked test workers inherit: TENANTLAB_URL, TENANTLAB_TENANT_ID, TENANTLAB_CA, NODE_EXTRA_CA_CERTS.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import https from "node:https";

const root = path.resolve(__dirname, "../..");
let child: ChildProcess | null = null;
let dataDir = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

function health(url: string, ca: Buffer | undefined): Promise<number> {
  return new Promise((resolve) => {
    const req = https.get(`${url}/_emulator/health`, { ca, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
    req.on("timeout", () => { req.destroy(); resolve(0); });
  });
}

export async function setup() {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "tenantlab-client-tests-"));
  const port = await freePort();
  const url = `https://localhost:${port}`;
  let output = "";
  child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "emulator/src/main.ts"], {
    cwd: root,
    env: { ...process.env, TENANTLAB_PORT: String(port), TENANTLAB_DATA_DIR: dataDir, TENANTLAB_HOST: "localhost" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const caPath = path.join(dataDir, "tls", "ca.pem");
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`emulator exited early:\n${output}`);
    let ca: Buffer | undefined;
    try { ca = readFileSync(caPath); } catch { ca = undefined; }
    if (ca && (await health(url, ca)) === 200) break;
    if (Date.now() > deadline) throw new Error(`emulator did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const fixture = JSON.parse(readFileSync(path.join(root, "fixtures/contoso.json"), "utf8"));
  process.env.TENANTLAB_URL = url;
  process.env.TENANTLAB_TENANT_ID = fixture.tenant.id;
  process.env.TENANTLAB_CA = caPath;
  process.env.TENANTLAB_DATA_DIR_USED = dataDir;
  process.env.NODE_EXTRA_CA_CERTS = caPath;
  process.env.TENANTLAB_STARTUP_OUTPUT = output;
}

export async function teardown() {
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
