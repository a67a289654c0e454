/**
 * Rules over the authentication methods policy (issue #4 owns and completes this file; the signatures
 * below are used by the TAP routes and the sign-in engine and must stay).
 */
import type { TenantState } from "./state";
import { transitiveGroupIds } from "./directory";
import { canonicalMethodConfigurationId } from "./method-kinds";

export interface PolicyTarget {
  targetType?: string;
  id: string;
  [k: string]: unknown;
}

/** The stored (Graph-shaped) configuration of a method, by id in any casing. */
export function methodConfiguration(state: TenantState, id: string): Record<string, unknown> | undefined {
  const canon = canonicalMethodConfigurationId(id);
  return canon ? state.methodsPolicy.configurations[canon] : undefined;
}

/** True when `targets` names the user directly, one of their groups, or `all_users`. */
export function targetsUser(state: TenantState, targets: PolicyTarget[] | undefined, userId: string): boolean {
  if (!targets?.length) return false;
  const groups = transitiveGroupIds(state, userId);
  return targets.some((t) => t.id === "all_users" || t.id === userId || groups.has(t.id));
}

/**
 * Whether a method is enabled for a user by the (new) authentication methods policy: the configuration
 * is `enabled`, an include target covers the user, and no exclude target does (exclusion wins).
 */
export function isMethodEnabledForUser(state: TenantState, configurationId: string, userId: string): boolean {
  const config = methodConfiguration(state, configurationId);
  if (!config || config.state !== "enabled") return false;
  if (targetsUser(state, config.excludeTargets as PolicyTarget[] | undefined, userId)) return false;
  return targetsUser(state, config.includeTargets as PolicyTarget[] | undefined, userId);
}
