/**
 * My Security Info's forms: `GET /{tenant}/mysecurityinfo/add?method=...` shows the registration form
 * of one offered kind, `POST .../add` saves it, `POST .../delete` deletes a method. Every request passes
 * the gate (session + the "register security information" user action); POSTs carry the session's
 * anti-forgery value. A kind the policy does not offer is refused with a visible error (400).
 */
import { Hono, type Context } from "hono";
import type { AppDeps, AppEnv } from "../../http/context";
import { errorPage } from "../../pages/signin.pages";
import type { PageError } from "../../pages/layout";
import { authenticatorForm, emailForm, phoneForm, softwareOathForm, type AddFormView } from "../../pages/security-info-forms.pages";
import { campaignDonePage } from "../../pages/registration-campaign.pages";
import { findApplication } from "../../domain/directory";
import { pendingRegistry } from "../flow/pending-registry";
import { csrfToken, securityInfoGate, type SecurityInfoAccess } from "./gate";
import { renderSecurityInfo } from "./list-view";
import { deleteFromPage, pageOffer, PageRefusal, registerFromPage, requireOffered, sessionPrincipal, type PageMethodKind } from "./registration";
import { campaignActionUrl, pendingNudges } from "./campaign-interstitial";
import { formFields } from "../form-fields";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

type Ctx = Context<AppEnv>;

/** The campaign interaction a registration continues, when it is this user's pending nudge. */
function campaignOf(deps: AppDeps, a: SecurityInfoAccess, ctx: string | undefined): string | null {
  if (!ctx) return null;
  const nudge = pendingNudges(deps).get(ctx);
  return nudge && nudge.userId === a.user.id && nudge.tenantId === a.state.id ? ctx : null;
}

function renderForm(c: Ctx, deps: AppDeps, a: SecurityInfoAccess, kind: PageMethodKind, campaign: string | null, error: PageError | null, secret?: string): Response {
  const view: AddFormView = {
    action: `/${a.segment}/mysecurityinfo/add`, csrf: csrfToken(a.session), campaign, backHref: `/${a.segment}/mysecurityinfo`, error,
  };
  const status = error ? 400 : 200;
  c.header("cache-control", "no-store");
  switch (kind) {
    case "softwareOath": {
      const s = secret ?? deps.ids.fromAlphabet(BASE32, 32);
      const issuer = encodeURIComponent(a.state.displayName);
      const uri = `otpauth://totp/${issuer}:${encodeURIComponent(a.user.userPrincipalName)}?secret=${s}&issuer=${issuer}&algorithm=SHA1&digits=6&period=30`;
      return c.html(softwareOathForm({ ...view, secret: s, otpauthUri: uri }), status);
    }
    case "microsoftAuthenticator":
      return c.html(authenticatorForm(view), status);
    case "phone":
      return c.html(phoneForm({ ...view, phoneTypes: pageOffer(a.state, a.user.id).phoneTypes }), status);
    case "email":
      return c.html(emailForm(view), status);
  }
}

const refusal = (e: unknown): PageError | null => (e instanceof PageRefusal ? { code: null, message: e.message } : null);

const forged = (c: Ctx) =>
  c.html(errorPage({ code: null, message: "This form has expired or did not come from your security info page. Go back to My Security Info and try again." }), 400);

export function manageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get("/:tenant/mysecurityinfo/add", (c) => {
    const gate = securityInfoGate(c, deps);
    if (!gate.ok) return gate.response;
    const a = gate.access;
    const q = c.req.query();
    try {
      const kind = requireOffered(a.state, a.user.id, q.method ?? "");
      return renderForm(c, deps, a, kind, campaignOf(deps, a, q.campaign), null);
    } catch (e) {
      const error = refusal(e);
      if (!error) throw e;
      return c.html(renderSecurityInfo(a, { error }), 400);
    }
  });

  app.post("/:tenant/mysecurityinfo/add", async (c) => {
    const gate = securityInfoGate(c, deps);
    if (!gate.ok) return gate.response;
    const a = gate.access;
    const form = await formFields(c);
    if (form.csrf !== csrfToken(a.session)) return forged(c);
    const campaign = campaignOf(deps, a, form.campaign);
    const principal = sessionPrincipal(a.state, a.session, a.now);
    try {
      const method = registerFromPage(c, deps, a.state, a.user, principal, {
        kind: form.method ?? "", displayName: form.displayName, secret: form.secret, code: form.code,
        phoneNumber: form.phoneNumber, phoneType: form.phoneType, emailAddress: form.emailAddress,
      }, a.now);
      deps.tenants.touch(a.state);
      if (campaign && method.kind === "microsoftAuthenticator") {
        const itx = pendingRegistry(deps).interaction(campaign);
        const appName = itx?.appId ? findApplication(a.state, itx.appId)?.displayName ?? null : null;
        return c.html(campaignDonePage({ action: campaignActionUrl(a.segment), ctx: campaign, appName }));
      }
      return c.redirect(`/${a.segment}/mysecurityinfo?saved=${encodeURIComponent(method.kind)}`, 303);
    } catch (e) {
      const error = refusal(e);
      if (!error) throw e;
      // The form again with the error when the kind is offered; otherwise the list with the error.
      const offered = pageOffer(a.state, a.user.id).kinds.includes(form.method as PageMethodKind);
      if (!offered) return c.html(renderSecurityInfo(a, { error }), 400);
      return renderForm(c, deps, a, form.method as PageMethodKind, campaign, error, form.method === "softwareOath" ? form.secret : undefined);
    }
  });

  app.post("/:tenant/mysecurityinfo/delete", async (c) => {
    const gate = securityInfoGate(c, deps);
    if (!gate.ok) return gate.response;
    const a = gate.access;
    const form = await formFields(c);
    if (form.csrf !== csrfToken(a.session)) return forged(c);
    try {
      deleteFromPage(c, deps, a.state, a.user, sessionPrincipal(a.state, a.session, a.now), form.methodId ?? "", a.now);
      deps.tenants.touch(a.state);
      return c.redirect(`/${a.segment}/mysecurityinfo?deleted=1`, 303);
    } catch (e) {
      const error = refusal(e);
      if (!error) throw e;
      return c.html(renderSecurityInfo(a, { error }), 400);
    }
  });
  return app;
}
