/**
 * The control plane (`/_emulator/...`), emulator-only: health, the CA certificate, tenants (create from
 * a fixture, list, export, reset, delete) and each tenant's clock. Errors use the Graph envelope.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../http/context";
import { readJson, parseJson } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";

/** Exactly one of `advanceMinutes` / `now`; one object (not a union) so errors name the bad field. */
const clockBody = z
  .strictObject({
    // Bounded so the tenant clock always stays a valid date (about ±190 years).
    advanceMinutes: z.number().min(-1e8).max(1e8).optional(),
    now: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((b) => (b.advanceMinutes === undefined) !== (b.now === undefined), { message: "give exactly one of advanceMinutes or now", path: ["advanceMinutes"] });

export function tenantSummary(deps: AppDeps, id: string) {
  const { state } = deps.tenants.require(id);
  return {
    tenantId: state.id,
    displayName: state.displayName,
    domains: state.domains.map((d) => d.id),
    defaultDomain: state.domains.find((d) => d.isDefault)?.id ?? null,
    users: state.users.length,
    now: deps.tenants.now(state).toISOString(),
    isDefault: state.id === deps.config.defaultTenantId,
  };
}

export function controlRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get("/health", (c) => {
    if (!deps.config.ready()) return c.json({ status: "starting" }, 503);
    return c.json({ status: "ok", tenants: deps.tenants.list().length, defaultTenantId: deps.config.defaultTenantId, time: deps.clock.now().toISOString() });
  });

  app.get("/ca.pem", (c) => {
    if (!deps.config.caPem) throw new GraphHttpError(404, "itemNotFound", "This emulator is not serving TLS, so it has no CA certificate.");
    return c.body(deps.config.caPem, 200, { "content-type": "application/x-pem-file" });
  });

  app.get("/tenants", (c) => c.json({ value: deps.tenants.list().map((t) => tenantSummary(deps, t.id)) }));

  app.post("/tenants", async (c) => {
    const state = deps.tenants.create(await readJson(c));
    return c.json(tenantSummary(deps, state.id), 201);
  });

  app.get("/tenants/:id", (c) => c.json(tenantSummary(deps, c.req.param("id"))));

  app.get("/tenants/:id/export", (c) => c.json(deps.tenants.exportDoc(c.req.param("id"))));

  app.post("/tenants/:id/reset", (c) => {
    const state = deps.tenants.reset(c.req.param("id"));
    return c.json(tenantSummary(deps, state.id));
  });

  app.delete("/tenants/:id", (c) => {
    deps.tenants.delete(c.req.param("id"));
    return c.body(null, 204);
  });

  app.get("/tenants/:id/clock", (c) => {
    const { state } = deps.tenants.require(c.req.param("id"));
    return c.json({ now: deps.tenants.now(state).toISOString() });
  });

  app.post("/tenants/:id/clock", async (c) => {
    const { state } = deps.tenants.require(c.req.param("id"));
    const body = await parseJson(c, clockBody);
    const target = body.now !== undefined ? new Date(body.now) : new Date(deps.tenants.now(state).getTime() + body.advanceMinutes! * 60_000);
    deps.tenants.setNow(state, target);
    return c.json({ now: deps.tenants.now(state).toISOString() });
  });

  return app;
}
