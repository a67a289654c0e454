/**
 * The `conditionalAccessPolicy` request body (POST and PATCH) and its normalization into the stored
 * shape (policy-normalize.ts). Enum values are checked here; cross-field rules live in policy-rules.ts.
 */
import { z } from "zod";

/** OData annotations (`@odata.type`) are accepted on every object and dropped. */
export function stripAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAnnotations);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith("@odata.") && !k.includes("@odata.")).map(([k, v]) => [k, stripAnnotations(v)]));
  return value;
}

const strings = z.array(z.string());
export const RISK_LEVELS = ["low", "medium", "high", "hidden", "none", "unknownFutureValue"] as const;
export const CLIENT_APP_TYPES = ["all", "browser", "mobileAppsAndDesktopClients", "exchangeActiveSync", "easSupported", "other", "unknownFutureValue"] as const;
export const PLATFORMS = ["android", "iOS", "windows", "windowsPhone", "macOS", "all", "unknownFutureValue", "linux"] as const;
export const GRANT_CONTROLS = ["block", "mfa", "compliantDevice", "domainJoinedDevice", "approvedApplication", "compliantApplication", "passwordChange", "unknownFutureValue", "riskRemediation"] as const;
export const GUEST_TYPES = ["none", "internalGuest", "b2bCollaborationGuest", "b2bCollaborationMember", "b2bDirectConnectUser", "otherExternalUser", "serviceProvider", "unknownFutureValue"] as const;
export const USER_ACTIONS = ["urn:user:registersecurityinfo", "urn:user:registerdevice"] as const;

const flags = (members: readonly string[], what: string) =>
  z.string().refine((s) => s.split(",").map((x) => x.trim()).every((x) => members.includes(x)), `'${what}' must be a comma-separated list of ${members.join(", ")}`);

const filter = z.strictObject({ mode: z.enum(["include", "exclude"]), rule: z.string().min(1) });

export const guests = z.strictObject({
  guestOrExternalUserTypes: flags(GUEST_TYPES, "guestOrExternalUserTypes"),
  externalTenants: z.looseObject({ membershipKind: z.enum(["all", "enumerated", "unknownFutureValue"]), members: strings.optional() }).nullable().optional(),
});

const users = z.strictObject({
  includeUsers: strings.optional(),
  excludeUsers: strings.optional(),
  includeGroups: strings.optional(),
  excludeGroups: strings.optional(),
  includeRoles: strings.optional(),
  excludeRoles: strings.optional(),
  includeGuestsOrExternalUsers: guests.nullable().optional(),
  excludeGuestsOrExternalUsers: guests.nullable().optional(),
});

const applications = z.strictObject({
  includeApplications: strings.optional(),
  excludeApplications: strings.optional(),
  includeUserActions: z.array(z.string()).optional(),
  includeAuthenticationContextClassReferences: strings.optional(),
  applicationFilter: filter.nullable().optional(),
  // beta-only members, accepted and ignored
  networkAccess: z.unknown().optional(),
  globalSecureAccess: z.unknown().optional(),
});

export const conditionsSchema = z.strictObject({
  users: users.nullable().optional(),
  applications: applications.nullable().optional(),
  clientAppTypes: z.array(z.enum(CLIENT_APP_TYPES)).optional(),
  platforms: z.strictObject({ includePlatforms: z.array(z.enum(PLATFORMS)).optional(), excludePlatforms: z.array(z.enum(PLATFORMS)).optional() }).nullable().optional(),
  locations: z.strictObject({ includeLocations: strings.optional(), excludeLocations: strings.optional() }).nullable().optional(),
  signInRiskLevels: z.array(z.enum(RISK_LEVELS)).optional(),
  userRiskLevels: z.array(z.enum(RISK_LEVELS)).optional(),
  servicePrincipalRiskLevels: z.array(z.enum(RISK_LEVELS)).optional(),
  insiderRiskLevels: flags(["minor", "moderate", "elevated", "unknownFutureValue"], "insiderRiskLevels").nullable().optional(),
  devices: z.strictObject({ deviceFilter: filter.nullable().optional() }).nullable().optional(),
  clientApplications: z.strictObject({
    includeServicePrincipals: strings.optional(), excludeServicePrincipals: strings.optional(), servicePrincipalFilter: filter.nullable().optional(),
  }).nullable().optional(),
  authenticationFlows: z.strictObject({ transferMethods: flags(["none", "deviceCodeFlow", "authenticationTransfer", "unknownFutureValue"], "transferMethods") }).nullable().optional(),
  // beta-only or deprecated conditions, accepted and ignored
  times: z.unknown().optional(),
  deviceStates: z.unknown().optional(),
  clients: z.unknown().optional(),
});

export const grantControlsSchema = z.strictObject({
  operator: z.enum(["AND", "OR"]).nullable().optional(),
  builtInControls: z.array(z.enum(GRANT_CONTROLS)).optional(),
  customAuthenticationFactors: strings.optional(),
  termsOfUse: strings.optional(),
  authenticationStrength: z.looseObject({ id: z.string().min(1) }).nullable().optional(),
});

const sessionToggle = z.looseObject({ isEnabled: z.boolean().nullable().optional() });
export const sessionControlsSchema = z.strictObject({
  applicationEnforcedRestrictions: sessionToggle.nullable().optional(),
  cloudAppSecurity: sessionToggle.extend({ cloudAppSecurityType: z.enum(["mcasConfigured", "monitorOnly", "blockDownloads", "unknownFutureValue"]).nullable().optional() }).nullable().optional(),
  persistentBrowser: sessionToggle.extend({ mode: z.enum(["always", "never", "unknownFutureValue"]).nullable().optional() }).nullable().optional(),
  signInFrequency: sessionToggle.extend({
    type: z.enum(["days", "hours"]).nullable().optional(),
    value: z.number().int().nullable().optional(),
    frequencyInterval: z.enum(["timeBased", "everyTime", "unknownFutureValue"]).nullable().optional(),
    authenticationType: z.enum(["primaryAndSecondaryAuthentication", "secondaryAuthentication", "unknownFutureValue"]).nullable().optional(),
  }).nullable().optional(),
  disableResilienceDefaults: z.boolean().nullable().optional(),
  secureSignInSession: sessionToggle.nullable().optional(),
  continuousAccessEvaluation: z.unknown().optional(),
  networkAccessSecurity: z.unknown().optional(),
  globalSecureAccessFilteringProfile: z.unknown().optional(),
});

const readOnly = {
  id: z.unknown().optional(),
  createdDateTime: z.unknown().optional(),
  modifiedDateTime: z.unknown().optional(),
  deletedDateTime: z.unknown().optional(),
  templateId: z.string().nullable().optional(),
  partialEnablementStrategy: z.unknown().optional(),
};

export const policyPatchSchema = z.strictObject({
  displayName: z.string().optional(),
  description: z.string().nullable().optional(),
  state: z.enum(["enabled", "disabled", "enabledForReportingButNotEnforced"]).optional(),
  conditions: conditionsSchema.optional(),
  grantControls: grantControlsSchema.nullable().optional(),
  sessionControls: sessionControlsSchema.nullable().optional(),
  ...readOnly,
});
export type PolicyPatch = z.infer<typeof policyPatchSchema>;

export const policyCreateSchema = policyPatchSchema.extend({
  displayName: z.string(),
  state: z.enum(["enabled", "disabled", "enabledForReportingButNotEnforced"]),
  conditions: conditionsSchema,
});
export type PolicyCreate = z.infer<typeof policyCreateSchema>;
