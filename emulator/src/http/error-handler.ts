/**
 * The one error handler: maps whatever was thrown to the error format of the surface that was called.
 * Graph and control plane: the Graph envelope. Token/device endpoints: Entra's AADSTS JSON. Unknown
 * errors are logged and answered as a Graph 500 `generalException` (there should be none).
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { DomainError } from "../domain/errors";
import { GraphHttpError, graphErrorResponse, toGraphHttpError } from "./graph-errors";
import { OAuthError } from "../signin/oauth-errors";
import { oauthErrorResponse } from "../signin/oauth-response";
import type { AppDeps } from "./context";

export function handleError(err: Error, c: Context, deps: AppDeps): Response | Promise<Response> {
  if (err instanceof OAuthError) return oauthErrorResponse(c, deps, err);
  if (err instanceof GraphHttpError) return graphErrorResponse(c, err);
  if (err instanceof DomainError) return graphErrorResponse(c, toGraphHttpError(err));
  if (err instanceof HTTPException) {
    const status = err.status;
    return graphErrorResponse(c, new GraphHttpError(status as 400, status === 400 ? "BadRequest" : "generalException", err.message || "Bad request."));
  }
  deps.log(`unexpected error on ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
  return graphErrorResponse(c, new GraphHttpError(500, "generalException", "An unexpected error occurred in the emulator."));
}
