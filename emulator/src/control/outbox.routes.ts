/**
 * The tenant's outbox (`/_emulator/tenants/{id}/outbox`): the SMS codes and Authenticator push requests
 * the tenant "sent", newest last, filterable by `userId`, `kind` and `status`. A pending push is answered
 * here as the phone would: `POST .../outbox/{messageId}/approve {"number": n}` approves it when n is the
 * number shown on the sign-in page and denies it otherwise (number matching, behavior.md 2.25);
 * `POST .../outbox/{messageId}/deny` denies it.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../http/context";
import { parseJson } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";
import type { OutboxMessage } from "../domain/logs.types";
import type { TenantState } from "../domain/state";

/** The number as JSON number, or as the digits a form or a shell script would send. */
const approveBody = z.strictObject({ number: z.union([z.number().int(), z.string().trim().regex(/^\d{1,3}$/).transform(Number)]) });

function pendingPush(state: TenantState, messageId: string): OutboxMessage {
  const message = state.outbox.find((m) => m.id === messageId);
  if (!message) throw new GraphHttpError(404, "itemNotFound", `Outbox message '${messageId}' not found.`);
  if (message.kind !== "push") throw new GraphHttpError(400, "BadRequest", `Outbox message '${messageId}' is a ${message.kind} message; only push requests can be approved or denied.`);
  if (message.status !== "pending") throw new GraphHttpError(409, "Conflict", `The push request '${messageId}' was already answered (status '${message.status}').`);
  return message;
}

export function outboxRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get("/tenants/:id/outbox", (c) => {
    const { state } = deps.tenants.require(c.req.param("id"));
    const q = c.req.query();
    const value = state.outbox.filter((m) => (!q.userId || m.userId === q.userId) && (!q.kind || m.kind === q.kind) && (!q.status || m.status === q.status));
    return c.json({ value });
  });
  app.get("/tenants/:id/outbox/:messageId", (c) => {
    const { state } = deps.tenants.require(c.req.param("id"));
    const message = state.outbox.find((m) => m.id === c.req.param("messageId"));
    if (!message) throw new GraphHttpError(404, "itemNotFound", `Outbox message '${c.req.param("messageId")}' not found.`);
    return c.json(message);
  });
  app.post("/tenants/:id/outbox/:messageId/approve", async (c) => {
    const { state } = deps.tenants.require(c.req.param("id"));
    const body = await parseJson(c, approveBody);
    const message = pendingPush(state, c.req.param("messageId"));
    // A wrong number denies the request, as the Authenticator app does.
    message.status = body.number === message.data.numberToMatch ? "approved" : "denied";
    deps.tenants.touch(state);
    return c.json(message);
  });
  app.post("/tenants/:id/outbox/:messageId/deny", (c) => {
    const { state } = deps.tenants.require(c.req.param("id"));
    const message = pendingPush(state, c.req.param("messageId"));
    message.status = "denied";
    deps.tenants.touch(state);
    return c.json(message);
  });
  return app;
}
