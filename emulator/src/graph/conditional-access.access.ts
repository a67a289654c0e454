/**
 * Who may read and change Conditional Access objects (shared/graph/surface.md §5.1, §9): reads need
 * Policy.Read.All (or the Conditional Access read/write permissions), writes
 * Policy.ReadWrite.ConditionalAccess. Delegated callers also need a role: Conditional Access
 * Administrator, Security Administrator or Global Administrator to write; Global Reader, Security
 * Reader and Security Operator may read.
 */
import type { Principal } from "../domain/principal";
import { requirePermission, requireRoleForDelegated, type PermissionRule } from "../domain/rbac";
import { ROLE } from "../domain/roles";

const READ: PermissionRule = {
  delegated: ["Policy.Read.All", "Policy.Read.ConditionalAccess", "Policy.ReadWrite.ConditionalAccess"],
  application: ["Policy.Read.All", "Policy.Read.ConditionalAccess", "Policy.ReadWrite.ConditionalAccess"],
};
const WRITE: PermissionRule = { delegated: ["Policy.ReadWrite.ConditionalAccess"], application: ["Policy.ReadWrite.ConditionalAccess"] };

/** Authentication strengths are also managed with the authentication methods policy permissions. */
const STRENGTH_READ: PermissionRule = {
  delegated: [...READ.delegated, "Policy.Read.AuthenticationMethod", "Policy.ReadWrite.AuthenticationMethod"],
  application: [...READ.application, "Policy.Read.AuthenticationMethod", "Policy.ReadWrite.AuthenticationMethod"],
};
const STRENGTH_WRITE: PermissionRule = {
  delegated: ["Policy.ReadWrite.ConditionalAccess", "Policy.ReadWrite.AuthenticationMethod"],
  application: ["Policy.ReadWrite.ConditionalAccess", "Policy.ReadWrite.AuthenticationMethod"],
};

export const CA_WRITER_ROLES = [ROLE.globalAdministrator, ROLE.conditionalAccessAdministrator, ROLE.securityAdministrator];
export const CA_READER_ROLES = [...CA_WRITER_ROLES, ROLE.globalReader, ROLE.securityReader, ROLE.securityOperator];
const STRENGTH_WRITER_ROLES = [...CA_WRITER_ROLES, ROLE.authenticationPolicyAdministrator];
const STRENGTH_READER_ROLES = [...CA_READER_ROLES, ROLE.authenticationPolicyAdministrator];

export function requireCaRead(principal: Principal) {
  requirePermission(principal, READ);
  requireRoleForDelegated(principal, CA_READER_ROLES);
}

export function requireCaWrite(principal: Principal) {
  requirePermission(principal, WRITE);
  requireRoleForDelegated(principal, CA_WRITER_ROLES);
}

export function requireStrengthRead(principal: Principal) {
  requirePermission(principal, STRENGTH_READ);
  requireRoleForDelegated(principal, STRENGTH_READER_ROLES);
}

export function requireStrengthWrite(principal: Principal) {
  requirePermission(principal, STRENGTH_WRITE);
  requireRoleForDelegated(principal, STRENGTH_WRITER_ROLES);
}
