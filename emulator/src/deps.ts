/** Assembles AppDeps from their parts; main.ts and the tests both use it. */
import type { AppConfig, AppDeps } from "./http/context";
import type { Clock } from "./domain/ports";
import type { TenantStore } from "./store/tenant-store";
import type { SigningKeys } from "./signin/keys";
import { TenantService } from "./services/tenant-service";
import { cryptoIds } from "./infra/ids";
import { scryptSecrets } from "./infra/secrets";

export interface DepsInput {
  store: TenantStore;
  clock: Clock;
  keys: SigningKeys;
  config?: Partial<AppConfig>;
  log?: (line: string) => void;
}

export function buildDeps(input: DepsInput): AppDeps {
  const domain = { clock: input.clock, ids: cryptoIds, secrets: scryptSecrets };
  return {
    ...domain,
    tenants: new TenantService(input.store, domain),
    keys: input.keys,
    config: { caPem: null, caPath: null, publicOrigin: null, defaultTenantId: null, ready: () => true, ...input.config },
    log: input.log ?? ((line) => console.error(line)),
  };
}
