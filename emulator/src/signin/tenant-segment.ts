/**
 * The `{tenant}` path segment of login URLs: a tenant GUID, one of its verified domains, or the
 * multi-tenant aliases `common` / `organizations` (the tenant is then found from the credential).
 */
import type { AppDeps } from "../http/context";
import type { TenantRecord } from "../store/tenant-store";
import { OAuthError } from "./oauth-errors";

export const MULTI_TENANT_ALIASES = new Set(["common", "organizations"]);

/** The tenant named by the segment, null for an alias; AADSTS90002 when unknown. */
export function resolveTenantSegment(deps: AppDeps, segment: string): TenantRecord | null {
  if (MULTI_TENANT_ALIASES.has(segment.toLowerCase())) return null;
  const record = deps.tenants.resolve(segment);
  if (!record) throw new OAuthError(90002, [segment]);
  return record;
}
