/**
 * Graph shapes of Conditional Access objects. Policies come back with every collection as [] and
 * unset complex conditions as null (examples/ca-policy-create.json); the authentication strength a
 * grant references is expanded inline, as the service does (examples/ca-whatif-evaluate-beta.json).
 */
import type { TenantState } from "../domain/state";
import type { AuthenticationStrengthPolicy, CaPolicy, NamedLocation } from "../domain/conditional-access/types";
import { findStrength } from "../domain/conditional-access/strengths";
import type { Json } from "../http/odata";

export function serializeStrength(s: AuthenticationStrengthPolicy): Json {
  return {
    id: s.id,
    createdDateTime: s.createdDateTime,
    modifiedDateTime: s.modifiedDateTime,
    displayName: s.displayName,
    description: s.description,
    policyType: s.policyType,
    requirementsSatisfied: s.requirementsSatisfied,
    allowedCombinations: [...s.allowedCombinations],
    combinationConfigurations: [],
  };
}

export function serializePolicy(state: TenantState, p: CaPolicy): Json {
  const c = structuredClone(p.conditions);
  const grant = p.grantControls
    ? {
        operator: p.grantControls.operator,
        builtInControls: [...p.grantControls.builtInControls],
        customAuthenticationFactors: [...p.grantControls.customAuthenticationFactors],
        termsOfUse: [...p.grantControls.termsOfUse],
        authenticationStrength: p.grantControls.authenticationStrength
          ? serializeStrength(findStrength(state, p.grantControls.authenticationStrength.id) ?? missingStrength(p.grantControls.authenticationStrength.id))
          : null,
      }
    : null;
  return {
    id: p.id,
    templateId: p.templateId,
    displayName: p.displayName,
    description: p.description,
    createdDateTime: p.createdDateTime,
    modifiedDateTime: p.modifiedDateTime,
    state: p.state,
    sessionControls: p.sessionControls ? structuredClone(p.sessionControls) : null,
    conditions: c as unknown as Json,
    grantControls: grant,
  };
}

/** A strength deleted behind the policy's back (fixtures can't do this; kept total for safety). */
function missingStrength(id: string): AuthenticationStrengthPolicy {
  return { id, createdDateTime: "2021-12-01T00:00:00Z", modifiedDateTime: "2021-12-01T00:00:00Z", displayName: id, description: null, policyType: "custom", requirementsSatisfied: "none", allowedCombinations: [] };
}

export function serializeLocation(l: NamedLocation): Json {
  return structuredClone(l) as unknown as Json;
}
