/**
 * A user's methods as a whole (surface.md §3.1): `GET /authentication/methods` (every method, each with its
 * `@odata.type`), `GET /authentication/methods/{id}`, `GET /authentication/passwordMethods[/{id}]`, and the
 * password reset action `POST .../methods/{id}/resetPassword` (also under `passwordMethods/{id}`): 202 with
 * a `Location` to the long-running operation, plus the generated password when none was given; and
 * `GET .../authentication/operations[/{id}]`, the `longRunningOperation` that Location points at.
 */
import { meetsComplexity, temporaryPassword } from "../domain/password-policy";
import { z } from "zod";
import type { GraphModule } from "./graph-module";
import { safeDecode, userAndMe } from "./graph-module";
import type { AppContext } from "../http/context";
import { sendCollection, sendEntity, sendJson } from "../http/odata";
import { methodNotFound, PASSWORD_METHOD_ID, userMethods } from "../domain/auth-methods";
import { serializeAllMethods, serializePasswordMethod } from "./auth-methods.serialize";
import { auditMethodChange, methodsCall, methodsContext, parseOptionalJson } from "./auth-methods-context";
import { badRequest, notFound } from "../domain/errors";
import { requestOrigin } from "../http/context";

/** Reset operations remembered per user (the newest ones). */
const MAX_OPERATIONS = 10;

const resetBody = z.strictObject({ newPassword: z.string().nullable().optional() });

/** Characters of a generated password: letters and digits as the real service issues them ([INFERRED]). */

export const authMethodsModule: GraphModule = (r, deps, version) => {
  userAndMe(r, "get", "/authentication/methods", (c) => {
    const { state, now, user } = methodsCall(c, deps, "all", "read");
    return sendCollection(c, deps.config, version, serializeAllMethods(state, user, now, version), { context: methodsContext(user, "methods"), query: false });
  });

  userAndMe(r, "get", "/authentication/methods/:methodId", (c) => {
    const { state, now, user } = methodsCall(c, deps, "all", "read");
    const id = safeDecode(c.req.param("methodId") ?? "").toLowerCase();
    const found = serializeAllMethods(state, user, now, version).find((m) => String(m.id).toLowerCase() === id);
    if (!found) throw methodNotFound(id);
    return sendEntity(c, deps.config, version, found, methodsContext(user, "methods", true));
  });

  userAndMe(r, "get", "/authentication/passwordMethods", (c) => {
    const { user } = methodsCall(c, deps, "password", "read");
    return sendCollection(c, deps.config, version, [serializePasswordMethod(user)], { context: methodsContext(user, "passwordMethods"), query: false });
  });

  userAndMe(r, "get", "/authentication/passwordMethods/:methodId", (c) => {
    const { user } = methodsCall(c, deps, "password", "read");
    const id = safeDecode(c.req.param("methodId") ?? "");
    if (id.toLowerCase() !== PASSWORD_METHOD_ID) throw methodNotFound(id);
    return sendEntity(c, deps.config, version, serializePasswordMethod(user), methodsContext(user, "passwordMethods", true));
  });

  /**
   * Admin password reset. Delegated only (Application: not supported), never on oneself; resets revoke
   * refresh tokens issued before (behavior.md 5.4), as a password change does.
   */
  const resetPassword = async (c: AppContext) => {
    const { state, principal, now, user, touch } = methodsCall(c, deps, "password", "resetPassword");
    const id = safeDecode(c.req.param("methodId") ?? "");
    if (id.toLowerCase() !== PASSWORD_METHOD_ID) throw methodNotFound(id);
    const body = await parseOptionalJson(c, resetBody);
    if (body.newPassword !== undefined && body.newPassword !== null && !meetsComplexity(body.newPassword))
      throw badRequest("The password does not comply with the password complexity requirements.", { graphCode: "badRequest", innerMessage: true });
    const generated = body.newPassword ? null : temporaryPassword(deps.ids);
    user.passwordHash = deps.secrets.hash(body.newPassword ?? generated!);
    user.lastPasswordChangeDateTime = now.toISOString();
    user.signInSessionsValidFromDateTime = now.toISOString();
    auditMethodChange(c, deps, state, principal, now, user, "updated", "password");
    touch();
    const origin = requestOrigin(c, deps.config);
    const operation = { id: deps.ids.uuid(), createdDateTime: now.toISOString(), resourceLocation: `${origin}/${version}/users/${user.id}/authentication/passwordMethods/${PASSWORD_METHOD_ID}` };
    const entry = userMethods(state, user.id);
    entry.operations = [...(entry.operations ?? []), operation].slice(-MAX_OPERATIONS);
    c.header("location", `${origin}/${version}/users/${user.id}/authentication/operations/${operation.id}`);
    c.header("retry-after", "0");
    if (!generated) return c.body(null, 202);
    return sendJson(c, {
      "@odata.context": `${origin}/${version}/$metadata#microsoft.graph.passwordResetResponse`,
      newPassword: generated,
    }, 202);
  };
  userAndMe(r, "post", "/authentication/methods/:methodId/resetPassword", resetPassword);

  /** The operation a reset's `Location` points at: `longRunningOperation`, always `succeeded` (resets are synchronous here). */
  const serializeOperation = (op: NonNullable<ReturnType<typeof userMethods>["operations"]>[number]) => ({
    id: op.id, createdDateTime: op.createdDateTime, lastActionDateTime: op.createdDateTime, status: "succeeded", statusDetail: null, resourceLocation: op.resourceLocation,
  });
  userAndMe(r, "get", "/authentication/operations", (c) => {
    const { state, user } = methodsCall(c, deps, "password", "read");
    const ops = (state.authMethods[user.id]?.operations ?? []).map(serializeOperation);
    return sendCollection(c, deps.config, version, ops, { context: methodsContext(user, "operations"), query: false });
  });
  userAndMe(r, "get", "/authentication/operations/:operationId", (c) => {
    const { state, user } = methodsCall(c, deps, "password", "read");
    const id = safeDecode(c.req.param("operationId") ?? "").toLowerCase();
    const op = (state.authMethods[user.id]?.operations ?? []).find((o) => o.id.toLowerCase() === id);
    if (!op) throw notFound(`Operation '${id}' was not found for the user.`, { graphCode: "itemNotFound" });
    return sendEntity(c, deps.config, version, serializeOperation(op), methodsContext(user, "operations", true));
  });
  userAndMe(r, "post", "/authentication/passwordMethods/:methodId/resetPassword", resetPassword);
};
