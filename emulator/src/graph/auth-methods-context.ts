/**
 * Plumbing shared by the authentication-methods route modules (issue #3): the target user plus the
 * access check in one call, OData context paths, optional JSON bodies, and the audit entries the
 * "Authentication Methods" service writes (surface.md §7.3).
 */
import type { z } from "zod";
import type { AppContext, AppDeps } from "../http/context";
import type { DirectoryUser } from "../domain/directory.types";
import type { Principal } from "../domain/principal";
import type { TenantState } from "../domain/state";
import { graphCall, initiatorOf, targetUser } from "./graph-module";
import { authorizeMethodAccess, type MethodFamily, type MethodOperation } from "../domain/auth-methods-access";
import { recordAudit } from "../domain/audit";
import { parseJson } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";
import { describeZodIssue } from "../http/json-body";
import { checkPasswordlessRegistration, PASSWORDLESS_REGISTRATION_WINDOW_MINUTES } from "../domain/tap";
import { DomainError } from "../domain/errors";

/** Resolves the target (`/users/{id|upn}` or `/me`) and checks the caller may do `op` on its `family` methods. */
export function methodsCall(c: AppContext, deps: AppDeps, family: MethodFamily, op: MethodOperation) {
  const call = graphCall(c, deps);
  const user = targetUser(c, call.state, call.principal);
  authorizeMethodAccess(call.state, call.principal, user, family, op);
  return { ...call, user };
}

/** `users('<id>')/authentication/<segment>` (Graph uses the object id even when the URL had a UPN or /me). */
export function methodsContext(user: DirectoryUser, segment: string, entity = false): string {
  return `users('${user.id}')/authentication/${segment}${entity ? "/$entity" : ""}`;
}

/** A JSON body that may also be absent (TAP create: every property is optional). */
export async function parseOptionalJson<T extends z.ZodType>(c: AppContext, schema: T): Promise<z.infer<T>> {
  const text = await c.req.raw.clone().text();
  if (!text.trim()) {
    const result = schema.safeParse({});
    if (!result.success) throw new GraphHttpError(400, "BadRequest", describeZodIssue(result.error));
    return result.data;
  }
  return parseJson(c, schema);
}

export type MethodAuditAction = "registered" | "deleted" | "updated";

/**
 * Writes the directory audit entry of a method change: "Admin registered security info" with reason
 * "Admin registered temporary access pass method for user" when someone acts on another user,
 * "User registered security info" when users act on themselves (reference-audit-activities).
 */
export function auditMethodChange(
  c: AppContext, deps: AppDeps, state: TenantState, principal: Principal, now: Date, user: DirectoryUser,
  action: MethodAuditAction, methodLabel: string, modifiedProperties: { displayName: string; oldValue: string | null; newValue: string | null }[] = [],
) {
  const self = principal.kind === "user" && principal.userId === user.id;
  const who = self ? "User" : "Admin";
  recordAudit(state, deps.ids, now, {
    activityDisplayName: `${who} ${action} security info`,
    category: "UserManagement",
    loggedByService: "Authentication Methods",
    operationType: action === "registered" ? "Add" : action === "deleted" ? "Delete" : "Update",
    result: "success",
    resultReason: self ? `User ${action} ${methodLabel} method` : `Admin ${action} ${methodLabel} method for user`,
    initiatedBy: initiatorOf(c, state, principal),
    targetResources: [{ id: user.id, displayName: user.displayName, type: "User", userPrincipalName: user.userPrincipalName, modifiedProperties }],
  });
}

/** Audit values are JSON-quoted strings in the real log (`"\"...\""`). */
export const quoted = (v: string) => JSON.stringify(v);

/**
 * behavior.md 1.38: a session that began with a one-time TAP may register a passwordless method (FIDO2,
 * phone sign-in) for itself only within PASSWORDLESS_REGISTRATION_WINDOW_MINUTES of that sign-in.
 * [INFERRED] Refused with the service's 403 `accessDenied` and a message saying why; admins acting on
 * other users are not sessions of that user and are not limited.
 */
export function requirePasswordlessWindow(state: TenantState, principal: Principal, user: DirectoryUser, now: Date): void {
  if (principal.kind !== "user" || principal.userId !== user.id) return;
  const check = checkPasswordlessRegistration(state, { userId: user.id, tapId: principal.tapId, authTime: principal.authTime }, now);
  if (!check.allowed)
    throw new DomainError("forbidden",
      `Passwordless methods must be registered within ${PASSWORDLESS_REGISTRATION_WINDOW_MINUTES} minutes of signing in with a one-time Temporary Access Pass; the window ended at ${check.windowEndedAt.toISOString()}. Sign in again to register this method.`,
      { graphCode: "accessDenied", innerMessage: true });
}
