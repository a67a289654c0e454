/**
 * Rules over the authentication methods policy (issue #4 owns and completes this file; the signatures
 * below are used by the TAP routes and the sign-in engine and must stay).
 */
import type { TenantState } from "./state";
import type { PolicyMigrationState } from "./methods-policy.types";
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

/** The special group id that stands for every user of the tenant (behavior.md 1.8). */
export const ALL_USERS = "all_users";

/** True when one target names the user directly, one of their (transitive) groups, or `all_users`. */
function matches(target: PolicyTarget, userId: string, groups: Set<string>): boolean {
  const id = String(target.id ?? "").toLowerCase();
  return id === ALL_USERS || id === userId.toLowerCase() || groups.has(id);
}

/** True when `targets` names the user directly, one of their groups, or `all_users`. */
export function targetsUser(state: TenantState, targets: PolicyTarget[] | undefined, userId: string): boolean {
  if (!targets?.length) return false;
  const groups = transitiveGroupIds(state, userId);
  return targets.some((t) => matches(t, userId, groups));
}

/**
 * The include target through which the configuration reaches the user, or undefined when the method is
 * disabled, no include target covers the user, or an exclude target does. Exclusion wins
 * (behavior.md 1.7, 2.23). Used for per-target settings: Authenticator `authenticationMode`, SMS
 * `isUsableForSignIn`. When several include targets match, the most permissive one counts
 * (the real service documents no precedence; [INFERRED]).
 */
export function includeTargetForUser(state: TenantState, configurationId: string, userId: string): PolicyTarget | undefined {
  const config = methodConfiguration(state, configurationId);
  if (!config || config.state !== "enabled") return undefined;
  const groups = transitiveGroupIds(state, userId);
  const excluded = ((config.excludeTargets as PolicyTarget[] | undefined) ?? []).some((t) => matches(t, userId, groups));
  if (excluded) return undefined;
  const hits = ((config.includeTargets as PolicyTarget[] | undefined) ?? []).filter((t) => matches(t, userId, groups));
  if (!hits.length) return undefined;
  const rank = (t: PolicyTarget) =>
    (t.authenticationMode === "any" ? 2 : t.authenticationMode ? 1 : 0) + (t.isUsableForSignIn === true ? 1 : 0);
  return hits.reduce((best, t) => (rank(t) > rank(best) ? t : best));
}

/**
 * Whether a method is enabled for a user by the (new) authentication methods policy: the configuration
 * is `enabled`, an include target covers the user, and no exclude target does (exclusion wins;
 * behavior.md 1.6-1.8).
 */
export function isMethodEnabledForUser(state: TenantState, configurationId: string, userId: string): boolean {
  return includeTargetForUser(state, configurationId, userId) !== undefined;
}

/**
 * The tenant's migration state (behavior.md 2.3, 2.4). `null` is a tenant that never had legacy
 * settings; the emulator treats it like `migrationComplete` ([INFERRED]: nothing legacy to honour).
 */
export function migrationState(state: TenantState): PolicyMigrationState | null {
  const v = state.methodsPolicy.root.policyMigrationState;
  return v === undefined || v === null ? null : (v as PolicyMigrationState);
}
