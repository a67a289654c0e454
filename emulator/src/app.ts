/**
 * createApp(deps): the whole emulator as one Hono app, with no port and no globals, so tests call
 * `app.request()` against a memory store and a manual clock. Mounts Graph (`/v1.0`, `/beta`), the
 * sign-in endpoints (`/{tenant}/...`), hosted pages and the control plane (`/_emulator`), with one error
 * handler that answers in the surface's own error format.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import type { AppDeps, AppEnv } from "./http/context";
import { graphApp } from "./graph";
import { controlRoutes } from "./control/tenants.routes";
import { CONTROL_MODULES } from "./control/modules";
import { discoveryRoutes } from "./signin/discovery.routes";
import { tokenRoutes } from "./signin/token.routes";
import { userInfoRoutes } from "./signin/userinfo.routes";
import { SIGNIN_MODULES } from "./signin/modules";
import { GraphPathNormalizer } from "./http/graph-path";
import { handleError } from "./http/error-handler";
import { GraphHttpError, graphErrorResponse } from "./http/graph-errors";

export interface App {
  fetch: (req: Request, env?: unknown) => Response | Promise<Response>;
  request: Hono<AppEnv>["request"];
  hono: Hono<AppEnv>;
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const normalizer = new GraphPathNormalizer();
  const app = new Hono<AppEnv>({
    getPath: (req) => {
      const url = req.url;
      const start = url.indexOf("/", url.indexOf("://") + 3);
      const q = url.indexOf("?", start);
      return normalizer.normalize(url.slice(start, q === -1 ? undefined : q));
    },
  });

  // $batch (graph/batch.routes.ts) dispatches inner requests through this same app.
  deps.dispatch = (req, env) => app.fetch(req, env);
  app.use("*", async (c, next) => {
    const requestId = deps.ids.uuid();
    c.set("requestId", requestId);
    c.set("clientRequestId", c.req.header("client-request-id") ?? c.req.header("x-ms-client-request-id") ?? requestId);
    await next();
    c.header("request-id", requestId);
    c.header("client-request-id", c.get("clientRequestId"));
    // Persist what this request changed before the client sees the answer.
    await deps.tenants.store.flush();
  });
  app.use(
    "*",
    cors({
      origin: (origin) => origin || "*",
      allowMethods: ["GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"],
      allowHeaders: ["Authorization", "Content-Type", "client-request-id", "ConsistencyLevel", "Prefer", "x-ms-client-request-id", "SdkVersion", "x-client-SKU", "x-client-VER", "x-client-OS", "x-client-CPU", "x-client-current-telemetry", "x-client-last-telemetry", "x-anchormailbox"],
      exposeHeaders: ["request-id", "client-request-id", "Location", "x-ms-ags-diagnostic"],
      credentials: true,
      maxAge: 600,
    }),
  );

  app.route("/_emulator", controlRoutes(deps));
  for (const m of CONTROL_MODULES) app.route("/_emulator", m(deps));
  for (const v of ["v1.0", "beta"] as const) {
    const g = graphApp(deps, v);
    normalizer.learn(g.routes.map((r) => r.path));
    app.route(`/${v}`, g);
  }
  app.route("/", discoveryRoutes(deps));
  app.route("/", tokenRoutes(deps));
  app.route("/", userInfoRoutes(deps));
  for (const m of SIGNIN_MODULES) app.route("/", m(deps));

  app.notFound((c) => {
    if (c.req.path.startsWith("/_emulator")) return graphErrorResponse(c, new GraphHttpError(404, "notFound", `No control-plane route ${c.req.method} ${c.req.path}.`));
    return graphErrorResponse(c, new GraphHttpError(404, "notFound", `No route ${c.req.method} ${c.req.path}. Graph lives under /v1.0 and /beta, sign-in under /{tenant}/oauth2/v2.0, the control plane under /_emulator.`));
  });
  app.onError((err, c) => handleError(err, c, deps));
  return app;
}
