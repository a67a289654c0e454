/**
 * Shared pieces for the Conditional Access tests: the default tenant seeded once without HTTP (fast
 * fake hashing), a policy builder that goes through the same normalization and validation as Graph
 * writes, and a sign-in context builder with sensible defaults (alice, browser on Windows, untrusted IP).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { seedTenant, parseFixture } from "../../src/fixture/seed";
import type { TenantState } from "../../src/domain/state";
import type { DomainDeps } from "../../src/domain/ports";
import { policyCreateSchema, stripAnnotations } from "../../src/domain/conditional-access/policy-schema";
import { policyFromCreate } from "../../src/domain/conditional-access/policy-normalize";
import { validatePolicy } from "../../src/domain/conditional-access/policy-rules";
import type { CaPolicy } from "../../src/domain/conditional-access/types";
import type { SignInContext } from "../../src/domain/conditional-access/evaluate";

export const U = {
  globaladmin: "11111111-0000-4000-8000-000000000001",
  caadmin: "11111111-0000-4000-8000-000000000005",
  globalreader: "11111111-0000-4000-8000-000000000006",
  alice: "11111111-0000-4000-8000-000000000010",
  bob: "11111111-0000-4000-8000-000000000011",
  carol: "11111111-0000-4000-8000-000000000012",
  gina: "11111111-0000-4000-8000-000000000020",
  breakglass1: "11111111-0000-4000-8000-000000000030",
  fred: "11111111-0000-4000-8000-000000000040",
} as const;

export const G = {
  allStaff: "0f1e2d3c-0001-4000-8000-000000000001",
  breakGlass: "0f1e2d3c-0001-4000-8000-000000000002",
  tapPilot: "0f1e2d3c-0001-4000-8000-000000000003",
  helpdesk: "0f1e2d3c-0001-4000-8000-000000000004",
} as const;

export const ROLE_GA = "62e90394-69f5-4237-9190-012177145e10";
export const ROLE_CAA = "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9";
export const OFFICE_LOCATION = "3c5a1b2d-0005-4000-8000-000000000001";
export const SEED_TAP_POLICY = "3c5a1b2d-0005-4000-8000-000000000101";
export const SEED_GUEST_POLICY = "3c5a1b2d-0005-4000-8000-000000000102";
export const APP = { bootstrap: "5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b", exchange: "00000002-0000-0ff1-ce00-000000000000", other: "9d9d9d9d-0000-4000-8000-000000000001" };
export const IP = { trusted4: "203.0.113.7", trusted6: "2001:db8:1::5", untrusted4: "198.51.100.7", untrusted6: "2001:db8:2::1", mapped: "::ffff:203.0.113.9" };
export const STRENGTH = { mfa: "00000000-0000-0000-0000-000000000002", passwordless: "00000000-0000-0000-0000-000000000003", phishing: "00000000-0000-0000-0000-000000000004" };

let counter = 0;
const fastDeps: DomainDeps = {
  clock: { now: () => new Date("2026-01-15T09:00:00Z") },
  ids: {
    uuid: () => `aaaaaaaa-0000-4000-8000-${String(++counter).padStart(12, "0")}`,
    opaque: () => `o${++counter}`,
    int: (min) => min,
    fromAlphabet: (a, n) => a[0].repeat(n),
  },
  secrets: { hash: (p) => `h:${p}`, verify: (p, h) => h === `h:${p}`, digest: (p) => `d:${p}` },
};

export function defaultDoc(): Record<string, any> {
  return JSON.parse(readFileSync(path.resolve(__dirname, "../../../fixtures/contoso.json"), "utf8"));
}

let cached: TenantState | null = null;
/** A fresh copy of the default tenant (its seed policies included). */
export function defaultState(): TenantState {
  cached ??= seedTenant(parseFixture(defaultDoc()), fastDeps);
  return structuredClone(cached);
}

export function seed(doc: Record<string, any>): TenantState {
  return seedTenant(parseFixture(doc), fastDeps);
}

/** A stored policy from a Graph-shaped body (defaults: enabled, All users, All apps, Require MFA). */
export function policy(state: TenantState, body: Record<string, any> = {}): CaPolicy {
  const full = {
    displayName: body.displayName ?? `policy ${++counter}`,
    state: "enabled",
    ...body,
    conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] }, ...(body.conditions ?? {}) },
    grantControls: body.grantControls === undefined ? { operator: "OR", builtInControls: ["mfa"] } : body.grantControls,
  };
  const parsed = policyCreateSchema.parse(stripAnnotations(full));
  const p = policyFromCreate(parsed, fastDeps.ids.uuid(), "2026-01-15T09:00:00.000Z");
  validatePolicy(state, p);
  return p;
}

export function ctx(over: Partial<SignInContext> = {}): SignInContext {
  return {
    userId: U.alice,
    appId: APP.bootstrap,
    userAction: null,
    ipAddress: IP.untrusted4,
    clientAppType: "browser",
    devicePlatform: "windows",
    satisfied: ["password"],
    ...over,
  };
}
