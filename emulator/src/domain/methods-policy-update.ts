/**
 * Changes to the authentication methods policy: PATCH of a method configuration (only sent properties
 * change; behavior.md 1.9), DELETE (reset to defaults), PATCH of the root (registration campaign,
 * migration state, beta settings). Inputs have passed the edge's zod schemas; the rules that need the
 * tenant (targets exist, TAP ranges after merge, number matching, email OTP) live here.
 */
import type { TenantState } from "./state";
import type { MethodConfigurationId } from "./method-kinds";
import { badRequest } from "./errors";
import { ALL_USERS } from "./methods-policy";
import { defaultMethodConfiguration } from "./methods-policy-defaults";
import { applyMigrationState } from "./migration-state";

type Json = Record<string, unknown>;

export interface PropertyChange {
  displayName: string;
  oldValue: string | null;
  newValue: string | null;
}

/** TAP policy ranges (behavior.md 1.1, surface.md §4.5). */
export const TAP_LIFETIME_RANGE = { min: 10, max: 43200 } as const;
export const TAP_LENGTH_RANGE = { min: 8, max: 48 } as const;

/** The null GUID Microsoft uses as "no exclude target" in Authenticator feature settings. */
const NULL_GUID = "00000000-0000-0000-0000-000000000000";

/**
 * Every target must name something that exists: `all_users`, a group of the tenant, or (targetType
 * `user`) a user. An unknown id is refused with a Graph 400 ([INFERRED]: the docs do not quote the
 * service's wording).
 */
export function checkTargets(state: TenantState, targets: { id?: string | null; targetType?: string }[] | undefined, path: string): void {
  (targets ?? []).forEach((t, i) => {
    const id = String(t.id ?? "").toLowerCase();
    const type = t.targetType ?? "group";
    if (type === "group" && (id === ALL_USERS || id === NULL_GUID || state.groups.some((g) => g.id === id))) return;
    if (type === "user" && state.users.some((u) => u.id === id)) return;
    if (type === "role" || type === "administrativeUnit") return;
    throw badRequest(`Invalid value specified for property '${path}[${i}].id': the ${type} '${t.id}' does not exist in the tenant.`);
  });
}

/** Canonical group ids (lower case) so look-ups by id work whatever casing the caller sent. */
function normalizeTargets(targets: unknown): unknown {
  if (!Array.isArray(targets)) return targets;
  return targets.map((t) => (t && typeof t === "object" ? { ...t, id: String((t as Json).id).toLowerCase() === ALL_USERS ? ALL_USERS : (t as Json).id } : t));
}

function checkTap(c: Json): void {
  const lifetimes = ["minimumLifetimeInMinutes", "maximumLifetimeInMinutes", "defaultLifetimeInMinutes"] as const;
  for (const p of lifetimes) {
    const v = c[p] as number;
    if (v < TAP_LIFETIME_RANGE.min || v > TAP_LIFETIME_RANGE.max)
      throw badRequest(`Invalid ${p} specified. The valid range between ${TAP_LIFETIME_RANGE.min} and ${TAP_LIFETIME_RANGE.max}.`, { innerMessage: true });
  }
  const min = c.minimumLifetimeInMinutes as number, max = c.maximumLifetimeInMinutes as number, def = c.defaultLifetimeInMinutes as number;
  if (min > max) throw badRequest(`Invalid minimumLifetimeInMinutes specified. It must not be greater than maximumLifetimeInMinutes (${max}).`, { innerMessage: true });
  if (def < min || def > max)
    throw badRequest(`Invalid defaultLifetimeInMinutes specified. The valid range between ${min} and ${max}.`, { innerMessage: true });
  const len = c.defaultLength as number;
  if (len < TAP_LENGTH_RANGE.min || len > TAP_LENGTH_RANGE.max)
    throw badRequest(`Invalid defaultLength specified. The valid range between ${TAP_LENGTH_RANGE.min} and ${TAP_LENGTH_RANGE.max}.`, { innerMessage: true });
}

/** Authenticator feature settings merge per feature; number matching can never be turned off (2.25, 2.26). */
function mergeFeatureSettings(current: Json, patch: Json): Json {
  const out: Json = { ...current };
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const merged = { ...((current[name] as Json | undefined) ?? {}), ...(value as Json) };
    if (name === "numberMatchingRequiredState" && merged.state !== "enabled" && merged.state !== "default")
      throw badRequest(
        "Number matching cannot be disabled: it is enforced for all Microsoft Authenticator push notifications since May 8, 2023.",
      );
    if (name === "numberMatchingRequiredState") merged.state = "enabled";
    out[name] = merged;
  }
  return out;
}

const show = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** The properties that differ between two Graph-shaped objects (top level), for audit entries. */
export function diffProperties(before: Json, after: Json): PropertyChange[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ displayName: k, oldValue: show(before[k]), newValue: show(after[k]) }));
}

/**
 * PATCH of one configuration: merges the sent properties over the stored ones (arrays such as
 * `includeTargets` are replaced), validates the result, stores it. Returns the changed properties.
 */
