/**
 * What `/directoryRoles` and `/roleManagement/directory` share: permission rules (Microsoft's reference,
 * surface.md §9), serializers, and assign/unassign with their audit entries ("Add member to role" /
 * "Remove member from role", category RoleManagement, surface.md §7.3). Delegated writes need Privileged
 * Role Administrator or Global Administrator (the roles that may manage role assignments).
 */
import type { AppContext, AppDeps } from "../http/context";
import type { TenantState } from "../domain/state";
import type { RoleAssignment } from "../domain/directory.types";
import { ROLE, roleByTemplateId, type BuiltInRole } from "../domain/roles";
import { requirePermission, requireRoleForDelegated } from "../domain/rbac";
import { resourceNotFound } from "../domain/errors";
import { recordAudit } from "../domain/audit";
import { addRoleAssignment, directoryRoleId, removeRoleAssignments } from "../domain/role-assignments";
import { initiatorOf } from "./graph-module";
import { ROLE_ACTIONS } from "./role-actions";

const DIRECTORY_READ = ["Directory.Read.All", "Directory.ReadWrite.All", "RoleManagement.Read.Directory", "RoleManagement.ReadWrite.Directory"];
export const ROLES_READ = { delegated: DIRECTORY_READ, application: DIRECTORY_READ };
export const UNIFIED_READ = { delegated: [...DIRECTORY_READ, "RoleManagement.Read.All"], application: [...DIRECTORY_READ, "RoleManagement.Read.All"] };
export const ROLES_WRITE = { delegated: ["RoleManagement.ReadWrite.Directory"], application: ["RoleManagement.ReadWrite.Directory"] };
const ROLE_ADMINS = [ROLE.privilegedRoleAdministrator, ROLE.globalAdministrator];

/** Write checks shared by every role-assignment change. */
export function requireRoleWrite(c: AppContext) {
  const principal = c.get("principal");
  requirePermission(principal, ROLES_WRITE);
  requireRoleForDelegated(principal, ROLE_ADMINS);
}

export function serializeDirectoryRole(state: TenantState, role: BuiltInRole) {
  return {
    "@odata.type": "#microsoft.graph.directoryRole",
    id: directoryRoleId(state.id, role.templateId),
    deletedDateTime: null,
    description: role.description,
    displayName: role.displayName,
    roleTemplateId: role.templateId,
  };
}

export function serializeRoleTemplate(role: BuiltInRole) {
  return { "@odata.type": "#microsoft.graph.directoryRoleTemplate", id: role.templateId, deletedDateTime: null, description: role.description, displayName: role.displayName };
}

export function serializeRoleDefinition(role: BuiltInRole) {
  return {
    id: role.templateId,
    description: role.description,
    displayName: role.displayName,
    isBuiltIn: true,
    isEnabled: true,
    resourceScopes: ["/"],
    rolePermissions: [{ allowedResourceActions: ROLE_ACTIONS[role.templateId] ?? [], excludedResourceActions: [], condition: null }],
    templateId: role.templateId,
    version: "1",
  };
}

export function serializeRoleAssignment(state: TenantState, a: RoleAssignment) {
  return {
    id: a.id,
    roleDefinitionId: a.roleDefinitionId,
    principalId: a.principalId,
    directoryScopeId: a.directoryScopeId,
    appScopeId: null,
    condition: null,
    principalOrganizationId: state.id,
  };
}

/** The principal (user or group) an assignment may name; 404 in the directory's wording otherwise. */
export function requirePrincipal(state: TenantState, id: string) {
  const key = id.toLowerCase();
  const user = state.users.find((u) => u.id === key);
  if (user) return { id: user.id, displayName: user.displayName, type: "User", userPrincipalName: user.userPrincipalName };
  const group = state.groups.find((g) => g.id === key);
  if (group) return { id: group.id, displayName: group.displayName, type: "Group", userPrincipalName: null };
  throw resourceNotFound(id);
}

function auditRole(c: AppContext, deps: AppDeps, state: TenantState, now: Date, activity: string, op: string, a: RoleAssignment) {
  const role = roleByTemplateId(a.roleDefinitionId);
  const p = state.users.find((u) => u.id === a.principalId) ?? state.groups.find((g) => g.id === a.principalId);
  const isUser = !!p && "userPrincipalName" in p;
  const q = (s: string | undefined) => (s === undefined ? null : JSON.stringify(s));
  const adding = activity.startsWith("Add");
  const change = (displayName: string, v: string | null) => (adding ? { displayName, oldValue: null, newValue: v } : { displayName, oldValue: v, newValue: null });
  recordAudit(state, deps.ids, now, {
    activityDisplayName: activity, category: "RoleManagement", loggedByService: "Core Directory", operationType: op,
    initiatedBy: initiatorOf(c, state, c.get("principal")),
    targetResources: [
      {
        id: a.principalId, displayName: p?.displayName ?? null, type: isUser ? "User" : "Group",
        userPrincipalName: isUser ? (p as { userPrincipalName: string }).userPrincipalName : null,
        modifiedProperties: [change("Role.DisplayName", q(role?.displayName)), change("Role.TemplateId", q(a.roleDefinitionId))],
      },
      { id: directoryRoleId(state.id, a.roleDefinitionId), displayName: role?.displayName ?? null, type: "Role" },
    ],
    additionalDetails: [{ key: "RoleDefinitionOriginType", value: "BuiltInRole" }],
  });
}

export function assignRole(c: AppContext, deps: AppDeps, state: TenantState, now: Date, roleTemplateId: string, principalId: string, scope = "/"): RoleAssignment {
  const a = addRoleAssignment(state, roleTemplateId, principalId, scope);
  auditRole(c, deps, state, now, "Add member to role", "Assign", a);
  return a;
}

export function unassignRole(c: AppContext, deps: AppDeps, state: TenantState, now: Date, a: RoleAssignment): void {
  removeRoleAssignments(state, (x) => x.id === a.id);
  auditRole(c, deps, state, now, "Remove member from role", "Unassign", a);
}
