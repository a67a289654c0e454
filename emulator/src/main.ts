/**
 * The emulator's entry point and the only place that reads the environment: opens the data dir (or
 * memory), makes/loads the CA, server certificate and signing key, seeds the default tenant from
 * `fixtures/` on first start, then serves everything on one HTTPS origin.
 *
 * TENANTLAB_PORT (8443), TENANTLAB_HOST (localhost = both loopback addresses), TENANTLAB_DATA_DIR
 * (./.tenantlab), TENANTLAB_MEMORY=1 (nothing persisted), TENANTLAB_FIXTURE (fixtures/contoso.json),
 * TENANTLAB_PUBLIC_URL (fixed origin for URLs and issuers, e.g. behind a proxy), TENANTLAB_CERT_HOSTS
 * (extra DNS names for the server certificate, comma-separated).
 */
import https from "node:https";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { buildDeps } from "./deps";
import { systemClock } from "./infra/clock";
import { FileTenantStore, MemoryTenantStore, type TenantStore } from "./store/tenant-store";
import { generateSigningKeys, loadOrCreateSigningKeys } from "./signin/keys";
import { loadOrCreateTls } from "./tls/certs";
import { loadOrSeedDefaultTenant } from "./services/default-tenant";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const env = process.env;
const port = Number(env.TENANTLAB_PORT ?? 8443);
const host = env.TENANTLAB_HOST ?? "localhost";
const dataDir = path.resolve(env.TENANTLAB_DATA_DIR ?? ".tenantlab");
const memory = env.TENANTLAB_MEMORY === "1" || env.TENANTLAB_MEMORY === "true";
const fixturePath = path.resolve(root, env.TENANTLAB_FIXTURE ?? "fixtures/contoso.json");
const certHosts = (env.TENANTLAB_CERT_HOSTS ?? "").split(",").map((s) => s.trim()).filter(Boolean);

async function main() {
  // TLS material always lives in the data dir, even in memory mode, so clients can keep trusting the CA.
  const tls = loadOrCreateTls(dataDir, certHosts);
  const store: TenantStore = memory ? new MemoryTenantStore() : await FileTenantStore.open(dataDir);
  const keys = memory ? await generateSigningKeys() : await loadOrCreateSigningKeys(dataDir);
  let ready = false;
  const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as { tenant?: { id?: string; domains?: { id?: string }[] } };
  const deps = buildDeps({
    store,
    clock: systemClock,
    keys,
    config: {
      caPem: tls.caPem,
      caPath: tls.caPath,
      publicOrigin: env.TENANTLAB_PUBLIC_URL?.replace(/\/$/, "") ?? null,
      defaultTenantId: fixture.tenant?.id ?? null,
      ready: () => ready,
    },
    log: (line) => console.error(line),
  });
  const app = createApp(deps);

  // Seed the default tenant before accepting traffic (health reports ok only after this).
  const { state: defaultTenant, created } = loadOrSeedDefaultTenant(deps.tenants, fixture);
  if (created) await store.flush();
  deps.config.defaultTenantId = defaultTenant.id;
  ready = true;

  const addresses = host === "localhost" ? ["127.0.0.1", "::1"] : [host];
  // The banner says "ready": print it only once every address is listening.
  await Promise.all(
    addresses.map(
      (address) =>
        new Promise<void>((resolve) => {
          const server = serve(
            {
              fetch: app.fetch,
              port,
              hostname: address,
              createServer: https.createServer,
              serverOptions: { key: tls.keyPem, cert: tls.certPem },
            },
            () => resolve(),
          );
          server.on("error", (e: NodeJS.ErrnoException) => {
            if (address === "::1" && (e.code === "EADDRNOTAVAIL" || e.code === "EAFNOSUPPORT")) return resolve(); // no IPv6 loopback here
            console.error(`tenantlab: cannot listen on ${address}:${port}: ${e.message}`);
            process.exit(1);
          });
        }),
    ),
  );

  const origin = deps.config.publicOrigin ?? `https://${host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host}:${port}`;
  printBanner(origin, defaultTenant.id, defaultTenant.domains.find((d) => d.isDefault)?.id ?? "", tls.caPath, fixture, memory ? "memory (nothing persisted)" : dataDir);
}

function printBanner(origin: string, tenantId: string, domain: string, caPath: string, fixture: Record<string, unknown>, data: string) {
  const users = (fixture.users as { userPrincipalName: string; password?: string; roles?: string[] }[] | undefined) ?? [];
  const apps = (fixture.applications as { appId: string; displayName: string; clientSecret?: string }[] | undefined) ?? [];
  const admin = users.find((u) => u.roles?.includes("Global Administrator"));
  const lines = [
    `tenantlab is ready on ${origin}`,
    `  Graph:            ${origin}/v1.0  and  ${origin}/beta`,
    `  Sign-in:          ${origin}/${tenantId}/v2.0/.well-known/openid-configuration`,
    `  Control plane:    ${origin}/_emulator/health`,
    `  Default tenant:   ${tenantId} (${domain})`,
    ...apps.filter((a) => a.clientSecret).map((a) => `  Bootstrap app:    ${a.displayName}: client id ${a.appId}, secret ${a.clientSecret}`),
    ...(admin ? [`  Global admin:     ${admin.userPrincipalName} / ${admin.password}`] : []),
    `  CA certificate:   ${caPath}  (export NODE_EXTRA_CA_CERTS=${caPath})`,
    `  Data:             ${data}`,
  ];
  console.log(lines.join("\n"));
}

main().catch((e) => {
  console.error(`tenantlab failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
