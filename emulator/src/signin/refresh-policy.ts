/**
 * The policy side of a refresh-token redemption: Conditional Access with the methods the original
 * sign-in satisfied (recovered from the token's `amr`), logged as a non-interactive sign-in.
 */
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "../http/context";
import { clientIp } from "../http/context";
import type { TenantState } from "../domain/state";
import type { DirectoryApplication, DirectoryUser } from "../domain/directory.types";
import { methodsFromAmr } from "../domain/amr";
import { recordSignIn } from "../domain/signin-log";
import { checkNonInteractiveSignIn, PolicyRefusal, type SignInDecision } from "./signin-hooks";

export interface RefreshInput { c: Context<AppEnv>; deps: AppDeps; state: TenantState; user: DirectoryUser; app: DirectoryApplication; now: Date; amr: string[]; tapId: string | null; scope?: string }

/**
 * Logs a refresh-token redemption as a non-interactive sign-in ("every sign-in attempt, successful or
 * not"): also the refusals before policy (expired token, revoked session, TAP deleted or expired).
 */
export function logRefresh(i: RefreshInput, errorCode: number, decision?: SignInDecision): void {
  recordSignIn(i.state, i.deps.ids, i.now, {
    user: i.user, app: { appId: i.app.appId, displayName: i.app.displayName }, ipAddress: clientIp(i.c), userAgent: i.c.req.header("user-agent"),
    clientAppUsed: "Mobile Apps and Desktop clients", isInteractive: false, errorCode,
    authenticationDetails: [{ authenticationStepDateTime: i.now.toISOString(), authenticationMethod: "Previously satisfied", succeeded: errorCode === 0, authenticationStepResultDetail: "First factor requirement satisfied by claim in the token", authenticationStepRequirement: "Primary authentication" }],
    extra: { authenticationProtocol: "none", incomingTokenType: "refreshToken" },
    ...decision,
  });
  i.deps.tenants.touch(i.state);
}

export function checkRefresh(i: RefreshInput): SignInDecision {
  const ip = clientIp(i.c);
  const log = (errorCode: number, decision?: SignInDecision) => logRefresh(i, errorCode, decision);
  try {
    const decision = checkNonInteractiveSignIn({ deps: i.deps, state: i.state, user: i.user, app: i.app, ipAddress: ip, clientAppType: "mobileAppsAndDesktopClients", now: i.now, satisfied: methodsFromAmr(i.amr, i.tapId), scope: i.scope });
    log(0, decision);
    return decision;
  } catch (e) {
    if (e instanceof PolicyRefusal) log(e.aadsts, e.decision);
    throw e;
  }
}
