/**
 * The registration campaign interstitial's answers, `POST /{tenant}/mysecurityinfo/campaign`
 * (behavior.md 2.23-2.24): `next` goes to My Security Info's Microsoft Authenticator registration,
 * `skip` ("Skip for now", only while snoozes are allowed) records the snooze by the tenant clock and
 * completes the original sign-in, `continue` completes it after the registration.
 */
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../http/context";
import { errorPage } from "../../pages/signin.pages";
import { campaignPage } from "../../pages/registration-campaign.pages";
import { pendingRegistry } from "../flow/pending-registry";
import { answerApp } from "../flow/complete";
import { campaignActionUrl, pendingNudges } from "./campaign-interstitial";
import { recordSnooze } from "./campaign-rules";
import { formFields } from "../form-fields";

export function campaignRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.post("/:tenant/mysecurityinfo/campaign", async (c) => {
    const form = await formFields(c);
    const ctx = form.ctx ?? "";
    const decision = form.decision ?? "";
    const nudge = pendingNudges(deps).get(ctx);
    const itx = pendingRegistry(deps).interaction(ctx);
    const record = nudge ? deps.tenants.resolve(nudge.tenantId) : undefined;
    if (!nudge || !itx || !record)
      return c.html(errorPage({ code: null, message: "Your sign-in session has expired or is unknown. Go back to the application and start again." }), 400);
    const state = record.state;
    const fx = { c, deps };
    c.header("cache-control", "no-store");
    const finishSignIn = () => {
      pendingNudges(deps).delete(ctx);
      pendingRegistry(deps).dropInteraction(ctx);
      return answerApp(fx, itx, nudge.sessionId);
    };
    if (decision === "next") return c.redirect(`/${itx.segment}/mysecurityinfo/add?${new URLSearchParams({ method: "microsoftAuthenticator", campaign: ctx })}`, 303);
    const registered = (state.authMethods[nudge.userId]?.methods ?? []).some((m) => m.kind === "microsoftAuthenticator");
    if (decision === "continue" && registered) return finishSignIn();
    if ((decision === "skip" || decision === "continue") && nudge.skipAllowed) {
      recordSnooze(state, nudge.userId, deps.tenants.now(state));
      deps.tenants.touch(state);
      return finishSignIn();
    }
    const page = campaignPage({
      action: campaignActionUrl(itx.segment), ctx, username: itx.username ?? "", skipAllowed: nudge.skipAllowed,
      error: { code: null, message: "Your organization requires you to set up Microsoft Authenticator before you continue." },
    });
    return c.html(page, 400);
  });
  return app;
}
