/**
 * OData response helpers: `@odata.context`, `$select`, `$filter`, `$orderby`, `$search`, `$top`, `$skiptoken` paging with
 * `@odata.nextLink` on the emulator's own origin, and `$count` (which, on directory objects, needs
 * `ConsistencyLevel: eventual` as in Graph).
 */
import type { Context } from "hono";
import { compileFilter } from "./odata-filter";
import { GraphHttpError } from "./graph-errors";
import { requestOrigin, type AppConfig } from "./context";

export const GRAPH_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export type Json = Record<string, unknown>;

export interface CollectionOptions {
  /** The entity set path after `$metadata#`, e.g. "users" or "users('id')/authentication/methods". */
  context: string;
  /** Page size when `$top` is absent (Graph: 100 for users). */
  pageSize?: number;
  maxPageSize?: number;
  /** Whether the resource accepts query options at all (e.g. authentication/methods does not). */
  query?: boolean;
  /** `$count` needs `ConsistencyLevel: eventual` (directory objects). */
  countNeedsEventual?: boolean;
  /** Properties returned when `$select` is absent (users return a default subset). */
  defaultSelect?: readonly string[];
}

function q(c: Context, name: string): string | undefined {
  return c.req.query(name) ?? c.req.query(name.replace("$", "%24")) ?? c.req.query(name.slice(1));
}

export function contextUrl(c: Context, config: AppConfig, version: string, path: string): string {
  return `${requestOrigin(c, config)}/${version}/$metadata#${path}`;
}

export function parseSelect(c: Context): string[] | null {
  const s = q(c, "$select");
  if (!s) return null;
  return s.split(",").map((x) => x.trim()).filter(Boolean);
}

export function project(item: Json, select: readonly string[] | null): Json {
  if (!select) return item;
  const out: Json = {};
  for (const k of Object.keys(item)) if (k.startsWith("@odata.")) out[k] = item[k];
  const lower = new Map(Object.keys(item).map((k) => [k.toLowerCase(), k]));
  for (const s of select) {
    const key = lower.get(s.toLowerCase());
    if (key) out[key] = item[key];
  }
  if ("id" in item && !("id" in out) && select.some((s) => s.toLowerCase() === "id")) out.id = item.id;
  return out;
}

/** `$orderby=prop [asc|desc], ...`: strings case-insensitively, nulls first (as Graph sorts directory objects). */
export function orderBy(items: Json[], spec: string): Json[] {
  const keys = spec.split(",").map((part) => {
    const m = /^\s*([A-Za-z0-9_/]+)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m) throw new GraphHttpError(400, "BadRequest", `Invalid $orderby clause '${part.trim()}'.`);
    return { path: m[1].split("/"), desc: m[2]?.toLowerCase() === "desc" };
  });
  const value = (item: Json, path: string[]) => {
    let cur: unknown = item;
    for (const p of path) cur = (cur as Json | null | undefined)?.[p];
    return typeof cur === "string" ? cur.toLowerCase() : cur;
  };
  return [...items].sort((a, b) => {
    for (const k of keys) {
      const x = value(a, k.path), y = value(b, k.path);
      if (x === y) continue;
      const cmp = x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : (x as string | number) < (y as string | number) ? -1 : 1;
      return k.desc ? -cmp : cmp;
    }
    return 0;
  });
}

/**
 * `$search="prop:text"` clauses joined by AND / OR (left to right), as directory objects support with
 * `ConsistencyLevel: eventual`: a clause matches when a word of the property starts with the text
 * (Graph's tokenized search, simplified).
 */
export function search(items: Json[], spec: string): Json[] {
  const parts = spec.trim().split(/\s+(AND|OR)\s+/);
  const clauses: { prop: string; text: string; op: "AND" | "OR" }[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const m = /^"([A-Za-z0-9_]+):([^"]*)"$/.exec(parts[i].trim());
    if (!m) throw new GraphHttpError(400, "Request_UnsupportedQuery", `Syntax error in $search: '${parts[i]}' is not of the form "property:value".`);
    clauses.push({ prop: m[1], text: m[2].toLowerCase(), op: (i === 0 ? "OR" : parts[i - 1]) as "AND" | "OR" });
  }
  const matches = (item: Json, prop: string, text: string) => {
    const key = Object.keys(item).find((k) => k.toLowerCase() === prop.toLowerCase());
    const v = key ? item[key] : undefined;
    return typeof v === "string" && (v.toLowerCase().startsWith(text) || v.toLowerCase().split(/[\s.@_-]+/).some((w) => w.startsWith(text)));
  };
  return items.filter((item) => clauses.reduce((acc, cl, i) => (i === 0 ? matches(item, cl.prop, cl.text) : cl.op === "AND" ? acc && matches(item, cl.prop, cl.text) : acc || matches(item, cl.prop, cl.text)), false));
}

