/**
 * Phone and email methods (behavior.md §2E, surface.md §3.1/§3.4): `phoneMethods` (POST 201 with the fixed
 * id of the type, GET, PATCH 204, DELETE 204, `enableSmsSignIn`/`disableSmsSignIn` 204) and `emailMethods`
 * (POST 201, GET, PATCH 204, DELETE 204; one per user, fixed id). Enabling SMS sign-in for oneself after a
 * one-time TAP sign-in is subject to the passwordless registration window (behavior.md 1.38).
 */
import { z } from "zod";
import type { GraphModule } from "./graph-module";
import { safeDecode, userAndMe } from "./graph-module";
import type { AppContext } from "../http/context";
import { sendCollection, sendEntity, noContent } from "../http/odata";
import {
  addEmail, addPhone, disableSmsSignIn, enableSmsSignIn, methodsOfKind, removeMethod, requireMethod, updatePhone,
} from "../domain/auth-methods";
import { serializeMethod } from "./auth-methods.serialize";
import { auditMethodChange, methodsCall, methodsContext, requirePasswordlessWindow } from "./auth-methods-context";
import { parseJson } from "../http/json-body";
import { requestOrigin } from "../http/context";

const phoneType = z.enum(["mobile", "alternateMobile", "office"]);
const odataType = (name: string) => ({ "@odata.type": z.literal(`#microsoft.graph.${name}`).optional() });
const phoneCreate = z.strictObject({ ...odataType("phoneAuthenticationMethod"), phoneNumber: z.string().min(1), phoneType });
const phoneUpdate = z.strictObject({ ...odataType("phoneAuthenticationMethod"), phoneNumber: z.string().min(1).optional(), phoneType: phoneType.optional() });
const emailBody = z.strictObject({ ...odataType("emailAuthenticationMethod"), emailAddress: z.email() });

const PHONES = "phoneMethods";
const EMAILS = "emailMethods";
const param = (c: AppContext) => safeDecode(c.req.param("methodId") ?? "");

export const phoneMethodsModule: GraphModule = (r, deps, version) => {
  userAndMe(r, "get", `/authentication/${PHONES}`, (c) => {
    const { state, user } = methodsCall(c, deps, "phone", "read");
    const items = methodsOfKind(state, user.id, "phone").map((m) => serializeMethod(state, user.id, m));
    return sendCollection(c, deps.config, version, items, { context: methodsContext(user, PHONES), query: false });
  });

  userAndMe(r, "post", `/authentication/${PHONES}`, async (c) => {
    const { state, principal, now, user, touch } = methodsCall(c, deps, "phone", "create");
    const body = await parseJson(c, phoneCreate);
    const phone = addPhone(state, user.id, body, now);
    auditMethodChange(c, deps, state, principal, now, user, "registered", "phone");
    touch();
    c.header("location", `${requestOrigin(c, deps.config)}/${version}/users/${user.id}/authentication/${PHONES}/${phone.id}`);
    return sendEntity(c, deps.config, version, serializeMethod(state, user.id, phone), methodsContext(user, PHONES, true), 201);
  });

  userAndMe(r, "get", `/authentication/${PHONES}/:methodId`, (c) => {
    const { state, user } = methodsCall(c, deps, "phone", "read");
    const phone = requireMethod(state, user.id, "phone", param(c));
    return sendEntity(c, deps.config, version, serializeMethod(state, user.id, phone), methodsContext(user, PHONES, true));
  });

  userAndMe(r, "patch", `/authentication/${PHONES}/:methodId`, async (c) => {
    const { state, principal, now, user, touch } = methodsCall(c, deps, "phone", "update");
    const phone = requireMethod(state, user.id, "phone", param(c));
    updatePhone(phone, await parseJson(c, phoneUpdate));
    auditMethodChange(c, deps, state, principal, now, user, "updated", "phone");
    touch();
    return noContent(c);
  });

  userAndMe(r, "delete", `/authentication/${PHONES}/:methodId`, (c) => {
    const { state, principal, now, user, touch } = methodsCall(c, deps, "phone", "delete");
    removeMethod(state, user.id, requireMethod(state, user.id, "phone", param(c)));
    auditMethodChange(c, deps, state, principal, now, user, "deleted", "phone");
    touch();
    return noContent(c);
  });

  for (const action of ["enableSmsSignIn", "disableSmsSignIn"] as const) {
    const handler = (c: AppContext) => {
      const { state, principal, now, user, touch } = methodsCall(c, deps, "phone", "action");
      const phone = requireMethod(state, user.id, "phone", param(c));
      if (action === "enableSmsSignIn") {
        requirePasswordlessWindow(state, principal, user, now);
        enableSmsSignIn(state, user.id, phone);
      } else disableSmsSignIn(phone);
      auditMethodChange(c, deps, state, principal, now, user, "updated", "phone");
      touch();
      return noContent(c);
    };
    userAndMe(r, "post", `/authentication/${PHONES}/:methodId/${action}`, handler);
    userAndMe(r, "post", `/authentication/${PHONES}/:methodId/microsoft.graph.${action}`, handler);
  }

  userAndMe(r, "get", `/authentication/${EMAILS}`, (c) => {
    const { state, user } = methodsCall(c, deps, "email", "read");
    const items = methodsOfKind(state, user.id, "email").map((m) => serializeMethod(state, user.id, m));
    return sendCollection(c, deps.config, version, items, { context: methodsContext(user, EMAILS), query: false });
  });

  userAndMe(r, "post", `/authentication/${EMAILS}`, async (c) => {
    const { state, principal, now, user, touch } = methodsCall(c, deps, "email", "create");
    const body = await parseJson(c, emailBody);
    const method = addEmail(state, user.id, body.emailAddress, now);
    auditMethodChange(c, deps, state, principal, now, user, "registered", "email");
    touch();
    c.header("location", `${requestOrigin(c, deps.config)}/${version}/users/${user.id}/authentication/${EMAILS}/${method.id}`);
    return sendEntity(c, deps.config, version, serializeMethod(state, user.id, method), methodsContext(user, EMAILS, true), 201);
  });

  userAndMe(r, "get", `/authentication/${EMAILS}/:methodId`, (c) => {
    const { state, user } = methodsCall(c, deps, "email", "read");
    const m = requireMethod(state, user.id, "email", param(c));
    return sendEntity(c, deps.config, version, serializeMethod(state, user.id, m), methodsContext(user, EMAILS, true));
  });

  userAndMe(r, "patch", `/authentication/${EMAILS}/:methodId`, async (c) => {
    const { state, principal, now, user, touch } = methodsCall(c, deps, "email", "update");
    const m = requireMethod(state, user.id, "email", param(c));
    m.props.emailAddress = (await parseJson(c, emailBody)).emailAddress;
    auditMethodChange(c, deps, state, principal, now, user, "updated", "email");
    touch();
    return noContent(c);
  });

  userAndMe(r, "delete", `/authentication/${EMAILS}/:methodId`, (c) => {
    const { state, principal, now, user, touch } = methodsCall(c, deps, "email", "delete");
    removeMethod(state, user.id, requireMethod(state, user.id, "email", param(c)));
    auditMethodChange(c, deps, state, principal, now, user, "deleted", "email");
    touch();
    return noContent(c);
  });
};
