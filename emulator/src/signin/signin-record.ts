/**
 * Turns an interactive sign-in attempt into a sign-in log record (recordSignIn): status and error code,
 * authenticationDetails step by step (a TAP step says whether a one-time pass was consumed),
 * authenticationRequirement, conditionalAccessStatus and the engine's per-policy results, including the
 * report-only values (behavior.md 3.37-3.40, 5.10).
 */
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "../http/context";
import { clientIp } from "../http/context";
import type { TenantState } from "../domain/state";
import type { CaEvaluation } from "../domain/conditional-access/evaluate";
import { findApplication, findUser } from "../domain/directory";
import { recordSignIn } from "../domain/signin-log";
import type { Interaction, StepDetail } from "./flow/interaction";

const CLIENT_APP_USED = { browser: "Browser", mobileAppsAndDesktopClients: "Mobile Apps and Desktop clients" } as const;

/** The `appliedConditionalAccessPolicies` entries of a sign-in record. */
export function appliedPolicies(evaluation: CaEvaluation | null): Record<string, unknown>[] {
  return (evaluation?.policies ?? []).map((p) => ({
    id: p.id,
    displayName: p.displayName,
    enforcedGrantControls: p.enforcedGrantControls,
    enforcedSessionControls: p.enforcedSessionControls,
    result: p.result,
  }));
}

export function stepDetail(now: Date, method: string, succeeded: boolean, result: string, requirement = "Primary authentication", detail: string | null = null): StepDetail {
  return {
    authenticationStepDateTime: now.toISOString(),
    authenticationMethod: method,
    authenticationMethodDetail: detail,
    succeeded,
    authenticationStepResultDetail: result,
    authenticationStepRequirement: requirement,
  };
}

/** Records the outcome of an interaction (0 = success) in the tenant's sign-in log. */
export function logInteraction(c: Context<AppEnv>, deps: AppDeps, state: TenantState, itx: Interaction, errorCode: number, failureReason?: string): void {
  const now = deps.tenants.now(state);
  const user = itx.userId ? findUser(state, itx.userId) ?? null : null;
  const app = itx.appId ? findApplication(state, itx.appId) : undefined;
  const device = itx.purpose.kind === "device";
  const evaluation = itx.lastEvaluation;
  recordSignIn(state, deps.ids, now, {
    user,
    attemptedUpn: itx.username ?? undefined,
    app: app ? { appId: app.appId, displayName: app.displayName } : itx.userAction ? { appId: "19db86c3-b2b9-44cc-b339-36da233a3be2", displayName: "My Signins" } : null,
    ipAddress: clientIp(c),
    userAgent: c.req.header("user-agent"),
    clientAppUsed: device ? CLIENT_APP_USED.mobileAppsAndDesktopClients : CLIENT_APP_USED.browser,
    isInteractive: true,
    errorCode,
    failureReason,
    authenticationRequirement: itx.mfaRequired ? "multiFactorAuthentication" : "singleFactorAuthentication",
    authenticationDetails: itx.details.map((d) => ({ ...d })),
    authenticationMethodsUsed: [...new Set(itx.details.filter((d) => d.succeeded).map((d) => d.authenticationMethod))],
    conditionalAccessStatus: evaluation?.conditionalAccessStatus ?? "notApplied",
    appliedConditionalAccessPolicies: appliedPolicies(evaluation),
    extra: {
      authenticationProtocol: device ? "deviceCode" : "none",
      ...(itx.userAction ? { resourceDisplayName: "Register security information", resourceId: itx.userAction } : {}),
    },
  });
  deps.tenants.touch(state);
}
