/**
 * The What If API, beta only: `POST /beta/identity/conditionalAccess/evaluate` (also spelled
 * `.../microsoft.graph.evaluate`, as in the OpenAPI). Answered by the same engine as every sign-in.
 * 2025-shaped requests get `whatIfAnalysisResult` items (policy + policyApplies + analysisReasons);
 * 2024-shaped ones `conditionalAccessWhatIfPolicy` items (policy + policyApplies + reasons[]).
 */
import type { GraphModule } from "./graph-module";
import { graphCall } from "./graph-module";
import { parseJson } from "../http/json-body";
import { sendJson, contextUrl } from "../http/odata";
import { requirePermission, requireRoleForDelegated } from "../domain/rbac";
import { runWhatIf, whatIfRequestSchema } from "../domain/conditional-access/what-if";
import { serializePolicy } from "./conditional-access.serialize";
import { CA_READER_ROLES } from "./conditional-access.access";

const PERMISSION = {
  delegated: ["Policy.Read.All", "Policy.Read.ConditionalAccess", "Policy.ReadWrite.ConditionalAccess"],
  application: ["Policy.Read.All", "Policy.Read.ConditionalAccess", "Policy.ReadWrite.ConditionalAccess"],
};

export const whatIfModule: GraphModule = (r, deps, version) => {
  if (version !== "beta") return;
  for (const path of ["/identity/conditionalAccess/evaluate", "/identity/conditionalAccess/microsoft.graph.evaluate"]) {
    r.post(path, async (c) => {
      const { state, principal } = graphCall(c, deps);
      requirePermission(principal, PERMISSION);
      requireRoleForDelegated(principal, CA_READER_ROLES);
      const body = await parseJson(c, whatIfRequestSchema);
      const { input, evaluation } = runWhatIf(state, body);
      const byId = new Map(state.conditionalAccess.policies.map((p) => [p.id, p]));
      const rows = evaluation.policies
        .filter((e) => !input.appliedPoliciesOnly || e.applies)
        .map((e) => {
          // Result items in the documented order: the policy, then policyApplies and analysisReasons
          // (or reasons[]) right after its state (examples/ca-whatif-evaluate-beta.json).
          const { deletedDateTime: _deleted, ...policy } = serializePolicy(state, byId.get(e.id)!, { version }) as Record<string, unknown>;
          const verdict = input.shape === "2025"
            ? { policyApplies: e.applies, analysisReasons: e.whatIfReason }
            : { policyApplies: e.applies, reasons: e.applies ? [] : [e.whatIfReason] };
          const out: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(policy)) {
            if (k === "partialEnablementStrategy") continue;
            out[k] = v;
            if (k === "state") Object.assign(out, verdict, { partialEnablementStrategy: null });
          }
          return out;
        });
      const type = input.shape === "2025" ? "whatIfAnalysisResult" : "conditionalAccessWhatIfPolicy";
      return sendJson(c, { "@odata.context": contextUrl(c, deps.config, version, `Collection(microsoft.graph.${type})`), value: rows });
    });
  }
};
