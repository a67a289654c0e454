/**
 * `/auditLogs/directoryAudits(/id)` and `/auditLogs/signIns(/id)`: newest first, `$filter`, `$top` (page
 * size and maximum 1000), `$skiptoken` paging (surface.md §7.1). Apps need AuditLog.Read.All (directory
 * audits also accept Directory.Read.All); delegated callers also need a role that may read the reports:
 * Global Administrator, Global Reader, Reports Reader, Security Administrator / Operator / Reader.
 */
import type { GraphModule } from "./graph-module";
import type { AppContext } from "../http/context";
import { graphCall, safeDecode } from "./graph-module";
import { requirePermission, requireRoleForDelegated } from "../domain/rbac";
import { ROLE } from "../domain/roles";
import { sendCollection, sendEntity } from "../http/odata";
import { GraphHttpError } from "../http/graph-errors";
import { serializeDirectoryAudit, serializeSignIn, wantsUnknownEnumMembers } from "./audit-logs.serialize";

const SIGNINS_READ = { delegated: ["AuditLog.Read.All"], application: ["AuditLog.Read.All"] };
const AUDITS_READ = { delegated: ["AuditLog.Read.All", "Directory.Read.All"], application: ["AuditLog.Read.All", "Directory.Read.All"] };
const REPORT_READERS = [
  ROLE.globalAdministrator, ROLE.globalReader, ROLE.reportsReader, ROLE.securityAdministrator, ROLE.securityOperator, ROLE.securityReader,
];

/** Newest first; records logged at the same instant keep reverse insertion order (the later one first). */
const newestFirst = <T extends { id: string }>(list: T[], at: (x: T) => string) => [...list].reverse().sort((a, b) => Date.parse(at(b)) - Date.parse(at(a)));
const notFound = (kind: string, id: string) => new GraphHttpError(404, "Request_ResourceNotFound", `${kind} with id '${id}' was not found.`);

export const auditLogsModule: GraphModule = (r, deps, version) => {
  const check = (c: AppContext, rule: typeof SIGNINS_READ) => {
    const call = graphCall(c, deps);
    requirePermission(call.principal, rule);
    requireRoleForDelegated(call.principal, REPORT_READERS);
    return call;
  };

  r.get("/auditLogs/directoryAudits", (c) => {
    const { state } = check(c, AUDITS_READ);
    const items = newestFirst(state.audits, (a) => a.activityDateTime).map(serializeDirectoryAudit);
    return sendCollection(c, deps.config, version, items, { context: "auditLogs/directoryAudits", pageSize: 1000, maxPageSize: 1000 });
  });

  r.get("/auditLogs/directoryAudits/:auditId", (c) => {
    const { state } = check(c, AUDITS_READ);
    const id = safeDecode(c.req.param("auditId"));
    const record = state.audits.find((a) => a.id === id);
    if (!record) throw notFound("directoryAudit", id);
    return sendEntity(c, deps.config, version, serializeDirectoryAudit(record), "auditLogs/directoryAudits/$entity");
  });

  /** Honour `Prefer: include-unknown-enum-members` and say so in `Preference-Applied`. */
  const preference = (c: AppContext) => {
    const include = wantsUnknownEnumMembers(c.req.header("prefer"));
    if (include) c.header("Preference-Applied", "include-unknown-enum-members");
    return include || version === "beta";
  };

  r.get("/auditLogs/signIns", (c) => {
    const { state } = check(c, SIGNINS_READ);
    const include = preference(c);
    const items = newestFirst(state.signIns, (s) => s.createdDateTime).map((s) => serializeSignIn(s, version, include));
    return sendCollection(c, deps.config, version, items, { context: "auditLogs/signIns", pageSize: 1000, maxPageSize: 1000 });
  });

  r.get("/auditLogs/signIns/:signInId", (c) => {
    const { state } = check(c, SIGNINS_READ);
    const include = preference(c);
    const id = safeDecode(c.req.param("signInId"));
    const record = state.signIns.find((s) => s.id === id);
    if (!record) throw notFound("signIn", id);
    return sendEntity(c, deps.config, version, serializeSignIn(record, version, include), "auditLogs/signIns/$entity");
  });
};
