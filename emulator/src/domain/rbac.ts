/**
 * Permission checks shared by every Graph route: a caller needs one of the Graph permissions listed for
 * the operation (delegated `scp` or application `roles`, per Microsoft's permissions reference) and,
 * for delegated calls on other users' data, a directory role. Denials are Graph 403s.
 */
import type { Principal } from "./principal";
import { forbidden } from "./errors";
import { hasAnyPermission } from "./permissions";
import { ROLE } from "./roles";

export interface PermissionRule {
  /** Delegated scopes, any of which allows the call (empty = delegated calls not supported). */
  delegated: readonly string[];
  /** Application permissions, any of which allows the call (empty = app-only not supported). */
  application: readonly string[];
}

/** Throws a Graph 403 `Authorization_RequestDenied` unless the principal holds one of the permissions. */
export function requirePermission(principal: Principal, rule: PermissionRule): void {
  const ok =
    principal.kind === "user"
      ? hasAnyPermission(principal.scopes, rule.delegated)
      : hasAnyPermission(principal.permissions, rule.application);
  if (!ok) throw forbidden("Insufficient privileges to complete the operation.", { graphCode: "Authorization_RequestDenied" });
}

export function hasRole(principal: Principal, ...templateIds: string[]): boolean {
  return principal.kind === "user" && principal.roleTemplateIds.some((r) => templateIds.includes(r.toLowerCase()));
}

/** Roles that may read directory configuration tenant-wide (used for policy reads, role reads). */
export const READER_ROLES = [ROLE.globalAdministrator, ROLE.globalReader, ROLE.securityAdministrator, ROLE.securityReader, ROLE.securityOperator];

/**
 * For delegated calls: the signed-in user must hold one of `templateIds` (a Graph 403 otherwise).
 * App-only calls pass: their permissions were already checked by `requirePermission`.
 */
export function requireRoleForDelegated(principal: Principal, templateIds: readonly string[], message?: string): void {
  if (principal.kind === "app") return;
  if (!hasRole(principal, ...templateIds))
    throw forbidden(message ?? "Insufficient privileges to complete the operation.", { graphCode: "Authorization_RequestDenied" });
}
