/**
 * My Security Info (`/{tenant}/mysecurityinfo`), session-cookie based (behavior.md 1.42, 2.39, 3.14).
 * Opening it is the "register security information" user action (see security-info/gate.ts). It lists
 * the user's methods (the banner of 1.42 when only a password / TAP exists) with "Delete" buttons, and
 * "Add sign-in method" offers the kinds `usableMethods(...).registration` allows the user now
 * (security-info/registration.ts). The forms live in security-info/manage.routes.ts, the registration
 * campaign's interstitial answers in security-info/campaign.routes.ts.
 */
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../http/context";
import { securityInfoGate } from "./security-info/gate";
import { renderSecurityInfo, STATUS } from "./security-info/list-view";
import { manageRoutes } from "./security-info/manage.routes";
import { campaignRoutes } from "./security-info/campaign.routes";

export function securityInfoRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get("/:tenant/mysecurityinfo", (c) => {
    const gate = securityInfoGate(c, deps);
    if (!gate.ok) return gate.response;
    c.header("cache-control", "no-store");
    const q = c.req.query();
    const status = q.saved ? STATUS[q.saved] ?? null : q.deleted ? "The method was deleted." : null;
    return c.html(renderSecurityInfo(gate.access, { status }));
  });
  app.route("/", manageRoutes(deps));
  app.route("/", campaignRoutes(deps));
  return app;
}
