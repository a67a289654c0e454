/**
 * Microsoft Graph permissions the emulator understands (names as in Microsoft's permissions reference).
 * Application permissions appear in app-only tokens as `roles`, delegated ones as `scp`.
 * A name implies others: ReadWrite implies Read, `.All` write implies the narrower reads (see `implied`).
 */
export const GRAPH_PERMISSIONS = [
  "User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All",
  "User.DeleteRestore.All", "User.EnableDisableAccount.All", "User-PasswordProfile.ReadWrite.All",
  "User-Phone.ReadWrite.All", "User-Mail.ReadWrite.All", "User.ManageIdentities.All",
  "Directory.Read.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All",
  "Group.Read.All", "Group.ReadWrite.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All",
  "Domain.Read.All", "Domain.ReadWrite.All", "Organization.Read.All", "Organization.ReadWrite.All",
  "RoleManagement.Read.Directory", "RoleManagement.ReadWrite.Directory", "RoleManagement.Read.All",
  "UserAuthenticationMethod.Read", "UserAuthenticationMethod.Read.All",
  "UserAuthenticationMethod.ReadWrite", "UserAuthenticationMethod.ReadWrite.All",
  "UserAuthMethod-TAP.Read", "UserAuthMethod-TAP.Read.All", "UserAuthMethod-TAP.ReadWrite", "UserAuthMethod-TAP.ReadWrite.All",
  "UserAuthMethod-Phone.Read", "UserAuthMethod-Phone.Read.All", "UserAuthMethod-Phone.ReadWrite", "UserAuthMethod-Phone.ReadWrite.All",
  "UserAuthMethod-Email.Read", "UserAuthMethod-Email.Read.All", "UserAuthMethod-Email.ReadWrite", "UserAuthMethod-Email.ReadWrite.All",
  "UserAuthMethod-SoftwareOATH.Read", "UserAuthMethod-SoftwareOATH.Read.All", "UserAuthMethod-SoftwareOATH.ReadWrite", "UserAuthMethod-SoftwareOATH.ReadWrite.All",
  "UserAuthMethod-MicrosoftAuthApp.Read", "UserAuthMethod-MicrosoftAuthApp.Read.All", "UserAuthMethod-MicrosoftAuthApp.ReadWrite", "UserAuthMethod-MicrosoftAuthApp.ReadWrite.All",
  "UserAuthMethod-Passkey.Read", "UserAuthMethod-Passkey.Read.All", "UserAuthMethod-Passkey.ReadWrite", "UserAuthMethod-Passkey.ReadWrite.All",
  "UserAuthMethod-WindowsHello.Read", "UserAuthMethod-WindowsHello.Read.All", "UserAuthMethod-WindowsHello.ReadWrite", "UserAuthMethod-WindowsHello.ReadWrite.All",
  "UserAuthMethod-Password.Read", "UserAuthMethod-Password.Read.All", "UserAuthMethod-Password.ReadWrite", "UserAuthMethod-Password.ReadWrite.All",
  "Policy.Read.All", "Policy.Read.AuthenticationMethod", "Policy.ReadWrite.AuthenticationMethod",
  "Policy.Read.ConditionalAccess", "Policy.ReadWrite.ConditionalAccess", "Application.Read.All", "Application.ReadWrite.All",
  "AuditLog.Read.All", "openid", "profile", "email", "offline_access",
] as const;

const known = new Map(GRAPH_PERMISSIONS.map((p) => [p.toLowerCase(), p as string]));

/** The canonical spelling of a permission name, or undefined when the emulator does not know it. */
export function canonicalPermission(name: string): string | undefined {
  return known.get(name.toLowerCase());
}

/** The OIDC scopes that are not Graph permissions and never appear in `scp` of a Graph token. */
export const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

/**
 * True when `granted` (a token's roles or scp) contains any of `anyOf`. Matching is case-insensitive,
 * and `Directory.ReadWrite.All` stands in for any `*.Read*.All` directory read, as it does in Graph.
 */
export function hasAnyPermission(granted: readonly string[], anyOf: readonly string[]): boolean {
  const g = new Set(granted.map((p) => p.toLowerCase()));
  return anyOf.some((p) => g.has(p.toLowerCase()));
}
