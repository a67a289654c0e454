/**
 * The assignments and conditions of one policy, checked against a sign-in (behavior.md 3.2-3.25).
 * Each check returns null when it is met, or the What If reason naming the unmet condition
 * (conditionalAccessWhatIfReasons: users, application, userActions, location, ...). Inside a
 * policy every configured condition must hold (3.2) and exclusions beat inclusions (3.3).
 */
import type { TenantState } from "../state";
import type { DirectoryUser } from "../directory.types";
import { transitiveGroupIds } from "../directory";
import type { CaGuestsOrExternalUsers, CaPolicy } from "./types";
import { checkLocations } from "./locations";
import type { SignInContext } from "./evaluate";

export { isTrustedIp, MFA_TRUSTED_IPS_LOCATION_ID } from "./locations";

export type WhatIfReason =
  | "users" | "workloadIdentities" | "application" | "userActions" | "authenticationContext" | "devicePlatform"
  | "devices" | "clientApps" | "location" | "signInRisk" | "userRisk" | "insiderRisk" | "authenticationFlow"
  | "policyNotEnabled" | "notEnoughInformation";

/** What the conditions need to know about the signing-in user, computed once per evaluation. */
export interface UserFacts {
  user: DirectoryUser | undefined;
  groupIds: Set<string>;
  roleTemplateIds: Set<string>;
  /** conditionalAccessGuestOrExternalUserTypes members that describe the user ([] for members). */
  externalTypes: Set<string>;
}

/**
 * How Entra classifies a user for guest/external conditions (behavior.md 3.10): an invited user with
 * userType Guest is a B2B collaboration guest, a local Guest is an internal guest, an invited Member
 * (`#EXT#` UPN) a B2B collaboration member.
 */
export function externalUserTypes(user: DirectoryUser): Set<string> {
  const invited = user.creationType === "Invitation" || /#EXT#@/i.test(user.userPrincipalName);
  if (user.userType === "Guest") return new Set([invited ? "b2bCollaborationGuest" : "internalGuest"]);
  return new Set(invited ? ["b2bCollaborationMember"] : []);
}

/** Only tenant-wide, active assignments of built-in roles count (behavior.md 3.11). */
export function tenantWideRoleIds(state: TenantState, principals: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const a of state.roleAssignments)
    if (principals.has(a.principalId) && (a.directoryScopeId ?? "/") === "/") out.add(a.roleDefinitionId.toLowerCase());
  return out;
}

export function userFacts(state: TenantState, userId: string): UserFacts {
  const key = userId.toLowerCase();
  const user = state.users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
  if (!user) return { user, groupIds: new Set(), roleTemplateIds: new Set(), externalTypes: new Set() };
  const groupIds = transitiveGroupIds(state, user.id);
  return {
    user,
    groupIds,
    roleTemplateIds: tenantWideRoleIds(state, new Set([user.id, ...groupIds])),
    externalTypes: externalUserTypes(user),
  };
}

const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));

function guestSetMatches(set: CaGuestsOrExternalUsers | null, facts: UserFacts): boolean {
  if (!set) return false;
  const types = set.guestOrExternalUserTypes.split(",").map((t) => t.trim()).filter((t) => t && t !== "none");
  const hit = types.some((t) => facts.externalTypes.has(t));
  if (!hit) return false;
  // The emulator does not know an external user's home tenant: an enumerated list never matches them.
  const kind = (set.externalTenants as { membershipKind?: string } | null)?.membershipKind;
  if (kind === "enumerated" && !facts.externalTypes.has("internalGuest")) return false;
  return true;
}

