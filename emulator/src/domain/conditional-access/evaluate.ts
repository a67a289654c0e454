/**
 * The one Conditional Access engine (issue #5 owns and completes this file; the types and the function
 * signature are used by the sign-in engine and the What If API and must stay; fields may be added).
 */
import type { TenantState } from "../state";
import type { AuthMethodKind } from "../method-kinds";

export type ClientAppType = "browser" | "mobileAppsAndDesktopClients" | "exchangeActiveSync" | "other";
export type DevicePlatform = "android" | "iOS" | "windows" | "windowsPhone" | "macOS" | "linux" | "unknown";
export type UserAction = "urn:user:registersecurityinfo" | "urn:user:registerdevice";

export interface SignInContext {
  userId: string;
  /** The app signed in to (appId); null when the sign-in is for a user action. */
  appId: string | null;
  userAction: UserAction | null;
  ipAddress: string;
  clientAppType: ClientAppType;
  devicePlatform: DevicePlatform;
  /** Methods already satisfied in this sign-in (e.g. ["password"], ["temporaryAccessPass"]). */
  satisfied: AuthMethodKind[];
  /** Country (ISO 3166 alpha-2) if known, for countryNamedLocation. */
  countryCode?: string | null;
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
}

export type CaOutcome =
  | { kind: "allow" }
  | { kind: "block"; policyIds: string[] }
  /** Interaction needed: MFA, or an authentication strength (allowed combinations listed). */
  | { kind: "mfa"; policyIds: string[]; strengthIds: string[]; allowedCombinations: string[][] | null };

export interface CaEvaluation {
  policies: PolicyEvaluation[];
  outcome: CaOutcome;
  /** `success` | `failure` | `notApplied` for the sign-in log's conditionalAccessStatus. */
  conditionalAccessStatus: "success" | "failure" | "notApplied";
}

export function evaluateConditionalAccess(state: TenantState, ctx: SignInContext): CaEvaluation {
  void state; void ctx;
  return { policies: [], outcome: { kind: "allow" }, conditionalAccessStatus: "notApplied" };
}
