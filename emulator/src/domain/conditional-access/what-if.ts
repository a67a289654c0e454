/**
 * The What If API (`POST /beta/identity/conditionalAccess/evaluate`, behavior.md 3.42-3.43): the request
 * in both shapes Microsoft has published (2025 docs: signInIdentity/signInContext/signInConditions;
 * 2024 OpenAPI: conditionalAccessWhatIfSubject/conditionalAccessContext/conditionalAccessWhatIfConditions)
 * becomes a `SignInContext` in What If mode for the same engine the sign-in uses.
 */
import { z } from "zod";
import type { TenantState } from "../state";
import { badRequest, resourceNotFound } from "../errors";
import { findUser } from "../directory";
import { parseIp } from "./ip-ranges";
import { evaluateConditionalAccess, type CaEvaluation, type ClientAppType, type DevicePlatform, type SignInContext, type UserAction } from "./evaluate";

const PLATFORMS = ["android", "iOS", "windows", "windowsPhone", "macOS", "linux", "all", "unknownFutureValue"] as const;
const CLIENT_APPS = ["all", "browser", "mobileAppsAndDesktopClients", "exchangeActiveSync", "easSupported", "other", "unknownFutureValue"] as const;
const RISK = z.enum(["low", "medium", "high", "hidden", "none", "unknownFutureValue"]);

const conditions = z.looseObject({
  devicePlatform: z.enum(PLATFORMS).nullable().optional(),
  clientAppType: z.enum(CLIENT_APPS).nullable().optional(),
  signInRiskLevel: RISK.nullable().optional(),
  userRiskLevel: RISK.nullable().optional(),
  servicePrincipalRiskLevel: RISK.nullable().optional(),
  insiderRiskLevel: z.enum(["none", "minor", "moderate", "elevated", "unknownFutureValue"]).nullable().optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, "must be a two-letter country code").nullable().optional(),
  ipAddress: z.string().nullable().optional(),
  authenticationFlow: z.looseObject({ transferMethod: z.enum(["none", "deviceCodeFlow", "authenticationTransfer", "unknownFutureValue"]).nullable().optional() }).nullable().optional(),
  deviceInfo: z.looseObject({ isCompliant: z.boolean().nullable().optional(), trustType: z.string().nullable().optional() }).nullable().optional(),
});

const identity = z.looseObject({ "@odata.type": z.string().optional(), userId: z.string().optional(), servicePrincipalId: z.string().optional() });
const context = z.looseObject({
  "@odata.type": z.string().optional(),
  includeApplications: z.array(z.string()).optional(),
  userAction: z.string().optional(),
  authenticationContextValue: z.string().optional(),
  authenticationContext: z.string().optional(),
});

export const whatIfRequestSchema = z.looseObject({
  signInIdentity: identity.optional(),
  signInContext: context.optional(),
  signInConditions: conditions.optional(),
  conditionalAccessWhatIfSubject: identity.optional(),
  conditionalAccessContext: context.optional(),
  conditionalAccessWhatIfConditions: conditions.optional(),
  appliedPoliciesOnly: z.boolean().nullable().optional(),
});
export type WhatIfRequest = z.infer<typeof whatIfRequestSchema>;

const fail = (message: string) => badRequest(message, { graphCode: "BadRequest" });

/** The userAction enum of the API and the policy's user action strings differ (surface.md §5.6). */
const USER_ACTION: Record<string, UserAction> = {
  registersecurityinformation: "urn:user:registersecurityinfo",
  registerorjoindevices: "urn:user:registerdevice",
  "urn:user:registersecurityinfo": "urn:user:registersecurityinfo",
  "urn:user:registerdevice": "urn:user:registerdevice",
};

export interface WhatIfInput {
  /** "2025" for signIn* requests, "2024" for the conditionalAccessWhatIf* shape. */
  shape: "2025" | "2024";
  ctx: SignInContext;
  appliedPoliciesOnly: boolean;
}

