/**
 * Deleting directory objects, with what a real tenant removes along with them: the object's group
 * memberships and directory role assignments, and for a user their authentication methods and refresh
 * tokens (a deleted user can no longer redeem one). Pure functions over `TenantState`; the caller has
 * already checked the object exists and that the caller may delete it.
 */
import type { TenantState } from "./state";
import { removeRoleAssignments } from "./role-assignments";

/** Removes a user and everything that belongs to them (groups' member lists, roles, methods, refresh tokens). */
export function deleteUser(state: TenantState, userId: string): void {
  state.users = state.users.filter((u) => u.id !== userId);
  removeMember(state, userId);
  removeRoleAssignments(state, (a) => a.principalId === userId);
  delete state.authMethods[userId];
  state.signIn.refreshTokens = state.signIn.refreshTokens.filter((t) => t.userId !== userId);
}

/** Removes a group, its membership in other groups and its role assignments (role-assignable groups). */
export function deleteGroup(state: TenantState, groupId: string): void {
  state.groups = state.groups.filter((g) => g.id !== groupId);
  removeMember(state, groupId);
  removeRoleAssignments(state, (a) => a.principalId === groupId);
}

function removeMember(state: TenantState, objectId: string): void {
  for (const g of state.groups) g.members = g.members.filter((m) => m !== objectId);
}
