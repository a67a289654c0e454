/**
 * The first factor (behavior.md 1C, 2E): the username decides the route. A user holding a TAP that is
 * offered (method enabled for them, pass usable now) gets the TAP prompt first, with "Use your password
 * instead"; that wins over federation (1.34). Other users of a federated domain go to the domain's IdP;
 * everyone else gets the password prompt. A phone number is an SMS sign-in where policy and phone allow it.
 */
import { findApplication, findUser, domainOfUser } from "../../domain/directory";
import { redeemTap, storedTap } from "../../domain/tap";
import { isTapOffered, looksLikePhoneNumber, smsSignInUser, tapFailureCode } from "../../domain/signin-rules";
import type { TenantState } from "../../domain/state";
import { sendSmsCode, checkSmsCode } from "../mfa/challenges";
import { stepDetail } from "../signin-record";
import { aadstsText, failFlow, nowOf, stepError, tenantState, type FlowCtx } from "./flow-context";
import type { Interaction } from "./interaction";
import { afterFactor } from "./policy-gate";
import { WRONG_CODE } from "./second-factor";

/** For /common and /organizations: the tenant owning the name typed (its domain, or the phone number). */
function discoverTenant(fx: FlowCtx, itx: Interaction, login: string): TenantState | null {
  if (itx.tenantId) return tenantState(fx, itx);
  if (looksLikePhoneNumber(login)) {
    const hit = fx.deps.tenants.store.list().find((r) => (!itx.appId || findApplication(r.state, itx.appId)) && smsSignInUser(r.state, login));
    return hit?.state ?? null;
  }
  const domain = login.split("@").pop() ?? "";
  return fx.deps.tenants.resolve(domain)?.state ?? null;
}

const isFederated = (state: TenantState, userId: string) => {
  const user = findUser(state, userId);
  return !!user && domainOfUser(state, user)?.authenticationType === "Federated";
};

/** The credential step for a known user: TAP first when offered, else federation or password. */
export function routeToCredential(fx: FlowCtx, itx: Interaction): void {
  const state = tenantState(fx, itx);
  itx.error = null;
  if (isTapOffered(state, itx.userId!, nowOf(fx, state))) itx.step = "tap";
  else itx.step = isFederated(state, itx.userId!) ? "federation" : "password";
}

/** "Use your password instead": federated users get their IdP's password page. */
export function usePassword(fx: FlowCtx, itx: Interaction): void {
  if (itx.step !== "tap") return;
  const state = tenantState(fx, itx);
  itx.error = null;
  itx.step = isFederated(state, itx.userId!) ? "federation" : "password";
}

/**
 * `domain_hint` naming a federated domain sends the user straight to its IdP (home realm discovery);
 * on /common and /organizations the hinted domain names the tenant. Any other hint is ignored.
 */
export function followDomainHint(fx: FlowCtx, itx: Interaction, hint: string): void {
  const hinted = itx.tenantId ? fx.deps.tenants.resolve(itx.tenantId) : fx.deps.tenants.resolve(hint);
  const domain = hinted?.state.domains.find((d) => d.id.toLowerCase() === hint.toLowerCase());
  if (!hinted || domain?.authenticationType !== "Federated" || (itx.appId && !findApplication(hinted.state, itx.appId))) return;
  itx.tenantId = hinted.state.id;
  itx.federationDomain = domain.id;
  itx.step = "federation";
}

export function submitUsername(fx: FlowCtx, itx: Interaction, raw: string): void {
  const login = raw.trim();
  if (itx.step !== "username") return;
  if (!login) {
    itx.error = { code: null, message: "Enter a valid email address, phone number, or Skype name." };
    return;
  }
  itx.username = login;
  const state = discoverTenant(fx, itx, login);
  if (!state) {
    itx.error = { code: 50034, message: `This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin. (AADSTS50034: The user account ${login} does not exist in the directory.)` };
    return;
  }
  itx.tenantId = state.id;
  if (itx.appId && !findApplication(state, itx.appId)) return failFlow(fx, itx, 700016, [itx.appId, state.id]);
  if (looksLikePhoneNumber(login)) {
    const userId = smsSignInUser(state, login);
    if (userId) {
      itx.userId = userId;
      const sent = sendSmsCode(fx.deps, state, userId, nowOf(fx, state));
      itx.challenge = { method: "smsSignIn", messageId: sent?.messageId ?? null, codeDigest: sent?.codeDigest ?? null, numberToMatch: null };
      itx.step = "smsSignIn";
      itx.error = null;
      return;
    }
  }
  const user = findUser(state, login);
  if (!user) {
    stepError(fx, itx, 50034, [login, state.displayName]);
    return;
  }
  itx.userId = user.id;
  itx.username = user.userPrincipalName;
  routeToCredential(fx, itx);
}