/** Builds the engine's context; every required input missing is a 400, an unknown user a 404. */
export function whatIfContext(state: TenantState, req: WhatIfRequest): WhatIfInput {
  const shape = req.signInIdentity || req.signInContext || req.signInConditions ? "2025" : "2024";
  const who = shape === "2025" ? req.signInIdentity : req.conditionalAccessWhatIfSubject;
  const what = shape === "2025" ? req.signInContext : req.conditionalAccessContext;
  const cond = shape === "2025" ? req.signInConditions : req.conditionalAccessWhatIfConditions;
  const names = shape === "2025" ? ["signInIdentity", "signInContext", "signInConditions"] : ["conditionalAccessWhatIfSubject", "conditionalAccessContext", "conditionalAccessWhatIfConditions"];
  if (!who) throw fail(`The parameter '${names[0]}' is required.`);
  if (!what) throw fail(`The parameter '${names[1]}' is required.`);
  if (!cond) throw fail(`The parameter '${names[2]}' is required.`);
  if (!who.userId) throw fail(`'${names[0]}' must be a user sign-in with a userId (workload identities are not emulated).`);
  const user = findUser(state, who.userId);
  if (!user) throw resourceNotFound(who.userId);

  // An address the location condition can't read is the caller's mistake, not "no location".
  if (cond.ipAddress?.trim() && !parseIp(cond.ipAddress)) throw fail(`Invalid ipAddress '${cond.ipAddress}': expected an IPv4 or IPv6 address.`);

  let appId: string | null = null;
  let userAction: UserAction | null = null;
  let authenticationContext: string | null = null;
  if (what.userAction !== undefined) {
    userAction = USER_ACTION[what.userAction.toLowerCase()] ?? null;
    if (!userAction) throw fail(`Invalid userAction '${what.userAction}': expected registerSecurityInformation or registerOrJoinDevices.`);
  } else if (what.authenticationContextValue !== undefined || what.authenticationContext !== undefined) {
    authenticationContext = (what.authenticationContextValue ?? what.authenticationContext)!;
  } else if (what.includeApplications?.length) {
    appId = what.includeApplications[0];
  } else throw fail(`'${names[1]}' must name an application, a user action or an authentication context.`);

  const platform = cond.devicePlatform && cond.devicePlatform !== "all" && cond.devicePlatform !== "unknownFutureValue" ? (cond.devicePlatform as DevicePlatform) : "unknown";
  const clientApp = cond.clientAppType && !["all", "unknownFutureValue"].includes(cond.clientAppType) ? cond.clientAppType : null;
  const risk = (v: string | null | undefined) => (v && v !== "unknownFutureValue" ? (v as "low") : null);
  const transfer = cond.authenticationFlow?.transferMethod;
  const insider = cond.insiderRiskLevel;
  const ctx: SignInContext = {
    userId: user.id,
    appId,
    userAction,
    authenticationContext,
    ipAddress: cond.ipAddress?.trim() ?? "",
    clientAppType: (clientApp === "easSupported" ? "exchangeActiveSync" : clientApp ?? "browser") as ClientAppType,
    clientAppTypeUnknown: clientApp === null,
    devicePlatform: platform,
    satisfied: [],
    countryCode: cond.country ?? null,
    mode: "whatIf",
    signInRiskLevel: risk(cond.signInRiskLevel),
    userRiskLevel: risk(cond.userRiskLevel),
    insiderRiskLevel: insider && insider !== "none" && insider !== "unknownFutureValue" ? insider : null,
    authenticationFlow: transfer === "deviceCodeFlow" || transfer === "authenticationTransfer" ? transfer : null,
    device: cond.deviceInfo ? { isCompliant: cond.deviceInfo.isCompliant ?? undefined, trustType: cond.deviceInfo.trustType ?? null } : null,
  };
  return { shape, ctx, appliedPoliciesOnly: req.appliedPoliciesOnly ?? false };
}

/** Runs the shared engine for a What If request. */
export function runWhatIf(state: TenantState, req: WhatIfRequest): { input: WhatIfInput; evaluation: CaEvaluation } {
  const input = whatIfContext(state, req);
  return { input, evaluation: evaluateConditionalAccess(state, input.ctx) };
}
