/**
 * Authentication strengths: `/policies/authenticationStrengthPolicies` and its beta twin
 * `/identity/conditionalAccess/authenticationStrength/policies` (GD authenticationstrengthroot-*.md).
 * The three built-in strengths are listed first and are read-only; custom ones: create 201, update 204,
 * `updateAllowedCombinations` 200 + result, delete 204 (refused while a policy uses the strength).
 */
import type { GraphModule } from "./graph-module";
import type { TenantState } from "../domain/state";
import type { AuthenticationStrengthPolicy } from "../domain/conditional-access/types";
import { graphCall } from "./graph-module";
import { sendCollection, sendEntity, sendJson, noContent, contextUrl } from "../http/odata";
import { parseJson } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";
import { allStrengths, findStrength } from "../domain/conditional-access/strengths";
import {
  checkStrengthDeletable, createStrength, patchStrength, strengthCreateSchema, strengthPatchSchema, updateCombinations, updateCombinationsSchema,
} from "../domain/conditional-access/strength-policies";
import { serializeStrength } from "./conditional-access.serialize";
import { requireStrengthRead, requireStrengthWrite } from "./conditional-access.access";
import { requestOrigin } from "../http/context";

const BASES = [
  { path: "/policies/authenticationStrengthPolicies", context: "policies/authenticationStrengthPolicies" },
  { path: "/identity/conditionalAccess/authenticationStrength/policies", context: "identity/conditionalAccess/authenticationStrength/policies" },
];

function requireStrength(state: TenantState, id: string): AuthenticationStrengthPolicy {
  const s = findStrength(state, id);
  if (!s) throw new GraphHttpError(404, "ResourceNotFound", `Authentication strength policy with id '${id}' was not found.`, true);
  return s;
}

export const authenticationStrengthsModule: GraphModule = (r, deps, version) => {
  for (const base of BASES) {
    r.get(base.path, (c) => {
      const { state, principal } = graphCall(c, deps);
      requireStrengthRead(principal);
      return sendCollection(c, deps.config, version, allStrengths(state).map(serializeStrength), { context: base.context, pageSize: 999, maxPageSize: 999 });
    });

    r.get(`${base.path}/:strengthId`, (c) => {
      const { state, principal } = graphCall(c, deps);
      requireStrengthRead(principal);
      return sendEntity(c, deps.config, version, serializeStrength(requireStrength(state, c.req.param("strengthId"))), `${base.context}/$entity`);
    });

    r.post(base.path, async (c) => {
      const { state, principal, now, touch } = graphCall(c, deps);
      requireStrengthWrite(principal);
      const body = await parseJson(c, strengthCreateSchema);
      const s = createStrength(state, body, deps.ids.uuid(), now.toISOString());
      state.conditionalAccess.authenticationStrengths.push(s);
      touch();
      c.header("location", `${requestOrigin(c, deps.config)}/${version}${base.path}/${s.id}`);
      return sendEntity(c, deps.config, version, serializeStrength(s), `${base.context}/$entity`, 201);
    });

    r.patch(`${base.path}/:strengthId`, async (c) => {
      const { state, principal, now, touch } = graphCall(c, deps);
      requireStrengthWrite(principal);
      const s = requireStrength(state, c.req.param("strengthId"));
      const body = await parseJson(c, strengthPatchSchema);
      patchStrength(state, s, body, now.toISOString());
      touch();
      return noContent(c);
    });

    r.post(`${base.path}/:strengthId/updateAllowedCombinations`, async (c) => {
      const { state, principal, now, touch } = graphCall(c, deps);
      requireStrengthWrite(principal);
      const s = requireStrength(state, c.req.param("strengthId"));
      const body = await parseJson(c, updateCombinationsSchema);
      const result = updateCombinations(state, s, body.allowedCombinations, now.toISOString());
      touch();
      return sendJson(c, { "@odata.context": contextUrl(c, deps.config, version, "microsoft.graph.updateAllowedCombinationsResult"), ...result });
    });

    r.delete(`${base.path}/:strengthId`, (c) => {
      const { state, principal, touch } = graphCall(c, deps);
      requireStrengthWrite(principal);
      const s = requireStrength(state, c.req.param("strengthId"));
      checkStrengthDeletable(state, s);
      state.conditionalAccess.authenticationStrengths = state.conditionalAccess.authenticationStrengths.filter((x) => x !== s);
      touch();
      return noContent(c);
    });
  }
};