/** Users, groups, roles and guest types (behavior.md 3.3, 3.8-3.12). */
export function checkUsers(policy: CaPolicy, facts: UserFacts): WhatIfReason | null {
  const u = policy.conditions.users;
  if (!facts.user) return "users";
  const id = facts.user.id.toLowerCase();
  const includeUsers = lower(u.includeUsers);
  const excludeUsers = lower(u.excludeUsers);
  const isExternal = facts.externalTypes.size > 0;
  const included =
    includeUsers.has("all") ||
    includeUsers.has(id) ||
    (includeUsers.has("guestsorexternalusers") && isExternal) ||
    u.includeGroups.some((g) => facts.groupIds.has(g.toLowerCase())) ||
    u.includeRoles.some((r) => facts.roleTemplateIds.has(r.toLowerCase())) ||
    guestSetMatches(u.includeGuestsOrExternalUsers, facts);
  if (!included) return "users";
  const excluded =
    excludeUsers.has(id) ||
    (excludeUsers.has("guestsorexternalusers") && isExternal) ||
    u.excludeGroups.some((g) => facts.groupIds.has(g.toLowerCase())) ||
    u.excludeRoles.some((r) => facts.roleTemplateIds.has(r.toLowerCase())) ||
    guestSetMatches(u.excludeGuestsOrExternalUsers, facts);
  return excluded ? "users" : null;
}

/**
 * App ids inside the `Office365` and `MicrosoftAdminPortals` groups that the emulator recognises
 * (a partial list; What If never expands groups, behavior.md 3.43).
 */
const APP_GROUPS: Record<string, readonly string[]> = {
  office365: [
    "00000002-0000-0ff1-ce00-000000000000", // Exchange Online
    "00000003-0000-0ff1-ce00-000000000000", // SharePoint Online
    "00000004-0000-0ff1-ce00-000000000000", // Skype for Business Online
    "00000006-0000-0ff1-ce00-000000000000", // Microsoft Office 365 Portal
    "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", // Microsoft Teams Services
    "4765445b-32c6-49b0-83e6-1d93765276ca", // OfficeHome
  ],
  microsoftadminportals: [
    "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", // Azure portal
    "00000006-0000-0ff1-ce00-000000000000", // Microsoft 365 admin center
  ],
};

function appListMatches(list: readonly string[], appId: string, expandGroups: boolean): boolean {
  const key = appId.toLowerCase();
  return list.some((entry) => {
    const e = entry.toLowerCase();
    if (e === key) return true;
    return expandGroups && (APP_GROUPS[e]?.includes(key) ?? false);
  });
}

/**
 * Target resources (behavior.md 3.13-3.18): user actions match only their own action; authentication
 * contexts their class reference; `All` covers every resource including the registration flows;
 * a sign-in without an app (a pure user action) matches only `All` among application targets.
 */
export function checkApplications(policy: CaPolicy, ctx: SignInContext): WhatIfReason | null {
  const a = policy.conditions.applications;
  if (a.includeUserActions.length) {
    return ctx.userAction && a.includeUserActions.some((x) => x.toLowerCase() === ctx.userAction) ? null : "userActions";
  }
  if (a.includeAuthenticationContextClassReferences.length) {
    const acr = ctx.authenticationContext?.toLowerCase();
    return acr && a.includeAuthenticationContextClassReferences.some((c) => c.toLowerCase() === acr) ? null : "authenticationContext";
  }
  const include = lower(a.includeApplications);
  if (include.has("none") || include.size === 0) return "application";
  const expand = ctx.mode !== "whatIf";
  // The target is the resource when the sign-in names one, else the app signed in to.
  const appId = ctx.resourceAppId ?? ctx.appId;
  const included = include.has("all") || (appId !== null && appListMatches(a.includeApplications, appId, expand));
  if (!included) return "application";
  if (appId !== null && appListMatches(a.excludeApplications, appId, expand)) return "application";
  // Application filters need custom security attributes the emulator does not store: an include
  // filter matches nothing, an exclude filter excludes nothing.
  if (a.applicationFilter?.mode === "include") return "application";
  return null;
}

