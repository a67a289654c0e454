/**
 * The one Conditional Access engine (issue #5). The sign-in engine calls it at every sign-in and the
 * What If API (`POST /beta/identity/conditionalAccess/evaluate`) answers with it, so the two can never
 * disagree. Pure: tenant state + sign-in context in, per-policy results and the overall outcome out.
 *
 * Rules (behavior.md section 3): conditions inside a policy are ANDed and exclusions beat inclusions
 * (3.2-3.3); every applicable enabled policy must be satisfied and a block wins (3.2, 3.4); report-only
 * policies are evaluated and logged but never enforced (3.37-3.40); disabled policies are `notEnabled`.
 */
import type { TenantState } from "../state";
import type { AuthMethodKind } from "../method-kinds";
import type { CaPolicy } from "./types";
import { firstUnmetCondition, userFacts, type WhatIfReason } from "./conditions";
import { enforcedSessionControls, evaluateGrant, type DeviceFacts, type GrantCheck, type GrantStatus } from "./controls";
import { BUILT_IN_STRENGTHS, modesFromMethods, STRENGTH_ID } from "./strengths";

export type ClientAppType = "browser" | "mobileAppsAndDesktopClients" | "exchangeActiveSync" | "other";
export type DevicePlatform = "android" | "iOS" | "windows" | "windowsPhone" | "macOS" | "linux" | "unknown";
export type UserAction = "urn:user:registersecurityinfo" | "urn:user:registerdevice";
export type RiskLevel = "low" | "medium" | "high" | "hidden" | "none";

export interface SignInContext {
  userId: string;
  /** The app signed in to (appId); null when the sign-in is for a user action. */
  appId: string | null;
  /**
   * The resource the token is requested for (e.g. Microsoft Graph `00000003-0000-0000-c000-000000000000`),
   * when it differs from the client. Conditional Access targets resources (behavior.md 3.13, 3.18), so
   * when given it is what `includeApplications` / `excludeApplications` are matched against; What If's
   * `applicationContext.includeApplications` names the same thing.
   */
  resourceAppId?: string | null;
  userAction: UserAction | null;
  /** The client IP; "" means not supplied (What If only: location conditions then do not apply). */
  ipAddress: string;
  clientAppType: ClientAppType;
  devicePlatform: DevicePlatform;
  /** Methods already satisfied in this sign-in (e.g. ["password"], ["temporaryAccessPass"]). */
  satisfied: AuthMethodKind[];
  /** Country (ISO 3166 alpha-2) if known, for countryNamedLocation. */
  countryCode?: string | null;
  /**
   * `signIn` (default) or `whatIf`. In What If a configured condition whose input was not supplied
   * makes the policy not apply, and app groups (Office365) are not expanded (behavior.md 3.43).
   */
  mode?: "signIn" | "whatIf";
  /** What If with clientAppType `all` / absent: policies with a client-app condition do not apply. */
  clientAppTypeUnknown?: boolean;
  /** Authentication context class reference requested (c1..c99), if any. */
  authenticationContext?: string | null;
  signInRiskLevel?: RiskLevel | null;
  userRiskLevel?: RiskLevel | null;
  insiderRiskLevel?: "minor" | "moderate" | "elevated" | null;
  authenticationFlow?: "deviceCodeFlow" | "authenticationTransfer" | null;
  device?: DeviceFacts | null;
  /** Whether the TAP used is one-time (for custom strengths that allow only one kind); unknown = either. */
  tapIsUsableOnce?: boolean;
  /** Certificate-based authentication counted as multifactor. */
  x509MultiFactor?: boolean;
  /** Extra authenticationMethodModes already satisfied (e.g. "federatedMultiFactor"). */
  satisfiedModes?: string[];
  /** The user changed their password in this sign-in (the passwordChange grant). */
  passwordChanged?: boolean;
  acceptedTermsOfUse?: string[];
}

export type AppliedPolicyResult =
  | "success" | "failure" | "notApplied" | "notEnabled"
  | "reportOnlySuccess" | "reportOnlyFailure" | "reportOnlyNotApplied" | "reportOnlyInterrupted";

