/**
 * How Graph resources plug in: each `*.routes.ts` exports a `GraphModule` that registers its routes on
 * the versioned router (`/v1.0` or `/beta`); the bearer check has already run and set `principal` and
 * `tenant`. Helpers here give every route the same tenant/clock/audit plumbing.
 */
import type { Hono } from "hono";
import type { AppContext, AppDeps, AppEnv, GraphVersion } from "../http/context";
import type { Principal } from "../domain/principal";
import type { TenantState } from "../domain/state";
import type { AuditInitiator } from "../domain/logs.types";
import { findUser, requireUser } from "../domain/directory";
import type { DirectoryUser } from "../domain/directory.types";
import { GraphHttpError } from "../http/graph-errors";
import { clientIp } from "../http/context";
import { safeDecode } from "../http/graph-path";

export type GraphRouter = Hono<AppEnv>;
export type GraphModule = (r: GraphRouter, deps: AppDeps, version: GraphVersion) => void;

/** Tenant, caller and the tenant's "now" for a Graph request. Marks the tenant dirty (flushed after the response). */
export function graphCall(c: AppContext, deps: AppDeps) {
  const state = c.get("tenant").state;
  const principal = c.get("principal");
  const now = deps.tenants.now(state);
  return { state, principal, now, version: c.get("version"), touch: () => deps.tenants.touch(state) };
}

/** Who did it, in directoryAudit `initiatedBy` shape. */
export function initiatorOf(c: AppContext, state: TenantState, principal: Principal): AuditInitiator {
  if (principal.kind === "app")
    return { app: { appId: principal.appId, displayName: principal.displayName, servicePrincipalId: principal.appObjectId } };
  const u = findUser(state, principal.userId);
  return { user: { id: principal.userId, displayName: u?.displayName ?? null, userPrincipalName: u?.userPrincipalName ?? null, ipAddress: clientIp(c) } };
}

/**
 * The user a `/users/{id | upn}/...` or `/me/...` route is about. `/me` needs a delegated token
 * (Graph: "/me request is only valid with delegated authentication flow.").
 */
export function targetUser(c: AppContext, state: TenantState, principal: Principal): DirectoryUser {
  const id = c.req.param("userId");
  if (id === undefined) {
    if (principal.kind !== "user") throw new GraphHttpError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
    return requireUser(state, principal.userId);
  }
  return requireUser(state, safeDecode(id));
}

/** Hono already decoded path params once; a second decode must never throw (a stray `%` is not a 500). */
export { safeDecode };

/** Registers a handler under both `/users/:userId<sub>` and `/me<sub>`. */
export function userAndMe(
  r: GraphRouter,
  method: "get" | "post" | "patch" | "put" | "delete",
  sub: string,
  handler: (c: AppContext) => Response | Promise<Response>,
) {
  r[method](`/users/:userId${sub}`, handler);
  r[method](`/me${sub}`, handler);
}

/** True when `/me` was used or the target is the caller: the "self" case of RBAC rules. */
export function isSelf(principal: Principal, user: DirectoryUser): boolean {
  return principal.kind === "user" && principal.userId === user.id;
}
