/**
 * The README's client snippets are files in client-tests/snippets/: this suite runs each one against the
 * running emulator (with the README's defaults for the tenant) and checks that README.md contains every
 * snippet file verbatim, so the documentation and the tested code cannot drift apart.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import { emulator } from "./support/emulator";
import { msalNodeAppToken } from "./snippets/msal-node";
import { azureIdentityToken } from "./snippets/azure-identity";
import { graphClientUsers } from "./snippets/graph-client";
import { kiotaUsers } from "./snippets/kiota";

const root = path.resolve(__dirname, "..");
const snippetDir = path.join(__dirname, "snippets");

describe("README snippets run against the emulator", () => {
  it("MSAL Node gets an app-only token for the default tenant", async () => {
    const claims = decodeJwt(await msalNodeAppToken(emulator().url));
    expect(claims.tid).toBe(emulator().tenantId);
    expect(claims.roles).toContain("User.ReadWrite.All");
  });

  it("Azure Identity gets a token whose issuer is the emulator", async () => {
    const claims = decodeJwt(await azureIdentityToken(emulator().url));
    expect(claims.iss).toBe(`${emulator().url}/${emulator().tenantId}/v2.0`);
  });

  it("the Graph JS client lists users", async () => {
    const users = await graphClientUsers(emulator().url);
    expect(users.length).toBe(5);
    expect(users.map((u) => u.userPrincipalName)).toContain("globaladmin@contoso.com");
  });

  it("the Kiota Graph SDK lists typed users", async () => {
    const users = await kiotaUsers(emulator().url);
    expect(users.length).toBe(5);
    expect(users[0].userPrincipalName).toMatch(/@/);
    expect(users[0].id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("the NODE_EXTRA_CA_CERTS shell snippet makes a fresh Node process trust the emulator", () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "tenantlab-trust-"));
    const env: NodeJS.ProcessEnv = { ...process.env, TENANTLAB_URL: emulator().url };
    delete env.NODE_EXTRA_CA_CERTS;
    const out = execFileSync("bash", ["-euo", "pipefail", path.join(snippetDir, "trust-ca.sh")], { cwd, env, encoding: "utf8" });
    expect(out).toMatch(/^200 \{"status":"ok"/);
    expect(readFileSync(path.join(cwd, "tenantlab-ca.pem"), "utf8")).toBe(readFileSync(emulator().caPath, "utf8"));
  });
});

describe("README fixture example", () => {
  it("is accepted by POST /_emulator/tenants and works with its own app", async () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Fixture document"));
    const json = /```json\n([\s\S]*?)\n```/.exec(section)![1];
    // Unique id and domain, so the example never collides with another tenant of this emulator.
    const tag = `readme${process.pid}`;
    const doc = JSON.parse(json.replaceAll("fabrikam.com", `${tag}.com`));
    delete doc.tenant.id;
    const created = await fetch(`${emulator().url}/_emulator/tenants`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(doc) });
    const summary = await created.json();
    expect(created.status, JSON.stringify(summary)).toBe(201);
    expect(summary.now).toMatch(/^2026-01-01T09:0\d:/); // the tenant clock starts there and then runs
    const app = doc.applications[0];
    const token = await fetch(`${emulator().url}/${summary.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: app.appId, client_secret: app.clientSecret, scope: "https://graph.microsoft.com/.default" }),
    }).then((r) => r.json());
    const users = await fetch(`${emulator().url}/v1.0/users?$select=userPrincipalName,accountEnabled`, { headers: { authorization: `Bearer ${token.access_token}` } }).then((r) => r.json());
    expect(users.value).toEqual([
      expect.objectContaining({ userPrincipalName: `alice@${tag}.com` }),
      expect.objectContaining({ userPrincipalName: `bob@${tag}.com`, accountEnabled: false }),
    ]);
  });
});

describe("README.md shows the tested snippets verbatim", () => {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  for (const file of readdirSync(snippetDir).sort()) {
    it(`contains client-tests/snippets/${file}`, () => {
      const body = readFileSync(path.join(snippetDir, file), "utf8").trimEnd();
      expect(readme.includes(body), `README.md must contain client-tests/snippets/${file} verbatim`).toBe(true);
    });
  }
});
