/**
 * Browser SSO sessions: one HttpOnly, Secure, SameSite=None cookie per tenant (`tenantlab_sso_<tid>`)
 * whose value's digest names a session record in the tenant. A session is valid while it is active
 * (24 hours of inactivity, behavior.md 5.5), its user is enabled and not revoked, and, for a TAP
 * session, while the pass still exists and has not expired (rule 1.36: the session ends with the TAP).
 */
import type { Context } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import type { AppDeps } from "../../http/context";
import type { TenantState } from "../../domain/state";
import type { AuthenticationResult, SsoSessionRecord } from "../../domain/signin-state.types";
import { findUser } from "../../domain/directory";
import { tapBinding } from "../tap-session";

const PREFIX = "tenantlab_sso_";
const INACTIVITY_MS = 24 * 3600_000;

export const cookieName = (tenantId: string) => `${PREFIX}${tenantId}`;

/** Whether a session record can still be used at `now` (tenant clock). */
export function sessionUsable(state: TenantState, s: SsoSessionRecord, now: Date): boolean {
  if (new Date(s.expiresDateTime) <= now) return false;
  const user = findUser(state, s.userId);
  if (!user || !user.accountEnabled) return false;
  if (new Date(s.createdDateTime) < new Date(user.signInSessionsValidFromDateTime)) return false;
  return tapBinding(state, s.userId, s.tapId, now).ok;
}

/** The caller's usable session in this tenant, if its cookie names one. */
export function currentSession(c: Context, deps: AppDeps, state: TenantState): SsoSessionRecord | undefined {
  const value = getCookie(c, cookieName(state.id));
  if (!value) return undefined;
  const digest = deps.secrets.digest(value);
  const s = state.signIn.sessions.find((x) => x.digest === digest);
  if (!s) return undefined;
  if (!sessionUsable(state, s, deps.tenants.now(state))) return undefined;
  return s;
}

/** Session expiry: 24 hours from now, never past the TAP's expiry. */
function expiryFor(now: Date, tapExpires: string | null): string {
  const end = new Date(now.getTime() + INACTIVITY_MS);
  if (tapExpires && new Date(tapExpires) < end) return tapExpires;
  return end.toISOString();
}

/**
 * Starts a session for a completed authentication (or refreshes the one being stepped up) and sets
 * the cookie. Returns the record (its `id` is the `session_state`).
 */
export function startSession(c: Context, deps: AppDeps, state: TenantState, result: AuthenticationResult, stepUpDigest: string | null): SsoSessionRecord {
  const now = deps.tenants.now(state);
  state.signIn.sessions = state.signIn.sessions.filter((s) => new Date(s.expiresDateTime) > now);
  const existing = stepUpDigest ? state.signIn.sessions.find((s) => s.digest === stepUpDigest && s.userId === result.userId) : undefined;
  if (existing) {
    Object.assign(existing, result, { lastActiveDateTime: now.toISOString(), expiresDateTime: expiryFor(now, result.tapExpiresAt) });
    deps.tenants.touch(state);
    return existing;
  }
  const value = deps.ids.opaque(32);
  const record: SsoSessionRecord = {
    ...result,
    digest: deps.secrets.digest(value),
    id: deps.ids.uuid(),
    createdDateTime: now.toISOString(),
    lastActiveDateTime: now.toISOString(),
    expiresDateTime: expiryFor(now, result.tapExpiresAt),
  };
  state.signIn.sessions.push(record);
  deps.tenants.touch(state);
  setCookie(c, cookieName(state.id), value, { path: "/", httpOnly: true, secure: true, sameSite: "None" });
  return record;
}

/** Each use extends a session (rolling inactivity window), never past its TAP. */
export function touchSession(deps: AppDeps, state: TenantState, s: SsoSessionRecord): void {
  const now = deps.tenants.now(state);
  s.lastActiveDateTime = now.toISOString();
  s.expiresDateTime = expiryFor(now, s.tapExpiresAt);
  deps.tenants.touch(state);
}

/** Ends the caller's session in this tenant (record and cookie). */
export function endSession(c: Context, deps: AppDeps, state: TenantState): boolean {
  const value = getCookie(c, cookieName(state.id));
  deleteCookie(c, cookieName(state.id), { path: "/", secure: true, sameSite: "None", httpOnly: true });
  if (!value) return false;
  const digest = deps.secrets.digest(value);
  const before = state.signIn.sessions.length;
  state.signIn.sessions = state.signIn.sessions.filter((s) => s.digest !== digest);
  deps.tenants.touch(state);
  return state.signIn.sessions.length !== before;
}

/** Tenant ids for which the request carries a session cookie (used by /common pages and logout). */
export function sessionTenantIds(c: Context): string[] {
  return Object.keys(getCookie(c)).filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length));
}
