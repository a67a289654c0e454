/**
 * The Graph router for one version (`/v1.0` or `/beta`): bearer check, every resource module, and a
 * Graph-shaped answer for unknown paths. Modules register the same routes on both versions unless they
 * check `version` (beta-only routes).
 */
import { Hono } from "hono";
import type { AppDeps, AppEnv, GraphVersion } from "../http/context";
import { bearerAuth } from "../http/bearer-auth";
import { GraphHttpError } from "../http/graph-errors";
import type { GraphModule } from "./graph-module";
import { usersModule } from "./users.routes";
import { GRAPH_MODULES } from "./modules";

export function graphApp(deps: AppDeps, version: GraphVersion) {
  const r = new Hono<AppEnv>();
  const auth = bearerAuth(deps);
  r.use("*", async (c, next) => {
    c.set("version", version);
    // $batch authenticates each inner request itself.
    if (c.req.path.endsWith("/$batch")) return next();
    return auth(c, next);
  });
  const modules: GraphModule[] = [usersModule, ...GRAPH_MODULES];
  for (const m of modules) m(r, deps, version);
  r.all("*", (c) => {
    const path = c.req.path.replace(/^\/(v1\.0|beta)/i, "");
    const segment = path.split("/").filter(Boolean).pop() ?? "";
    throw new GraphHttpError(400, "BadRequest", `Resource not found for the segment '${segment}'.`);
  });
  return r;
}
