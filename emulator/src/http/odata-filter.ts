/**
 * A small OData `$filter` parser and evaluator: eq, ne, gt, ge, lt, le, in, startswith, endswith,
 * contains, not, and/or with parentheses, nested paths (`a/b`) and `any` lambdas
 * (`identities/any(c:c/issuer eq 'x')`). String comparisons ignore case, as the directory does.
 * Anything else is a Graph 400, never a silent match-all.
 */
import { GraphHttpError } from "./graph-errors";

type Token = { t: "str" | "num" | "id" | "op" | "(" | ")" | "," | ":"; v: string };
type Node =
  | { k: "bin"; op: "and" | "or"; l: Node; r: Node }
  | { k: "not"; e: Node }
  | { k: "cmp"; op: string; path: string; value: unknown }
  | { k: "in"; path: string; values: unknown[] }
  | { k: "fn"; name: string; path: string; value: unknown }
  | { k: "any"; path: string; v: string; e: Node | null };

const bad = (msg: string) => new GraphHttpError(400, "BadRequest", `Invalid filter clause: ${msg}`);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) { i++; continue; }
    if ("(),:".includes(ch)) { out.push({ t: ch as Token["t"], v: ch }); i++; continue; }
    if (ch === "'") {
      let s = ""; i++;
      for (;;) {
        if (i >= src.length) throw bad("unterminated string literal");
        if (src[i] === "'") { if (src[i + 1] === "'") { s += "'"; i += 2; continue; } i++; break; }
        s += src[i++];
      }
      out.push({ t: "str", v: s }); continue;
    }
    const m = /^[A-Za-z0-9_.@$\-+:/]+/.exec(src.slice(i));
    if (!m) throw bad(`unexpected character '${ch}'`);
    let word = m[0];
    // A path like a/b/any is followed by "(": keep ":" out of identifiers except inside date-times.
    if (word.includes(":") && !/^\d{4}-\d{2}-\d{2}T/.test(word)) word = word.slice(0, word.indexOf(":"));
    i += word.length;
    if (/^-?\d+(\.\d+)?$/.test(word)) out.push({ t: "num", v: word });
    else if (/^(eq|ne|gt|ge|lt|le|and|or|not|in)$/i.test(word)) out.push({ t: "op", v: word.toLowerCase() });
    else out.push({ t: "id", v: word });
  }
  return out;
}

/** OData's default limit on expression nesting (ODataUriParser MaxRecursionDepth 100): deeper is a 400, not a stack overflow. */
const MAX_DEPTH = 100;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Token[]) {}
  private enter() { if (++this.depth > MAX_DEPTH) throw bad(`the expression is nested more than ${MAX_DEPTH} levels deep`); }
  parse(): Node {
    const n = this.or();
    if (this.i < this.toks.length) throw bad(`unexpected '${this.toks[this.i].v}'`);
    return n;
  }
  private peek() { return this.toks[this.i]; }
  private next() { const t = this.toks[this.i++]; if (!t) throw bad("unexpected end of expression"); return t; }
  private expect(t: Token["t"]) { const n = this.next(); if (n.t !== t) throw bad(`expected '${t}' but found '${n.v}'`); return n; }
  private or(): Node { let l = this.and(); while (this.peek()?.t === "op" && this.peek().v === "or") { this.i++; l = { k: "bin", op: "or", l, r: this.and() }; } return l; }
  private and(): Node { let l = this.unary(); while (this.peek()?.t === "op" && this.peek().v === "and") { this.i++; l = { k: "bin", op: "and", l, r: this.unary() }; } return l; }
  private unary(): Node {
    if (this.peek()?.t === "op" && this.peek().v === "not") { this.i++; this.enter(); const e = this.unary(); this.depth--; return { k: "not", e }; }
    return this.primary();
  }
  private literal(): unknown {
    const t = this.next();
    if (t.t === "str") return t.v;
    if (t.t === "num") return Number(t.v);
    if (t.t === "id") {
      if (t.v === "true") return true;
      if (t.v === "false") return false;
      if (t.v === "null") return null;
      if (/^[0-9a-f-]{36}$/i.test(t.v) || /^\d{4}-\d{2}-\d{2}/.test(t.v)) return t.v;
    }
    throw bad(`'${t.v}' is not a literal`);
  }
  private primary(): Node {
    const t = this.next();
    if (t.t === "(") { this.enter(); const e = this.or(); this.expect(")"); this.depth--; return e; }
    if (t.t !== "id") throw bad(`unexpected '${t.v}'`);
    const fn = t.v.toLowerCase();
    if (this.peek()?.t === "(" && ["startswith", "endswith", "contains"].includes(fn)) {
      this.i++;
      const path = this.expect("id").v; this.expect(",");
      const value = this.literal(); this.expect(")");
      return { k: "fn", name: fn, path, value };
    }
    if (this.peek()?.t === "(" && /\/any$/i.test(t.v)) {
      this.i++;
      const path = t.v.slice(0, -4);
      if (this.peek()?.t === ")") { this.i++; return { k: "any", path, v: "", e: null }; }
      const v = this.expect("id").v; this.expect(":");
      this.enter(); const e = this.or(); this.expect(")"); this.depth--;
      return { k: "any", path, v, e };
    }
    const op = this.next();
    if (op.t !== "op") throw bad(`expected an operator after '${t.v}'`);
    if (op.v === "in") {
      this.expect("(");
      const values = [this.literal()];
      while (this.peek()?.t === ",") { this.i++; values.push(this.literal()); }
      this.expect(")");
      return { k: "in", path: t.v, values };
    }
    if (!["eq", "ne", "gt", "ge", "lt", "le"].includes(op.v)) throw bad(`unsupported operator '${op.v}'`);
    return { k: "cmp", op: op.v, path: t.v, value: this.literal() };
  }
}

