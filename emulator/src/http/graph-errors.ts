/**
 * The Graph error envelope, built in one place:
 * `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`, with the same
 * ids in the `request-id` / `client-request-id` response headers.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError, type DomainErrorCode } from "../domain/errors";

export class GraphHttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly innerMessage = false,
  ) {
    super(message);
  }
}

const GENERIC: Record<DomainErrorCode, { status: ContentfulStatusCode; code: string }> = {
  badRequest: { status: 400, code: "badRequest" },
  notFound: { status: 404, code: "itemNotFound" },
  forbidden: { status: 403, code: "Authorization_RequestDenied" },
  unauthorized: { status: 401, code: "InvalidAuthenticationToken" },
  conflict: { status: 409, code: "conflict" },
  notImplemented: { status: 501, code: "notImplemented" },
  methodNotAllowed: { status: 405, code: "Request_UnsupportedQuery" },
  preconditionFailed: { status: 412, code: "preconditionFailed" },
};

export function toGraphHttpError(err: DomainError): GraphHttpError {
  const g = GENERIC[err.code];
  return new GraphHttpError(g.status, err.options.graphCode ?? g.code, err.message, err.options.innerMessage ?? false);
}

/** Graph's `innerError.date` has no fractional seconds. */
const graphDate = () => new Date().toISOString().replace(/\.\d{3}Z$/, "");

export function graphErrorResponse(c: Context, err: GraphHttpError) {
  const requestId = (c.get("requestId") as string | undefined) ?? crypto.randomUUID();
  const clientRequestId = (c.get("clientRequestId") as string | undefined) ?? requestId;
  const innerError: Record<string, string> = {
    ...(err.innerMessage ? { message: err.message } : {}),
    date: graphDate(),
    "request-id": requestId,
    "client-request-id": clientRequestId,
  };
  c.header("request-id", requestId);
  c.header("client-request-id", clientRequestId);
  return c.json({ error: { code: err.code, message: err.message, innerError } }, err.status);
}
