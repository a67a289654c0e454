/** What every step of the engine works with: the request, deps, the interaction's tenant and its clock. */
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "../../http/context";
import { clientIp } from "../../http/context";
import type { TenantState } from "../../domain/state";
import type { SignInContext } from "../../domain/conditional-access/evaluate";
import { satisfiedMethods } from "../../domain/amr";
import { devicePlatformOf } from "../../domain/signin-rules";
import { OAuthError, AADSTS, type AadstsCode } from "../oauth-errors";
import { logInteraction } from "../signin-record";
import { resourceAppIdOf } from "../scopes";
import { pendingRegistry } from "./pending-registry";
import type { Interaction } from "./interaction";

export interface FlowCtx {
  c: Context<AppEnv>;
  deps: AppDeps;
}

/** The interaction's tenant state (the tenant must be known at this point of the flow). */
export function tenantState(fx: FlowCtx, itx: Interaction): TenantState {
  if (!itx.tenantId) throw new OAuthError(90002, [itx.segment]);
  const record = fx.deps.tenants.resolve(itx.tenantId);
  if (!record) throw new OAuthError(90002, [itx.tenantId]);
  return record.state;
}

export const nowOf = (fx: FlowCtx, state: TenantState) => fx.deps.tenants.now(state);

/** The AADSTS text for a code (args filled where the catalogue has placeholders). */
export function aadstsText(code: AadstsCode, args: string[] = []): string {
  return new OAuthError(code, args).message;
}

/** A recoverable error shown on the current step's page; the attempt is logged. */
export function stepError(fx: FlowCtx, itx: Interaction, code: AadstsCode, args: string[] = [], pageMessage?: string): void {
  itx.error = { code, message: pageMessage ?? aadstsText(code, args) };
  if (itx.tenantId) logInteraction(fx.c, fx.deps, tenantState(fx, itx), itx, code);
}

/**
 * A terminal error: the flow stops with the code shown on an error page, the attempt is logged, and a
 * device-code flow's poller gets the same code.
 */
export function failFlow(fx: FlowCtx, itx: Interaction, code: AadstsCode, args: string[] = []): void {
  itx.step = "failed";
  itx.error = { code, message: aadstsText(code, args) };
  if (itx.tenantId) logInteraction(fx.c, fx.deps, tenantState(fx, itx), itx, code, AADSTS[code].text);
  if (itx.purpose.kind === "device") {
    const entry = pendingRegistry(fx.deps).deviceByDigest(itx.purpose.deviceCodeDigest);
    if (entry && entry.status === "pending") {
      entry.status = "failed";
      entry.errorCode = code;
    }
  }
}

/** The scope the interaction will issue tokens for (authorize request or device code). */
function requestedScope(fx: FlowCtx, itx: Interaction): string | undefined {
  if (itx.purpose.kind === "authorize") return itx.purpose.request.scope;
  if (itx.purpose.kind === "device") return pendingRegistry(fx.deps).deviceByDigest(itx.purpose.deviceCodeDigest)?.scope;
  return undefined;
}

/** The Conditional Access sign-in context of this interaction at its current progress. */
export function caContext(fx: FlowCtx, itx: Interaction): SignInContext {
  return {
    userId: itx.userId!,
    appId: itx.userAction ? null : itx.appId,
    resourceAppId: itx.userAction ? null : resourceAppIdOf(requestedScope(fx, itx), tenantState(fx, itx).applications.map((a) => a.appId)),
    userAction: itx.userAction,
    ipAddress: clientIp(fx.c),
    clientAppType: itx.purpose.kind === "device" ? "mobileAppsAndDesktopClients" : "browser",
    devicePlatform: devicePlatformOf(fx.c.req.header("user-agent")),
    satisfied: itx.first ? satisfiedMethods(itx.first, itx.second) : [],
    ...(itx.first === "temporaryAccessPass" ? { tapIsUsableOnce: itx.tapConsumed } : {}),
    ...(itx.first === "federated" ? { satisfiedModes: ["federatedSingleFactor"] } : {}),
    ...(itx.purpose.kind === "device" ? { authenticationFlow: "deviceCodeFlow" as const } : {}),
  };
}
