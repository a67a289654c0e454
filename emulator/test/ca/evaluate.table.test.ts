/**
 * Table-driven tests of the Conditional Access engine (behavior.md section 3). Each row builds its
 * policies on a copy of the default tenant, evaluates one sign-in and checks per-policy results,
 * the first unmet condition, the overall outcome and the sign-in log status.
 */
import { describe, it, expect } from "vitest";
import { evaluateConditionalAccess, type CaEvaluation, type SignInContext } from "../../src/domain/conditional-access/evaluate";
import type { TenantState } from "../../src/domain/state";
import { defaultState, policy, ctx, U, G, ROLE_GA, ROLE_CAA, APP, IP, STRENGTH, OFFICE_LOCATION } from "./ca-kit";

interface Row {
  name: string;
  /** Policy bodies (Graph shape; defaults: enabled, All users, All apps, Require MFA). */
  policies: Record<string, any>[];
  ctx?: Partial<SignInContext>;
  setup?: (s: TenantState) => void;
  /** Expected result of each policy, in order. */
  results?: string[];
  reason?: string | null;
  outcome?: "allow" | "block" | "mfa";
  status?: "success" | "failure" | "notApplied";
  check?: (e: CaEvaluation) => void;
}

const users = (u: Record<string, any>) => ({ conditions: { users: u } });
const apps = (a: Record<string, any>) => ({ conditions: { applications: a } });
const locs = (l: Record<string, any>) => ({ conditions: { locations: l } });
const grant = (g: Record<string, any>) => ({ grantControls: g });
const ALL_GUEST_TYPES = "internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider";
const REGISTER = { appId: null, userAction: "urn:user:registersecurityinfo" } as const;
const addLocations = (s: TenantState) => {
  s.conditionalAccess.namedLocations.push(
    { "@odata.type": "#microsoft.graph.ipNamedLocation", id: "10000000-0000-4000-8000-000000000001", displayName: "Branch (untrusted)", createdDateTime: null, modifiedDateTime: null, isTrusted: false, ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "198.51.100.0/24" }] },
    { "@odata.type": "#microsoft.graph.countryNamedLocation", id: "10000000-0000-4000-8000-000000000002", displayName: "US", createdDateTime: null, modifiedDateTime: null, countriesAndRegions: ["US"], includeUnknownCountriesAndRegions: false, countryLookupMethod: "clientIpAddress" },
    { "@odata.type": "#microsoft.graph.countryNamedLocation", id: "10000000-0000-4000-8000-000000000003", displayName: "Unknown", createdDateTime: null, modifiedDateTime: null, countriesAndRegions: ["GB"], includeUnknownCountriesAndRegions: true, countryLookupMethod: "clientIpAddress" },
  );
};
const BRANCH = "10000000-0000-4000-8000-000000000001";
const US = "10000000-0000-4000-8000-000000000002";
const UNKNOWN_COUNTRY = "10000000-0000-4000-8000-000000000003";

