/**
 * Graph shapes of the authentication methods policy and its method configurations, per version:
 * v1.0 hides the beta-only properties (surface.md §4.2, §4.4), every configuration carries its
 * `@odata.type`, and the root lists the configurations in the documented order.
 */
import type { GraphVersion } from "../http/context";
import type { TenantState } from "../domain/state";
import { METHOD_CONFIGURATION_IDS, V1_METHOD_CONFIGURATION_IDS, type MethodConfigurationId } from "../domain/method-kinds";
import { CONFIGURATION_TYPES, defaultMethodConfiguration } from "../domain/methods-policy-defaults";

type Json = Record<string, unknown>;

const BETA_ROOT = ["reportSuspiciousActivitySettings", "systemCredentialPreferences", "microsoftAuthenticatorPlatformSettings"];
const BETA_FEATURES = ["numberMatchingRequiredState", "companionAppAllowedState"];

export function odataType(id: MethodConfigurationId): string {
  return `#microsoft.graph.${CONFIGURATION_TYPES[id]}`;
}

export function serializeConfiguration(state: TenantState, id: MethodConfigurationId, version: GraphVersion): Json {
  const stored = state.methodsPolicy.configurations[id] ?? defaultMethodConfiguration(id);
  const out: Json = { "@odata.type": odataType(id), ...structuredClone(stored), id };
  out.excludeTargets ??= [];
  out.includeTargets ??= [];
  if (version === "v1.0" && out.featureSettings && typeof out.featureSettings === "object") {
    const fs = { ...(out.featureSettings as Json) };
    for (const k of BETA_FEATURES) delete fs[k];
    out.featureSettings = fs;
  }
  return out;
}

/** The configurations a Graph version knows, in the order the root lists them (`HardwareOath` is beta only). */
export function configurationIds(version: GraphVersion): readonly MethodConfigurationId[] {
  return version === "beta" ? METHOD_CONFIGURATION_IDS : V1_METHOD_CONFIGURATION_IDS;
}

/** The root policy; `withConfigurations` embeds every configuration (the GET auto-expands them; 2.1). */
export function serializePolicy(state: TenantState, version: GraphVersion, withConfigurations: boolean): Json {
  const out: Json = structuredClone(state.methodsPolicy.root);
  if (version === "v1.0") {
    for (const k of BETA_ROOT) delete out[k];
    const campaign = (out.registrationEnforcement as Json | undefined)?.authenticationMethodsRegistrationCampaign as Json | undefined;
    if (campaign) delete campaign.enforceRegistrationAfterAllowedSnoozes;
  }
  if (withConfigurations)
    out.authenticationMethodConfigurations = configurationIds(version).map((id) => serializeConfiguration(state, id, version));
  return out;
}
