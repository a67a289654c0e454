/**
 * Where the registration campaign meets the sign-in flow (behavior.md 2.24): once an interactive
 * authorize sign-in has succeeded with an MFA done in this sign-in, and the campaign picks the user,
 * the interstitial "Improve your sign-in" is shown instead of answering the app at once. "Next" leads
 * to My Security Info's Microsoft Authenticator registration, "Skip for now" records a snooze; both
 * end with the original authorization response. Never for device code or prompt=none.
 */
import type { AppDeps } from "../../http/context";
import type { TenantState } from "../../domain/state";
import { evaluateConditionalAccess } from "../../domain/conditional-access/evaluate";
import { campaignPage } from "../../pages/registration-campaign.pages";
import { caContext, type FlowCtx } from "../flow/flow-context";
import type { Interaction } from "../flow/interaction";
import { campaignVerdict } from "./campaign-rules";

export interface PendingNudge {
  interactionId: string;
  tenantId: string;
  userId: string;
  /** The SSO session the sign-in started (its `session_state`), for the authorization response. */
  sessionId: string;
  skipAllowed: boolean;
}

const stores = new WeakMap<AppDeps, Map<string, PendingNudge>>();

/** The nudges waiting for the user's answer, by interaction id (in memory, like pending interactions). */
export function pendingNudges(deps: AppDeps): Map<string, PendingNudge> {
  let m = stores.get(deps);
  if (!m) stores.set(deps, (m = new Map()));
  return m;
}

/** An MFA step completed in this very sign-in (not carried over from an SSO session, not a TAP). */
export function mfaDoneNow(itx: Interaction): boolean {
  return itx.details.some((d) => d.succeeded && d.authenticationStepRequirement === "MFA");
}

export function campaignActionUrl(segment: string): string {
  return `/${segment}/mysecurityinfo/campaign`;
}

/**
 * The interstitial for a finished interactive authorize interaction, or null to answer the app now.
 * Conditions beyond campaignVerdict (2.24): the sign-in was interactive (not prompt=none), included an
 * MFA, and no CA policy blocks the "register security information" user action for the user.
 */
export function registrationNudge(fx: FlowCtx, itx: Interaction, state: TenantState, sessionId: string): Response | null {
  if (itx.purpose.kind !== "authorize" || itx.purpose.request.prompt === "none" || !itx.userId) return null;
  const render = (skipAllowed: boolean) => {
    fx.c.header("cache-control", "no-store");
    return fx.c.html(campaignPage({ action: campaignActionUrl(itx.segment), ctx: itx.id, username: itx.username ?? "", skipAllowed, error: null }));
  };
  // Back to the finished step (back button, reload): the interstitial again, never a way around it.
  const waiting = pendingNudges(fx.deps).get(itx.id);
  if (waiting) return render(waiting.skipAllowed);
  if (!mfaDoneNow(itx)) return null;
  const verdict = campaignVerdict(state, itx.userId, fx.deps.tenants.now(state));
  if (!verdict.nudge) return null;
  const registration = evaluateConditionalAccess(state, { ...caContext(fx, itx), userAction: "urn:user:registersecurityinfo", appId: null, resourceAppId: null });
  if (registration.outcome.kind === "block") return null;
  pendingNudges(fx.deps).set(itx.id, { interactionId: itx.id, tenantId: state.id, userId: itx.userId, sessionId, skipAllowed: verdict.skipAllowed });
  return render(verdict.skipAllowed);
}
