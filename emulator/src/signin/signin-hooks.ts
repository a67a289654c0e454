/**
 * Policy checks a non-interactive user sign-in (ROPC, refresh, and the token side of any grant without a
 * page) must pass after the credential is verified (behavior.md 3.4-3.6, 4.6): Conditional Access with
 * the shared engine and legacy per-user MFA. Block -> AADSTS53003; MFA (or an authentication strength)
 * not yet satisfied -> AADSTS50076 (interaction_required), or 50079 when the user has no method that could
 * satisfy it (must register). Returns what the sign-in log records; throws a PolicyRefusal to refuse.
 */
import type { TenantState } from "../domain/state";
import type { DirectoryApplication, DirectoryUser } from "../domain/directory.types";
import type { AppDeps } from "../http/context";
import type { AuthMethodKind } from "../domain/method-kinds";
import type { CaEvaluation } from "../domain/conditional-access/evaluate";
import { evaluateConditionalAccess } from "../domain/conditional-access/evaluate";
import { firstFactorSatisfies, perUserMfaRequired, secondFactorOptions } from "../domain/signin-rules";
import type { FirstFactor } from "../domain/amr";
import { OAuthError, type AadstsCode } from "./oauth-errors";
import { appliedPolicies } from "./signin-record";
import { resourceAppIdOf } from "./scopes";

export interface NonInteractiveInput {
  deps: AppDeps;
  state: TenantState;
  user: DirectoryUser;
  app: DirectoryApplication;
  ipAddress: string;
  clientAppType: "browser" | "mobileAppsAndDesktopClients" | "exchangeActiveSync" | "other";
  now: Date;
  /** Methods already satisfied in this sign-in (e.g. ["password"]). */
  satisfied: string[];
  userAgent?: string;
  /** The requested scope: its resource is what Conditional Access application conditions target. */
  scope?: string;
}

export interface SignInDecision {
  authenticationRequirement: "singleFactorAuthentication" | "multiFactorAuthentication";
  conditionalAccessStatus: "success" | "failure" | "notApplied";
  appliedConditionalAccessPolicies: Record<string, unknown>[];
}

/** A refusal by policy; carries what the sign-in log should record with the error. */
export class PolicyRefusal extends OAuthError {
  constructor(code: AadstsCode, args: string[], readonly decision: SignInDecision) {
    super(code, args);
  }
}

const MFA_KINDS = new Set(["softwareOath", "sms", "microsoftAuthenticatorPush", "hardwareOath", "voice", "fido2", "windowsHelloForBusiness", "temporaryAccessPass", "microsoftAuthenticatorPasswordless"]);

/** Whether an enabled policy that applies asks for MFA or a strength (the log's authenticationRequirement). */
export function policyRequiresMfa(evaluation: CaEvaluation): boolean {
  return evaluation.policies.some(
    (p) => p.state === "enabled" && p.applies && p.requiredControls.some((r) => r === "mfa" || r.startsWith("authenticationStrength")),
  );
}

function decisionOf(evaluation: CaEvaluation, mfaRequired: boolean): SignInDecision {
  return {
    authenticationRequirement: mfaRequired ? "multiFactorAuthentication" : "singleFactorAuthentication",
    conditionalAccessStatus: evaluation.conditionalAccessStatus,
    appliedConditionalAccessPolicies: appliedPolicies(evaluation),
  };
}

export function checkNonInteractiveSignIn(input: NonInteractiveInput): SignInDecision {
  const { state, user, app } = input;
  const satisfied = input.satisfied as AuthMethodKind[];
  const evaluation = evaluateConditionalAccess(state, {
    userId: user.id,
    appId: app.appId,
    resourceAppId: resourceAppIdOf(input.scope, state.applications.map((a) => a.appId)),
    userAction: null,
    ipAddress: input.ipAddress,
    clientAppType: input.clientAppType,
    devicePlatform: "unknown",
    satisfied,
  });
  const first: FirstFactor = satisfied.includes("temporaryAccessPass") ? "temporaryAccessPass" : satisfied.includes("sms") && !satisfied.includes("password") ? "sms" : "password";
  const hasMfa = satisfied.length > 1 || satisfied.some((k) => k === "temporaryAccessPass");
  const perUser = perUserMfaRequired(state, user.id);
  const decision = decisionOf(evaluation, perUser || policyRequiresMfa(evaluation));
  if (evaluation.outcome.kind === "block") throw new PolicyRefusal(53003, [], decision);
  let combos: string[][] | null = null;
  let needMfa = false;
  if (evaluation.outcome.kind === "mfa") {
    combos = evaluation.outcome.allowedCombinations;
    needMfa = !(satisfied.length === 1 && firstFactorSatisfies(first, combos));
  }
  if (perUser && !hasMfa) needMfa = true;
  if (needMfa) {
    const canDo = secondFactorOptions(state, user.id, first, combos).length > 0 ||
      (state.authMethods[user.id]?.methods ?? []).some((m) => MFA_KINDS.has(m.kind === "microsoftAuthenticator" ? "microsoftAuthenticatorPush" : m.kind === "phone" ? "sms" : m.kind));
    throw new PolicyRefusal(canDo ? 50076 : 50079, [app.displayName], decision);
  }
  return decision;
}
