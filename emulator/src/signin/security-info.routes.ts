/**
 * A minimal My Security Info (`/{tenant}/mysecurityinfo`), session-cookie based. Without a session the
 * user signs in first (the hosted steps). Opening it is the "register security information" user action
 * (behavior.md 3.14): Conditional Access is evaluated for it; blocked -> AADSTS53010 (4.6); MFA or a
 * strength not yet met -> the second-factor step (a TAP already satisfies MFA, 3.33). Then it lists the
 * user's methods, with the banner of 1.42 when only a password / TAP exists. Registration forms: later.
 */
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../http/context";
import type { TenantState } from "../domain/state";
import { findUser } from "../domain/directory";
import { storedTap, tapExpiresAt } from "../domain/tap";
import { errorPage } from "../pages/signin.pages";
import { securityInfoPage, type MethodRow } from "../pages/security-info.pages";
import { OAuthError } from "./oauth-errors";
import { currentSession, touchSession } from "./session/sso-session";
import { INTERACTION_MINUTES, newInteraction } from "./flow/interaction";
import { pendingRegistry } from "./flow/pending-registry";
import { afterFactor } from "./flow/policy-gate";
import { respond } from "./flow/respond";
import { resumeFromSession } from "./flow/resume-session";

const KIND_LABEL: Record<string, string> = {
  phone: "Phone",
  email: "Email",
  softwareOath: "Authenticator app",
  microsoftAuthenticator: "Microsoft Authenticator",
  fido2: "Security key",
  windowsHelloForBusiness: "Windows Hello for Business",
  password: "Password",
};

function rows(state: TenantState, userId: string): MethodRow[] {
  const out: MethodRow[] = [{ type: "Password", detail: "Last updated " + (findUser(state, userId)?.lastPasswordChangeDateTime ?? "") }];
  const tap = storedTap(state, userId);
  if (tap) out.push({ type: "Temporary Access Pass", detail: `Expires ${tapExpiresAt(tap).toISOString()}` });
  for (const m of state.authMethods[userId]?.methods ?? []) {
    if (m.kind === "password") continue;
    const detail = String(m.props.phoneNumber ?? m.props.emailAddress ?? m.props.displayName ?? m.props.model ?? "");
    out.push({ type: KIND_LABEL[m.kind] ?? m.kind, detail });
  }
  return out;
}

export function securityInfoRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get("/:tenant/mysecurityinfo", (c) => {
    const segment = c.req.param("tenant");
    const record = deps.tenants.resolve(segment);
    if (!record) return c.html(errorPage({ code: 90002, message: new OAuthError(90002, [segment]).message }), 400);
    const state = record.state;
    const fx = { c, deps };
    const base = {
      id: deps.ids.opaque(24),
      tenantId: state.id,
      segment,
      purpose: { kind: "securityInfo" as const },
      appId: null,
      userAction: "urn:user:registersecurityinfo" as const,
      expiresAtMs: deps.clock.now().getTime() + INTERACTION_MINUTES * 60_000,
    };
    const session = currentSession(c, deps, state);
    if (!session) {
      const itx = newInteraction(base);
      pendingRegistry(deps).putInteraction(itx);
      return respond(fx, itx);
    }
    // The user action is evaluated with what the session already proved.
    const itx = newInteraction(base);
    const user = findUser(state, session.userId)!;
    resumeFromSession(itx, session, user.userPrincipalName, deps.tenants.now(state));
    afterFactor(fx, itx);
    if (itx.step !== "done") {
      if (itx.step !== "failed") pendingRegistry(deps).putInteraction(itx);
      return respond(fx, itx);
    }
    touchSession(deps, state, session);
    return c.html(securityInfoPage({ username: user.userPrincipalName, rows: rows(state, user.id), signOutHref: `/${segment}/oauth2/v2.0/logout` }));
  });
  return app;
}
