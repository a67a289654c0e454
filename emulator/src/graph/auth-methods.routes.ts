/**
 * A user's methods as a whole (surface.md §3.1): `GET /authentication/methods` (every method, each with its
 * `@odata.type`), `GET /authentication/methods/{id}`, `GET /authentication/passwordMethods[/{id}]`, and the
 * password reset action `POST .../methods/{id}/resetPassword` (also under `passwordMethods/{id}`): 202 with
 * a `Location` to the long-running operation, plus the generated password when none was given.
 */
import { z } from "zod";
import type { GraphModule } from "./graph-module";
import { userAndMe } from "./graph-module";
import type { AppContext } from "../http/context";
import { sendCollection, sendEntity, sendJson } from "../http/odata";
import { methodNotFound, PASSWORD_METHOD_ID } from "../domain/auth-methods";
import { serializeAllMethods, serializePasswordMethod } from "./auth-methods.serialize";
import { auditMethodChange, methodsCall, methodsContext, parseOptionalJson } from "./auth-methods-context";
import { badRequest } from "../domain/errors";

const resetBody = z.strictObject({ newPassword: z.string().nullable().optional() });

/** Characters of a generated password: letters and digits as the real service issues them ([INFERRED]). */
const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

export const authMethodsModule: GraphModule = (r, deps, version) => {
  userAndMe(r, "get", "/authentication/methods", (c) => {
    const { state, now, user } = methodsCall(c, deps, "all", "read");
    return sendCollection(c, deps.config, version, serializeAllMethods(state, user, now, version), { context: methodsContext(user, "methods"), query: false });
  });

  userAndMe(r, "get", "/authentication/methods/:methodId", (c) => {
    const { state, now, user } = methodsCall(c, deps, "all", "read");
    const id = decodeURIComponent(c.req.param("methodId") ?? "").toLowerCase();
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
    const id = decodeURIComponent(c.req.param("methodId") ?? "");
    if (id.toLowerCase() !== PASSWORD_METHOD_ID) throw methodNotFound(id);
    return sendEntity(c, deps.config, version, serializePasswordMethod(user), methodsContext(user, "passwordMethods", true));
  });

  /**
   * Admin password reset. Delegated only (Application: not supported), never on oneself; resets revoke
   * refresh tokens issued before (behavior.md 5.4), as a password change does.
   */
  const resetPassword = async (c: AppContext) => {
    const { state, principal, now, user, touch } = methodsCall(c, deps, "password", "resetPassword");
    const id = decodeURIComponent(c.req.param("methodId") ?? "");
    if (id.toLowerCase() !== PASSWORD_METHOD_ID) throw methodNotFound(id);
    const body = await parseOptionalJson(c, resetBody);
    if (body.newPassword !== undefined && body.newPassword !== null && body.newPassword.length < 8)
      throw badRequest("The password does not comply with the password complexity requirements.", { graphCode: "badRequest", innerMessage: true });
    const generated = body.newPassword ? null : deps.ids.fromAlphabet(PASSWORD_ALPHABET, 12);
    user.passwordHash = deps.secrets.hash(body.newPassword ?? generated!);
    user.lastPasswordChangeDateTime = now.toISOString();
    user.signInSessionsValidFromDateTime = now.toISOString();
    auditMethodChange(c, deps, state, principal, now, user, "updated", "password");
    touch();
    const origin = new URL(c.req.url).origin;
    c.header("location", `${origin}/${version}/users/${user.id}/authentication/operations/${deps.ids.uuid()}`);
    c.header("retry-after", "0");
    if (!generated) return c.body(null, 202);
    return sendJson(c, {
      "@odata.context": `${origin}/${version}/$metadata#microsoft.graph.passwordResetResponse`,
      newPassword: generated,
    }, 202);
  };
  userAndMe(r, "post", "/authentication/methods/:methodId/resetPassword", resetPassword);
  userAndMe(r, "post", "/authentication/passwordMethods/:methodId/resetPassword", resetPassword);
};
