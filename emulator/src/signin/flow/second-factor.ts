/**
 * The second-factor step (behavior.md 2D, 2E; MFA "for real"): a TOTP code checked with otplib against
 * the registered secret, an SMS code sent to the outbox, or an Authenticator push with number matching
 * answered through the control plane. Wrong codes and denied pushes fail (AADSTS500121); nothing is
 * accepted without the right answer.
 */
import type { SecondFactor } from "../../domain/amr";
import { totpSecret } from "../../domain/signin-rules";
import { verifyTotp } from "../../domain/auth-methods";
import { findApplication } from "../../domain/directory";
import { clientIp } from "../../http/context";
import { checkSmsCode, consumePush, pushStatus, sendPush, sendSmsCode } from "../mfa/challenges";
import { stepDetail } from "../signin-record";
import { failFlow, nowOf, stepError, tenantState, type FlowCtx } from "./flow-context";
import type { Interaction } from "./interaction";
import { afterFactor } from "./policy-gate";

const METHOD_NAME: Record<SecondFactor, string> = {
  softwareOath: "OATH verification code",
  sms: "Text message",
  microsoftAuthenticatorPush: "Mobile app notification",
};

export const WRONG_CODE = "That code didn't work. Check the code and try again.";

export function startChallenge(fx: FlowCtx, itx: Interaction, method: SecondFactor): void {
  const state = tenantState(fx, itx);
  const now = nowOf(fx, state);
  itx.step = "secondFactor";
  itx.error = null;
  if (method === "sms") {
    const sent = sendSmsCode(fx.deps, state, itx.userId!, now);
    itx.challenge = { method, messageId: sent?.messageId ?? null, codeDigest: sent?.codeDigest ?? null, numberToMatch: null };
  } else if (method === "microsoftAuthenticatorPush") {
    const appName = itx.appId ? findApplication(state, itx.appId)?.displayName ?? null : "My Sign-Ins";
    const sent = sendPush(fx.deps, state, itx.userId!, appName, clientIp(fx.c), now);
    itx.challenge = { method, messageId: sent.messageId, codeDigest: null, numberToMatch: sent.numberToMatch };
  } else {
    itx.challenge = { method, messageId: null, codeDigest: null, numberToMatch: null };
  }
}

/** "Use a different verification option": only methods the policy step offered. */
export function chooseMethod(fx: FlowCtx, itx: Interaction, method: string): void {
  if (itx.step !== "secondFactor") return;
  const m = itx.secondOptions.find((o) => o === method);
  if (m) startChallenge(fx, itx, m);
}

function secondDone(fx: FlowCtx, itx: Interaction, method: SecondFactor): void {
  const state = tenantState(fx, itx);
  itx.details.push(stepDetail(nowOf(fx, state), METHOD_NAME[method], true, method === "microsoftAuthenticatorPush" ? "MFA successfully completed" : "MFA completed in Azure AD", "MFA"));
  itx.second = method;
  itx.challenge = null;
  afterFactor(fx, itx);
}

function secondFailed(fx: FlowCtx, itx: Interaction, method: SecondFactor, message: string): void {
  const state = tenantState(fx, itx);
  itx.details.push(stepDetail(nowOf(fx, state), METHOD_NAME[method], false, message, "MFA"));
  stepError(fx, itx, 500121, [], message);
  itx.details.pop();
}

/** A code typed on the second-factor page (TOTP or SMS). */
export function submitSecondFactorCode(fx: FlowCtx, itx: Interaction, code: string): void {
  const ch = itx.challenge;
  if (itx.step !== "secondFactor" || !ch || ch.method === "microsoftAuthenticatorPush" || ch.method === "smsSignIn") return;
  const state = tenantState(fx, itx);
  const now = nowOf(fx, state);
  if (ch.method === "softwareOath") {
    const secret = totpSecret(state, itx.userId!);
    // The authenticator app keeps real time even when a test moves the tenant clock: a code valid at
    // the tenant's now or at the process's (wall-clock) now is accepted, nothing else.
    if (secret && (verifyTotp(secret, code, now) || verifyTotp(secret, code, fx.deps.clock.now()))) return secondDone(fx, itx, "softwareOath");
    return secondFailed(fx, itx, "softwareOath", WRONG_CODE);
  }
  const result = checkSmsCode(fx.deps, state, ch.messageId, ch.codeDigest, code, now);
  if (result === "ok") return secondDone(fx, itx, "sms");
  return secondFailed(fx, itx, "sms", result === "expired" ? "The code has expired. Request a new code." : WRONG_CODE);
}

/** The push page checks whether the request was answered (meta refresh or "I approved it"). */
export function checkPush(fx: FlowCtx, itx: Interaction): void {
  const ch = itx.challenge;
  if (itx.step !== "secondFactor" || !ch || ch.method !== "microsoftAuthenticatorPush") return;
  const state = tenantState(fx, itx);
  const status = pushStatus(state, ch.messageId);
  if (status === "approved") {
    consumePush(fx.deps, state, ch.messageId);
    return secondDone(fx, itx, "microsoftAuthenticatorPush");
  }
  if (status === "denied") {
    itx.details.push(stepDetail(nowOf(fx, state), METHOD_NAME.microsoftAuthenticatorPush, false, "MFA denied; user declined the authentication", "MFA"));
    return failFlow(fx, itx, 500121);
  }
  if (status !== "pending") {
    itx.details.push(stepDetail(nowOf(fx, state), METHOD_NAME.microsoftAuthenticatorPush, false, "MFA denied; the request expired", "MFA"));
    failFlow(fx, itx, 500121);
  }
}
