/**
 * Graph's bearer check: the token must be ours (signature, `kid`), unexpired by the tenant's clock,
 * for Graph (`aud`), issued by the tenant it names (`iss` ends with `/{tid}/v2.0`, `tid` known).
 * Anything else is 401 `InvalidAuthenticationToken`, in the Graph envelope.
 */
import type { MiddlewareHandler } from "hono";
import { decodeJwt, jwtVerify, errors as joseErrors } from "jose";
import type { AppDeps, AppEnv } from "./context";
import { GraphHttpError } from "./graph-errors";
import type { Principal } from "../domain/principal";
import { GRAPH_APP_ID, GRAPH_RESOURCE } from "../signin/scopes";
import { findApplication, findUser } from "../domain/directory";

const unauthorized = (message: string) => new GraphHttpError(401, "InvalidAuthenticationToken", message);

export function bearerAuth(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) throw unauthorized("Access token is empty.");
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthorized("Access token is empty.");
    const token = m[1];
    let tid: unknown;
    try {
      tid = decodeJwt(token).tid;
    } catch {
      throw unauthorized("IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format.");
    }
    const record = typeof tid === "string" ? deps.tenants.resolve(tid) : undefined;
    if (!record || record.state.id !== tid) throw unauthorized("Invalid tenant in access token.");
    const now = deps.tenants.now(record.state);
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, deps.keys.publicKey, {
        algorithms: ["RS256"],
        audience: [GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID],
        currentDate: now,
        clockTolerance: 300,
      }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw unauthorized("Lifetime validation failed, the token is expired.");
      if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === "aud") throw unauthorized("Invalid audience.");
      throw unauthorized("Access token validation failure. Invalid audience or signature.");
    }
    const iss = String(payload.iss ?? "");
    if (!/^https?:\/\//.test(iss) || !iss.endsWith(`/${record.state.id}/v2.0`)) throw unauthorized("Invalid issuer in access token.");

    const principal: Principal =
      payload.idtyp === "app"
        ? appPrincipal(record.state.id, payload, record.state)
        : userPrincipal(record.state.id, payload, record.state);
    c.set("tenant", record);
    c.set("principal", principal);
    await next();
  };
}

function appPrincipal(tenantId: string, p: Record<string, unknown>, state: Parameters<typeof findApplication>[0]): Principal {
  const app = findApplication(state, String(p.azp ?? ""));
  if (!app) throw unauthorized("The application in the access token no longer exists.");
  return {
    kind: "app",
    tenantId,
    appId: app.appId,
    appObjectId: app.id,
    displayName: app.displayName,
    permissions: Array.isArray(p.roles) ? (p.roles as string[]) : [],
  };
}

function userPrincipal(tenantId: string, p: Record<string, unknown>, state: Parameters<typeof findUser>[0]): Principal {
  const user = findUser(state, String(p.oid ?? ""));
  if (!user) throw unauthorized("The user in the access token no longer exists.");
  if (!user.accountEnabled) throw unauthorized("The user account is disabled.");
  return {
    kind: "user",
    tenantId,
    userId: user.id,
    appId: String(p.azp ?? ""),
    scopes: typeof p.scp === "string" ? p.scp.split(" ").filter(Boolean) : [],
    roleTemplateIds: Array.isArray(p.wids) ? (p.wids as string[]).map((w) => w.toLowerCase()) : [],
    amr: Array.isArray(p.amr) ? (p.amr as string[]) : [],
    issuedAt: new Date(Number(p.iat ?? 0) * 1000),
    authTime: typeof p.auth_time === "number" ? new Date(p.auth_time * 1000) : null,
    tapId: typeof p.xms_tap === "string" ? p.xms_tap : null,
  };
}
