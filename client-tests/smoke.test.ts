import { describe, it, expect } from "vitest";
import { emulator, createTenant } from "./support/emulator";

describe("the running emulator", () => {
  it("answers health over HTTPS trusted through NODE_EXTRA_CA_CERTS", async () => {
    const res = await fetch(`${emulator().url}/_emulator/health`);
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("ok");
  });
  it("serves its CA certificate and creates isolated tenants", async () => {
    const ca = await (await fetch(`${emulator().url}/_emulator/ca.pem`)).text();
    expect(ca).toContain("BEGIN CERTIFICATE");
    const t = await createTenant();
    expect(t.tenantId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