function resolve(obj: unknown, path: string, scope: Record<string, unknown>): unknown {
  const parts = path.split("/");
  let cur: unknown = parts[0] in scope ? scope[parts[0]] : (obj as Record<string, unknown>)?.[parts[0]];
  for (const p of parts.slice(1)) cur = (cur as Record<string, unknown> | null | undefined)?.[p];
  return cur;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const norm = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v);

function compare(a: unknown, op: string, b: unknown): boolean {
  // Date-times compare as instants: `2026-01-15T09:00:00Z` equals a stored `2026-01-15T09:00:00.000Z`.
  if (typeof a === "string" && typeof b === "string" && ISO_DATE_TIME.test(a) && ISO_DATE_TIME.test(b)) {
    const x = Date.parse(a), y = Date.parse(b);
    switch (op) {
      case "eq": return x === y;
      case "ne": return x !== y;
      case "gt": return x > y;
      case "ge": return x >= y;
      case "lt": return x < y;
      default: return x <= y;
    }
  }
  const x = norm(a), y = norm(b);
  switch (op) {
    case "eq": return x === y || (x === undefined && y === null);
    case "ne": return !(x === y || (x === undefined && y === null));
    default: {
      if (x === null || x === undefined || y === null) return false;
      const xs = x as string | number, ys = y as string | number;
      return op === "gt" ? xs > ys : op === "ge" ? xs >= ys : op === "lt" ? xs < ys : xs <= ys;
    }
  }
}

function evaluate(n: Node, obj: unknown, scope: Record<string, unknown>): boolean {
  switch (n.k) {
    case "bin": return n.op === "and" ? evaluate(n.l, obj, scope) && evaluate(n.r, obj, scope) : evaluate(n.l, obj, scope) || evaluate(n.r, obj, scope);
    case "not": return !evaluate(n.e, obj, scope);
    case "cmp": return compare(resolve(obj, n.path, scope), n.op, n.value);
    case "in": { const v = norm(resolve(obj, n.path, scope)); return n.values.some((x) => norm(x) === v); }
    case "fn": {
      const v = resolve(obj, n.path, scope);
      if (typeof v !== "string" || typeof n.value !== "string") return false;
      const a = v.toLowerCase(), b = n.value.toLowerCase();
      return n.name === "startswith" ? a.startsWith(b) : n.name === "endswith" ? a.endsWith(b) : a.includes(b);
    }
    case "any": {
      const list = resolve(obj, n.path, scope);
      if (!Array.isArray(list)) return false;
      if (!n.e) return list.length > 0;
      return list.some((item) => evaluate(n.e!, obj, { ...scope, [n.v]: item }));
    }
  }
}

/** Parses `$filter` once; the returned predicate tests one (serialized) item. */
export function compileFilter(filter: string): (item: unknown) => boolean {
  const ast = new Parser(tokenize(filter)).parse();
  return (item) => evaluate(ast, item, {});
}
