/**
 * Where tenants live. Two implementations of one interface: memory (tests, `TENANTLAB_MEMORY=1`) and
 * file (lowdb, one JSON file per tenant under `<dataDir>/tenants/`). State is mutated in memory by the
 * domain, synchronously, so one request's check-and-update (e.g. consuming a one-time TAP) is atomic;
 * `flush()` then persists the tenants a request touched before the response is sent, so an
 * acknowledged write is on disk. lowdb writes through a temp file + rename (atomic), and each write
 * costs the size of one tenant, not of the whole database.
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { Low } from "lowdb";
import { JSONFile } from "lowdb/node";
import type { TenantState } from "../domain/state";
import type { FixtureDocument } from "../fixture/schema";

/** Version of the persisted file layout; files with another version are refused at startup. */
export const STORE_FILE_VERSION = 1;

export interface TenantRecord {
  /** The document `reset` goes back to (secrets as hashes). */
  seed: FixtureDocument;
  state: TenantState;
}

export interface TenantStore {
  list(): TenantRecord[];
  get(tenantId: string): TenantRecord | undefined;
  put(record: TenantRecord): void;
  delete(tenantId: string): boolean;
  /** Records that a tenant changed; it is written at the next `flush()`. */
  markDirty(tenantId: string): void;
  flush(): Promise<void>;
}

interface PersistedTenant {
  version: number;
  seed: FixtureDocument;
  state: TenantState;
}

export class MemoryTenantStore implements TenantStore {
  protected readonly records = new Map<string, TenantRecord>();
  list() {
    return [...this.records.values()];
  }
  get(tenantId: string) {
    return this.records.get(tenantId.toLowerCase());
  }
  put(record: TenantRecord) {
    this.records.set(record.state.id.toLowerCase(), record);
    // A no-op here; the file store's override queues the tenant for the next flush.
    this.markDirty(record.state.id);
  }
  delete(tenantId: string) {
    return this.records.delete(tenantId.toLowerCase());
  }
  markDirty(_tenantId: string) {}
  async flush() {}
}

export class FileTenantStore extends MemoryTenantStore {
  private readonly dir: string;
  private readonly dbs = new Map<string, Low<PersistedTenant>>();
  private readonly dirty = new Set<string>();
  private pending: Promise<void> = Promise.resolve();

  private constructor(dataDir: string) {
    super();
    this.dir = path.join(dataDir, "tenants");
  }

  /** Opens (and creates) `<dataDir>/tenants`, loading every tenant file found there. */
  static async open(dataDir: string): Promise<FileTenantStore> {
    const store = new FileTenantStore(dataDir);
    mkdirSync(store.dir, { recursive: true });
    for (const file of readdirSync(store.dir)) {
      if (!file.endsWith(".json")) continue;
      const db = new Low<PersistedTenant>(new JSONFile(path.join(store.dir, file)), null as never);
      await db.read();
      if (!db.data) continue;
      if (db.data.version !== STORE_FILE_VERSION)
        throw new Error(`${file}: data file version ${db.data.version} is not supported (expected ${STORE_FILE_VERSION})`);
      const id = db.data.state.id.toLowerCase();
      store.dbs.set(id, db);
      store.records.set(id, { seed: db.data.seed, state: db.data.state });
    }
    return store;
  }

  override delete(tenantId: string) {
    const id = tenantId.toLowerCase();
    const existed = super.delete(id);
    this.dbs.delete(id);
    this.dirty.delete(id);
    rmSync(this.fileOf(id), { force: true });
    return existed;
  }

  override markDirty(tenantId: string) {
    this.dirty.add(tenantId.toLowerCase());
  }

  /** Writes every dirty tenant. Concurrent calls are chained so writes to one file never overlap. */
  override flush(): Promise<void> {
    this.pending = this.pending.then(async () => {
      const ids = [...this.dirty];
      this.dirty.clear();
      for (const id of ids) {
        const record = this.records.get(id);
        if (!record) continue;
        let db = this.dbs.get(id);
        if (!db) {
          db = new Low<PersistedTenant>(new JSONFile(this.fileOf(id)), null as never);
          this.dbs.set(id, db);
        }
        db.data = { version: STORE_FILE_VERSION, seed: record.seed, state: record.state };
        await db.write();
      }
    });
    return this.pending;
  }

  private fileOf(id: string) {
    return path.join(this.dir, `${id}.json`);
  }
}
