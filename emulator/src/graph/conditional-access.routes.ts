/**
 * Conditional Access policies: `/identity/conditionalAccess/policies` and the alias scanners use,
 * `/policies/conditionalAccessPolicies` (shared/graph/surface.md §5.1). List/get 200, create 201 +
 * policy, update 204 (partial), delete 204. Each change is audited ("Add/Update/Delete conditional
 * access policy", category Policy, §7.3).
 */
import type { GraphModule } from "./graph-module";
import type { AppContext, AppDeps } from "../http/context";
import { graphCall, initiatorOf } from "./graph-module";
import { sendCollection, sendEntity, noContent, contextUrl } from "../http/odata";
import { readJson, describeZodIssue } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";
import { recordAudit } from "../domain/audit";
import type { TenantState } from "../domain/state";
import type { Principal } from "../domain/principal";
import type { CaPolicy } from "../domain/conditional-access/types";
import { policyCreateSchema, policyPatchSchema, stripAnnotations } from "../domain/conditional-access/policy-schema";
import { applyPolicyPatch, policyFromCreate } from "../domain/conditional-access/policy-normalize";
import { validatePolicy } from "../domain/conditional-access/policy-rules";
import { serializePolicy } from "./conditional-access.serialize";
import { requireCaRead, requireCaWrite } from "./conditional-access.access";
import type { z } from "zod";
import { requestOrigin } from "../http/context";

const BASES = [
  { path: "/identity/conditionalAccess/policies", context: "identity/conditionalAccess/policies" },
  { path: "/policies/conditionalAccessPolicies", context: "policies/conditionalAccessPolicies" },
];

/** Parses a policy body; schema mismatches get the service's 1007 wording. */
export async function parsePolicyBody<T extends z.ZodType>(c: AppContext, schema: T): Promise<z.infer<T>> {
  const raw = await readJson(c);
  const result = schema.safeParse(stripAnnotations(raw));
  if (!result.success)
    throw new GraphHttpError(400, "BadRequest", `1007: Incoming ConditionalAccessPolicy object is null or does not match the schema of ConditionalAccessPolicy type. ${describeZodIssue(result.error)}`, true);
  return result.data;
}

function requirePolicy(state: TenantState, id: string): CaPolicy {
  const p = state.conditionalAccess.policies.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!p) throw new GraphHttpError(404, "ResourceNotFound", `1001: Policy with id '${id}' was not found.`, true);
  return p;
}

function audit(c: AppContext, deps: AppDeps, state: TenantState, principal: Principal, now: Date, verb: "Add" | "Update" | "Delete", p: CaPolicy, before?: CaPolicy) {
  recordAudit(state, deps.ids, now, {
    activityDisplayName: `${verb} conditional access policy`,
    category: "Policy",
    loggedByService: "Conditional Access",
    operationType: verb,
    initiatedBy: initiatorOf(c, state, principal),
    targetResources: [{
      id: p.id, displayName: p.displayName, type: "Policy",
      modifiedProperties: [{
        displayName: "ConditionalAccessPolicy",
        oldValue: before ? JSON.stringify(serializePolicy(state, before)) : null,
        newValue: verb === "Delete" ? null : JSON.stringify(serializePolicy(state, p)),
      }],
    }],
  });
}

export const conditionalAccessPoliciesModule: GraphModule = (r, deps, version) => {
  for (const base of BASES) {
    /** The policy as this version returns it, with the grant's strength annotation for this path. */
    const shape = (c: AppContext, state: TenantState, p: CaPolicy) =>
      serializePolicy(state, p, { version, strengthContextBase: contextUrl(c, deps.config, version, base.context) });

    r.get(base.path, (c) => {
      const { state, principal } = graphCall(c, deps);
      requireCaRead(principal);
      const items = state.conditionalAccess.policies.map((p) => shape(c, state, p));
      return sendCollection(c, deps.config, version, items, { context: base.context, pageSize: 999, maxPageSize: 999 });
    });

    r.get(`${base.path}/:policyId`, (c) => {
      const { state, principal } = graphCall(c, deps);
      requireCaRead(principal);
      const p = requirePolicy(state, c.req.param("policyId"));
      return sendEntity(c, deps.config, version, shape(c, state, p), `${base.context}/$entity`);
    });

    r.post(base.path, async (c) => {
      const { state, principal, now, touch } = graphCall(c, deps);
      requireCaWrite(principal);
      const body = await parsePolicyBody(c, policyCreateSchema);
      const policy = policyFromCreate(body, deps.ids.uuid(), now.toISOString());
      validatePolicy(state, policy);
      state.conditionalAccess.policies.push(policy);
      audit(c, deps, state, principal, now, "Add", policy);
      touch();
      c.header("location", `${requestOrigin(c, deps.config)}/${version}${base.path}/${policy.id}`);
      return sendEntity(c, deps.config, version, shape(c, state, policy), `${base.context}/$entity`, 201);
    });

    r.patch(`${base.path}/:policyId`, async (c) => {
      const { state, principal, now, touch } = graphCall(c, deps);
      requireCaWrite(principal);
      const current = requirePolicy(state, c.req.param("policyId"));
      const body = await parsePolicyBody(c, policyPatchSchema);
      const next = applyPolicyPatch(current, body, now.toISOString());
      validatePolicy(state, next);
      const i = state.conditionalAccess.policies.indexOf(current);
      state.conditionalAccess.policies[i] = next;
      audit(c, deps, state, principal, now, "Update", next, current);
      touch();
      return noContent(c);
    });

    r.delete(`${base.path}/:policyId`, (c) => {
      const { state, principal, now, touch } = graphCall(c, deps);
      requireCaWrite(principal);
      const p = requirePolicy(state, c.req.param("policyId"));
      state.conditionalAccess.policies = state.conditionalAccess.policies.filter((x) => x !== p);
      audit(c, deps, state, principal, now, "Delete", p, p);
      touch();
      return noContent(c);
    });
  }
};
