/**
 * Ending an interaction: a successful sign-in is logged, starts (or steps up) the SSO session, and is
 * answered by purpose: an authorization code to the app's redirect URI, approval of a device code after
 * the user confirms, or a return to My Security Info.
 */
import type { AuthenticationResult } from "../../domain/signin-state.types";
import { amrFor, satisfiedMethods } from "../../domain/amr";
import { clientInfo } from "../tokens";
import { startSession } from "../session/sso-session";
import { issueAuthCode } from "../authorize/auth-code";
import { authorizationResponse } from "../authorize/authorization-response";
import { logInteraction } from "../signin-record";
import { messagePage } from "../../pages/signin.pages";
import { failFlow, tenantState, type FlowCtx } from "./flow-context";
import type { Interaction } from "./interaction";
import { deviceNow, pendingRegistry } from "./pending-registry";
import { findApplication } from "../../domain/directory";
import { registrationNudge } from "../security-info/campaign-interstitial";

export function authenticationResult(itx: Interaction): AuthenticationResult {
  return {
    userId: itx.userId!,
    amr: amrFor(itx.first!, itx.second),
    methods: satisfiedMethods(itx.first!, itx.second),
    authTime: itx.authTime!,
    tapId: itx.tapId,
    tapExpiresAt: itx.tapExpiresAt,
  };
}

/** The interaction reached `done`: answer the app (authorize) or go back to My Security Info. */
export function finish(fx: FlowCtx, itx: Interaction): Response {
  const state = tenantState(fx, itx);
  const result = authenticationResult(itx);
  logInteraction(fx.c, fx.deps, state, itx, 0);
  const session = startSession(fx.c, fx.deps, state, result, itx.sessionDigest);
  // The registration campaign's interstitial (behavior.md 2.24) may come between sign-in and the app.
  const nudge = itx.purpose.kind === "authorize" ? registrationNudge(fx, itx, state, session.id) : null;
  if (nudge) return nudge;
  pendingRegistry(fx.deps).dropInteraction(itx.id);
  if (itx.purpose.kind === "authorize") return answerApp(fx, itx, session.id);
  return fx.c.redirect(`/${itx.segment}/mysecurityinfo`, 303);
}

/** The authorization response (code, client_info, session_state) for a finished authorize interaction. */
export function answerApp(fx: FlowCtx, itx: Interaction, sessionId: string): Response {
  if (itx.purpose.kind !== "authorize") throw new Error("answerApp needs an authorize interaction");
  const state = tenantState(fx, itx);
  const result = authenticationResult(itx);
  const req = itx.purpose.request;
  const code = issueAuthCode(fx.deps, state, req, result, sessionId);
  return authorizationResponse(fx.c, req, { code, client_info: clientInfo(result.userId, state.id), session_state: sessionId });
}

/** The device-code confirmation ("Are you trying to sign in to ...?"). */
export function confirmDevice(fx: FlowCtx, itx: Interaction, decision: string): Response | null {
  if (itx.step !== "deviceConfirm" || itx.purpose.kind !== "device") return null;
  const state = tenantState(fx, itx);
  const registry = pendingRegistry(fx.deps);
  const entry = registry.deviceByDigest(itx.purpose.deviceCodeDigest);
  if (!entry || entry.status !== "pending" || entry.expiresAt <= deviceNow(fx.deps, entry)) {
    failFlow(fx, itx, 70019);
    return null;
  }
  registry.dropInteraction(itx.id);
  if (decision !== "continue") {
    entry.status = "declined";
    entry.errorCode = 70020;
    return fx.c.html(messagePage("Sign in cancelled", "You've cancelled the sign in. You can close this window."));
  }
  const result = authenticationResult(itx);
  logInteraction(fx.c, fx.deps, state, itx, 0);
  entry.status = "approved";
  entry.result = { ...result, tenantId: state.id, sessionId: null };
  const appName = itx.appId ? findApplication(state, itx.appId)?.displayName : null;
  return fx.c.html(messagePage("You're signed in", `You have signed in to the ${appName ?? "requested"} application on your device. You may now close this window.`));
}
