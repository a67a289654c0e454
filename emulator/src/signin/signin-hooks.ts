/**
 * Policy checks a non-interactive user sign-in (ROPC, refresh) must pass after the credential is
 * verified: MFA and Conditional Access (issue #6 completes this with the shared CA engine and the
 * methods-policy function). Returns what the sign-in log records; throws an OAuthError to refuse.
 */
import type { TenantState } from "../domain/state";
import type { DirectoryApplication, DirectoryUser } from "../domain/directory.types";
import type { AppDeps } from "../http/context";

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
}

export interface SignInDecision {
  authenticationRequirement: "singleFactorAuthentication" | "multiFactorAuthentication";
  conditionalAccessStatus: "success" | "failure" | "notApplied";
  appliedConditionalAccessPolicies: Record<string, unknown>[];
}

export function checkNonInteractiveSignIn(_input: NonInteractiveInput): SignInDecision {
  return { authenticationRequirement: "singleFactorAuthentication", conditionalAccessStatus: "notApplied", appliedConditionalAccessPolicies: [] };
}
