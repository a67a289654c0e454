/**
 * The `conditionalAccessPolicy` request body (POST and PATCH) and its normalization into the stored
 * shape: every collection present ([]), unset complex conditions null (shared/graph/surface.md §5.2,
 * examples/ca-policy-create.json). Enum values are checked here; cross-field rules live in
 * policy-rules.ts.
 */
import { z } from "zod";
import type { CaConditions, CaGrantControls, CaGuestsOrExternalUsers, CaPolicy } from "./types";

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

const guests = z.strictObject({
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

const arr = (v: string[] | undefined | null) => [...(v ?? [])];

function normGuests(g: z.infer<typeof guests> | null | undefined): CaGuestsOrExternalUsers | null {
  if (!g) return null;
  const kind = g.externalTenants?.membershipKind;
  const externalTenants = !g.externalTenants
    ? null
    : kind === "enumerated"
      ? { "@odata.type": "#microsoft.graph.conditionalAccessEnumeratedExternalTenants", membershipKind: "enumerated", members: arr(g.externalTenants.members) }
      : { "@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", membershipKind: kind ?? "all" };
  return { guestOrExternalUserTypes: g.guestOrExternalUserTypes.split(",").map((s) => s.trim()).join(","), externalTenants };
}

/** Fills every collection and null, producing the stored condition set. */
export function normalizeConditions(c: z.infer<typeof conditionsSchema>): CaConditions {
  const u = c.users ?? {};
  const a = c.applications ?? {};
  return {
    userRiskLevels: arr(c.userRiskLevels),
    signInRiskLevels: arr(c.signInRiskLevels),
    clientAppTypes: c.clientAppTypes?.length ? [...c.clientAppTypes] : ["all"],
    servicePrincipalRiskLevels: arr(c.servicePrincipalRiskLevels),
    insiderRiskLevels: c.insiderRiskLevels ?? null,
    platforms: c.platforms ? { includePlatforms: arr(c.platforms.includePlatforms), excludePlatforms: arr(c.platforms.excludePlatforms) } : null,
    locations: c.locations ? { includeLocations: arr(c.locations.includeLocations), excludeLocations: arr(c.locations.excludeLocations) } : null,
    devices: c.devices ? { deviceFilter: c.devices.deviceFilter ?? null } : null,
    clientApplications: c.clientApplications
      ? { includeServicePrincipals: arr(c.clientApplications.includeServicePrincipals), excludeServicePrincipals: arr(c.clientApplications.excludeServicePrincipals), servicePrincipalFilter: c.clientApplications.servicePrincipalFilter ?? null }
      : null,
    authenticationFlows: c.authenticationFlows ? { transferMethods: c.authenticationFlows.transferMethods } : null,
    applications: {
      includeApplications: arr(a.includeApplications),
      excludeApplications: arr(a.excludeApplications),
      includeUserActions: arr(a.includeUserActions),
      includeAuthenticationContextClassReferences: arr(a.includeAuthenticationContextClassReferences),
      applicationFilter: a.applicationFilter ?? null,
    },
    users: {
      includeUsers: arr(u.includeUsers),
      excludeUsers: arr(u.excludeUsers),
      includeGroups: arr(u.includeGroups),
      excludeGroups: arr(u.excludeGroups),
      includeRoles: arr(u.includeRoles),
      excludeRoles: arr(u.excludeRoles),
      includeGuestsOrExternalUsers: normGuests(u.includeGuestsOrExternalUsers),
      excludeGuestsOrExternalUsers: normGuests(u.excludeGuestsOrExternalUsers),
    },
  };
}

/** A grant with no control at all is stored as null (the policy then needs session controls). */
export function normalizeGrant(g: z.infer<typeof grantControlsSchema> | null | undefined): CaGrantControls | null {
  if (!g) return null;
  const out: CaGrantControls = {
    operator: g.operator ?? "OR",
    builtInControls: arr(g.builtInControls),
    customAuthenticationFactors: arr(g.customAuthenticationFactors),
    termsOfUse: arr(g.termsOfUse),
    authenticationStrength: g.authenticationStrength ? { id: g.authenticationStrength.id.toLowerCase() } : null,
  };
  const empty = !out.builtInControls.length && !out.customAuthenticationFactors.length && !out.termsOfUse.length && !out.authenticationStrength;
  return empty ? null : out;
}

export function normalizeSession(s: z.infer<typeof sessionControlsSchema> | null | undefined): Record<string, unknown> | null {
  if (!s) return null;
  const pick = <T>(v: T | null | undefined) => (v === undefined ? null : v);
  const out: Record<string, unknown> = {
    disableResilienceDefaults: s.disableResilienceDefaults ?? null,
    applicationEnforcedRestrictions: pick(s.applicationEnforcedRestrictions),
    cloudAppSecurity: pick(s.cloudAppSecurity),
    persistentBrowser: pick(s.persistentBrowser),
    signInFrequency: s.signInFrequency
      ? { value: null, type: null, authenticationType: "primaryAndSecondaryAuthentication", frequencyInterval: "timeBased", isEnabled: null, ...s.signInFrequency }
      : null,
  };
  if (s.secureSignInSession !== undefined) out.secureSignInSession = s.secureSignInSession;
  const anything = Object.values(out).some((v) => v !== null && v !== undefined);
  return anything ? out : null;
}

/** A new stored policy from a validated create body. */
export function policyFromCreate(body: PolicyCreate, id: string, nowIso: string | null): CaPolicy {
  return {
    id,
    templateId: body.templateId ?? null,
    displayName: body.displayName,
    description: body.description ?? null,
    createdDateTime: nowIso,
    modifiedDateTime: null,
    state: body.state,
    conditions: normalizeConditions(body.conditions),
    grantControls: normalizeGrant(body.grantControls),
    sessionControls: normalizeSession(body.sessionControls),
  };
}

/**
 * PATCH semantics (GD conditionalaccesspolicy-update.md: "omitted properties keep their values"):
 * top-level properties replace; inside `conditions`, each supplied condition replaces that condition,
 * and inside `users`/`applications` each supplied list replaces that list.
 */
export function applyPolicyPatch(current: CaPolicy, patch: PolicyPatch, nowIso: string): CaPolicy {
  const next: CaPolicy = structuredClone(current);
  if (patch.displayName !== undefined) next.displayName = patch.displayName;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.state !== undefined) next.state = patch.state;
  if (patch.conditions) {
    const merged = { ...conditionsAsInput(current.conditions), ...patch.conditions } as z.infer<typeof conditionsSchema>;
    if (patch.conditions.users) merged.users = { ...conditionsAsInput(current.conditions).users, ...patch.conditions.users };
    if (patch.conditions.applications) merged.applications = { ...conditionsAsInput(current.conditions).applications, ...patch.conditions.applications };
    next.conditions = normalizeConditions(merged);
  }
  if (patch.grantControls !== undefined) next.grantControls = normalizeGrant(patch.grantControls);
  if (patch.sessionControls !== undefined) next.sessionControls = normalizeSession(patch.sessionControls);
  next.modifiedDateTime = nowIso;
  return next;
}

function conditionsAsInput(c: CaConditions): z.infer<typeof conditionsSchema> {
  return JSON.parse(JSON.stringify(stripAnnotations(c))) as z.infer<typeof conditionsSchema>;
}
