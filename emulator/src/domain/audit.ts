/**
 * Directory audit entries (`/auditLogs/directoryAudits`). Activity names and categories follow the
 * Entra audit activity reference (shared/graph/surface.md §7.3).
 */
import type { TenantState } from "./state";
import type { Ids } from "./ports";
import { appendBounded, type AuditInitiator, type AuditTarget, type DirectoryAuditRecord } from "./logs.types";

export interface AuditInput {
  activityDisplayName: string;
  category: string;
  loggedByService: string;
  operationType: "Add" | "Update" | "Delete" | "Assign" | "Unassign" | "Reset" | string;
  result?: "success" | "failure";
  resultReason?: string;
  initiatedBy: AuditInitiator;
  targetResources: AuditTarget[];
  additionalDetails?: { key: string; value: string }[];
  correlationId?: string;
}

export function recordAudit(state: TenantState, ids: Ids, now: Date, input: AuditInput): DirectoryAuditRecord {
  const record: DirectoryAuditRecord = {
    id: ids.uuid(),
    activityDateTime: now.toISOString(),
    activityDisplayName: input.activityDisplayName,
    category: input.category,
    correlationId: input.correlationId ?? ids.uuid(),
    loggedByService: input.loggedByService,
    operationType: input.operationType,
    result: input.result ?? "success",
    resultReason: input.resultReason ?? "",
    initiatedBy: input.initiatedBy,
    targetResources: input.targetResources,
    additionalDetails: input.additionalDetails ?? [],
  };
  appendBounded(state.audits, record);
  return record;
}