/** Client apps (behavior.md 3.7): an unconfigured condition (`all` or []) matches every client. */
export function checkClientApps(policy: CaPolicy, ctx: SignInContext): WhatIfReason | null {
  const types = policy.conditions.clientAppTypes;
  if (types.length === 0 || types.includes("all")) return null;
  if (ctx.clientAppTypeUnknown) return "clientApps";
  if (types.includes(ctx.clientAppType)) return null;
  if (ctx.clientAppType === "exchangeActiveSync" && types.includes("easSupported")) return null;
  return "clientApps";
}

/** Device platforms (behavior.md 3.7): `all` includes unknown platforms; exclusions win. */
export function checkPlatforms(policy: CaPolicy, ctx: SignInContext): WhatIfReason | null {
  const p = policy.conditions.platforms;
  if (!p) return null;
  const platform = ctx.devicePlatform;
  if (ctx.mode === "whatIf" && platform === "unknown") return "devicePlatform";
  const include = p.includePlatforms;
  if (!include.includes("all") && !include.includes(platform)) return "devicePlatform";
  if (p.excludePlatforms.includes(platform)) return "devicePlatform";
  return null;
}

function riskMatches(levels: readonly string[], value: string | null | undefined, mode: SignInContext["mode"]): boolean {
  if (levels.length === 0) return true;
  if (value == null && mode === "whatIf") return false;
  return levels.includes(value ?? "none");
}

/** Risk conditions are stored and matched against the context's levels; sign-ins carry risk `none`. */
export function checkRisk(policy: CaPolicy, ctx: SignInContext): WhatIfReason | null {
  const c = policy.conditions;
  if (!riskMatches(c.userRiskLevels, ctx.userRiskLevel, ctx.mode)) return "userRisk";
  if (!riskMatches(c.signInRiskLevels, ctx.signInRiskLevel, ctx.mode)) return "signInRisk";
  if (c.insiderRiskLevels) {
    const levels = c.insiderRiskLevels.split(",").map((s) => s.trim());
    if (!ctx.insiderRiskLevel || !levels.includes(ctx.insiderRiskLevel)) return "insiderRisk";
  }
  return null;
}

/** Device filters cannot be evaluated without device objects: include matches nothing, exclude nothing. */
export function checkDevices(policy: CaPolicy): WhatIfReason | null {
  return policy.conditions.devices?.deviceFilter?.mode === "include" ? "devices" : null;
}

/** Authentication flows (device code, transfer): the policy applies only to those flows. */
export function checkAuthenticationFlows(policy: CaPolicy, ctx: SignInContext): WhatIfReason | null {
  const f = policy.conditions.authenticationFlows;
  if (!f) return null;
  const methods = f.transferMethods.split(",").map((s) => s.trim()).filter((s) => s && s !== "none");
  if (methods.length === 0) return null;
  return ctx.authenticationFlow && methods.includes(ctx.authenticationFlow) ? null : "authenticationFlow";
}

/** Policies for workload identities (service principals) never apply to a user sign-in. */
export function checkWorkloadIdentities(policy: CaPolicy): WhatIfReason | null {
  const c = policy.conditions.clientApplications;
  return c && (c.includeServicePrincipals.length > 0 || c.servicePrincipalFilter) ? "workloadIdentities" : null;
}

/**
 * Every condition in a fixed order; the first unmet one is the reason (behavior.md 3.43: What If
 * reports the first unmet condition of each policy that does not apply).
 */
export function firstUnmetCondition(state: TenantState, policy: CaPolicy, ctx: SignInContext, facts: UserFacts): WhatIfReason | null {
  return (
    checkUsers(policy, facts) ??
    checkWorkloadIdentities(policy) ??
    checkApplications(policy, ctx) ??
    checkRisk(policy, ctx) ??
    checkPlatforms(policy, ctx) ??
    checkLocations(state, policy, ctx) ??
    checkClientApps(policy, ctx) ??
    checkDevices(policy) ??
    checkAuthenticationFlows(policy, ctx)
  );
}
