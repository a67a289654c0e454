/** Shared helpers for the TAP and authentication-methods tests (issue #3). */
import { parseFixture, seedTenant } from "../../src/fixture/seed";
import { ManualClock } from "../../src/infra/clock";
import { cryptoIds } from "../../src/infra/ids";
import { scryptSecrets } from "../../src/infra/secrets";
import type { TenantState } from "../../src/domain/state";
import { uniqueFixture } from "../helpers";

export const USER = {
  globalAdmin: "11111111-0000-4000-8000-000000000001",
  privAuthAdmin: "11111111-0000-4000-8000-000000000002",
  authAdmin: "11111111-0000-4000-8000-000000000003",
  authPolicyAdmin: "11111111-0000-4000-8000-000000000004",
  globalReader: "11111111-0000-4000-8000-000000000006",
  alice: "11111111-0000-4000-8000-000000000010",
  bob: "11111111-0000-4000-8000-000000000011",
  carol: "11111111-0000-4000-8000-000000000012",
  guest: "11111111-0000-4000-8000-000000000020",
} as const;
export const GROUP = { allStaff: "0f1e2d3c-0001-4000-8000-000000000001", tapPilot: "0f1e2d3c-0001-4000-8000-000000000003" } as const;

/** A seeded tenant state (no HTTP) with a manual clock, for pure-rule tests. */
export function seededState(mutate?: (doc: Record<string, any>) => void): { state: TenantState; clock: ManualClock; deps: { clock: ManualClock; ids: typeof cryptoIds; secrets: typeof scryptSecrets } } {
  const clock = new ManualClock();
  const deps = { clock, ids: cryptoIds, secrets: scryptSecrets };
  const state = seedTenant(parseFixture(uniqueFixture(mutate)), deps);
  return { state, clock, deps };
}

/** The baseline TAP policy of these tests: enabled for all users, multi-use allowed, 1.1 defaults. */
export const BASE_TAP_POLICY = {
  "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
  id: "TemporaryAccessPass",
  state: "enabled",
  defaultLifetimeInMinutes: 60,
  defaultLength: 8,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  isUsableOnce: false,
  includeTargets: [{ targetType: "group", id: "all_users", isRegistrationRequired: false }],
  excludeTargets: [],
};

/** Replaces the TAP policy in state with the baseline plus `patch` (the policy itself is owned by issue #4). */
export function resetTapPolicy(state: TenantState, patch: Record<string, unknown> = {}): void {
  state.methodsPolicy.configurations.TemporaryAccessPass = structuredClone({ ...BASE_TAP_POLICY, ...patch });
}

/** Changes some settings of the current TAP policy in state. */
export function setTapPolicy(state: TenantState, patch: Record<string, unknown>): void {
  state.methodsPolicy.configurations.TemporaryAccessPass = { ...state.methodsPolicy.configurations.TemporaryAccessPass, ...patch };
}

import type { Harness } from "../helpers";
import { newTenant } from "../helpers";

/** Live state of a tenant created through the control plane (tests may arrange state directly). */
export function liveState(h: Harness, tenantId: string): TenantState {
  const record = h.deps.tenants.resolve(tenantId);
  if (!record) throw new Error(`tenant ${tenantId} not found`);
  return record.state;
}

/** A fresh tenant with the TAP method enabled (for all users unless `policy` says otherwise). */
export async function tapTenant(h: Harness, policy: Record<string, unknown> = {}, mutate?: (doc: Record<string, any>) => void) {
  const t = await newTenant(h, mutate);
  resetTapPolicy(liveState(h, t.id), policy);
  return t;
}

export const TAP_PATH = (user: string) => `/v1.0/users/${encodeURIComponent(user)}/authentication/temporaryAccessPassMethods`;
