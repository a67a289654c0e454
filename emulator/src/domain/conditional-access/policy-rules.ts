/**
 * Server-side rules a Conditional Access policy must pass before it is stored (the real service answers
 * 400 `BadRequest` otherwise). Sources: GD conditionalaccessroot-post-policies.md (a policy needs a user
 * rule, an application rule and a grant or session control), behavior.md 3.10 (externalTenants),
 * 3.13/3.16 (user actions), 3.19 (locations), 3.26-3.29 (grant controls); message `1012` as the service
 * words it (GI nicolonsky/ModernWorkplaceConcierge#50).
 */
import type { TenantState } from "../state";
import { badRequest } from "../errors";
import type { CaPolicy } from "./types";
import { findStrength } from "./strengths";
import { MFA_TRUSTED_IPS_LOCATION_ID } from "./conditions";
import { USER_ACTIONS } from "./policy-schema";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fail = (message: string) => badRequest(message, { graphCode: "BadRequest", innerMessage: true });

function checkIds(list: string[], field: string, keywords: readonly string[]) {
  for (const v of list) {
    if (keywords.some((k) => k.toLowerCase() === v.toLowerCase())) continue;
    if (!GUID.test(v)) throw fail(`1007: Invalid value '${v}' in '${field}': expected an object id${keywords.length ? ` or one of ${keywords.join(", ")}` : ""}.`);
  }
}

/** Throws a Graph 400 naming the first rule the policy breaks. */
export function validatePolicy(state: TenantState, p: CaPolicy): void {
  if (!p.displayName.trim()) throw fail("1007: displayName is required.");
  const u = p.conditions.users;
  const a = p.conditions.applications;

  // Users (3.8, 3.10)
  checkIds(u.includeUsers, "includeUsers", ["All", "None", "GuestsOrExternalUsers"]);
  checkIds(u.excludeUsers, "excludeUsers", ["GuestsOrExternalUsers"]);
  for (const [k, list] of [["includeGroups", u.includeGroups], ["excludeGroups", u.excludeGroups], ["includeRoles", u.includeRoles], ["excludeRoles", u.excludeRoles]] as const)
    checkIds(list, k, []);
  const hasUserRule = u.includeUsers.length || u.includeGroups.length || u.includeRoles.length || u.includeGuestsOrExternalUsers;
  if (!hasUserRule) throw fail("1007: The policy must contain a user rule: includeUsers, includeGroups, includeRoles or includeGuestsOrExternalUsers (use includeUsers ['None'] for none).");
  for (const [k, g] of [["includeGuestsOrExternalUsers", u.includeGuestsOrExternalUsers], ["excludeGuestsOrExternalUsers", u.excludeGuestsOrExternalUsers]] as const) {
    if (!g) continue;
    const types = g.guestOrExternalUserTypes.split(",").filter((t) => t && t !== "none");
    if (!types.length) throw fail(`1007: '${k}.guestOrExternalUserTypes' must name at least one guest or external user type.`);
    if (g.externalTenants && types.length === 1 && types[0] === "internalGuest")
      throw fail(`1007: '${k}.externalTenants' can't be set when only internalGuest is selected.`);
    const members = (g.externalTenants as { membershipKind?: string; members?: string[] } | null)?.members;
    if ((g.externalTenants as { membershipKind?: string } | null)?.membershipKind === "enumerated" && !members?.length)
      throw fail(`1007: '${k}.externalTenants' with membershipKind 'enumerated' needs at least one tenant id.`);
  }

  // Target resources (3.13): apps, user actions and authentication contexts are mutually exclusive.
  const targets = [a.includeApplications.length > 0, a.includeUserActions.length > 0, a.includeAuthenticationContextClassReferences.length > 0].filter(Boolean).length;
  if (a.includeApplications.length && a.includeUserActions.length)
    throw fail("1012: 'applications' condition cannot include both 'includeApplications' and 'includeUserActions'/'includeProtectionLevels'. Please remove one of the conditions.");
  if (targets === 0) throw fail("1007: The policy must contain an application rule: includeApplications, includeUserActions or includeAuthenticationContextClassReferences (use includeApplications ['None'] for none).");
  if (targets > 1) throw fail("1012: 'applications' condition can target only one of applications, user actions or authentication contexts.");
  for (const action of a.includeUserActions)
    if (!USER_ACTIONS.includes(action.toLowerCase() as (typeof USER_ACTIONS)[number]))
      throw fail(`1007: Invalid user action '${action}'. Supported values are ${USER_ACTIONS.join(" and ")}.`);
  if (a.includeUserActions.length && (a.excludeApplications.length || a.applicationFilter))
    throw fail("1012: A policy that targets user actions can't exclude applications or use an application filter.");
  checkIds(a.includeApplications, "includeApplications", ["All", "None", "Office365", "MicrosoftAdminPortals"]);
  checkIds(a.excludeApplications, "excludeApplications", ["Office365", "MicrosoftAdminPortals"]);
  for (const c of a.includeAuthenticationContextClassReferences)
    if (!/^c([1-9]|[1-9][0-9])$/.test(c)) throw fail(`1007: Invalid authentication context '${c}': expected c1 to c99.`);

  // Locations (3.19)
  const l = p.conditions.locations;
  if (l) {
    if (!l.includeLocations.length) throw fail("1007: 'locations.includeLocations' is required when a location condition is set.");
    for (const [k, list, keywords] of [["includeLocations", l.includeLocations, ["All", "AllTrusted"]], ["excludeLocations", l.excludeLocations, ["AllTrusted"]]] as const) {
      for (const ref of list) {
        if (keywords.some((x) => x.toLowerCase() === ref.toLowerCase()) || ref === MFA_TRUSTED_IPS_LOCATION_ID) continue;
        if (!state.conditionalAccess.namedLocations.some((n) => n.id.toLowerCase() === ref.toLowerCase()))
          throw fail(`1007: '${k}' refers to '${ref}', which is not a named location of this tenant.`);
      }
    }
  }
  const pl = p.conditions.platforms;
  if (pl && !pl.includePlatforms.length) throw fail("1007: 'platforms.includePlatforms' is required when a platform condition is set.");

  validateGrantAndSession(state, p);
}

