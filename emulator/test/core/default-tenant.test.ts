/** Startup's default tenant: seeded once, found again on restart, with or without a fixture tenant id. */
import { describe, it, expect } from "vitest";
import { harness, uniqueFixture } from "../helpers";
import { loadOrSeedDefaultTenant } from "../../src/services/default-tenant";

describe("default tenant at startup", () => {
  it("finds a fixture without tenant.id again by its domains instead of failing on a domain conflict", async () => {
    const h = await harness();
    const doc = uniqueFixture(); // no tenant.id
    const first = loadOrSeedDefaultTenant(h.deps.tenants, doc);
    expect(first.created).toBe(true);
    const second = loadOrSeedDefaultTenant(h.deps.tenants, doc);
    expect(second).toMatchObject({ created: false });
    expect(second.state.id).toBe(first.state.id);
    expect(h.deps.tenants.list()).toHaveLength(1);
  });

  it("finds a fixture with tenant.id by that id, and seeds it again after it was deleted", async () => {
    const h = await harness();
    const doc = uniqueFixture((d) => { d.tenant.id = "0b7a3c4d-1e2f-4a5b-8c6d-7e8f9a0b1c99"; });
    expect(loadOrSeedDefaultTenant(h.deps.tenants, doc).created).toBe(true);
    expect(loadOrSeedDefaultTenant(h.deps.tenants, doc)).toMatchObject({ created: false, state: { id: "0b7a3c4d-1e2f-4a5b-8c6d-7e8f9a0b1c99" } });
    h.deps.tenants.delete("0b7a3c4d-1e2f-4a5b-8c6d-7e8f9a0b1c99");
    expect(loadOrSeedDefaultTenant(h.deps.tenants, doc).created).toBe(true);
  });
});
