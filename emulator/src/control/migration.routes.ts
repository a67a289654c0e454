/**
 * Migration rehearsal on the control plane:
 *   GET /_emulator/tenants/{id}/migration/readiness        the readiness report (domain/migration-readiness.ts)
 *   GET /_emulator/tenants/{id}/migration/usable-methods   usableMethods for every user (or ?user=upn)
 * The state itself moves only through Graph (`PATCH /policies/authenticationMethodsPolicy`), as in a real tenant.
 */
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../http/context";
import { migrationReadiness } from "../domain/migration-readiness";
import { usableMethods } from "../domain/migration";
import { requireUser } from "../domain/directory";

export function migrationRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const tenant = (id: string) => deps.tenants.require(id).state;

  app.get("/tenants/:id/migration/readiness", (c) => c.json(migrationReadiness(tenant(c.req.param("id")))));

  app.get("/tenants/:id/migration/usable-methods", (c) => {
    const state = tenant(c.req.param("id"));
    const one = c.req.query("user");
    const users = one ? [requireUser(state, one)] : state.users;
    return c.json({ value: users.map((u) => ({ id: u.id, userPrincipalName: u.userPrincipalName, ...usableMethods(state, u.id) })) });
  });

  return app;
}
