/**
 * The migration state machine of the authentication methods policy (behavior.md 2.3, 2.11, 2.12):
 * `preMigration` -> `migrationInProgress` -> `migrationComplete`, changed by PATCHing the root policy.
 */
import type { TenantState } from "./state";
import type { PolicyMigrationState } from "./methods-policy.types";
import { badRequest } from "./errors";
import { migrationState } from "./methods-policy";

export const SETTABLE_MIGRATION_STATES = ["preMigration", "migrationInProgress", "migrationComplete"] as const;
export type SettableMigrationState = (typeof SETTABLE_MIGRATION_STATES)[number];

/**
 * Parses a requested state. The Graph reference text spells the first value `premigration`; real
 * payloads use `preMigration`: accept both, emit `preMigration` (behavior.md 2.3, [INFERRED]).
 */
export function parseMigrationState(value: unknown): SettableMigrationState {
  if (value === "premigration") return "preMigration";
  if (typeof value === "string" && (SETTABLE_MIGRATION_STATES as readonly string[]).includes(value)) return value as SettableMigrationState;
  if (value === "unknownFutureValue") throw badRequest("Invalid value 'unknownFutureValue' for property 'policyMigrationState': this value is reserved and cannot be set.");
  throw badRequest(
    `Invalid value '${String(value)}' for property 'policyMigrationState'. Allowed values: preMigration, migrationInProgress, migrationComplete.`,
  );
}

/** The state the tenant started in (defaults to `preMigration` for tenants stored before it was tracked). */
export function initialMigrationState(state: TenantState): PolicyMigrationState | null {
  const v = state.methodsPolicy.initialMigrationState;
  return v === undefined ? "preMigration" : v;
}

/**
 * Whether a transition is allowed (behavior.md 2.11, 2.12):
 * - from `preMigration`, any state at any time;
 * - `migrationInProgress` <-> `migrationComplete` always (rolling back from complete is allowed);
 * - back to `preMigration` only for a tenant that started in `preMigration`: a tenant that started in
 *   `migrationInProgress` (or never had legacy settings, `null`) may not go there.
 * Returns the refusal reason, or null when allowed. Setting the current state again is a no-op.
 */
export function migrationTransitionRefusal(state: TenantState, to: SettableMigrationState): string | null {
  const from = migrationState(state);
  if (from === to || from === "preMigration") return null;
  if (to !== "preMigration") return null;
  const initial = initialMigrationState(state);
  if (initial === "preMigration") return null;
  return initial === null
    ? `Cannot change policyMigrationState from '${from}' to 'preMigration': this tenant never had legacy MFA and SSPR policies to go back to.`
    : `Cannot change policyMigrationState from '${from}' to 'preMigration': a tenant that started in 'migrationInProgress' cannot go back to 'preMigration'.`;
}

/** Applies a requested migration state, or throws a Graph 400 when the transition is refused. */
export function applyMigrationState(state: TenantState, requested: unknown): { from: PolicyMigrationState | null; to: SettableMigrationState } {
  const to = parseMigrationState(requested);
  const refusal = migrationTransitionRefusal(state, to);
  if (refusal) throw badRequest(refusal);
  const from = migrationState(state);
  state.methodsPolicy.root.policyMigrationState = to;
  return { from, to };
}
