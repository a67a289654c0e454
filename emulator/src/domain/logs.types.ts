/** Log and outbox records a tenant keeps; serialized to Graph by graph/audit-logs. */

export interface AuditInitiator {
  user?: { id: string; displayName: string | null; userPrincipalName: string | null; ipAddress: string | null };
  app?: { appId: string; displayName: string | null; servicePrincipalId: string | null };
}

export interface AuditTarget {
  id: string | null;
  displayName: string | null;
  type: string; // User, Group, Policy, ...
  userPrincipalName?: string | null;
  modifiedProperties?: { displayName: string; oldValue: string | null; newValue: string | null }[];
}

export interface DirectoryAuditRecord {
  id: string;
  activityDateTime: string;
  activityDisplayName: string;
  category: string;
  correlationId: string;
  loggedByService: string;
  operationType: string;
  result: "success" | "failure";
  resultReason: string;
  initiatedBy: AuditInitiator;
  targetResources: AuditTarget[];
  additionalDetails: { key: string; value: string }[];
}

/**
 * A sign-in log record, stored in the beta signIn shape (the v1.0 serializer drops beta-only fields).
 * Kept loose because the sign-in engine owns its contents.
 */
export interface SignInRecord {
  id: string;
  createdDateTime: string;
  [key: string]: unknown;
}

/** A message the tenant "sent": SMS codes, Authenticator push requests, emails. */
export interface OutboxMessage {
  id: string;
  createdDateTime: string;
  kind: "sms" | "push" | "email" | "voice";
  userId: string;
  to: string;
  /** Human readable text, as the user would see it on the phone. */
  text: string;
  /** Kind-specific data, e.g. { code } for SMS, { numberToMatch, appName, location } for push. */
  data: Record<string, unknown>;
  status: "pending" | "approved" | "denied" | "consumed" | "expired";
}

/** Logs are bounded so a long-running tenant never grows without limit (oldest dropped first). */
export const LOG_LIMIT = 5000;
export function appendBounded<T>(list: T[], item: T, limit = LOG_LIMIT): void {
  list.push(item);
  if (list.length > limit) list.splice(0, list.length - limit);
}
