/** Directory objects as the emulator stores them (Graph-like, plus the secrets kept only as hashes). */

export type DomainAuthenticationType = "Managed" | "Federated";

export interface DirectoryDomain {
  id: string; // the FQDN
  authenticationType: DomainAuthenticationType;
  isDefault: boolean;
  isInitial: boolean;
  isVerified: boolean;
  /** For federated domains: the display name of the mock federated IdP the sign-in redirects to. */
  federatedIdpDisplayName?: string;
}

export type UserType = "Member" | "Guest";

export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  mailNickname: string;
  jobTitle: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
  otherMails: string[];
  officeLocation: string | null;
  preferredLanguage: string | null;
  usageLocation: string | null;
  accountEnabled: boolean;
  userType: UserType;
  /** `Invitation` for B2B guests, null for members created in the directory. */
  creationType: string | null;
  externalUserState: string | null;
  onPremisesImmutableId: string | null;
  createdDateTime: string;
  lastPasswordChangeDateTime: string;
  /** Salted hash of the password; the plaintext is never stored. */
  passwordHash: string;
  forceChangePasswordNextSignIn: boolean;
  /** Refresh tokens issued before this instant are revoked (password change, revokeSignInSessions). */
  signInSessionsValidFromDateTime: string;
  /** Free-form labels fixtures may set (e.g. "breakGlass") so scenarios can find accounts; not a Graph property. */
  tags: string[];
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  createdDateTime: string;
  /** Object ids of direct members (users or groups). */
  members: string[];
}

export interface DirectoryApplication {
  /** Object id of the application (and of its service principal: the emulator keeps one object). */
  id: string;
  appId: string;
  displayName: string;
  /** Salted hash of the client secret; absent for public clients. */
  clientSecretHash: string | null;
  /**
   * Public certificates (PEM) registered as credentials (Graph `keyCredentials`): a `client_assertion`
   * signed with one of their keys authenticates the app. Absent or empty: secrets only.
   */
  certificates?: string[];
  redirectUris: string[];
  isPublicClient: boolean;
  /** Graph application permissions (app roles) granted with admin consent, e.g. "User.Read.All". */
  applicationPermissions: string[];
  /** Delegated Graph scopes consented for users; null = everything requested is consented. */
  delegatedPermissions: string[] | null;
  createdDateTime: string;
}

export interface RoleAssignment {
  id: string;
  roleDefinitionId: string; // the template id for built-in roles
  principalId: string;
  directoryScopeId: string;
}
