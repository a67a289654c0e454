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

export interface PolicyShapeOptions {
  /** `beta` adds the beta-only members the service returns there (all null for the emulator). */
  version?: string;
  /**
   * Base of the `authenticationStrength@odata.context` annotation the service puts in every grant, e.g.
   * `https://host/v1.0/$metadata#identity/conditionalAccess/policies`; omitted when not given.
   */
  strengthContextBase?: string;
}

/**
 * The policy as Graph returns it. Field order and members follow real responses: no `description`
 * unless one was set (the service doesn't return the unused property), `deletedDateTime` (base type
 * policyDeletableItem, 2026 CSDL), and on beta `partialEnablementStrategy` and the beta-only conditions
 * `clients`, `times`, `deviceStates`, `applications.networkAccess` / `globalSecureAccess` as null
 * (examples/ca-whatif-evaluate-beta.json). The grant carries `authenticationStrength@odata.context`
 * before the expanded strength, as the service sends it.
 */
export function serializePolicy(state: TenantState, p: CaPolicy, opts: PolicyShapeOptions = {}): Json {
  const beta = opts.version === "beta";
  const c = conditionsOf(p, beta);
  const grant = p.grantControls
    ? {
        operator: p.grantControls.operator,
        builtInControls: [...p.grantControls.builtInControls],
        customAuthenticationFactors: [...p.grantControls.customAuthenticationFactors],
        termsOfUse: [...p.grantControls.termsOfUse],
        ...(opts.strengthContextBase ? { "authenticationStrength@odata.context": `${opts.strengthContextBase}('${p.id}')/grantControls/authenticationStrength/$entity` } : {}),
        authenticationStrength: p.grantControls.authenticationStrength
          ? serializeStrength(findStrength(state, p.grantControls.authenticationStrength.id) ?? missingStrength(p.grantControls.authenticationStrength.id))
          : null,
      }
    : null;
  return {
    id: p.id,
    templateId: p.templateId,
    displayName: p.displayName,
    ...(p.description !== null ? { description: p.description } : {}),
    createdDateTime: p.createdDateTime,
    modifiedDateTime: p.modifiedDateTime,
    state: p.state,
    deletedDateTime: null,
    ...(beta ? { partialEnablementStrategy: null } : {}),
    sessionControls: p.sessionControls ? structuredClone(p.sessionControls) : null,
    conditions: c as unknown as Json,
    grantControls: grant,
  };
}

/** The stored conditions in the service's member order, with the beta-only members on beta. */
function conditionsOf(p: CaPolicy, beta: boolean): Record<string, unknown> {
  const c = structuredClone(p.conditions);
  if (!beta) return c as unknown as Record<string, unknown>;
  return {
    userRiskLevels: c.userRiskLevels,
    signInRiskLevels: c.signInRiskLevels,
    clientAppTypes: c.clientAppTypes,
    servicePrincipalRiskLevels: c.servicePrincipalRiskLevels,
    insiderRiskLevels: c.insiderRiskLevels,
    clients: null,
    platforms: c.platforms,
    locations: c.locations,
    times: null,
    deviceStates: null,
    devices: c.devices,
    clientApplications: c.clientApplications,
    authenticationFlows: c.authenticationFlows,
    applications: { ...c.applications, networkAccess: null, globalSecureAccess: null },
    users: c.users,
  };
}

/** A strength deleted behind the policy's back (fixtures can't do this; kept total for safety). */
function missingStrength(id: string): AuthenticationStrengthPolicy {
  return { id, createdDateTime: "2021-12-01T08:00:00Z", modifiedDateTime: "2021-12-01T08:00:00Z", displayName: id, description: null, policyType: "custom", requirementsSatisfied: "none", allowedCombinations: [] };
}

export function serializeLocation(l: NamedLocation): Json {
  return structuredClone(l) as unknown as Json;
}
