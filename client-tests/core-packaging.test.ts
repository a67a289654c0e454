/**
 * Packaging facts that can be checked without a Docker engine: the Dockerfile and docker-compose.yml
 * agree with the start command and the environment the README documents, and the image's HEALTHCHECK
 * command really reports the running emulator healthy (and an absent one unhealthy).
 * `docker-compose -f docker-compose.yml config` validates the compose file itself (README "Docker").
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emulator } from "./support/emulator";

const root = path.resolve(__dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const dockerfile = read("Dockerfile");
const compose = read("docker-compose.yml");
const pkg = JSON.parse(read("package.json"));

/** The exec-form command of the Dockerfile's HEALTHCHECK (after line continuations are joined). */
function healthcheckCommand(): string[] {
  const joined = dockerfile.replace(/\\\r?\n\s*/g, " ");
  const m = /^HEALTHCHECK\b.*?\bCMD\s+(\[.*\])\s*$/m.exec(joined);
  if (!m) throw new Error("no exec-form HEALTHCHECK in Dockerfile");
  return JSON.parse(m[1]);
}

function runHealthcheck(port: string, dataDir: string) {
  const [cmd, ...args] = healthcheckCommand();
  expect(cmd).toBe("node");
  const env: NodeJS.ProcessEnv = { ...process.env, TENANTLAB_PORT: port, TENANTLAB_DATA_DIR: dataDir };
  delete env.NODE_EXTRA_CA_CERTS; // the check must trust the CA by itself, as inside the image
  return spawnSync(process.execPath, args, { env, encoding: "utf8", timeout: 15_000 });
}

describe("Dockerfile", () => {
  it("builds on Node 20, runs as the unprivileged node user and starts with npm start", () => {
    expect(dockerfile).toMatch(/^FROM node:20[-\w.]*$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["npm", "start"\]$/m);
    expect(pkg.scripts.start).toBe("tsx emulator/src/main.ts");
    expect(Object.keys(pkg.dependencies)).toContain("tsx"); // survives `npm ci --omit=dev`
  });

  it("ships every package the emulator imports at run time (the image installs with --omit=dev)", () => {
    const files = readdirSync(path.join(root, "emulator/src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const imported = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(path.join(root, "emulator/src", f), "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^".][^"]*)"/g)) {
        if (m[1].startsWith("node:")) continue;
        imported.add(m[1].startsWith("@") ? m[1].split("/").slice(0, 2).join("/") : m[1].split("/")[0]);
      }
    }
    expect(imported.size).toBeGreaterThan(3);
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });

  it("listens on all interfaces on 8443 with the data dir on a volume and the compose name in the certificate", () => {
    for (const line of ["TENANTLAB_HOST=0.0.0.0", "TENANTLAB_PORT=8443", "TENANTLAB_DATA_DIR=/data", "TENANTLAB_CERT_HOSTS=tenantlab"]) expect(dockerfile).toContain(line);
    expect(dockerfile).toMatch(/^EXPOSE 8443$/m);
    expect(dockerfile).toMatch(/^VOLUME \/data$/m);
  });

  it("has a HEALTHCHECK that passes against the running emulator, trusting only its CA", () => {
    const port = new URL(emulator().url).port;
    const dataDir = process.env.TENANTLAB_DATA_DIR_USED!;
    const res = runHealthcheck(port, dataDir);
    expect(res.status, res.stderr).toBe(0);
  });

  it("has a HEALTHCHECK that fails when nothing answers", () => {
    const res = runHealthcheck("1", process.env.TENANTLAB_DATA_DIR_USED!);
    expect(res.status).toBe(1);
  });
});

describe("docker-compose.yml", () => {
  it("defines the tenantlab service built from this folder, 8443 published and a named data volume", () => {
    expect(compose).toMatch(/^ {2}tenantlab:$/m);
    expect(compose).toMatch(/^ {4}build: \.$/m);
    expect(compose).toContain('- "8443:8443"');
    expect(compose).toMatch(/- tenantlab-data:\/data$/m);
    expect(compose).toMatch(/^volumes:\n {2}tenantlab-data:/m);
    expect(compose).toMatch(/TENANTLAB_HOST: 0\.0\.0\.0/);
  });

  it("uses the same healthcheck command as the image", () => {
    const m = /^ {6}test: (\[.*\])$/m.exec(compose);
    expect(m).not.toBeNull();
    expect(JSON.parse(m![1])).toEqual(["CMD", ...healthcheckCommand()]);
  });
});

describe(".ci/run", () => {
  it("is an executable strict bash script that installs and runs the README's test command", () => {
    const script = read(".ci/run");
    expect(statSync(path.join(root, ".ci/run")).mode & 0o111).not.toBe(0);
    expect(script).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(script).toContain("set -euo pipefail");
    expect(script).toMatch(/^npm ci\b/m);
    // Run as a command of its own; it may be piped (to tee a summary), pipefail keeps its exit status.
    expect(script).toMatch(/^npm test(?: |$)/m);
    expect(read("README.md")).toContain("npm install && npm test");
  });
});
