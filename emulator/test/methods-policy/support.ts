/** Shared helpers for the methods-policy and migration tests (issue #4). */
import type { Harness } from "../helpers";
import { appToken, newTenant, userToken } from "../helpers";
import type { TenantState } from "../../src/domain/state";
import type { StoredMethod } from "../../src/domain/auth-methods.types";
import { emptyUserAuthMethods } from "../../src/domain/auth-methods.types";

export const POLICY = "/v1.0/policies/authenticationMethodsPolicy";
export const BETA_POLICY = "/beta/policies/authenticationMethodsPolicy";
export const CONFIGS = `${POLICY}/authenticationMethodConfigurations`;
export const TAP_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration";

export const USER = {
  globalAdmin: "11111111-0000-4000-8000-000000000001",
  authPolicyAdmin: "11111111-0000-4000-8000-000000000004",
  alice: "11111111-0000-4000-8000-000000000010",
  bob: "11111111-0000-4000-8000-000000000011",
  carol: "11111111-0000-4000-8000-000000000012",
} as const;
export const GROUP = {
  allStaff: "0f1e2d3c-0001-4000-8000-000000000001",
  breakGlass: "0f1e2d3c-0001-4000-8000-000000000002",
  tapPilot: "0f1e2d3c-0001-4000-8000-000000000003",
  helpdesk: "0f1e2d3c-0001-4000-8000-000000000004",
} as const;

/** Live state of a tenant created through the control plane (tests may arrange state directly). */
export function live(h: Harness, tenantId: string): TenantState {
  const record = h.deps.tenants.resolve(tenantId);
  if (!record) throw new Error(`tenant ${tenantId} not found`);
  return record.state;
}

/** A fresh default tenant with an app token that may read and write the policy. */
export async function policyTenant(h: Harness, mutate?: (doc: Record<string, any>) => void) {
  const t = await newTenant(h, mutate);
  const token = await appToken(h, t.id);
  return { ...t, token, state: () => live(h, t.id) };
}

export async function delegated(h: Harness, tenantId: string, upn: string) {
  return userToken(h, tenantId, upn);
}

/** Removes every registered method (the default fixture registers some), so tests start from a known state. */
export function clearRegistrations(state: TenantState) {
  for (const entry of Object.values(state.authMethods)) entry.methods = [];
}

/** Sets a user's registered methods directly in state (the methods API is another capability's). */
export function register(state: TenantState, userId: string, ...methods: ("mobile" | "office" | "email" | "authenticator" | "softwareOath" | "fido2")[]) {
  const entry = (state.authMethods[userId] ??= emptyUserAuthMethods());
  entry.methods = [];
  for (const m of methods) {
    const base = { id: `${m}-${entry.methods.length}`, createdDateTime: null, props: {} as Record<string, unknown> };
    const method: StoredMethod =
      m === "mobile" ? { ...base, kind: "phone", props: { phoneNumber: "+1 5555550100", phoneType: "mobile" } }
      : m === "office" ? { ...base, kind: "phone", props: { phoneNumber: "+1 5555550199", phoneType: "office" } }
      : m === "email" ? { ...base, kind: "email", props: { emailAddress: "someone@example.com" } }
      : m === "authenticator" ? { ...base, kind: "microsoftAuthenticator", props: { displayName: "Phone" } }
      : m === "softwareOath" ? { ...base, kind: "softwareOath", props: {} }
      : { ...base, kind: "fido2", props: { displayName: "Key" } };
    entry.methods.push(method);
  }
}
