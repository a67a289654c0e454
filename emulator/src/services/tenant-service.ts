/**
 * Tenant lifecycle over the store: create from a fixture, reset to the seed, delete, resolve by id or
 * domain, and the per-tenant clock. Every mutation marks the tenant dirty so the request's flush persists it.
 */
import type { DomainDeps } from "../domain/ports";
import type { TenantState } from "../domain/state";
import { conflict, notFound } from "../domain/errors";
import { tenantNow, offsetFor } from "../domain/tenant-clock";
import { parseFixture, seedTenant } from "../fixture/seed";
import { exportTenant } from "../fixture/export";
import type { FixtureDocument } from "../fixture/schema";
import type { TenantRecord, TenantStore } from "../store/tenant-store";

export class TenantService {
  constructor(
    readonly store: TenantStore,
    readonly deps: DomainDeps,
  ) {}

  /** Validates and seeds a new tenant. Nothing is stored unless the whole document is valid. */
  create(input: unknown): TenantState {
    const doc = parseFixture(input);
    if (doc.tenant.id && this.store.get(doc.tenant.id)) throw conflict(`A tenant with id '${doc.tenant.id}' already exists.`);
    const state = seedTenant(doc, this.deps);
    for (const d of state.domains) {
      const owner = this.resolve(d.id);
      if (owner) throw conflict(`The domain '${d.id}' already belongs to tenant '${owner.state.id}'.`);
    }
    this.store.put({ seed: this.seedOf(state, doc), state });
    return state;
  }

  /** The document reset goes back to: the fresh state exported (fixed ids, hashed secrets), original clock. */
  private seedOf(state: TenantState, doc: FixtureDocument): FixtureDocument {
    const seed = exportTenant(state, this.now(state));
    if (doc.clock) seed.clock = doc.clock;
    else delete seed.clock;
    return seed;
  }

  list(): TenantState[] {
    return this.store.list().map((r) => r.state);
  }

  /** Finds a tenant by GUID or by one of its domains (case-insensitive). */
  resolve(idOrDomain: string): TenantRecord | undefined {
    const key = idOrDomain.toLowerCase();
    return this.store.get(key) ?? this.store.list().find((r) => r.state.domains.some((d) => d.id === key));
  }

  require(idOrDomain: string): TenantRecord {
    const record = this.resolve(idOrDomain);
    if (!record) throw notFound(`Tenant '${idOrDomain}' not found.`, { graphCode: "tenantNotFound" });
    return record;
  }

  reset(tenantId: string): TenantState {
    const record = this.require(tenantId);
    const state = seedTenant(parseFixture(record.seed), this.deps);
    this.store.put({ seed: record.seed, state });
    return state;
  }

  delete(tenantId: string): void {
    const record = this.require(tenantId);
    this.store.delete(record.state.id);
  }

  exportDoc(tenantId: string): FixtureDocument {
    const { state } = this.require(tenantId);
    return exportTenant(state, this.now(state));
  }

  /** The tenant's current time: every timestamp and expiry in the tenant follows it. */
  now(state: TenantState): Date {
    return tenantNow(this.deps.clock, state.clock);
  }

  setNow(state: TenantState, target: Date): void {
    state.clock.offsetMs = offsetFor(this.deps.clock, target);
    this.touch(state);
  }

  /** Marks a tenant changed; the request's flush writes it. */
  touch(state: TenantState): void {
    this.store.markDirty(state.id);
  }
}
