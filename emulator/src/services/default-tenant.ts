/**
 * The default tenant at startup: the one the fixture (`TENANTLAB_FIXTURE`) describes, seeded on first
 * start and found again after a restart. A fixture with `tenant.id` is found by that id; one without
 * an id (a new GUID on first start) is found by its domains, which no other tenant may hold, so a
 * restart over the same data dir reuses it instead of failing on a domain conflict.
 */
import type { TenantState } from "../domain/state";
import type { TenantService } from "./tenant-service";

interface FixtureHead {
  tenant?: { id?: string; domains?: { id?: string }[] };
}

export function loadOrSeedDefaultTenant(tenants: TenantService, fixture: FixtureHead): { state: TenantState; created: boolean } {
  const head = fixture.tenant;
  const existing = head?.id
    ? tenants.resolve(head.id)
    : (head?.domains ?? []).map((d) => (typeof d.id === "string" ? tenants.resolve(d.id) : undefined)).find((r) => r !== undefined);
  if (existing) return { state: existing.state, created: false };
  return { state: tenants.create(fixture), created: true };
}
