/**
 * Graph JSON for the tenant's logs. Directory audits are stored in the v1.0 shape. Sign-ins are stored in
 * the beta shape (domain/signin-log.ts): v1.0 keeps only the v1.0 `signIn` properties (the 2024 OpenAPI
 * subset plus the 2026 CSDL additions, surface.md §7.2 and §10) and, following Graph's evolvable-enum rule,
 * shows `appliedConditionalAccessPolicies[].result` values added after `unknownFutureValue` (the four
 * `reportOnly*`) as `unknownFutureValue` unless the caller sent `Prefer: include-unknown-enum-members`
 * (behavior.md 3.39). Beta returns them always.
 */
import type { DirectoryAuditRecord, SignInRecord } from "../domain/logs.types";
import type { GraphVersion } from "../http/context";
import type { Json } from "../http/odata";

export function serializeDirectoryAudit(a: DirectoryAuditRecord): Json {
  return {
    id: a.id,
    category: a.category,
    correlationId: a.correlationId,
    result: a.result,
    resultReason: a.resultReason,
    activityDisplayName: a.activityDisplayName,
    activityDateTime: a.activityDateTime,
    loggedByService: a.loggedByService,
    operationType: a.operationType,
    initiatedBy: {
      user: a.initiatedBy.user ? { userType: null, homeTenantId: null, homeTenantName: null, ...a.initiatedBy.user } : null,
      app: a.initiatedBy.app ? { servicePrincipalName: null, ...a.initiatedBy.app } : null,
    },
    targetResources: a.targetResources.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      type: t.type,
      userPrincipalName: t.userPrincipalName ?? null,
      // groupType (unifiedGroups | azureAD) only on group targets.
      ...((t as { groupType?: string }).groupType ? { groupType: (t as { groupType?: string }).groupType } : {}),
      modifiedProperties: t.modifiedProperties ?? [],
    })),
    additionalDetails: a.additionalDetails,
  };
}

/** v1.0 `microsoft.graph.signIn` properties (subset schema + 2026 CSDL additions). */
const V1_SIGNIN_PROPERTIES = new Set([
  "id", "createdDateTime", "userId", "userDisplayName", "userPrincipalName", "appId", "appDisplayName", "ipAddress",
  "clientAppUsed", "correlationId", "conditionalAccessStatus", "isInteractive", "riskDetail", "riskLevelAggregated",
  "riskLevelDuringSignIn", "riskState", "riskEventTypes", "riskEventTypes_v2", "resourceDisplayName", "resourceId",
  "status", "deviceDetail", "location", "appliedConditionalAccessPolicies",
  // 2026 CSDL (v1.0) additions
  "authenticationAppDeviceDetails", "homeTenantId", "resourceTenantId", "servicePrincipalId", "servicePrincipalName", "userAgent",
]);
const V1_POLICY_PROPERTIES = ["id", "displayName", "enforcedGrantControls", "enforcedSessionControls", "result"];
const V1_DEVICE_PROPERTIES = ["deviceId", "displayName", "operatingSystem", "browser", "isCompliant", "isManaged", "trustType"];
/** Beta has `riskEventTypes_v2` only. */
const BETA_DROPPED = new Set(["riskEventTypes"]);

/** Members of `appliedConditionalAccessPolicyResult` that sit after `unknownFutureValue` in the enum. */
export const EVOLVABLE_POLICY_RESULTS = new Set(["reportOnlySuccess", "reportOnlyFailure", "reportOnlyNotApplied", "reportOnlyInterrupted"]);

/** Whether a `Prefer` header asks for evolvable enum members. */
export function wantsUnknownEnumMembers(prefer: string | undefined): boolean {
  return (prefer ?? "").split(",").some((p) => p.trim().toLowerCase() === "include-unknown-enum-members");
}

const pick = (o: unknown, keys: readonly string[]): Json => {
  const src = (o ?? {}) as Json;
  return Object.fromEntries(keys.filter((k) => k in src).map((k) => [k, src[k]]));
};

/** `location.geoCoordinates` is a complex value in Graph: an unknown position is nulls inside it, not null. */
function location(value: unknown): unknown {
  if (!value || typeof value !== "object") return value;
  const loc = value as Json;
  return loc.geoCoordinates === null || loc.geoCoordinates === undefined
    ? { ...loc, geoCoordinates: { altitude: null, latitude: null, longitude: null } }
    : loc;
}

export function serializeSignIn(record: SignInRecord, version: GraphVersion, includeUnknownEnumMembers: boolean): Json {
  const policies = Array.isArray(record.appliedConditionalAccessPolicies) ? (record.appliedConditionalAccessPolicies as Json[]) : [];
  if (version === "beta") {
    const out: Json = {};
    for (const [k, v] of Object.entries(record)) if (!BETA_DROPPED.has(k)) out[k] = v;
    out.appliedConditionalAccessPolicies = policies;
    if ("location" in record) out.location = location(record.location);
    return out;
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(record)) if (V1_SIGNIN_PROPERTIES.has(k)) out[k] = v;
  out.appliedConditionalAccessPolicies = policies.map((p) => {
    const item = pick(p, V1_POLICY_PROPERTIES);
    if (!includeUnknownEnumMembers && typeof item.result === "string" && EVOLVABLE_POLICY_RESULTS.has(item.result)) item.result = "unknownFutureValue";
    return item;
  });
  if ("location" in record) out.location = location(record.location);
  if (record.deviceDetail) out.deviceDetail = pick(record.deviceDetail, V1_DEVICE_PROPERTIES);
  if (record.status) out.status = pick(record.status, ["errorCode", "failureReason", "additionalDetails"]);
  return out;
}
