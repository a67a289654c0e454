/**
 * `POST /$batch` (JSON batching): up to 20 requests, each `{id, method, url, headers?, body?, dependsOn?}`
 * with `url` relative to the version root (`/users/x` or `users`). Each request runs through the whole
 * app (routing, its own bearer check with the outer `Authorization`, errors), so a batched call answers
 * exactly like a direct one. Requests run in order; one whose dependency failed (status >= 400) answers
 * 424 without running. The envelope is 200 `{responses: [{id, status, headers, body}]}`; a malformed
 * batch (not JSON, no `requests`, more than 20, duplicate ids, unknown or circular `dependsOn`) is a 400.
 */
import { z } from "zod";
import type { GraphModule } from "./graph-module";
import type { AppContext, AppDeps, GraphVersion } from "../http/context";
import { readJson, describeZodIssue } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";
import { sendJson } from "../http/odata";

export const MAX_BATCH_REQUESTS = 20;

const batchRequest = z.looseObject({
  id: z.string().min(1),
  method: z.string().regex(/^(get|post|patch|put|delete)$/i, "must be GET, POST, PATCH, PUT or DELETE"),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});
const batchBody = z.looseObject({ requests: z.array(batchRequest) });
type BatchRequest = z.infer<typeof batchRequest>;

interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const bad = (message: string) => new GraphHttpError(400, "BadRequest", message);

/** Orders requests so each runs after its dependencies; rejects unknown and circular `dependsOn`. */
function executionOrder(requests: BatchRequest[]): BatchRequest[] {
  const byId = new Map(requests.map((r) => [r.id, r]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: BatchRequest[] = [];
  const visit = (r: BatchRequest) => {
    if (done.has(r.id)) return;
    if (visiting.has(r.id)) throw bad(`Circular dependsOn involving request '${r.id}'.`);
    visiting.add(r.id);
    for (const dep of r.dependsOn ?? []) {
      const target = byId.get(dep);
      if (!target) throw bad(`Request '${r.id}' depends on '${dep}', which is not part of the batch.`);
      visit(target);
    }
    visiting.delete(r.id);
    done.add(r.id);
    order.push(r);
  };
  requests.forEach(visit);
  return order;
}

async function runOne(c: AppContext, deps: AppDeps, version: GraphVersion, r: BatchRequest): Promise<BatchResponse> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(r.url))
    return errorResponse(r.id, 400, "BadRequest", "Batch request URLs must be relative to the version root, e.g. '/users'.");
  const relative = r.url.startsWith("/") ? r.url : `/${r.url}`;
  if (/^\/\$batch(\?|$)/i.test(relative)) return errorResponse(r.id, 400, "BadRequest", "A $batch request cannot contain another $batch.");
  const headers = new Headers();
  for (const [k, v] of Object.entries(r.headers ?? {})) headers.set(k, v);
  const auth = c.req.header("authorization");
  if (auth && !headers.has("authorization")) headers.set("authorization", auth);
  // Inner URLs keep the outer request's origin (and forwarding headers) so nextLinks point back at the caller.
  for (const h of ["host", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-for"]) {
    const v = c.req.header(h);
    if (v && !headers.has(h)) headers.set(h, v);
  }
  let body: string | undefined;
  if (r.body !== undefined && r.body !== null) {
    body = typeof r.body === "string" ? r.body : JSON.stringify(r.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const method = r.method.toUpperCase();
  const inner = new Request(`${new URL(c.req.url).origin}/${version}${relative}`, { method, headers, body: method === "GET" || method === "DELETE" ? undefined : body });
  const res = await deps.dispatch!(inner, c.env);
  const outHeaders: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (!["content-length", "access-control-allow-origin", "access-control-allow-credentials", "access-control-expose-headers", "vary"].includes(k)) outHeaders[k] = v;
  });
  const text = await res.text();
  const out: BatchResponse = { id: r.id, status: res.status, headers: outHeaders };
  if (text) {
    // JSON bodies are embedded as JSON; anything else (e.g. /users/$count's text/plain) as a string.
    if (/json/i.test(res.headers.get("content-type") ?? "")) {
      try {
        out.body = JSON.parse(text);
      } catch {
        out.body = text;
      }
    } else out.body = text;
  }
  return out;
}

function errorResponse(id: string, status: number, code: string, message: string): BatchResponse {
  return {
    id, status, headers: { "content-type": "application/json" },
    body: { error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, "") } } },
  };
}

export const batchModule: GraphModule = (r, deps, version) => {
  r.post("/$batch", async (c) => {
    if (!deps.dispatch) throw new GraphHttpError(501, "notImplemented", "$batch needs the app dispatcher (createApp sets it).");
    const raw = await readJson(c);
    const parsed = batchBody.safeParse(raw);
    if (!parsed.success) throw bad(describeZodIssue(parsed.error));
    const requests = parsed.data.requests;
    if (requests.length === 0) throw bad("Invalid batch payload: 'requests' must contain at least one request.");
    if (requests.length > MAX_BATCH_REQUESTS) throw bad(`Invalid batch payload format: the number of batch requests (${requests.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
    const ids = new Set<string>();
    for (const q of requests) {
      if (ids.has(q.id)) throw bad(`Invalid batch payload format: request id '${q.id}' is used more than once.`);
      ids.add(q.id);
    }
    const results = new Map<string, BatchResponse>();
    for (const q of executionOrder(requests)) {
      const failed = (q.dependsOn ?? []).find((d) => (results.get(d)?.status ?? 0) >= 400);
      results.set(
        q.id,
        failed
          ? errorResponse(q.id, 424, "FailedDependency", `The request depends on request '${failed}', which failed.`)
          : await runOne(c, deps, version, q),
      );
    }
    return sendJson(c, { responses: requests.map((q) => results.get(q.id)!) });
  });
};
