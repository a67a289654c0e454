/**
 * Entering My Security Info (`/{tenant}/mysecurityinfo...`): a usable SSO session, then the
 * "register security information" user action (behavior.md 3.14) evaluated with what the session
 * proved: blocked -> AADSTS53010 (4.6); MFA or a strength not yet met -> the second-factor step (a TAP
 * already satisfies MFA, 3.33). Without a session the user signs in first (the hosted steps). Every
 * My Security Info page and form goes through this gate.
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "../../http/context";
import type { TenantState } from "../../domain/state";
import type { DirectoryUser } from "../../domain/directory.types";
import type { SsoSessionRecord } from "../../domain/signin-state.types";
import { findUser } from "../../domain/directory";
import { errorPage } from "../../pages/signin.pages";
import { OAuthError } from "../oauth-errors";
import { currentSession, touchSession } from "../session/sso-session";
import { INTERACTION_MINUTES, newInteraction } from "../flow/interaction";
import { pendingRegistry } from "../flow/pending-registry";
import { afterFactor } from "../flow/policy-gate";
import { respond } from "../flow/respond";
import { resumeFromSession } from "../flow/resume-session";

export interface SecurityInfoAccess {
  state: TenantState;
  user: DirectoryUser;
  session: SsoSessionRecord;
  segment: string;
  now: Date;
}

export type GateResult = { ok: true; access: SecurityInfoAccess } | { ok: false; response: Response };

/** Runs the gate; `ok: false` carries the page to show instead (sign-in step, error). */
export function securityInfoGate(c: Context<AppEnv>, deps: AppDeps): GateResult {
  const segment = c.req.param("tenant") ?? "";
  const record = deps.tenants.resolve(segment);
  if (!record) return { ok: false, response: c.html(errorPage({ code: 90002, message: new OAuthError(90002, [segment]).message }), 400) };
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
    return { ok: false, response: respond(fx, itx) };
  }
  // The user action is evaluated with what the session already proved.
  const itx = newInteraction(base);
  const user = findUser(state, session.userId)!;
  resumeFromSession(itx, session, user.userPrincipalName, deps.tenants.now(state));
  afterFactor(fx, itx);
  if (itx.step !== "done") {
    if (itx.step !== "failed") pendingRegistry(deps).putInteraction(itx);
    return { ok: false, response: respond(fx, itx) };
  }
  touchSession(deps, state, session);
  return { ok: true, access: { state, user, session, segment, now: deps.tenants.now(state) } };
}

/** The anti-forgery value of the session's forms: derived from the session's secret digest, never sent in a cookie. */
export function csrfToken(session: SsoSessionRecord): string {
  return createHash("sha256").update(`mysecurityinfo:${session.digest}`).digest("base64url").slice(0, 32);
}