export interface PolicyEvaluation {
  id: string;
  displayName: string;
  state: "enabled" | "disabled" | "enabledForReportingButNotEnforced";
  applies: boolean;
  /** The first condition that did not match, when the policy does not apply (e.g. "users", "location"). */
  notAppliedReason: string | null;
  /** Grant controls the policy requires (builtInControls plus "authenticationStrength:<id>"), [] for none. */
  requiredControls: string[];
  /** Display strings for sign-in logs ("Require multifactor authentication", "Block"). */
  enforcedGrantControls: string[];
  enforcedSessionControls: string[];
  result: AppliedPolicyResult;
  /** For policies that apply: whether the grant is met, needs the user to act, or cannot be met. */
  grantStatus: GrantStatus | null;
  /** Unmet controls the user could satisfy by acting (MFA, strength, password change, terms of use). */
  pendingControls: string[];
  /** Unmet controls no prompt can satisfy (block, device state, app protection). */
  failedControls: string[];
  /** The authentication strength required by this policy (after the registration exception), if any. */
  authenticationStrengthId: string | null;
  /** What If reason: `notSet` when the policy applies, else the first unmet condition / policyNotEnabled. */
  whatIfReason: string;
}

export type CaOutcome =
  | { kind: "allow" }
  | { kind: "block"; policyIds: string[]; failedControls?: string[] }
  /** Interaction needed: MFA, or an authentication strength (allowed combinations listed). */
  | {
      kind: "mfa";
      policyIds: string[];
      strengthIds: string[];
      /** Combinations (each split into modes) that satisfy every required strength; null = any MFA. */
      allowedCombinations: string[][] | null;
      /** Every unmet interactive control ("mfa", "authenticationStrength:<id>", "passwordChange", ...). */
      pendingControls?: string[];
    };

export interface CaEvaluation {
  policies: PolicyEvaluation[];
  outcome: CaOutcome;
  /** `success` | `failure` | `notApplied` for the sign-in log's conditionalAccessStatus. */
  conditionalAccessStatus: "success" | "failure" | "notApplied";
}

const REGISTER_SECURITY_INFO = "urn:user:registersecurityinfo";

function targetsUserAction(p: CaPolicy, action: string): boolean {
  return p.conditions.applications.includeUserActions.some((a) => a.toLowerCase() === action);
}

function resultFor(p: CaPolicy, applies: boolean, status: GrantStatus | null): AppliedPolicyResult {
  if (p.state === "disabled") return "notEnabled";
  const reportOnly = p.state === "enabledForReportingButNotEnforced";
  if (!applies) return reportOnly ? "reportOnlyNotApplied" : "notApplied";
  if (status === "satisfied") return reportOnly ? "reportOnlySuccess" : "success";
  if (status === "failed") return reportOnly ? "reportOnlyFailure" : "failure";
  // An enabled policy that still needs MFA has not been satisfied yet: the sign-in engine prompts and
  // evaluates again with the new methods, which turns it into `success`.
  return reportOnly ? "reportOnlyInterrupted" : "failure";
}

/**
 * Evaluates every Conditional Access policy of the tenant for one sign-in.
 * - Per policy: applies or not (first unmet condition as the reason), required controls, result.
 * - Outcome from enabled policies only: block if any applicable policy blocks or has a control no
 *   prompt can satisfy (3.4); else MFA/strength if any still needs the user to act (all strengths
 *   must be met, 3.32); else allow.
 * - Registration exception (3.33): while registering security info, a strength on a policy targeting
 *   that user action replaces strengths from policies targeting resources.
 */