export function sendCollection(c: Context, config: AppConfig, version: string, items: Json[], opts: CollectionOptions) {
  const filter = q(c, "$filter");
  const orderRaw = q(c, "$orderby");
  const searchRaw = q(c, "$search");
  const topRaw = q(c, "$top");
  const skipRaw = q(c, "$skiptoken");
  const countRaw = q(c, "$count");
  const select = parseSelect(c);
  if (opts.query === false && (filter || topRaw || select || countRaw || orderRaw || searchRaw))
    throw new GraphHttpError(400, "BadRequest", "Query options are not supported on this resource.");
  // Directory objects page with $skiptoken only (Graph: "'$skip' is not supported by the service.").
  if (opts.countNeedsEventual && q(c, "$skip") !== undefined) throw new GraphHttpError(400, "Request_BadRequest", "'$skip' is not supported by the service.");
  let rows = items;
  if (searchRaw !== undefined) {
    if (!opts.countNeedsEventual) throw new GraphHttpError(400, "BadRequest", "$search is not supported on this resource.");
    if (c.req.header("consistencylevel")?.toLowerCase() !== "eventual")
      throw new GraphHttpError(400, "Request_UnsupportedQuery", "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    rows = search(rows, searchRaw);
  }
  if (filter) {
    const test = compileFilter(filter);
    rows = rows.filter(test);
  }
  if (orderRaw) rows = orderBy(rows, orderRaw);
  const total = rows.length;
  const top = topRaw === undefined ? (opts.pageSize ?? 100) : Number(topRaw);
  if (!Number.isInteger(top) || top < 1 || top > (opts.maxPageSize ?? 999))
    throw new GraphHttpError(400, "BadRequest", `Invalid page size specified: '${topRaw}'. Must be between 1 and ${opts.maxPageSize ?? 999} inclusive.`);
  let offset = 0;
  if (skipRaw) {
    const text = /^[A-Za-z0-9_-]+$/.test(skipRaw) ? Buffer.from(skipRaw, "base64url").toString("utf8") : "";
    const decoded = /^o:\d+$/.test(text) ? Number(text.slice(2)) : NaN;
    if (!Number.isSafeInteger(decoded)) throw new GraphHttpError(400, "BadRequest", "Invalid $skiptoken value.");
    offset = decoded;
  }
  const page = rows.slice(offset, offset + top);
  const body: Json = {
    "@odata.context": contextUrl(c, config, version, opts.context + (select ? `(${select.join(",")})` : "")),
  };
  if (countRaw !== undefined) {
    if (countRaw !== "true" && countRaw !== "false") throw new GraphHttpError(400, "BadRequest", "Invalid value for $count; expected true or false.");
    if (countRaw === "true") {
      if (opts.countNeedsEventual && c.req.header("consistencylevel")?.toLowerCase() !== "eventual")
        throw new GraphHttpError(400, "Request_BadRequest", "$count is not currently supported. Set the ConsistencyLevel header to eventual.");
      body["@odata.count"] = total;
    }
  }
  if (offset + top < rows.length) {
    const url = new URL(c.req.url);
    const next = new URL(`${requestOrigin(c, config)}${url.pathname}`);
    for (const [k, v] of url.searchParams) if (k !== "$skiptoken" && k !== "%24skiptoken") next.searchParams.set(k, v);
    next.searchParams.set("$skiptoken", Buffer.from(`o:${offset + top}`).toString("base64url"));
    body["@odata.nextLink"] = next.toString().replace(/%24/g, "$");
  }
  const effectiveSelect = select ?? opts.defaultSelect ?? null;
  body.value = page.map((i) => project(i, effectiveSelect));
  return c.body(JSON.stringify(body), 200, { "content-type": GRAPH_JSON });
}

export function sendEntity(c: Context, config: AppConfig, version: string, entity: Json, context: string, status: 200 | 201 = 200, defaultSelect?: readonly string[]) {
  const select = parseSelect(c);
  const ctxPath = select ? context.replace(/\/\$entity$/, `(${select.join(",")})/$entity`) : context;
  const body = { "@odata.context": contextUrl(c, config, version, ctxPath), ...project(entity, select ?? defaultSelect ?? null) };
  return c.body(JSON.stringify(body), status, { "content-type": GRAPH_JSON });
}

export function sendJson(c: Context, body: unknown, status: 200 | 201 | 202 = 200) {
  return c.body(JSON.stringify(body), status, { "content-type": GRAPH_JSON });
}

export function noContent(c: Context) {
  return c.body(null, 204);
}