export function submitTap(fx: FlowCtx, itx: Interaction, value: string): void {
  if (itx.step !== "tap") return;
  const state = tenantState(fx, itx);
  const now = nowOf(fx, state);
  // redeemTap checks and consumes a one-time pass in one synchronous step: of two simultaneous
  // sign-ins with the same pass exactly one succeeds.
  const usedBefore = storedTap(state, itx.userId!)?.usedDateTime ?? null;
  const result = redeemTap(state, itx.userId!, value.trim(), now, fx.deps.secrets);
  fx.deps.tenants.touch(state);
  if (!result.ok) {
    const code = tapFailureCode(result.reason);
    itx.details.push(stepDetail(now, "Temporary Access Pass", false, code === 130501 ? "Temporary Access Pass sign in was blocked due to User Credential Policy" : "Invalid Temporary Access Pass"));
    stepError(fx, itx, code);
    itx.details.pop();
    return;
  }
  itx.first = "temporaryAccessPass";
  itx.tapId = result.tap.id;
  itx.tapExpiresAt = result.expiresAt.toISOString();
  itx.tapConsumed = result.consumedOneTime;
  itx.authTime = now.toISOString();
  const detail = stepDetail(now, "Temporary Access Pass", true,
    result.consumedOneTime ? "One-time Temporary Access Pass consumed" : "Correct Temporary Access Pass",
    "Primary authentication", result.tap.isUsableOnce ? "One-time use" : "Multi-use");
  itx.details.push(detail);
  afterFactor(fx, itx);
  // The pass is consumed by the first *successful* sign-in: when this one is refused right away (e.g.
  // Conditional Access blocks, 53003), the consumption is undone in the same synchronous step (no await
  // since redeemTap), so of two simultaneous sign-ins still exactly one can succeed.
  if ((itx.step as Interaction["step"]) === "failed" && result.consumedOneTime) {
    result.tap.usedDateTime = usedBefore;
    itx.tapConsumed = false;
    detail.authenticationStepResultDetail = "Correct Temporary Access Pass";
    // The failed attempt was logged inside afterFactor: its TAP step must not claim a consumption.
    const logged = state.signIns.at(-1) as { authenticationDetails?: Record<string, unknown>[] } | undefined;
    const step = logged?.authenticationDetails?.find((d) => d.authenticationMethod === "Temporary Access Pass" && d.authenticationStepDateTime === detail.authenticationStepDateTime);
    if (step) step.authenticationStepResultDetail = detail.authenticationStepResultDetail;
    fx.deps.tenants.touch(state);
  }
}

export function submitPassword(fx: FlowCtx, itx: Interaction, password: string): void {
  if (itx.step !== "password") return;
  const state = tenantState(fx, itx);
  const now = nowOf(fx, state);
  const user = findUser(state, itx.userId!)!;
  if (!fx.deps.secrets.verify(password, user.passwordHash)) {
    itx.details.push(stepDetail(now, "Password", false, "Invalid username or password or Invalid on-premise username or password.", "Primary authentication", "Password in the cloud"));
    stepError(fx, itx, 50126, [], "Your account or password is incorrect. (AADSTS50126: Error validating credentials due to invalid username or password.)");
    itx.details.pop();
    return;
  }
  itx.first = "password";
  itx.authTime = now.toISOString();
  itx.details.push(stepDetail(now, "Password", true, "Correct password", "Primary authentication", "Password in the cloud"));
  afterFactor(fx, itx);
}

/** The code of an SMS sign-in (phone number as username, no password). */
export function submitSmsSignInCode(fx: FlowCtx, itx: Interaction, code: string): void {
  const ch = itx.challenge;
  if (itx.step !== "smsSignIn" || !ch) return;
  const state = tenantState(fx, itx);
  const now = nowOf(fx, state);
  const result = checkSmsCode(fx.deps, state, ch.messageId, ch.codeDigest, code, now);
  if (result !== "ok") {
    itx.details.push(stepDetail(now, "Text message", false, "Invalid verification code"));
    stepError(fx, itx, 50126, [], result === "expired" ? "The code has expired. Start again to get a new code." : WRONG_CODE);
    itx.details.pop();
    return;
  }
  itx.first = "sms";
  itx.challenge = null;
  itx.authTime = now.toISOString();
  itx.details.push(stepDetail(now, "Text message", true, "SMS verification code sent", "Primary authentication", "SMS sign-in"));
  afterFactor(fx, itx);
}

/** Back from the federated IdP with a verified assertion for this interaction's user. */
export function federationCompleted(fx: FlowCtx, itx: Interaction, upn: string, idpName: string): void {
  if (itx.step !== "federation") return;
  const state = tenantState(fx, itx);
  const now = nowOf(fx, state);
  const user = findUser(state, upn);
  if (!user || (itx.userId && itx.userId !== user.id) || !isFederated(state, user.id)) {
    itx.error = { code: 50126, message: aadstsText(50126) };
    itx.step = "failed";
    return;
  }
  itx.userId = user.id;
  itx.username = user.userPrincipalName;
  itx.first = "federated";
  itx.authTime = now.toISOString();
  itx.details.push(stepDetail(now, "Password", true, "Federated authentication succeeded", "Primary authentication", `Federated (${idpName})`));
  afterFactor(fx, itx);
}
