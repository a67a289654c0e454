/**
 * `rolePermissions[].allowedResourceActions` of the built-in role definitions the emulator knows. The
 * action names are Entra's (permissions-reference.md); the lists are abridged to the actions that matter
 * for this emulator's capabilities (users, groups, authentication methods, policies, roles, logs).
 */
import { ROLE } from "../domain/roles";

export const ROLE_ACTIONS: Record<string, string[]> = {
  [ROLE.globalAdministrator]: [
    "microsoft.directory/users/allProperties/allTasks", "microsoft.directory/groups/allProperties/allTasks",
    "microsoft.directory/roleAssignments/allProperties/allTasks", "microsoft.directory/roleDefinitions/allProperties/allTasks",
    "microsoft.directory/conditionalAccessPolicies/allProperties/allTasks", "microsoft.directory/namedLocations/allProperties/allTasks",
    "microsoft.directory/authorizationPolicy/allProperties/allTasks", "microsoft.directory/organization/allProperties/allTasks",
    "microsoft.directory/domains/allProperties/allTasks", "microsoft.directory/applications/allProperties/allTasks",
    "microsoft.directory/users/authenticationMethods/create", "microsoft.directory/users/authenticationMethods/delete",
    "microsoft.directory/users/authenticationMethods/standard/read", "microsoft.directory/users/authenticationMethods/basic/update",
    "microsoft.directory/auditLogs/allProperties/read", "microsoft.directory/signInReports/allProperties/read",
  ],
  [ROLE.privilegedAuthenticationAdministrator]: [
    "microsoft.directory/users/authenticationMethods/create", "microsoft.directory/users/authenticationMethods/delete",
    "microsoft.directory/users/authenticationMethods/standard/read", "microsoft.directory/users/authenticationMethods/basic/update",
    "microsoft.directory/users/invalidateAllRefreshTokens", "microsoft.directory/users/password/update",
    "microsoft.directory/users/strongAuthentication/update",
  ],
  [ROLE.authenticationAdministrator]: [
    "microsoft.directory/users/authenticationMethods/create", "microsoft.directory/users/authenticationMethods/delete",
    "microsoft.directory/users/authenticationMethods/standard/restrictedRead", "microsoft.directory/users/authenticationMethods/basic/update",
    "microsoft.directory/users/invalidateAllRefreshTokens", "microsoft.directory/users/password/update",
  ],
  [ROLE.authenticationPolicyAdministrator]: [
    "microsoft.directory/organization/strongAuthentication/allTasks", "microsoft.directory/userCredentialPolicies/create",
    "microsoft.directory/userCredentialPolicies/delete", "microsoft.directory/userCredentialPolicies/standard/read",
    "microsoft.directory/userCredentialPolicies/basic/update", "microsoft.directory/authorizationPolicy/standard/read",
  ],
  [ROLE.globalReader]: [
    "microsoft.directory/users/allProperties/read", "microsoft.directory/groups/allProperties/read",
    "microsoft.directory/roleAssignments/allProperties/read", "microsoft.directory/roleDefinitions/allProperties/read",
    "microsoft.directory/conditionalAccessPolicies/allProperties/read", "microsoft.directory/namedLocations/standard/read",
    "microsoft.directory/users/authenticationMethods/standard/restrictedRead", "microsoft.directory/domains/allProperties/read",
    "microsoft.directory/auditLogs/allProperties/read", "microsoft.directory/signInReports/allProperties/read",
  ],
  [ROLE.conditionalAccessAdministrator]: [
    "microsoft.directory/conditionalAccessPolicies/create", "microsoft.directory/conditionalAccessPolicies/delete",
    "microsoft.directory/conditionalAccessPolicies/standard/read", "microsoft.directory/conditionalAccessPolicies/basic/update",
    "microsoft.directory/namedLocations/create", "microsoft.directory/namedLocations/delete",
    "microsoft.directory/namedLocations/standard/read", "microsoft.directory/namedLocations/basic/update",
  ],
  [ROLE.securityReader]: [
    "microsoft.directory/auditLogs/allProperties/read", "microsoft.directory/signInReports/allProperties/read",
    "microsoft.directory/conditionalAccessPolicies/standard/read", "microsoft.directory/namedLocations/standard/read",
  ],
  [ROLE.securityAdministrator]: [
    "microsoft.directory/auditLogs/allProperties/read", "microsoft.directory/signInReports/allProperties/read",
    "microsoft.directory/conditionalAccessPolicies/create", "microsoft.directory/conditionalAccessPolicies/delete",
    "microsoft.directory/conditionalAccessPolicies/standard/read", "microsoft.directory/conditionalAccessPolicies/basic/update",
    "microsoft.directory/namedLocations/create", "microsoft.directory/namedLocations/delete", "microsoft.directory/namedLocations/basic/update",
  ],
  [ROLE.securityOperator]: ["microsoft.directory/auditLogs/allProperties/read", "microsoft.directory/signInReports/allProperties/read"],
  [ROLE.privilegedRoleAdministrator]: [
    "microsoft.directory/roleAssignments/allProperties/allTasks", "microsoft.directory/roleDefinitions/allProperties/allTasks",
    "microsoft.directory/privilegedIdentityManagement/allProperties/allTasks", "microsoft.directory/directoryRoles/allProperties/allTasks",
    "microsoft.directory/authorizationPolicy/allProperties/allTasks", "microsoft.directory/servicePrincipals/appRoleAssignedTo/update",
  ],
  [ROLE.userAdministrator]: [
    "microsoft.directory/users/create", "microsoft.directory/users/delete", "microsoft.directory/users/basic/update",
    "microsoft.directory/users/password/update", "microsoft.directory/users/invalidateAllRefreshTokens",
    "microsoft.directory/groups/create", "microsoft.directory/groups/delete", "microsoft.directory/groups/members/update",
    "microsoft.directory/groups/basic/update",
  ],
  [ROLE.helpdeskAdministrator]: ["microsoft.directory/users/password/update", "microsoft.directory/users/invalidateAllRefreshTokens"],
  [ROLE.passwordAdministrator]: ["microsoft.directory/users/password/update"],
  [ROLE.reportsReader]: ["microsoft.directory/auditLogs/allProperties/read", "microsoft.directory/signInReports/allProperties/read"],
  [ROLE.directoryReaders]: [
    "microsoft.directory/users/standard/read", "microsoft.directory/groups/standard/read", "microsoft.directory/domains/standard/read",
    "microsoft.directory/organization/standard/read", "microsoft.directory/roleAssignments/standard/read", "microsoft.directory/roleDefinitions/standard/read",
  ],
  [ROLE.applicationAdministrator]: [
    "microsoft.directory/applications/create", "microsoft.directory/applications/delete", "microsoft.directory/applications/basic/update",
    "microsoft.directory/servicePrincipals/create", "microsoft.directory/servicePrincipals/delete",
  ],
};
