/**
 * OpenAPI checks for Conditional Access bodies. The subset declares complex conditions (`platforms`,
 * `locations`, `sessionControls`, `authenticationStrength`...) as plain `$ref`s without `nullable`,
 * yet the service returns them as null, and Microsoft's own create example
 * (shared/graph/examples/ca-policy-create.json) fails the subset as written. So null-valued properties
 * are removed before validating: every non-null value is still checked for type, enum and shape.
 */
import { expect } from "vitest";
import { readFileSync } from "node:fs";
import { expectSchema, expectResponse, openApiSpec } from "../openapi";

/**
 * Flags enums (`x-ms-enum-flags`) are serialized comma-joined ("internalGuest,b2bCollaborationGuest",
 * "password,sms"), which a JSON Schema enum can't express: each member is checked here against the
 * enum, then the value is replaced by its first member for the schema check.
 */
const FLAG_FIELDS: Record<string, string> = {
  guestOrExternalUserTypes: "microsoft.graph.conditionalAccessGuestOrExternalUserTypes",
  allowedCombinations: "microsoft.graph.authenticationMethodModes",
  insiderRiskLevels: "microsoft.graph.conditionalAccessInsiderRiskLevels",
  requirementsSatisfied: "microsoft.graph.authenticationStrengthRequirements",
};

function flagMembers(schema: string, value: string): string {
  const members: string[] = openApiSpec.components.schemas[schema].enum;
  const parts = value.split(",").map((x) => x.trim());
  for (const part of parts) expect(members, `'${part}' is not a member of ${schema}`).toContain(part);
  return parts[0];
}

function dropNulls(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => dropNulls(v, key));
  if (typeof value === "string" && FLAG_FIELDS[key]) return flagMembers(FLAG_FIELDS[key], value);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, dropNulls(v, k)]));
  return value;
}

export function expectCaSchema(body: unknown, schema: string) {
  expectSchema(dropNulls(body), schema);
}

export function expectCaCollection(body: { value: unknown[] }, schema: string) {
  expect(Array.isArray(body.value)).toBe(true);
  for (const item of body.value) expectCaSchema(item, schema);
}

export function expectCaResponse(method: string, template: string, body: unknown) {
  expectResponse(method, template, dropNulls(body));
}

/** Microsoft's documented create response, to prove the null handling is needed and sufficient. */
export function docCreateExample(): unknown {
  for (const p of ["../../../../shared/graph/examples/ca-policy-create.json", "../../../shared/graph/examples/ca-policy-create.json"]) {
    try {
      return JSON.parse(readFileSync(new URL(p, import.meta.url), "utf8")).response.body;
    } catch { /* try the next location */ }
  }
  throw new Error("ca-policy-create.json not found");
}
