/**
 * In-flight sign-in state kept in the engine's memory, one registry per app instance: interactions
 * (a browser mid-sign-in) and pending device codes. Both live minutes at most, like the real service's
 * login context; a restart abandons them and clients start over. Completed results (codes, sessions,
 * refresh tokens) are persisted in the tenant (domain/signin-state.types.ts).
 */
import type { AppDeps } from "../../http/context";
import type { AuthenticationResult } from "../../domain/signin-state.types";
import type { Interaction } from "./interaction";

export interface DeviceCodeEntry {
  digest: string;
  userCode: string;
  clientId: string;
  scope: string;
  /** The tenant from the URL; null for common/organizations until a user signs in. */
  tenantId: string | null;
  segment: string;
  /** Expiry on the tenant clock when the tenant is known, else on the process clock. */
  expiresAt: Date;
  interval: number;
  /** Process-clock creation instant, for pruning. */
  createdAtMs: number;
  status: "pending" | "approved" | "declined" | "failed" | "redeemed";
  errorCode: number | null;
  result: (AuthenticationResult & { tenantId: string; sessionId: string | null }) | null;
}

/** "Now" for a device code: its tenant's clock when the URL named one, else the process clock. */
export function deviceNow(deps: AppDeps, entry: Pick<DeviceCodeEntry, "tenantId">): Date {
  const state = entry.tenantId ? deps.tenants.resolve(entry.tenantId)?.state : undefined;
  return state ? deps.tenants.now(state) : deps.clock.now();
}

const INTERACTION_LIMIT = 5000;

export class PendingRegistry {
  private readonly interactions = new Map<string, Interaction>();
  private readonly devices = new Map<string, DeviceCodeEntry>();

  constructor(private readonly processNow: () => Date) {}

  putInteraction(i: Interaction): void {
    this.prune();
    this.interactions.set(i.id, i);
  }

  interaction(id: string | undefined | null): Interaction | undefined {
    if (!id) return undefined;
    const i = this.interactions.get(id);
    if (!i) return undefined;
    if (i.expiresAtMs <= this.processNow().getTime()) {
      this.interactions.delete(id);
      return undefined;
    }
    return i;
  }

  dropInteraction(id: string): void {
    this.interactions.delete(id);
  }

  putDevice(d: DeviceCodeEntry): void {
    this.prune();
    this.devices.set(d.digest, d);
  }

  deviceByDigest(digest: string): DeviceCodeEntry | undefined {
    return this.devices.get(digest);
  }

  /** User codes compare case-insensitively, ignoring spaces and dashes (people retype them). */
  deviceByUserCode(userCode: string): DeviceCodeEntry | undefined {
    const key = userCode.replace(/[\s-]/g, "").toUpperCase();
    for (const d of this.devices.values()) if (d.userCode === key && d.status === "pending") return d;
    return undefined;
  }

  dropDevice(digest: string): void {
    this.devices.delete(digest);
  }

  /** Bounded memory: forget expired interactions, and the oldest entries past the limit. */
  private prune(): void {
    const now = this.processNow().getTime();
    for (const [k, v] of this.interactions) if (v.expiresAtMs <= now) this.interactions.delete(k);
    while (this.interactions.size >= INTERACTION_LIMIT) this.interactions.delete(this.interactions.keys().next().value!);
    // Device codes live 15 minutes (tenant clock); two hours of process time later they are certainly dead.
    for (const [k, v] of this.devices) if (v.createdAtMs + 7_200_000 < now) this.devices.delete(k);
    while (this.devices.size >= INTERACTION_LIMIT) this.devices.delete(this.devices.keys().next().value!);
  }
}

const registries = new WeakMap<AppDeps, PendingRegistry>();

/** The registry of this app instance (tests build many apps; each has its own). */
export function pendingRegistry(deps: AppDeps): PendingRegistry {
  let r = registries.get(deps);
  if (!r) {
    r = new PendingRegistry(() => deps.clock.now());
    registries.set(deps, r);
  }
  return r;
}