function validateGrantAndSession(state: TenantState, p: CaPolicy) {
  const g = p.grantControls;
  const a = p.conditions.applications;
  if (!g && !p.sessionControls) throw fail("1007: The policy must contain a grant control or a session control.");
  if (g) {
    const controls = g.builtInControls;
    if (controls.includes("block") && (controls.length > 1 || g.authenticationStrength || g.termsOfUse.length || g.customAuthenticationFactors.length))
      throw fail("1007: The 'block' control can't be combined with other grant controls.");
    if (controls.includes("block") && p.sessionControls) throw fail("1007: Session controls can't be used with the 'block' control.");
    // 3.28: Require MFA and Require authentication strength can't be in one policy.
    if (controls.includes("mfa") && g.authenticationStrength)
      throw fail("1007: 'mfa' and 'authenticationStrength' can't both be required by one policy.");
    if (g.authenticationStrength && !findStrength(state, g.authenticationStrength.id))
      throw fail(`1007: Authentication strength '${g.authenticationStrength.id}' does not exist.`);
    if (controls.includes("passwordChange")) checkPasswordChange(p);
    if (controls.length > 1 && !["AND", "OR"].includes(g.operator)) throw fail("1007: 'operator' must be AND or OR.");
  }
  checkSignInFrequency(p.sessionControls?.signInFrequency as SignInFrequency | null | undefined);
  // 3.16: Register or join devices allows Require MFA only, and neither client apps nor device filters.
  if (a.includeUserActions.some((x) => x.toLowerCase() === "urn:user:registerdevice")) {
    const onlyMfa = g && g.builtInControls.length === 1 && g.builtInControls[0] === "mfa" && !g.authenticationStrength && !g.termsOfUse.length && !g.customAuthenticationFactors.length;
    if (!onlyMfa) throw fail("1007: The 'Register or join devices' user action allows only the 'mfa' grant control.");
    if (p.sessionControls) throw fail("1007: The 'Register or join devices' user action does not support session controls.");
    const clientApps = p.conditions.clientAppTypes;
    if (clientApps.length && !(clientApps.length === 1 && clientApps[0] === "all"))
      throw fail("1007: The 'Register or join devices' user action does not support the client apps condition.");
    if (p.conditions.devices) throw fail("1007: The 'Register or join devices' user action does not support device filters.");
  }
}

interface SignInFrequency { isEnabled?: boolean | null; type?: string | null; value?: number | null; frequencyInterval?: string | null }

/**
 * signInFrequencySessionControl (GD signinfrequencysessioncontrol.md): a time-based frequency needs a
 * type and a value (1-23 hours or 1-365 days); `everyTime` takes neither.
 */
function checkSignInFrequency(f: SignInFrequency | null | undefined) {
  if (!f || f.isEnabled === false) return;
  if (f.frequencyInterval === "everyTime") {
    if (f.type != null || f.value != null) throw fail("1007: 'signInFrequency' with frequencyInterval 'everyTime' can't have a type or value.");
    return;
  }
  if (f.type == null || f.value == null) throw fail("1007: 'signInFrequency' needs a type (days or hours) and a value.");
  const max = f.type === "hours" ? 23 : 365;
  if (f.value < 1 || f.value > max) throw fail(`1007: 'signInFrequency.value' must be between 1 and ${max} ${f.type}.`);
}

/** 3.29: passwordChange needs mfa under AND, a user risk condition, all apps without exclusions, nothing else. */
function checkPasswordChange(p: CaPolicy) {
  const g = p.grantControls!;
  const c = p.conditions;
  if (g.operator !== "AND" || !g.builtInControls.includes("mfa"))
    throw fail("1007: 'passwordChange' must be combined with 'mfa' using the AND operator.");
  if (!c.userRiskLevels.length) throw fail("1007: 'passwordChange' requires a user risk condition (userRiskLevels).");
  const apps = c.applications;
  if (!apps.includeApplications.some((x) => x.toLowerCase() === "all") || apps.excludeApplications.length)
    throw fail("1007: 'passwordChange' requires the policy to target all applications without exclusions.");
  const others = c.signInRiskLevels.length || c.platforms || c.locations || c.devices || c.authenticationFlows || c.insiderRiskLevels ||
    (c.clientAppTypes.length && !(c.clientAppTypes.length === 1 && c.clientAppTypes[0] === "all"));
  if (others) throw fail("1007: A policy with 'passwordChange' can't contain other conditions.");
}
