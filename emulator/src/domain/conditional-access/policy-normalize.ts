/**
 * Request bodies to stored policies: every collection present ([]), unset complex conditions null
 * (shared/graph/surface.md §5.2, examples/ca-policy-create.json), and PATCH merging.
 */
import type { z } from "zod";
import type { CaConditions, CaGrantControls, CaGuestsOrExternalUsers, CaPolicy } from "./types";
import { stripAnnotations, type conditionsSchema, type grantControlsSchema, type guests, type PolicyCreate, type PolicyPatch, type sessionControlsSchema } from "./policy-schema";

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

/** Session controls as the service returns them: unset members null, signInFrequency with its defaults. */
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
