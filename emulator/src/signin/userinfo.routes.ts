/**
 * The OpenID Connect UserInfo endpoint that discovery advertises (`userinfo_endpoint`): GET or POST
 * `/oidc/userinfo` with a delegated Graph access token, answering the signed-in user's `sub`, `name`,
 * `given_name`, `family_name` and `email` (Entra serves it on Graph's host for Graph-audience tokens).
 * App-only tokens have no user: 401 like any other invalid token for this endpoint.
 */
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../http/context";
import { bearerAuth } from "../http/bearer-auth";
import { GraphHttpError } from "../http/graph-errors";
import { findUser } from "../domain/directory";

export function userInfoRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.on(["GET", "POST"], "/oidc/userinfo", bearerAuth(deps), (c) => {
    const principal = c.get("principal");
    if (principal.kind !== "user") throw new GraphHttpError(401, "InvalidAuthenticationToken", "UserInfo requires a token issued to a user.");
    const user = findUser(c.get("tenant").state, principal.userId)!;
    return c.json({
      sub: user.id,
      name: user.displayName,
      family_name: user.surname ?? undefined,
      given_name: user.givenName ?? undefined,
      email: user.mail ?? undefined,
    });
  });
  return app;
}