export function evaluateConditionalAccess(state: TenantState, ctx: SignInContext): CaEvaluation {
  const facts = userFacts(state, ctx.userId);
  const modes = modesFromMethods(ctx.satisfied, { tapIsUsableOnce: ctx.tapIsUsableOnce, x509MultiFactor: ctx.x509MultiFactor, extraModes: ctx.satisfiedModes });
  const policies = state.conditionalAccess.policies;

  const reasons = new Map<string, WhatIfReason | null>();
  for (const p of policies) reasons.set(p.id, p.state === "disabled" ? "policyNotEnabled" : firstUnmetCondition(state, p, ctx, facts));
  const applies = (p: CaPolicy) => p.state !== "disabled" && reasons.get(p.id) === null;

  // Registration exception (3.33): does an applicable user-action policy carry a strength?
  const registering = ctx.userAction === REGISTER_SECURITY_INFO;
  const uaStrength = (states: CaPolicy["state"][]) =>
    registering && policies.some((p) => states.includes(p.state) && applies(p) && targetsUserAction(p, REGISTER_SECURITY_INFO) && !!p.grantControls?.authenticationStrength);
  const uaStrengthEnforced = uaStrength(["enabled"]);
  const uaStrengthAny = uaStrength(["enabled", "enabledForReportingButNotEnforced"]);

  const results: PolicyEvaluation[] = [];
  const grants = new Map<string, GrantCheck>();
  for (const p of policies) {
    const applied = applies(p);
    let grant: GrantCheck | null = null;
    if (applied) {
      const override = p.state === "enabled" ? uaStrengthEnforced : uaStrengthAny;
      grant = evaluateGrant(state, p.grantControls, {
        modes,
        device: ctx.device ?? null,
        passwordChanged: ctx.passwordChanged ?? false,
        acceptedTermsOfUse: ctx.acceptedTermsOfUse ?? [],
        ignoreStrength: override && !targetsUserAction(p, REGISTER_SECURITY_INFO),
      });
      grants.set(p.id, grant);
    }
    const reason = reasons.get(p.id) ?? null;
    results.push({
      id: p.id,
      displayName: p.displayName,
      state: p.state,
      applies: applied,
      notAppliedReason: applied ? null : reason,
      requiredControls: grant?.required ?? [],
      enforcedGrantControls: grant?.enforcedGrantControls ?? [],
      enforcedSessionControls: applied ? enforcedSessionControls(p.sessionControls) : [],
      result: resultFor(p, applied, grant?.status ?? null),
      grantStatus: grant?.status ?? null,
      pendingControls: grant?.unmetInteractive ?? [],
      failedControls: grant?.unmetNonInteractive ?? [],
      authenticationStrengthId: grant?.strength?.id ?? null,
      whatIfReason: applied ? "notSet" : reason ?? "notSet",
    });
  }

  const enforced = results.filter((r) => r.state === "enabled" && r.applies);
  const outcome = combineOutcome(enforced, grants);
  const conditionalAccessStatus =
    enforced.length === 0 ? "notApplied" : enforced.every((r) => r.grantStatus === "satisfied") ? "success" : "failure";
  return { policies: results, outcome, conditionalAccessStatus };
}

function combineOutcome(enforced: PolicyEvaluation[], grants: Map<string, GrantCheck>): CaOutcome {
  const failed = enforced.filter((r) => r.grantStatus === "failed");
  if (failed.length) return { kind: "block", policyIds: failed.map((r) => r.id), failedControls: [...new Set(failed.flatMap((r) => r.failedControls))] };
  const pending = enforced.filter((r) => r.grantStatus === "interactionRequired");
  if (!pending.length) return { kind: "allow" };
  const pendingControls = [...new Set(pending.flatMap((r) => r.pendingControls))];
  const strengths = new Map<string, string[]>();
  for (const r of pending) {
    const s = grants.get(r.id)?.strength;
    if (s && !s.satisfied) strengths.set(s.id, s.allowedCombinations);
  }
  let allowedCombinations: string[][] | null = null;
  if (strengths.size) {
    const lists = [...strengths.values()];
    // Plain "Require MFA" elsewhere narrows the choice to combinations the MFA strength also accepts.
    if (pendingControls.includes("mfa")) lists.push(BUILT_IN_STRENGTHS.find((s) => s.id === STRENGTH_ID.mfa)!.allowedCombinations);
    const common = lists.slice(1).reduce((acc, l) => acc.filter((c) => l.includes(c)), lists[0]);
    allowedCombinations = (common.length ? common : lists[0]).map((c) => c.split(",").map((m) => m.trim()));
  }
  return { kind: "mfa", policyIds: pending.map((r) => r.id), strengthIds: [...strengths.keys()], allowedCombinations, pendingControls };
}