export function updateMethodConfiguration(state: TenantState, id: MethodConfigurationId, patch: Json, now: Date): PropertyChange[] {
  const before = state.methodsPolicy.configurations[id] ?? defaultMethodConfiguration(id);
  const after: Json = { ...before };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || k === "id" || k === "@odata.type") continue;
    if (k === "featureSettings") after.featureSettings = mergeFeatureSettings((before.featureSettings as Json) ?? {}, v as Json);
    else if (k === "keyRestrictions" || k === "authenticationModeConfiguration" || k === "crlValidationConfiguration" || k === "issuerHintsConfiguration")
      after[k] = { ...((before[k] as Json | undefined) ?? {}), ...(v as Json) };
    else after[k] = k === "includeTargets" || k === "excludeTargets" ? normalizeTargets(v) : v;
  }
  checkTargets(state, after.includeTargets as Json[], "includeTargets");
  checkTargets(state, after.excludeTargets as Json[], "excludeTargets");
  if (id === "TemporaryAccessPass") checkTap(after);
  if (id === "MicrosoftAuthenticator") {
    const fs = (after.featureSettings as Json | undefined) ?? {};
    for (const [name, f] of Object.entries(fs)) {
      const feature = f as Json;
      if (feature.includeTarget) checkTargets(state, [feature.includeTarget as Json], `featureSettings.${name}.includeTarget`);
      if (feature.excludeTarget) checkTargets(state, [feature.excludeTarget as Json], `featureSettings.${name}.excludeTarget`);
    }
  }
  // Email OTP cannot be disabled while External ID users may use it (behavior.md 2.20).
  if (id === "Email" && after.state === "disabled" && after.allowExternalIdToUseEmailOtp === "enabled")
    throw badRequest("Email OTP cannot be disabled while allowExternalIdToUseEmailOtp is enabled.");
  state.methodsPolicy.configurations[id] = after;
  state.methodsPolicy.root.lastModifiedDateTime = now.toISOString();
  return diffProperties(before, after);
}

/** DELETE of a configuration: reverts it to its default configuration (the object keeps existing). */
export function resetMethodConfiguration(state: TenantState, id: MethodConfigurationId, now: Date): PropertyChange[] {
  const before = state.methodsPolicy.configurations[id] ?? {};
  const after = defaultMethodConfiguration(id);
  state.methodsPolicy.configurations[id] = after;
  state.methodsPolicy.root.lastModifiedDateTime = now.toISOString();
  return diffProperties(before, after);
}

/** Root properties that are read-only: accepted in a body (tools PATCH what they GET) but ignored. */
export const READ_ONLY_ROOT = new Set(["id", "displayName", "description", "lastModifiedDateTime", "policyVersion"]);

/**
 * PATCH of the root policy: the registration campaign merges property by property (its target lists
 * are replaced), `policyMigrationState` goes through the state machine, the others are replaced.
 */
export function updatePolicyRoot(state: TenantState, patch: Json, now: Date): PropertyChange[] {
  const root = state.methodsPolicy.root;
  const before = structuredClone(root);
  if (patch.authenticationMethodConfigurations !== undefined)
    throw badRequest("authenticationMethodConfigurations cannot be changed here: PATCH /policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id}.");
  const enforcement = (patch.registrationEnforcement as Json | undefined)?.authenticationMethodsRegistrationCampaign as Json | undefined;
  if (enforcement) {
    checkTargets(state, enforcement.includeTargets as Json[] | undefined, "registrationEnforcement.authenticationMethodsRegistrationCampaign.includeTargets");
    checkTargets(state, enforcement.excludeTargets as Json[] | undefined, "registrationEnforcement.authenticationMethodsRegistrationCampaign.excludeTargets");
  }
  const rsa = patch.reportSuspiciousActivitySettings as Json | undefined;
  if (rsa?.includeTarget) checkTargets(state, [rsa.includeTarget as Json], "reportSuspiciousActivitySettings.includeTarget");
  const scp = patch.systemCredentialPreferences as Json | undefined;
  if (scp) {
    checkTargets(state, scp.includeTargets as Json[] | undefined, "systemCredentialPreferences.includeTargets");
    checkTargets(state, scp.excludeTargets as Json[] | undefined, "systemCredentialPreferences.excludeTargets");
  }
  // Validate everything before changing anything: the migration state last, it can still refuse.
  if (patch.policyMigrationState !== undefined) applyMigrationState(state, patch.policyMigrationState);
  if (enforcement) {
    const current = ((root.registrationEnforcement as Json | undefined)?.authenticationMethodsRegistrationCampaign as Json | undefined) ?? {};
    const merged = { ...current };
    for (const [k, v] of Object.entries(enforcement)) if (v !== undefined) merged[k] = k.endsWith("Targets") ? normalizeTargets(v) : v;
    root.registrationEnforcement = { ...((root.registrationEnforcement as Json | undefined) ?? {}), authenticationMethodsRegistrationCampaign: merged };
  }
  for (const k of ["reconfirmationInDays", "reportSuspiciousActivitySettings", "systemCredentialPreferences", "microsoftAuthenticatorPlatformSettings"]) {
    if (patch[k] === undefined) continue;
    const v = patch[k];
    root[k] = v && typeof v === "object" && !Array.isArray(v) && root[k] && typeof root[k] === "object" ? { ...(root[k] as Json), ...(v as Json) } : v;
  }
  root.lastModifiedDateTime = now.toISOString();
  return diffProperties(before, root).filter((c) => c.displayName !== "lastModifiedDateTime");
}
