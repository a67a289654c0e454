/**
 * Validates Graph responses against Microsoft's OpenAPI subset (../shared/graph/openapi-subset.json).
 * `expectSchema(body, "microsoft.graph.user")` checks one entity; `expectCollection` checks `value[]`.
 * `expectResponse(method, path, status, body)` looks the operation up by its OpenAPI path template.
 * OpenAPI 3.0's `nullable` is understood; `@odata.*` annotations are extra properties, which Graph
 * schemas allow.
 */
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import { expect } from "vitest";

const candidates = [path.resolve(__dirname, "../../../shared/graph/openapi-subset.json"), path.resolve(__dirname, "../../shared/graph/openapi-subset.json")];
const specPath = candidates.find((p) => existsSync(p));
if (!specPath) throw new Error(`openapi-subset.json not found in ${candidates.join(" or ")}`);
const spec = JSON.parse(readFileSync(specPath, "utf8"));

/**
 * The PowerShell-flavoured schemas put `additionalProperties: {type: object}` on every allOf branch,
 * which under JSON Schema would reject each derived type's own properties; drop those so the known
 * properties are checked for type, enum and nullability.
 */
function dropAdditionalProperties(node: unknown): void {
  if (Array.isArray(node)) node.forEach(dropAdditionalProperties);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.additionalProperties && typeof o.additionalProperties === "object" && (o.additionalProperties as { type?: string }).type === "object")
      delete o.additionalProperties;
    Object.values(o).forEach(dropAdditionalProperties);
  }
}
dropAdditionalProperties(spec.components);
dropAdditionalProperties(spec.paths);

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: "graph", components: spec.components, paths: spec.paths }, "graph");
const cache = new Map<string, ValidateFunction>();

function validator(ref: string): ValidateFunction {
  let v = cache.get(ref);
  if (!v) {
    v = ajv.compile({ $ref: `graph${ref}` });
    cache.set(ref, v);
  }
  return v;
}

/** OData annotations (`@odata.type`, `@odata.context`...) are control information, not properties. */
function stripAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAnnotations);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).filter(([k]) => !k.includes("@odata.")).map(([k, v]) => [k, stripAnnotations(v)]));
  return value;
}

function check(ref: string, body: unknown, label: string) {
  const v = validator(ref);
  const ok = v(stripAnnotations(body));
  expect(ok, `${label} does not match ${ref}: ${ajv.errorsText(v.errors, { separator: "\n" })}\n${JSON.stringify(body).slice(0, 2000)}`).toBe(true);
}

export function expectSchema(body: unknown, schemaName: string) {
  check(`#/components/schemas/${schemaName}`, body, "entity");
}

export function expectCollection(body: { value: unknown[] }, schemaName: string) {
  expect(Array.isArray(body.value), "collection has value[]").toBe(true);
  body.value.forEach((item, i) => check(`#/components/schemas/${schemaName}`, item, `value[${i}]`));
}

/** The schema the spec declares for a 2XX response of `method` on the OpenAPI path template. */
export function expectResponse(method: string, pathTemplate: string, body: unknown) {
  const op = spec.paths[pathTemplate]?.[method.toLowerCase()];
  if (!op) throw new Error(`no ${method} ${pathTemplate} in the OpenAPI subset`);
  const res = op.responses["2XX"] ?? op.responses["200"] ?? op.responses["201"];
  if (!res) throw new Error(`no success response for ${method} ${pathTemplate}`);
  if (res.$ref) {
    const name = res.$ref.split("/").pop();
    const schema = spec.components.responses[name].content["application/json"].schema;
    check(schema.$ref ?? `#/components/responses/${name}/content/application~1json/schema`, body, `${method} ${pathTemplate}`);
  } else {
    const schema = res.content["application/json"].schema;
    if (schema.$ref) check(schema.$ref, body, `${method} ${pathTemplate}`);
    else {
      const pointer = `#/paths/${pathTemplate.replace(/~/g, "~0").replace(/\//g, "~1")}/${method.toLowerCase()}/responses/2XX/content/application~1json/schema`;
      check(pointer, body, `${method} ${pathTemplate}`);
    }
  }
}

export const openApiSpec = spec;
