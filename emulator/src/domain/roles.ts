/**
 * Built-in directory roles the emulator knows, with their real template ids
 * (shared/graph/surface.md §6.2, from the Entra permissions reference). Built-in role definitions
 * use the template id as their id, as in a real tenant.
 */
export interface BuiltInRole {
  templateId: string;
  displayName: string;
  description: string;
  /** A privileged (admin) role for the "sensitive actions" rules, e.g. who may manage whose TAP. */
  privileged: boolean;
}

export const ROLE = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  privilegedAuthenticationAdministrator: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
  authenticationAdministrator: "c4e39bd9-1100-46d3-8c65-fb160da0071f",
  authenticationPolicyAdministrator: "0526716b-113d-4c15-b2c8-68e3c22b9f80",
  globalReader: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  conditionalAccessAdministrator: "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
  securityReader: "5d6b6bb7-de71-4623-b4af-96380a352509",
  securityAdministrator: "194ae4cb-b126-40b2-bd5b-6091b380977d",
  securityOperator: "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f",
  privilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1",
  helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  passwordAdministrator: "966707d0-3269-4727-9be2-8c3a10f19b9d",
  reportsReader: "4a5d8f65-41da-4de4-8968-e035b65339cf",
  directoryReaders: "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
  applicationAdministrator: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
} as const;

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  { templateId: ROLE.globalAdministrator, displayName: "Global Administrator", privileged: true,
    description: "Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities." },
  { templateId: ROLE.privilegedAuthenticationAdministrator, displayName: "Privileged Authentication Administrator", privileged: true,
    description: "Can access to view, set and reset authentication method information for any user (admin or non-admin)." },
  { templateId: ROLE.authenticationAdministrator, displayName: "Authentication Administrator", privileged: true,
    description: "Can access to view, set and reset authentication method information for any non-admin user." },
  { templateId: ROLE.authenticationPolicyAdministrator, displayName: "Authentication Policy Administrator", privileged: true,
    description: "Can create and manage the authentication methods policy, tenant-wide MFA settings, password protection policy, and verifiable credentials." },
  { templateId: ROLE.globalReader, displayName: "Global Reader", privileged: true,
    description: "Can read everything that a Global Administrator can, but not update anything." },
  { templateId: ROLE.conditionalAccessAdministrator, displayName: "Conditional Access Administrator", privileged: true,
    description: "Can manage Conditional Access capabilities." },
  { templateId: ROLE.securityReader, displayName: "Security Reader", privileged: true,
    description: "Can read security information and reports in Microsoft Entra ID and Office 365." },
  { templateId: ROLE.securityAdministrator, displayName: "Security Administrator", privileged: true,
    description: "Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365." },
  { templateId: ROLE.securityOperator, displayName: "Security Operator", privileged: true,
    description: "Creates and manages security events." },
  { templateId: ROLE.privilegedRoleAdministrator, displayName: "Privileged Role Administrator", privileged: true,
    description: "Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management." },
  { templateId: ROLE.userAdministrator, displayName: "User Administrator", privileged: true,
    description: "Can manage all aspects of users and groups, including resetting passwords for limited admins." },
  { templateId: ROLE.helpdeskAdministrator, displayName: "Helpdesk Administrator", privileged: true,
    description: "Can reset passwords for non-administrators and Helpdesk Administrators." },
  { templateId: ROLE.passwordAdministrator, displayName: "Password Administrator", privileged: true,
    description: "Can reset passwords for non-administrators and Password Administrators." },
  { templateId: ROLE.reportsReader, displayName: "Reports Reader", privileged: false,
    description: "Can read sign-in and audit reports." },
  { templateId: ROLE.directoryReaders, displayName: "Directory Readers", privileged: false,
    description: "Can read basic directory information. Commonly used to grant directory read access to applications and guests." },
  { templateId: ROLE.applicationAdministrator, displayName: "Application Administrator", privileged: true,
    description: "Can create and manage all aspects of app registrations and enterprise apps." },
];

const byTemplate = new Map(BUILT_IN_ROLES.map((r) => [r.templateId, r]));
const byName = new Map(BUILT_IN_ROLES.map((r) => [r.displayName.toLowerCase(), r]));

/** Resolves a role given as a display name ("Authentication Administrator") or a template id. */
export function findRole(nameOrTemplateId: string): BuiltInRole | undefined {
  return byTemplate.get(nameOrTemplateId.toLowerCase()) ?? byName.get(nameOrTemplateId.trim().toLowerCase());
}

export function roleByTemplateId(templateId: string): BuiltInRole | undefined {
  return byTemplate.get(templateId.toLowerCase());
}
