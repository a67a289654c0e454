/**
 * Conditional Access objects as stored (issue #5 owns this file), in their Graph shapes so that
 * GET returns exactly what was written and scanners read the same fields as in a real tenant.
 * Every collection is present (possibly []) and every unset complex condition is null, as the
 * service returns them (shared/graph/examples/ca-policy-create.json).
 */

export type CaPolicyState = "enabled" | "disabled" | "enabledForReportingButNotEnforced";

export interface CaGuestsOrExternalUsers {
  /** Flags enum serialized as a comma-joined string, e.g. "internalGuest,b2bCollaborationGuest". */
  guestOrExternalUserTypes: string;
  /** `{"@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", membershipKind: "all"}` or enumerated. */
  externalTenants: Record<string, unknown> | null;
}

export interface CaUsers {
  includeUsers: string[];
  excludeUsers: string[];
  includeGroups: string[];
  excludeGroups: string[];
  includeRoles: string[];
  excludeRoles: string[];
  includeGuestsOrExternalUsers: CaGuestsOrExternalUsers | null;
  excludeGuestsOrExternalUsers: CaGuestsOrExternalUsers | null;
}

export interface CaFilter {
  mode: "include" | "exclude";
  rule: string;
}

export interface CaApplications {
  includeApplications: string[];
  excludeApplications: string[];
  includeUserActions: string[];
  includeAuthenticationContextClassReferences: string[];
  applicationFilter: CaFilter | null;
}

export interface CaLocations {
  includeLocations: string[];
  excludeLocations: string[];
}

export interface CaPlatforms {
  includePlatforms: string[];
  excludePlatforms: string[];
}

export interface CaConditions {
  userRiskLevels: string[];
  signInRiskLevels: string[];
  clientAppTypes: string[];
  servicePrincipalRiskLevels: string[];
  insiderRiskLevels: string | null;
  platforms: CaPlatforms | null;
  locations: CaLocations | null;
  devices: { deviceFilter: CaFilter | null } | null;
  clientApplications: { includeServicePrincipals: string[]; excludeServicePrincipals: string[]; servicePrincipalFilter: CaFilter | null } | null;
  authenticationFlows: { transferMethods: string } | null;
  applications: CaApplications;
  users: CaUsers;
}

export interface CaGrantControls {
  operator: "AND" | "OR";
  builtInControls: string[];
  customAuthenticationFactors: string[];
  termsOfUse: string[];
  /** Stored as a reference; serialization expands it to the strength policy. */
  authenticationStrength: { id: string } | null;
}

export interface CaPolicy {
  id: string;
  templateId: string | null;
  displayName: string;
  description: string | null;
  createdDateTime: string | null;
  modifiedDateTime: string | null;
  state: CaPolicyState;
  conditions: CaConditions;
  grantControls: CaGrantControls | null;
  sessionControls: Record<string, unknown> | null;
}

export interface CidrRange {
  "@odata.type": "#microsoft.graph.iPv4CidrRange" | "#microsoft.graph.iPv6CidrRange";
  cidrAddress: string;
}

export interface IpNamedLocation {
  "@odata.type": "#microsoft.graph.ipNamedLocation";
  id: string;
  displayName: string;
  createdDateTime: string | null;
  modifiedDateTime: string | null;
  isTrusted: boolean;
  ipRanges: CidrRange[];
}

export interface CountryNamedLocation {
  "@odata.type": "#microsoft.graph.countryNamedLocation";
  id: string;
  displayName: string;
  createdDateTime: string | null;
  modifiedDateTime: string | null;
  countriesAndRegions: string[];
  includeUnknownCountriesAndRegions: boolean;
  countryLookupMethod: "clientIpAddress" | "authenticatorAppGps";
}

export type NamedLocation = IpNamedLocation | CountryNamedLocation;

export interface AuthenticationStrengthPolicy {
  id: string;
  createdDateTime: string;
  modifiedDateTime: string;
  displayName: string;
  description: string | null;
  policyType: "builtIn" | "custom";
  requirementsSatisfied: "mfa" | "none";
  /** Combinations of authenticationMethodModes, each a comma-joined string ("password,sms"). */
  allowedCombinations: string[];
}

export interface ConditionalAccessState {
  policies: CaPolicy[];
  namedLocations: NamedLocation[];
  /** Custom authentication strengths (the built-in ones are constants in code, see strengths.ts). */
  authenticationStrengths: AuthenticationStrengthPolicy[];
}

export function emptyConditionalAccess(): ConditionalAccessState {
  return { policies: [], namedLocations: [], authenticationStrengths: [] };
}
