/**
 * `/directoryRoles` (activated roles only; tenant-specific stable ids), `/directoryRoles/{id}` and
 * `/directoryRoles(roleTemplateId='{tid}')` (normalized to `/directoryRoles/roleTemplateId=tid`), members
 * list, `members/$ref` add (204) and `members/{id}/$ref` remove (204), and `/directoryRoleTemplates(/id)`.
 * No OData query options on /directoryRoles except `$select` (surface.md §6.1).
 */
import type { GraphModule } from "./graph-module";
import type { AppContext } from "../http/context";
import { graphCall, safeDecode } from "./graph-module";
import { requirePermission } from "../domain/rbac";
import { sendCollection, sendEntity, noContent } from "../http/odata";
import { GraphHttpError } from "../http/graph-errors";
import { resourceNotFound } from "../domain/errors";
import { BUILT_IN_ROLES, roleByTemplateId } from "../domain/roles";
import { activatedRoles, findDirectoryRole, hasAssignment } from "../domain/role-assignments";
import type { TenantState } from "../domain/state";
import { serializeDirectoryObject } from "./directory-objects.serialize";
import { readRefId } from "./odata-ref";
import { ROLES_READ, assignRole, requirePrincipal, requireRoleWrite, serializeDirectoryRole, serializeRoleTemplate, unassignRole } from "./roles.shared";

/** The role a `/directoryRoles/{key}` path names: object id, or `roleTemplateId=<tid>` (alternate key). */
function requireDirectoryRole(state: TenantState, rawKey: string) {
  const key = safeDecode(rawKey);
  const m = /^roleTemplateId=(.+)$/i.exec(key);
  const role = m ? findDirectoryRole(state, m[1].replace(/^'|'$/g, ""), true) : findDirectoryRole(state, key);
  if (!role) throw resourceNotFound(m ? m[1] : key);
  return role;
}

export const directoryRolesModule: GraphModule = (r, deps, version) => {
  r.get("/directoryRoles", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, ROLES_READ);
    if (c.req.query("$filter") ?? c.req.query("$top") ?? c.req.query("$orderby"))
      throw new GraphHttpError(400, "Request_UnsupportedQuery", "The query specified in the URI is not valid: directoryRoles supports no query options but $select.");
    return sendCollection(c, deps.config, version, activatedRoles(state).map((role) => serializeDirectoryRole(state, role)), { context: "directoryRoles" });
  });

  // Activating a role without members is not modelled: roles are activated by their first assignment.
  r.post("/directoryRoles", (c) => {
    const { principal } = graphCall(c, deps);
    requirePermission(principal, ROLES_READ);
    throw new GraphHttpError(501, "notImplemented", "Activating a directory role is not supported by the emulator: a role is activated by its first assignment (POST /roleManagement/directory/roleAssignments).");
  });

  r.get("/directoryRoles/:roleKey", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, ROLES_READ);
    return sendEntity(c, deps.config, version, serializeDirectoryRole(state, requireDirectoryRole(state, c.req.param("roleKey"))), "directoryRoles/$entity");
  });

  r.get("/directoryRoles/:roleKey/members", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, ROLES_READ);
    const role = requireDirectoryRole(state, c.req.param("roleKey"));
    const items = state.roleAssignments
      .filter((a) => a.roleDefinitionId === role.templateId && a.directoryScopeId === "/")
      .map((a) => serializeDirectoryObject(state, a.principalId))
      .filter((x) => x !== null);
    return sendCollection(c, deps.config, version, items, { context: "directoryObjects" });
  });

  r.post("/directoryRoles/:roleKey/members/$ref", async (c) => {
    const { state, now, touch } = graphCall(c, deps);
    requireRoleWrite(c);
    const role = requireDirectoryRole(state, c.req.param("roleKey"));
    const id = await readRefId(c);
    requirePrincipal(state, id);
    if (hasAssignment(state, role.templateId, id))
      throw new GraphHttpError(400, "Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'.");
    assignRole(c, deps, state, now, role.templateId, id);
    touch();
    return noContent(c);
  });

  const removeMember = (c: AppContext) => {
    const { state, now, touch } = graphCall(c, deps);
    requireRoleWrite(c);
    const role = requireDirectoryRole(state, c.req.param("roleKey") ?? "");
    const id = safeDecode(c.req.param("memberId") ?? "").toLowerCase();
    const a = state.roleAssignments.find((x) => x.roleDefinitionId === role.templateId && x.principalId === id && x.directoryScopeId === "/");
    if (!a) throw resourceNotFound(id);
    unassignRole(c, deps, state, now, a);
    touch();
    return noContent(c);
  };
  r.delete("/directoryRoles/:roleKey/members/:memberId/$ref", removeMember);

  r.get("/directoryRoleTemplates", (c) => {
    const { principal } = graphCall(c, deps);
    requirePermission(principal, ROLES_READ);
    return sendCollection(c, deps.config, version, BUILT_IN_ROLES.map(serializeRoleTemplate), { context: "directoryRoleTemplates" });
  });

  r.get("/directoryRoleTemplates/:templateId", (c) => {
    const { principal } = graphCall(c, deps);
    requirePermission(principal, ROLES_READ);
    const id = safeDecode(c.req.param("templateId"));
    const role = roleByTemplateId(id);
    if (!role) throw resourceNotFound(id);
    return sendEntity(c, deps.config, version, serializeRoleTemplate(role), "directoryRoleTemplates/$entity");
  });
};
