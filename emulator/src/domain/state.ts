/**
 * The whole state of one emulated tenant. Each section's type lives next to the rules that own it;
 * this file only composes them. Persisted as-is (see store/), so bump SCHEMA_VERSION on breaking changes.
 */
import type { DirectoryApplication, DirectoryDomain, DirectoryGroup, DirectoryUser, RoleAssignment } from "./directory.types";
import type { DirectoryAuditRecord, OutboxMessage, SignInRecord } from "./logs.types";
import type { UserAuthMethods } from "./auth-methods.types";
import type { LegacyPoliciesState, MethodsPolicyState } from "./methods-policy.types";
import type { ConditionalAccessState } from "./conditional-access/types";
import type { SignInProtocolState } from "./signin-state.types";
import type { TenantClockState } from "./tenant-clock";

export const SCHEMA_VERSION = 1;

export interface TenantState {
  schemaVersion: number;
  id: string;
  displayName: string;
  createdDateTime: string;
  clock: TenantClockState;
  domains: DirectoryDomain[];
  users: DirectoryUser[];
  groups: DirectoryGroup[];
  applications: DirectoryApplication[];
  roleAssignments: RoleAssignment[];
  /** Keyed by user id. */
  authMethods: Record<string, UserAuthMethods>;
  methodsPolicy: MethodsPolicyState;
  legacy: LegacyPoliciesState;
  conditionalAccess: ConditionalAccessState;
  signIn: SignInProtocolState;
  audits: DirectoryAuditRecord[];
  signIns: SignInRecord[];
  outbox: OutboxMessage[];
}
