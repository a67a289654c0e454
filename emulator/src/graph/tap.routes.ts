/**
 * Temporary Access Pass methods of a user (behavior.md §1B, surface.md §3.3):
 * `POST|GET /users/{id|upn}/authentication/temporaryAccessPassMethods`, `GET|DELETE .../{id}`, and the
 * same under `/me`. The pass value is in the 201 response only; it is stored as a salted hash and never
 * written to the audit log or any other response.
 */
import { z } from "zod";
import type { GraphModule } from "./graph-module";
import { safeDecode, userAndMe } from "./graph-module";
import { sendCollection, sendEntity, noContent } from "../http/odata";
import { createTap, deleteTap, storedTap, tapExpiresAt } from "../domain/tap";
import { methodNotFound } from "../domain/auth-methods";
import { serializeTap } from "./auth-methods.serialize";
import { auditMethodChange, methodsCall, methodsContext, parseOptionalJson, quoted } from "./auth-methods-context";
import { requestOrigin } from "../http/context";

const SEGMENT = "temporaryAccessPassMethods";

const createBody = z.strictObject({
  "@odata.type": z.literal("#microsoft.graph.temporaryAccessPassAuthenticationMethod").optional(),
  startDateTime: z.iso.datetime({ offset: true }).nullable().optional(),
  lifetimeInMinutes: z.number().int().nullable().optional(),
  isUsableOnce: z.boolean().nullable().optional(),
});

export const tapModule: GraphModule = (r, deps, version) => {
  userAndMe(r, "post", `/authentication/${SEGMENT}`, async (c) => {
    const { state, principal, now, user, touch } = methodsCall(c, deps, "tap", "create");
    const body = await parseOptionalJson(c, createBody);
    const { tap, value } = createTap(state, user, {
      startDateTime: body.startDateTime ? new Date(body.startDateTime) : undefined,
      lifetimeInMinutes: body.lifetimeInMinutes ?? undefined,
      isUsableOnce: body.isUsableOnce ?? undefined,
    }, now, deps);
    auditMethodChange(c, deps, state, principal, now, user, "registered", "temporary access pass", [
      { displayName: "TemporaryAccessPass.Id", oldValue: null, newValue: quoted(tap.id) },
      { displayName: "TemporaryAccessPass.StartDateTime", oldValue: null, newValue: quoted(tap.startDateTime) },
      { displayName: "TemporaryAccessPass.EndDateTime", oldValue: null, newValue: quoted(tapExpiresAt(tap).toISOString()) },
      { displayName: "TemporaryAccessPass.AccessPassUsage", oldValue: null, newValue: quoted(tap.isUsableOnce ? "Once" : "Multiple") },
    ]);
    touch();
    c.header("location", `${requestOrigin(c, deps.config)}/${version}/users/${user.id}/authentication/${SEGMENT}/${tap.id}`);
    return sendEntity(c, deps.config, version, serializeTap(state, user.id, tap, now, version, value), methodsContext(user, SEGMENT, true), 201);
  });

  userAndMe(r, "get", `/authentication/${SEGMENT}`, (c) => {
    const { state, now, user } = methodsCall(c, deps, "tap", "read");
    const tap = storedTap(state, user.id);
    const items = tap ? [serializeTap(state, user.id, tap, now, version)] : [];
    return sendCollection(c, deps.config, version, items, { context: methodsContext(user, SEGMENT), query: false });
  });

  userAndMe(r, "get", `/authentication/${SEGMENT}/:methodId`, (c) => {
    const { state, now, user } = methodsCall(c, deps, "tap", "read");
    const id = safeDecode(c.req.param("methodId") ?? "");
    const tap = storedTap(state, user.id);
    if (!tap || tap.id.toLowerCase() !== id.toLowerCase()) throw methodNotFound(id);
    return sendEntity(c, deps.config, version, serializeTap(state, user.id, tap, now, version), methodsContext(user, SEGMENT, true));
  });

  userAndMe(r, "delete", `/authentication/${SEGMENT}/:methodId`, (c) => {
    const { state, principal, now, user, touch } = methodsCall(c, deps, "tap", "delete");
    const tap = deleteTap(state, user.id, safeDecode(c.req.param("methodId") ?? ""));
    auditMethodChange(c, deps, state, principal, now, user, "deleted", "temporary access pass", [
      { displayName: "TemporaryAccessPass.Id", oldValue: quoted(tap.id), newValue: null },
    ]);
    touch();
    return noContent(c);
  });
};
