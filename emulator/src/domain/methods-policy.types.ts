/**
 * The authentication methods policy, the legacy MFA/SSPR settings and the migration state as stored
 * (issue #4 owns this file). The policy is kept in its Graph shape so GET/PATCH stay faithful.
 */

export type PolicyMigrationState = "preMigration" | "migrationInProgress" | "migrationComplete" | "unknownFutureValue";

export interface MethodsPolicyState {
  /** The root authenticationMethodsPolicy, Graph-shaped, without authenticationMethodConfigurations. */
  root: Record<string, unknown>;
  /** Method configurations keyed by canonical id (TemporaryAccessPass, Fido2, ...), Graph-shaped. */
  configurations: Record<string, Record<string, unknown>>;
}

export interface LegacyPoliciesState {
  /** Per-user MFA service settings ("legacy MFA portal"). */
  mfa: Record<string, unknown>;
  /** SSPR authentication methods ("legacy SSPR portal"). */
  sspr: Record<string, unknown>;
  /** When true the tenant behaves as the real service after 2025-09-30 (behavior.md 2.15). */
  deprecationEnforced: boolean;
}

/** Placeholder defaults; issue #4 replaces these with a fresh real tenant's defaults. */
export function defaultMethodsPolicy(): MethodsPolicyState {
  return {
    root: { id: "authenticationMethodsPolicy", policyMigrationState: "preMigration" },
    configurations: {
      TemporaryAccessPass: {
        id: "TemporaryAccessPass",
        state: "disabled",
        defaultLifetimeInMinutes: 60,
        defaultLength: 8,
        minimumLifetimeInMinutes: 60,
        maximumLifetimeInMinutes: 480,
        isUsableOnce: false,
        includeTargets: [{ targetType: "group", id: "all_users", isRegistrationRequired: false }],
        excludeTargets: [],
      },
    },
  };
}

export function defaultLegacyPolicies(): LegacyPoliciesState {
  return { mfa: {}, sspr: {}, deprecationEnforced: false };
}
