/**
 * Directory role assignments: stable ids, activated directory roles, assign/unassign. Pure functions over
 * `TenantState` (no clock needed: assignments carry no timestamps in Graph).
 *
 * Ids follow what a real tenant shows (shared/graph/surface.md §6.1): a unifiedRoleAssignment id is an
 * opaque string; Entra's are the base64url of the role definition GUID bytes followed by the principal
 * GUID bytes, then `-1` (e.g. `lAPpYvVpN0KRkAEhdxReEJC2sEqbR_9Hr48lds9SGHI-1` is Global Administrator ->
 * principal). Deriving them the same way keeps ids stable across export/import and reset [INFERRED].
 */
import { createHash } from "node:crypto";
import type { TenantState } from "./state";
import type { RoleAssignment } from "./directory.types";
import { roleByTemplateId, type BuiltInRole } from "./roles";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The 16 bytes of a GUID in Microsoft's mixed-endian layout. */
function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, "");
  const b = Buffer.from(hex, "hex");
  return Buffer.concat([Buffer.from(b.subarray(0, 4)).reverse(), Buffer.from(b.subarray(4, 6)).reverse(), Buffer.from(b.subarray(6, 8)).reverse(), b.subarray(8)]);
}

/** A GUID string from 16 bytes (mixed-endian, the inverse of `guidBytes`). */
function guidFromBytes(bytes: Buffer): string {
  const b = Buffer.concat([Buffer.from(bytes.subarray(0, 4)).reverse(), Buffer.from(bytes.subarray(4, 6)).reverse(), Buffer.from(bytes.subarray(6, 8)).reverse(), bytes.subarray(8, 16)]);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The id of the assignment of `roleDefinitionId` to `principalId` at `directoryScopeId` (deterministic). */
export function roleAssignmentId(roleDefinitionId: string, principalId: string, directoryScopeId = "/"): string {
  const scopeSuffix = directoryScopeId === "/" ? "1" : createHash("sha256").update(directoryScopeId.toLowerCase()).digest("hex").slice(0, 8);
  if (GUID.test(roleDefinitionId) && GUID.test(principalId))
    return `${Buffer.concat([guidBytes(roleDefinitionId), guidBytes(principalId)]).toString("base64url")}-${scopeSuffix}`;
  return `${createHash("sha256").update(`${roleDefinitionId}|${principalId}`.toLowerCase()).digest("base64url").slice(0, 43)}-${scopeSuffix}`;
}

/**
 * The tenant-specific object id of an activated directoryRole. In Entra it differs per tenant and is not
 * the template id (surface.md §6.1); here it is derived from tenant id + template id so it stays stable.
 */
export function directoryRoleId(tenantId: string, templateId: string): string {
  const bytes = createHash("sha256").update(`directoryRole|${tenantId.toLowerCase()}|${templateId.toLowerCase()}`).digest();
  bytes[7] = (bytes[7] & 0x0f) | 0x40; // version nibble (mixed-endian position) so it looks like a v4 GUID
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return guidFromBytes(bytes);
}

/**
 * Roles that are "activated" in the tenant: a built-in role with at least one tenant-wide assignment
 * [INFERRED: Entra activates a role on first assignment and keeps it; the emulator lists roles while
 * they have members, which is what readers of /directoryRoles look at].
 */
export function activatedRoles(state: TenantState): BuiltInRole[] {
  const ids = new Set(state.roleAssignments.filter((a) => a.directoryScopeId === "/").map((a) => a.roleDefinitionId.toLowerCase()));
  return [...ids].map((id) => roleByTemplateId(id)).filter((r): r is BuiltInRole => !!r);
}

/** The activated role whose object id (or, with `byTemplate`, template id) is `key`. */
export function findDirectoryRole(state: TenantState, key: string, byTemplate = false): BuiltInRole | undefined {
  const k = key.toLowerCase();
  return activatedRoles(state).find((r) => (byTemplate ? r.templateId === k : directoryRoleId(state.id, r.templateId) === k));
}

export function findRoleAssignment(state: TenantState, id: string): RoleAssignment | undefined {
  return state.roleAssignments.find((a) => a.id === id);
}

/** Whether the principal already holds the role at the scope (Entra refuses a second identical assignment). */
export function hasAssignment(state: TenantState, roleDefinitionId: string, principalId: string, directoryScopeId = "/"): boolean {
  const r = roleDefinitionId.toLowerCase(), p = principalId.toLowerCase();
  return state.roleAssignments.some((a) => a.roleDefinitionId.toLowerCase() === r && a.principalId.toLowerCase() === p && a.directoryScopeId === directoryScopeId);
}

/** Adds an assignment (caller checked that role and principal exist and that it is not a duplicate). */
export function addRoleAssignment(state: TenantState, roleDefinitionId: string, principalId: string, directoryScopeId = "/"): RoleAssignment {
  const assignment: RoleAssignment = {
    id: roleAssignmentId(roleDefinitionId, principalId, directoryScopeId),
    roleDefinitionId: roleDefinitionId.toLowerCase(),
    principalId: principalId.toLowerCase(),
    directoryScopeId,
  };
  state.roleAssignments.push(assignment);
  return assignment;
}

/** Removes assignments matching `predicate`; returns what was removed. */
export function removeRoleAssignments(state: TenantState, predicate: (a: RoleAssignment) => boolean): RoleAssignment[] {
  const removed = state.roleAssignments.filter(predicate);
  state.roleAssignments = state.roleAssignments.filter((a) => !predicate(a));
  return removed;
}
