/**
 * Sign-in log records (`/auditLogs/signIns`), stored in the beta signIn shape. The sign-in engine calls
 * `recordSignIn` for every attempt, successful or not.
 */
import type { TenantState } from "./state";
import type { Ids } from "./ports";
import type { DirectoryUser } from "./directory.types";
import { appendBounded, type SignInRecord } from "./logs.types";

export interface SignInInput {
  user: DirectoryUser | null;
  /** The name typed when no user matched. */
  attemptedUpn?: string;
  app: { appId: string; displayName: string } | null;
  ipAddress: string;
  userAgent?: string;
  clientAppUsed: string;
  isInteractive: boolean;
  errorCode: number;
  failureReason?: string;
  additionalDetails?: string;
  resourceDisplayName?: string;
  resourceId?: string;
  authenticationRequirement?: "singleFactorAuthentication" | "multiFactorAuthentication";
  authenticationDetails?: Record<string, unknown>[];
  authenticationMethodsUsed?: string[];
  conditionalAccessStatus?: "success" | "failure" | "notApplied" | "unknownFutureValue";
  appliedConditionalAccessPolicies?: Record<string, unknown>[];
  correlationId?: string;
  extra?: Record<string, unknown>;
}

export function recordSignIn(state: TenantState, ids: Ids, now: Date, i: SignInInput): SignInRecord {
  const record: SignInRecord = {
    id: ids.uuid(),
    createdDateTime: now.toISOString(),
    userId: i.user?.id ?? "00000000-0000-0000-0000-000000000000",
    userDisplayName: i.user?.displayName ?? null,
    userPrincipalName: i.user?.userPrincipalName ?? i.attemptedUpn ?? null,
    userType: i.user ? (i.user.userType === "Guest" ? "guest" : "member") : null,
    appId: i.app?.appId ?? null,
    appDisplayName: i.app?.displayName ?? null,
    ipAddress: i.ipAddress,
    clientAppUsed: i.clientAppUsed,
    userAgent: i.userAgent ?? null,
    correlationId: i.correlationId ?? ids.uuid(),
    isInteractive: i.isInteractive,
    resourceDisplayName: i.resourceDisplayName ?? "Microsoft Graph",
    resourceId: i.resourceId ?? "00000003-0000-0000-c000-000000000000",
    resourceTenantId: state.id,
    homeTenantId: state.id,
    status: { errorCode: i.errorCode, failureReason: i.failureReason ?? (i.errorCode === 0 ? null : "Other."), additionalDetails: i.additionalDetails ?? null },
    conditionalAccessStatus: i.conditionalAccessStatus ?? "notApplied",
    appliedConditionalAccessPolicies: i.appliedConditionalAccessPolicies ?? [],
    authenticationRequirement: i.authenticationRequirement ?? "singleFactorAuthentication",
    authenticationDetails: i.authenticationDetails ?? [],
    authenticationMethodsUsed: i.authenticationMethodsUsed ?? [],
    signInEventTypes: [i.isInteractive ? "interactiveUser" : "nonInteractiveUser"],
    tokenIssuerType: "AzureAD",
    deviceDetail: { deviceId: "", displayName: null, operatingSystem: null, browser: null, isCompliant: false, isManaged: false, trustType: null },
    location: { city: null, state: null, countryOrRegion: null, geoCoordinates: null },
    riskDetail: "none",
    riskLevelAggregated: "none",
    riskLevelDuringSignIn: "none",
    riskState: "none",
    riskEventTypes: [],
    riskEventTypes_v2: [],
    ...i.extra,
  };
  appendBounded(state.signIns, record);
  return record;
}