const rows: Row[] = [
  // ---- users, groups, roles, guests (3.3, 3.8-3.12)
  { name: "All users includes a member", policies: [{}], results: ["failure"], outcome: "mfa", status: "failure" },
  { name: "All users includes B2B guests (3.9)", policies: [{}], ctx: { userId: U.gina }, results: ["failure"], outcome: "mfa" },
  { name: "a listed user is included", policies: [users({ includeUsers: [U.alice] })], results: ["failure"] },
  { name: "an unlisted user is not", policies: [users({ includeUsers: [U.alice] })], ctx: { userId: U.bob }, results: ["notApplied"], reason: "users", outcome: "allow", status: "notApplied" },
  { name: "includeUsers None applies to nobody", policies: [users({ includeUsers: ["None"] })], results: ["notApplied"], reason: "users" },
  { name: "group members are included", policies: [users({ includeGroups: [G.allStaff] })], results: ["failure"] },
  { name: "non-members of the group are not", policies: [users({ includeGroups: [G.tapPilot] })], ctx: { userId: U.carol }, results: ["notApplied"], reason: "users" },
  {
    name: "nested group membership counts (3.12)", policies: [users({ includeGroups: ["20000000-0000-4000-8000-000000000001"] })],
    setup: (s) => s.groups.push({ id: "20000000-0000-4000-8000-000000000001", displayName: "Parent", description: null, mailNickname: "p", mailEnabled: false, securityEnabled: true, groupTypes: [], createdDateTime: "2026-01-01T00:00:00Z", members: [G.tapPilot] }),
    results: ["failure"],
  },
  { name: "excluded user beats All users (3.3)", policies: [users({ includeUsers: ["All"], excludeUsers: [U.alice] })], results: ["notApplied"], reason: "users" },
  { name: "excluded group beats All users", policies: [users({ includeUsers: ["All"], excludeGroups: [G.breakGlass] })], ctx: { userId: U.breakglass1 }, results: ["notApplied"], reason: "users" },
  { name: "a role holder is included by role", policies: [users({ includeRoles: [ROLE_GA] })], ctx: { userId: U.globaladmin }, results: ["failure"] },
  { name: "a user without the role is not", policies: [users({ includeRoles: [ROLE_GA] })], results: ["notApplied"], reason: "users" },
  { name: "excluded role beats All users", policies: [users({ includeUsers: ["All"], excludeRoles: [ROLE_GA] })], ctx: { userId: U.globaladmin }, results: ["notApplied"], reason: "users" },
  {
    name: "roles scoped to an administrative unit don't count (3.11)", policies: [users({ includeRoles: [ROLE_CAA] })], ctx: { userId: U.carol },
    setup: (s) => s.roleAssignments.push({ id: "ra-au", roleDefinitionId: ROLE_CAA, principalId: U.carol, directoryScopeId: "/administrativeUnits/x" }),
    results: ["notApplied"], reason: "users",
  },
  { name: "legacy GuestsOrExternalUsers includes a guest", policies: [users({ includeUsers: ["GuestsOrExternalUsers"] })], ctx: { userId: U.gina }, results: ["failure"] },
  { name: "legacy GuestsOrExternalUsers excludes members", policies: [users({ includeUsers: ["GuestsOrExternalUsers"] })], results: ["notApplied"], reason: "users" },
  { name: "excludeUsers GuestsOrExternalUsers removes guests", policies: [users({ includeUsers: ["All"], excludeUsers: ["GuestsOrExternalUsers"] })], ctx: { userId: U.gina }, results: ["notApplied"], reason: "users" },
  { name: "guest type b2bCollaborationGuest matches an invited guest", policies: [users({ includeGuestsOrExternalUsers: { guestOrExternalUserTypes: "b2bCollaborationGuest", externalTenants: { membershipKind: "all" } } })], ctx: { userId: U.gina }, results: ["failure"] },
  { name: "guest type internalGuest doesn't match a B2B guest", policies: [users({ includeGuestsOrExternalUsers: { guestOrExternalUserTypes: "internalGuest" } })], ctx: { userId: U.gina }, results: ["notApplied"], reason: "users" },
  {
    name: "excluded guest types beat All users, members still included",
    policies: [users({ includeUsers: ["All"], excludeGuestsOrExternalUsers: { guestOrExternalUserTypes: ALL_GUEST_TYPES, externalTenants: { membershipKind: "all" } } })],
    ctx: { userId: U.gina }, results: ["notApplied"], reason: "users",
  },
  {
    name: "excluded guest types leave members in scope",
    policies: [users({ includeUsers: ["All"], excludeGuestsOrExternalUsers: { guestOrExternalUserTypes: ALL_GUEST_TYPES, externalTenants: { membershipKind: "all" } } })],
    results: ["failure"],
  },
  {
    name: "an enumerated external tenant list doesn't match a guest of unknown home tenant",
    policies: [users({ includeGuestsOrExternalUsers: { guestOrExternalUserTypes: "b2bCollaborationGuest", externalTenants: { membershipKind: "enumerated", members: ["30000000-0000-4000-8000-000000000001"] } } })],
    ctx: { userId: U.gina }, results: ["notApplied"], reason: "users",
  },
  { name: "an unknown user matches no policy", policies: [{}], ctx: { userId: "99999999-0000-4000-8000-000000000000" }, results: ["notApplied"], reason: "users" },

  // ---- target resources and user actions (3.13-3.18, 3.43)
  { name: "a listed app is targeted", policies: [apps({ includeApplications: [APP.bootstrap] })], results: ["failure"] },
  { name: "another app is not", policies: [apps({ includeApplications: [APP.exchange] })], results: ["notApplied"], reason: "application" },
  { name: "an excluded app beats All", policies: [apps({ includeApplications: ["All"], excludeApplications: [APP.bootstrap] })], results: ["notApplied"], reason: "application" },
  { name: "a named resource is the target, not the client app (3.13)", policies: [apps({ includeApplications: [APP.exchange] })], ctx: { appId: APP.bootstrap, resourceAppId: APP.exchange }, results: ["failure"] },
  { name: "a policy on the client app doesn't apply to its token for another resource", policies: [apps({ includeApplications: [APP.bootstrap] })], ctx: { appId: APP.bootstrap, resourceAppId: APP.exchange }, results: ["notApplied"], reason: "application" },
  { name: "an excluded resource beats All", policies: [apps({ includeApplications: ["All"], excludeApplications: [APP.exchange] })], ctx: { resourceAppId: APP.exchange }, results: ["notApplied"], reason: "application" },
  { name: "Office365 covers Exchange Online at sign-in", policies: [apps({ includeApplications: ["Office365"] })], ctx: { appId: APP.exchange }, results: ["failure"] },
  { name: "What If doesn't expand Office365 (3.43)", policies: [apps({ includeApplications: ["Office365"] })], ctx: { appId: APP.exchange, mode: "whatIf" }, results: ["notApplied"], reason: "application" },
  { name: "includeApplications None targets nothing", policies: [apps({ includeApplications: ["None"] })], results: ["notApplied"], reason: "application" },
  { name: "a register-security-info policy applies to that user action", policies: [apps({ includeUserActions: ["urn:user:registersecurityinfo"] })], ctx: REGISTER, results: ["failure"], outcome: "mfa" },
  { name: "a user-action policy doesn't apply to an app sign-in", policies: [apps({ includeUserActions: ["urn:user:registersecurityinfo"] })], results: ["notApplied"], reason: "userActions" },
  { name: "register-device doesn't apply to security info registration", policies: [apps({ includeUserActions: ["urn:user:registerdevice"] })], ctx: REGISTER, results: ["notApplied"], reason: "userActions" },
  { name: "All resources also covers the registration user action", policies: [{}], ctx: REGISTER, results: ["failure"] },
  { name: "a specific app policy doesn't cover a user action", policies: [apps({ includeApplications: [APP.bootstrap] })], ctx: REGISTER, results: ["notApplied"], reason: "application" },
  { name: "an authentication context policy applies when that context is requested", policies: [apps({ includeAuthenticationContextClassReferences: ["c1"] })], ctx: { authenticationContext: "c1" }, results: ["failure"] },
  { name: "an authentication context policy doesn't apply without it", policies: [apps({ includeAuthenticationContextClassReferences: ["c1"] })], results: ["notApplied"], reason: "authenticationContext" },

  // ---- locations, IPv4 and IPv6 (3.19-3.23)
  { name: "any location except trusted: trusted IPv4 is out of scope", policies: [locs({ includeLocations: ["All"], excludeLocations: ["AllTrusted"] })], ctx: { ipAddress: IP.trusted4 }, results: ["notApplied"], reason: "location" },
  { name: "any location except trusted: untrusted IPv4 is in scope", policies: [locs({ includeLocations: ["All"], excludeLocations: ["AllTrusted"] })], ctx: { ipAddress: IP.untrusted4 }, results: ["failure"] },
  { name: "trusted IPv6 range matches", policies: [locs({ includeLocations: ["All"], excludeLocations: ["AllTrusted"] })], ctx: { ipAddress: IP.trusted6 }, results: ["notApplied"], reason: "location" },
  { name: "untrusted IPv6 is outside the /48", policies: [locs({ includeLocations: ["All"], excludeLocations: ["AllTrusted"] })], ctx: { ipAddress: IP.untrusted6 }, results: ["failure"] },
  { name: "an IPv4-mapped IPv6 address counts as its IPv4", policies: [locs({ includeLocations: ["All"], excludeLocations: ["AllTrusted"] })], ctx: { ipAddress: IP.mapped }, results: ["notApplied"], reason: "location" },
  { name: "AllTrusted include matches the office", policies: [locs({ includeLocations: ["AllTrusted"] })], ctx: { ipAddress: IP.trusted4 }, results: ["failure"] },
  { name: "AllTrusted include doesn't match elsewhere", policies: [locs({ includeLocations: ["AllTrusted"] })], ctx: { ipAddress: IP.untrusted4 }, results: ["notApplied"], reason: "location" },
  { name: "a selected location id matches its range", setup: addLocations, policies: [locs({ includeLocations: [BRANCH] })], ctx: { ipAddress: IP.untrusted4 }, results: ["failure"] },
  { name: "an untrusted named location isn't part of AllTrusted", setup: addLocations, policies: [locs({ includeLocations: ["AllTrusted"] })], ctx: { ipAddress: "198.51.100.20" }, results: ["notApplied"], reason: "location" },
  { name: "excluding the office location by id", policies: [locs({ includeLocations: ["All"], excludeLocations: [OFFICE_LOCATION] })], ctx: { ipAddress: IP.trusted4 }, results: ["notApplied"], reason: "location" },
  { name: "a country location matches the sign-in country", setup: addLocations, policies: [locs({ includeLocations: [US] })], ctx: { countryCode: "US" }, results: ["failure"] },
  { name: "a country location doesn't match another country", setup: addLocations, policies: [locs({ includeLocations: [US] })], ctx: { countryCode: "FR" }, results: ["notApplied"], reason: "location" },
  { name: "unknown countries match when includeUnknownCountriesAndRegions", setup: addLocations, policies: [locs({ includeLocations: [UNKNOWN_COUNTRY] })], ctx: { countryCode: null }, results: ["failure"] },
  {
    name: "the legacy MFA trusted IPs count as a trusted location (3.20, 3.24)", policies: [locs({ includeLocations: ["All"], excludeLocations: ["AllTrusted"] })],
    setup: (s) => { s.legacy.mfa.trustedIps = ["192.0.2.0/24"]; }, ctx: { ipAddress: "192.0.2.10" }, results: ["notApplied"], reason: "location",
  },
  {
    name: "the MFA Trusted IPs location id matches those ranges", policies: [locs({ includeLocations: ["00000000-0000-0000-0000-000000000000"] })],
    setup: (s) => { s.legacy.mfa.trustedIps = ["192.0.2.0/24"]; }, ctx: { ipAddress: "192.0.2.10" }, results: ["failure"],
  },
  { name: "What If without an IP can't apply a location policy (3.43)", policies: [locs({ includeLocations: ["All"], excludeLocations: ["AllTrusted"] })], ctx: { ipAddress: "", mode: "whatIf" }, results: ["notApplied"], reason: "location" },

  // ---- client apps, platforms, risk, devices, flows
  { name: "client app condition not matching", policies: [{ conditions: { clientAppTypes: ["exchangeActiveSync"] } }], results: ["notApplied"], reason: "clientApps" },
  { name: "client app condition matching", policies: [{ conditions: { clientAppTypes: ["browser", "mobileAppsAndDesktopClients"] } }], results: ["failure"] },
  { name: "easSupported covers Exchange ActiveSync", policies: [{ conditions: { clientAppTypes: ["easSupported"] } }], ctx: { clientAppType: "exchangeActiveSync" }, results: ["failure"] },
  { name: "platform not included", policies: [{ conditions: { platforms: { includePlatforms: ["iOS"] } } }], results: ["notApplied"], reason: "devicePlatform" },
  { name: "platform excluded beats all", policies: [{ conditions: { platforms: { includePlatforms: ["all"], excludePlatforms: ["windows"] } } }], results: ["notApplied"], reason: "devicePlatform" },
  { name: "any platform covers an unknown one at sign-in", policies: [{ conditions: { platforms: { includePlatforms: ["all"] } } }], ctx: { devicePlatform: "unknown" }, results: ["failure"] },
  { name: "sign-in risk policies don't apply to riskless sign-ins", policies: [{ conditions: { signInRiskLevels: ["high"] } }], results: ["notApplied"], reason: "signInRisk" },
  { name: "user risk policy applies at that level", policies: [{ conditions: { userRiskLevels: ["high"] } }], ctx: { userRiskLevel: "high" }, results: ["failure"] },
  { name: "insider risk policy needs an insider risk level", policies: [{ conditions: { insiderRiskLevels: "elevated" } }], results: ["notApplied"], reason: "insiderRisk" },
  { name: "an include device filter matches no unregistered device", policies: [{ conditions: { devices: { deviceFilter: { mode: "include", rule: "device.isCompliant -eq True" } } } }], results: ["notApplied"], reason: "devices" },
  { name: "an exclude device filter excludes no unregistered device", policies: [{ conditions: { devices: { deviceFilter: { mode: "exclude", rule: "device.isCompliant -eq True" } } } }], results: ["failure"] },
  { name: "device code flow policy ignores other flows", policies: [{ conditions: { authenticationFlows: { transferMethods: "deviceCodeFlow" } } }], results: ["notApplied"], reason: "authenticationFlow" },
  { name: "device code flow policy applies to device code", policies: [{ ...grant({ operator: "OR", builtInControls: ["block"] }), conditions: { authenticationFlows: { transferMethods: "deviceCodeFlow" } } }], ctx: { authenticationFlow: "deviceCodeFlow" }, results: ["failure"], outcome: "block" },
  { name: "workload identity policies never apply to users", policies: [{ conditions: { users: { includeUsers: ["None"] }, clientApplications: { includeServicePrincipals: ["ServicePrincipalsInMyTenant"] } } }], results: ["notApplied"], reason: "users" },

  // ---- grant controls, MFA, strengths and TAP (3.26-3.36)
  { name: "password alone doesn't satisfy MFA", policies: [{}], results: ["failure"], outcome: "mfa", check: (e) => expect(e.outcome).toMatchObject({ allowedCombinations: null, pendingControls: ["mfa"] }) },
  { name: "password + SMS satisfies MFA", policies: [{}], ctx: { satisfied: ["password", "sms"] }, results: ["success"], outcome: "allow", status: "success" },
  { name: "a TAP satisfies Require MFA", policies: [{}], ctx: { satisfied: ["temporaryAccessPass"] }, results: ["success"], outcome: "allow" },
  { name: "SMS sign-in alone doesn't satisfy MFA (3.31)", policies: [{}], ctx: { satisfied: ["sms"] }, results: ["failure"], outcome: "mfa" },
  { name: "Windows Hello for Business satisfies MFA (3.36)", policies: [{}], ctx: { satisfied: ["windowsHelloForBusiness"] }, results: ["success"] },
  { name: "a TAP satisfies the MFA strength", policies: [grant({ authenticationStrength: { id: STRENGTH.mfa } })], ctx: { satisfied: ["temporaryAccessPass"] }, results: ["success"], outcome: "allow" },
  {
    name: "a TAP doesn't satisfy Passwordless MFA", policies: [grant({ authenticationStrength: { id: STRENGTH.passwordless } })], ctx: { satisfied: ["temporaryAccessPass"] }, results: ["failure"], outcome: "mfa",
    check: (e) => expect(e.outcome).toMatchObject({ strengthIds: [STRENGTH.passwordless], allowedCombinations: [["windowsHelloForBusiness"], ["fido2"], ["x509CertificateMultiFactor"], ["deviceBasedPush"]] }),
  },
  { name: "a TAP doesn't satisfy Phishing-resistant MFA", policies: [grant({ authenticationStrength: { id: STRENGTH.phishing } })], ctx: { satisfied: ["temporaryAccessPass"] }, results: ["failure"], outcome: "mfa" },
  { name: "FIDO2 satisfies Phishing-resistant MFA", policies: [grant({ authenticationStrength: { id: STRENGTH.phishing } })], ctx: { satisfied: ["fido2"] }, results: ["success"], outcome: "allow" },
  { name: "password + authenticator code isn't phishing resistant", policies: [grant({ authenticationStrength: { id: STRENGTH.phishing } })], ctx: { satisfied: ["password", "softwareOath"] }, results: ["failure"] },
  { name: "passwordless Authenticator satisfies Passwordless MFA", policies: [grant({ authenticationStrength: { id: STRENGTH.passwordless } })], ctx: { satisfied: ["microsoftAuthenticatorPasswordless"] }, results: ["success"] },
  {
    name: "a custom one-time-TAP strength refuses a multi-use TAP",
    setup: (s) => s.conditionalAccess.authenticationStrengths.push({ id: "40000000-0000-4000-8000-000000000001", createdDateTime: "x", modifiedDateTime: "x", displayName: "Bootstrap", description: null, policyType: "custom", requirementsSatisfied: "mfa", allowedCombinations: ["temporaryAccessPassOneTime", "fido2"] }),
    policies: [grant({ authenticationStrength: { id: "40000000-0000-4000-8000-000000000001" } })], ctx: { satisfied: ["temporaryAccessPass"], tapIsUsableOnce: false }, results: ["failure"],
  },
  {
    name: "a custom one-time-TAP strength accepts a one-time TAP",
    setup: (s) => s.conditionalAccess.authenticationStrengths.push({ id: "40000000-0000-4000-8000-000000000001", createdDateTime: "x", modifiedDateTime: "x", displayName: "Bootstrap", description: null, policyType: "custom", requirementsSatisfied: "mfa", allowedCombinations: ["temporaryAccessPassOneTime", "fido2"] }),
    policies: [grant({ authenticationStrength: { id: "40000000-0000-4000-8000-000000000001" } })], ctx: { satisfied: ["temporaryAccessPass"], tapIsUsableOnce: true }, results: ["success"],
  },
  { name: "block fails the policy and blocks", policies: [grant({ operator: "OR", builtInControls: ["block"] })], ctx: { satisfied: ["password", "sms"] }, results: ["failure"], outcome: "block", status: "failure" },
  {
    name: "block wins over a satisfied policy (3.4)", policies: [{}, grant({ operator: "OR", builtInControls: ["block"] })], ctx: { satisfied: ["password", "sms"] },
    results: ["success", "failure"], outcome: "block", check: (e) => expect(e.outcome).toMatchObject({ policyIds: [e.policies[1].id] }),
  },
  { name: "block wins over a pending MFA", policies: [{}, grant({ operator: "OR", builtInControls: ["block"] })], results: ["failure", "failure"], outcome: "block" },
  {
    name: "AND with a non-compliant device can't be met", policies: [grant({ operator: "AND", builtInControls: ["mfa", "compliantDevice"] })], results: ["failure"], outcome: "block",
    check: (e) => expect(e.outcome).toMatchObject({ failedControls: ["compliantDevice"] }),
  },
  { name: "AND with a compliant device still needs MFA", policies: [grant({ operator: "AND", builtInControls: ["mfa", "compliantDevice"] })], ctx: { device: { isCompliant: true } }, results: ["failure"], outcome: "mfa" },
  { name: "OR is met by a compliant device alone (3.27)", policies: [grant({ operator: "OR", builtInControls: ["mfa", "compliantDevice"] })], ctx: { device: { isCompliant: true } }, results: ["success"], outcome: "allow" },
  { name: "OR without a compliant device falls back to MFA", policies: [grant({ operator: "OR", builtInControls: ["mfa", "compliantDevice"] })], results: ["failure"], outcome: "mfa" },
  { name: "hybrid-joined device control", policies: [grant({ operator: "OR", builtInControls: ["domainJoinedDevice"] })], ctx: { device: { trustType: "ServerAD" } }, results: ["success"] },
  { name: "terms of use are an interactive control", policies: [grant({ operator: "OR", termsOfUse: ["50000000-0000-4000-8000-000000000001"] })], results: ["failure"], outcome: "mfa", check: (e) => expect(e.outcome).toMatchObject({ pendingControls: ["termsOfUse:50000000-0000-4000-8000-000000000001"] }) },
  {
    name: "every applicable policy must be satisfied (3.2)", policies: [{}, grant({ authenticationStrength: { id: STRENGTH.phishing } })], ctx: { satisfied: ["password", "sms"] },
    results: ["success", "failure"], outcome: "mfa", check: (e) => expect(e.outcome).toMatchObject({ strengthIds: [STRENGTH.phishing] }),
  },
  {
    name: "several strengths: only combinations common to all are offered (3.32)", policies: [grant({ authenticationStrength: { id: STRENGTH.mfa } }), grant({ authenticationStrength: { id: STRENGTH.passwordless } })],
    results: ["failure", "failure"], outcome: "mfa",
    check: (e) => expect(e.outcome).toMatchObject({ strengthIds: [STRENGTH.mfa, STRENGTH.passwordless], allowedCombinations: [["windowsHelloForBusiness"], ["fido2"], ["x509CertificateMultiFactor"], ["deviceBasedPush"]] }),
  },
  {
    name: "a session-only policy succeeds and lists its session controls", policies: [{ grantControls: null, sessionControls: { signInFrequency: { isEnabled: true, type: "hours", value: 4 } } }],
    results: ["success"], outcome: "allow", check: (e) => expect(e.policies[0].enforcedSessionControls).toEqual(["Sign-in frequency"]),
  },
  {
    name: "registration exception: the user-action strength replaces the All-resources strength (3.33)",
    policies: [grant({ authenticationStrength: { id: STRENGTH.phishing } }), { ...apps({ includeUserActions: ["urn:user:registersecurityinfo"] }), ...grant({ authenticationStrength: { id: STRENGTH.mfa } }) }],
    ctx: { ...REGISTER, satisfied: ["temporaryAccessPass"] }, results: ["success", "success"], outcome: "allow",
  },
  {
    name: "without a user-action strength, the All-resources strength applies to registration",
    policies: [grant({ authenticationStrength: { id: STRENGTH.phishing } })], ctx: { ...REGISTER, satisfied: ["temporaryAccessPass"] }, results: ["failure"], outcome: "mfa",
  },

  // ---- states: disabled and report-only (3.37-3.40)
  { name: "a disabled policy is notEnabled and not enforced", policies: [{ state: "disabled", ...grant({ operator: "OR", builtInControls: ["block"] }) }], results: ["notEnabled"], reason: "policyNotEnabled", outcome: "allow", status: "notApplied" },
  { name: "report-only MFA needing a prompt is reportOnlyInterrupted", policies: [{ state: "enabledForReportingButNotEnforced" }], results: ["reportOnlyInterrupted"], outcome: "allow", status: "notApplied" },
  { name: "report-only MFA already met is reportOnlySuccess", policies: [{ state: "enabledForReportingButNotEnforced" }], ctx: { satisfied: ["password", "softwareOath"] }, results: ["reportOnlySuccess"], outcome: "allow" },
  { name: "report-only block is reportOnlyFailure and never enforced", policies: [{ state: "enabledForReportingButNotEnforced", ...grant({ operator: "OR", builtInControls: ["block"] }) }], results: ["reportOnlyFailure"], outcome: "allow", status: "notApplied" },
  { name: "report-only not applying is reportOnlyNotApplied", policies: [{ state: "enabledForReportingButNotEnforced", ...users({ includeUsers: [U.bob] }) }], results: ["reportOnlyNotApplied"], reason: "users" },
  { name: "report-only compliant device is a non-interactive failure", policies: [{ state: "enabledForReportingButNotEnforced", ...grant({ operator: "AND", builtInControls: ["compliantDevice"] }) }], results: ["reportOnlyFailure"] },
  { name: "report-only doesn't change the enforced outcome", policies: [{ state: "enabledForReportingButNotEnforced", ...grant({ operator: "OR", builtInControls: ["block"] }) }, {}], ctx: { satisfied: ["password", "sms"] }, results: ["reportOnlyFailure", "success"], outcome: "allow", status: "success" },
];

describe("Conditional Access engine (table)", () => {
  it("has at least 60 cases", () => expect(rows.length).toBeGreaterThanOrEqual(60));
  for (const row of rows) {
    it(row.name, () => {
      const state = defaultState();
      state.conditionalAccess.policies = [];
      row.setup?.(state);
      state.conditionalAccess.policies = row.policies.map((b) => policy(state, b));
      const e = evaluateConditionalAccess(state, ctx(row.ctx));
      if (row.results) expect(e.policies.map((p) => p.result)).toEqual(row.results);
      if (row.reason !== undefined) expect(e.policies[0].notAppliedReason ?? (e.policies[0].state === "disabled" ? "policyNotEnabled" : null)).toBe(row.reason);
      if (row.outcome) expect(e.outcome.kind).toBe(row.outcome);
      if (row.status) expect(e.conditionalAccessStatus).toBe(row.status);
      row.check?.(e);
    });
  }
});
