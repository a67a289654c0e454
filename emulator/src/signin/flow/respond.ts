/**
 * Answers a request about an interaction at its current step: the step's page (with its error, if
 * any), the redirect to the federated IdP, the final answer to the app, or an error page.
 */
import { findApplication, findUser } from "../../domain/directory";
import { maskPhone, mobilePhone } from "../../domain/signin-rules";
import type { SecondFactor } from "../../domain/amr";
import { codePage, deviceConfirmPage, errorPage, passwordPage, pushPage, tapPage, usernamePage, type OtherOption } from "../../pages/signin.pages";
import { tenantState, type FlowCtx } from "./flow-context";
import type { Interaction } from "./interaction";
import { finish } from "./complete";

const OPTION_LABEL: Record<SecondFactor, string> = {
  microsoftAuthenticatorPush: "Approve a request on my Microsoft Authenticator app",
  softwareOath: "Use a verification code",
  sms: "Text my phone",
};

function appName(fx: FlowCtx, itx: Interaction): string | null {
  if (!itx.appId) return itx.userAction ? "My Security Info" : null;
  const states = itx.tenantId ? [tenantState(fx, itx)] : fx.deps.tenants.list();
  for (const s of states) {
    const app = findApplication(s, itx.appId);
    if (app) return app.displayName;
  }
  return null;
}

/** The prompt of an SMS code page (sign-in with a phone number, or a second factor). */
function smsPrompt(fx: FlowCtx, itx: Interaction): string {
  const phone = mobilePhone(tenantState(fx, itx), itx.userId!);
  return `We texted your phone ${maskPhone(String(phone?.props.phoneNumber ?? ""))}. Please enter the code to sign in.`;
}

export function loginUrl(itx: Interaction, extra: Record<string, string> = {}): string {
  return `/${itx.segment}/login?${new URLSearchParams({ ctx: itx.id, ...extra }).toString()}`;
}

export function respond(fx: FlowCtx, itx: Interaction): Response {
  const c = fx.c;
  c.header("cache-control", "no-store");
  const view = { action: `/${itx.segment}/login`, ctx: itx.id, appName: appName(fx, itx), error: itx.error };
  const others = (current: string): OtherOption[] =>
    itx.secondOptions.filter((o) => o !== current).map((o) => ({ href: loginUrl(itx, { method: o }), label: OPTION_LABEL[o] }));
  switch (itx.step) {
    case "username":
      return c.html(usernamePage({ ...view, username: itx.username ?? undefined }));
    case "tap":
      return c.html(tapPage({ ...view, username: itx.username ?? "", passwordHref: loginUrl(itx, { use: "password" }) }));
    case "password":
      return c.html(passwordPage({ ...view, username: itx.username ?? "" }));
    case "federation": {
      const state = tenantState(fx, itx);
      const upn = itx.userId ? findUser(state, itx.userId)!.userPrincipalName : "";
      const domain = itx.federationDomain ?? upn.split("@").pop()!;
      const q = new URLSearchParams({ ctx: itx.id, username: upn, tenant: itx.segment });
      return c.redirect(`/_federation/${encodeURIComponent(domain)}/login?${q.toString()}`, 302);
    }
    case "smsSignIn":
      return c.html(codePage({ ...view, prompt: smsPrompt(fx, itx), others: [] }));
    case "secondFactor": {
      const ch = itx.challenge!;
      if (ch.method === "microsoftAuthenticatorPush")
        return c.html(pushPage({ ...view, number: ch.numberToMatch!, refreshHref: loginUrl(itx), others: others(ch.method) }));
      const prompt = ch.method === "sms" ? smsPrompt(fx, itx) : "Enter the code displayed in the authenticator app on your mobile device.";
      return c.html(codePage({ ...view, prompt, others: others(ch.method) }));
    }
    case "deviceConfirm":
      return c.html(deviceConfirmPage({ ...view, username: itx.username ?? "" }));
    case "done":
      return finish(fx, itx);
    case "failed":
      return c.html(errorPage(itx.error ?? { code: null, message: "The sign-in could not be completed." }), 400);
  }
}
