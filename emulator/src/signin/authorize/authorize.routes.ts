/**
 * `/{tenant}/oauth2/v2.0/authorize` (GET, or POST with a form): the authorization code flow with PKCE.
 * The request runs through the ordered checks; then an SSO session for the tenant (cookie) answers at
 * once when policy allows (prompt=login ignores it, prompt=none requires it: AADSTS50058 login_required),
 * and otherwise an interaction starts at the username step (login_hint fills it in, a domain_hint naming
 * a federated domain goes straight to its IdP). Unknown parameters are ignored.
 */
import { Hono, type Context } from "hono";
import type { AppDeps, AppEnv } from "../../http/context";
import type { TenantRecord } from "../../store/tenant-store";
import type { SsoSessionRecord } from "../../domain/signin-state.types";
import { findApplication, findUser } from "../../domain/directory";
import { errorPage } from "../../pages/signin.pages";
import { OAuthError } from "../oauth-errors";
import { resolveTenantSegment } from "../tenant-segment";
import { currentSession, sessionTenantIds } from "../session/sso-session";
import { INTERACTION_MINUTES, newInteraction, type AuthorizeRequest } from "../flow/interaction";
import { resumeFromSession } from "../flow/resume-session";
import { pendingRegistry } from "../flow/pending-registry";
import type { FlowCtx } from "../flow/flow-context";
import { afterFactor } from "../flow/policy-gate";
import { followDomainHint, submitUsername } from "../flow/first-factor";
import { respond } from "../flow/respond";
import { logInteraction } from "../signin-record";
import { AUTHORIZE_CHECKS } from "./checks";
import { AuthorizeError, type AuthorizeDraft } from "./checks/check";
import { authorizationError } from "./authorization-response";
import { formFields } from "../form-fields";

async function readParams(c: Context<AppEnv>): Promise<Record<string, string>> {
  return c.req.method === "POST" ? { ...c.req.query(), ...(await formFields(c)) } : { ...c.req.query() };
}

/** The session usable for this request: in the named tenant, or (common) in any tenant holding the app. */
function findSession(c: Context<AppEnv>, deps: AppDeps, tenant: TenantRecord | null, clientId: string): { state: TenantRecord["state"]; session: SsoSessionRecord } | null {
  const states = tenant ? [tenant.state] : sessionTenantIds(c).map((id) => deps.tenants.resolve(id)?.state).filter((s) => !!s);
  for (const state of states) {
    if (!findApplication(state!, clientId)) continue;
    const session = currentSession(c, deps, state!);
    if (session) return { state: state!, session };
  }
  return null;
}

export function authorizeRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const registry = pendingRegistry(deps);

  app.on(["GET", "POST"], "/:tenant/oauth2/v2.0/authorize", async (c) => {
    const segment = c.req.param("tenant");
    const params = await readParams(c);
    let tenant: TenantRecord | null;
    try {
      tenant = resolveTenantSegment(deps, segment);
    } catch (e) {
      if (e instanceof OAuthError) return c.html(errorPage({ code: e.aadsts, message: e.message }), 400);
      throw e;
    }
    const clientId = params.client_id ?? "";
    const appRecord = tenant
      ? findApplication(tenant.state, clientId)
      : deps.tenants.list().map((s) => findApplication(s, clientId)).find((a) => !!a);
    const draft: AuthorizeDraft = { params, app: appRecord ?? null, request: {} };
    try {
      for (const check of AUTHORIZE_CHECKS) check(draft);
    } catch (e) {
      if (!(e instanceof AuthorizeError)) throw e;
      const err = new OAuthError(e.code, e.args);
      if (!e.redirectable) return c.html(errorPage({ code: e.code, message: err.message }), 400);
      return authorizationError(c, draft.request as AuthorizeRequest, e.code, e.args, e.oauthError);
    }
    const req = draft.request as AuthorizeRequest;
    const fx: FlowCtx = { c, deps };
    const expiresAtMs = deps.clock.now().getTime() + INTERACTION_MINUTES * 60_000;
    const base = { segment, purpose: { kind: "authorize" as const, request: req }, appId: req.clientId, userAction: null, expiresAtMs };

    const found = req.prompt === "login" ? null : findSession(c, deps, tenant, req.clientId);
    const sessionUser = found ? findUser(found.state, found.session.userId) : undefined;
    if (found && sessionUser && (!req.loginHint || req.loginHint.toLowerCase() === sessionUser.userPrincipalName.toLowerCase())) {
      const itx = newInteraction({ ...base, id: deps.ids.opaque(24), tenantId: found.state.id });
      resumeFromSession(itx, found.session, sessionUser.userPrincipalName, deps.tenants.now(found.state));
      if (req.prompt === "none") {
        // No page may be shown: anything but "allowed as is" goes back to the app.
        afterFactor(fx, itx, { interactive: false });
        if (itx.step === "done") return respond(fx, itx);
        if (itx.step === "failed" && itx.error?.code) return authorizationError(c, req, itx.error.code as never);
        // An interrupted sign-in is an attempt too: logged with the code the app receives.
        logInteraction(c, deps, found.state, itx, 50076);
        return authorizationError(c, req, 50076, [req.clientId], "interaction_required");
      }
      registry.putInteraction(itx);
      afterFactor(fx, itx);
      return respond(fx, itx);
    }
    if (req.prompt === "none") return authorizationError(c, req, 50058, [], "login_required");

    const itx = newInteraction({ ...base, id: deps.ids.opaque(24), tenantId: tenant?.state.id ?? null });
    registry.putInteraction(itx);
    if (req.loginHint) submitUsername(fx, itx, req.loginHint);
    else if (req.domainHint) followDomainHint(fx, itx, req.domainHint);
    return respond(fx, itx);
  });
  return app;
}
