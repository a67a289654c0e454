/** Renders OAuthErrors (and unexpected errors) in Entra's token-endpoint JSON shape. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { OAuthError, oauthErrorBody } from "./oauth-errors";
import type { AppDeps } from "../http/context";

export function oauthErrorResponse(c: Context, deps: AppDeps, err: OAuthError | { error: string; message: string; codes: number[]; status: number }) {
  const e = err instanceof OAuthError ? { error: err.error, message: err.message, codes: [err.aadsts], status: err.status } : err;
  const requestId = (c.get("requestId") as string | undefined) ?? deps.ids.uuid();
  const body = oauthErrorBody(e, { traceId: requestId, correlationId: c.req.header("client-request-id") ?? requestId, timestamp: new Date() });
  c.header("cache-control", "no-store");
  return c.json(body, e.status as ContentfulStatusCode);
}
