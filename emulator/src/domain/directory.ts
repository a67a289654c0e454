/**
 * Look-ups over the directory part of a tenant: users by id or UPN, group membership (transitive),
 * directory roles held by a user. Pure functions over `TenantState`.
 */
import type { TenantState } from "./state";
import type { DirectoryDomain, DirectoryUser } from "./directory.types";
import { resourceNotFound } from "./errors";
import { roleByTemplateId } from "./roles";

/** Finds a user by object id or userPrincipalName (UPNs compare case-insensitively, as in Entra). */
export function findUser(state: TenantState, idOrUpn: string): DirectoryUser | undefined {
  const key = idOrUpn.toLowerCase();
  return state.users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
}

export function requireUser(state: TenantState, idOrUpn: string): DirectoryUser {
  const user = findUser(state, idOrUpn);
  if (!user) throw resourceNotFound(idOrUpn);
  return user;
}

/** Ids of every group the object belongs to, directly or through nested groups. */
export function transitiveGroupIds(state: TenantState, objectId: string): Set<string> {
  const result = new Set<string>();
  const queue = [objectId];
  while (queue.length) {
    const current = queue.shift()!;
    for (const g of state.groups) {
      if (!result.has(g.id) && g.members.includes(current)) {
        result.add(g.id);
        queue.push(g.id);
      }
    }
  }
  return result;
}

/** Ids of every member of the group, direct or through nested groups (the group itself never counts). */
export function transitiveMemberIds(state: TenantState, groupId: string): Set<string> {
  const result = new Set<string>();
  const queue = [...(state.groups.find((g) => g.id === groupId)?.members ?? [])];
  while (queue.length) {
    const id = queue.shift()!;
    if (result.has(id) || id === groupId) continue;
    result.add(id);
    const nested = state.groups.find((g) => g.id === id);
    if (nested) queue.push(...nested.members);
  }
  return result;
}

/**
 * Role template ids a user holds tenant-wide: assigned directly or through a group it belongs to, at
 * directory scope "/" only. Assignments scoped to an application (`/<app object id>`) or an
 * administrative unit (`/administrativeUnits/<id>`) grant rights over that object only, so Entra leaves
 * them out of the `wids` claim and they never satisfy a tenant-wide role check (surface.md, role
 * assignments; Microsoft Learn "wids: Denotes the tenant-wide roles assigned to this user").
 */
export function userRoleTemplateIds(state: TenantState, userId: string): string[] {
  const principals = new Set([userId, ...transitiveGroupIds(state, userId)]);
  const ids = new Set<string>();
  for (const a of state.roleAssignments)
    if (principals.has(a.principalId) && (a.directoryScopeId ?? "/") === "/") ids.add(a.roleDefinitionId.toLowerCase());
  return [...ids];
}

/** True when the user holds any privileged directory role (an "admin" for the sensitive-actions rules). */
export function isAdmin(state: TenantState, userId: string): boolean {
  return userRoleTemplateIds(state, userId).some((id) => roleByTemplateId(id)?.privileged ?? true);
}

export function isGuest(user: DirectoryUser): boolean {
  return user.userType === "Guest";
}

/** The verified domain a UPN belongs to (the part after `@`), if the tenant has it. */
export function domainOfUser(state: TenantState, user: DirectoryUser): DirectoryDomain | undefined {
  const suffix = user.userPrincipalName.split("@").pop()?.toLowerCase();
  return state.domains.find((d) => d.id.toLowerCase() === suffix);
}

export function defaultDomain(state: TenantState): DirectoryDomain {
  return state.domains.find((d) => d.isDefault) ?? state.domains[0];
}

export function findApplication(state: TenantState, appId: string) {
  const key = appId.toLowerCase();
  return state.applications.find((a) => a.appId.toLowerCase() === key);
}
