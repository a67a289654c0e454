/** What every grant handler receives: the parsed form, the resolved tenant (if the path named one) and deps. */
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "../http/context";
import type { TenantRecord } from "../store/tenant-store";

export interface GrantContext {
  c: Context<AppEnv>;
  deps: AppDeps;
  form: Record<string, string>;
  /** The tenant from the URL; null for `common` / `organizations` (the grant finds it from the credential). */
  tenant: TenantRecord | null;
  tenantSegment: string;
  origin: string;
  /** The token endpoint URL as the client called it (client assertions are audience-bound to it). */
  tokenEndpoint: string;
}

export type GrantHandler = (g: GrantContext) => Promise<Record<string, unknown>>;
