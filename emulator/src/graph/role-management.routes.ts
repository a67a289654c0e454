/**
 * `/roleManagement/directory/roleDefinitions(/id)` (built-in definitions: id == templateId) and
 * `/roleManagement/directory/roleAssignments`: list (`$filter` on principalId / roleDefinitionId /
 * directoryScopeId, `$expand=principal,roleDefinition`), create (201), get, delete (204). Surface.md §6.1.
 * A new assignment is what `wids` of the principal's next token reads (signin/tokens.ts).
 */
import { z } from "zod";
import type { GraphModule } from "./graph-module";
import type { AppContext } from "../http/context";
import { graphCall, safeDecode } from "./graph-module";
import { requirePermission } from "../domain/rbac";
import { sendCollection, sendEntity, noContent, type Json } from "../http/odata";
import { requestOrigin } from "../http/context";
import { parseJson } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";
import { resourceNotFound } from "../domain/errors";
import { BUILT_IN_ROLES, roleByTemplateId } from "../domain/roles";
import { findRoleAssignment, hasAssignment } from "../domain/role-assignments";
import type { RoleAssignment } from "../domain/directory.types";
import type { TenantState } from "../domain/state";
import { serializeDirectoryObject } from "./directory-objects.serialize";
import { UNIFIED_READ, assignRole, requirePrincipal, requireRoleWrite, serializeRoleAssignment, serializeRoleDefinition, unassignRole } from "./roles.shared";

const createAssignmentBody = z.looseObject({
  "@odata.type": z.literal("#microsoft.graph.unifiedRoleAssignment", { message: "must be '#microsoft.graph.unifiedRoleAssignment'" }).optional(),
  roleDefinitionId: z.string().min(1),
  principalId: z.string().min(1),
  directoryScopeId: z.string().min(1).optional(),
  appScopeId: z.string().min(1).optional(),
  condition: z.string().nullable().optional(),
});

const BASE = "/roleManagement/directory";

export const roleManagementModule: GraphModule = (r, deps, version) => {
  r.get(`${BASE}/roleDefinitions`, (c) => {
    const { principal } = graphCall(c, deps);
    requirePermission(principal, UNIFIED_READ);
    return sendCollection(c, deps.config, version, BUILT_IN_ROLES.map(serializeRoleDefinition), { context: "roleManagement/directory/roleDefinitions" });
  });

  r.get(`${BASE}/roleDefinitions/:definitionId`, (c) => {
    const { principal } = graphCall(c, deps);
    requirePermission(principal, UNIFIED_READ);
    const id = safeDecode(c.req.param("definitionId"));
    const role = roleByTemplateId(id);
    if (!role) throw resourceNotFound(id);
    return sendEntity(c, deps.config, version, serializeRoleDefinition(role), "roleManagement/directory/roleDefinitions/$entity");
  });

  /** `$expand=principal` / `roleDefinition`: the navigation properties clients ask for most. */
  const expand = (c: AppContext, state: TenantState, a: RoleAssignment): Json => {
    const item: Json = serializeRoleAssignment(state, a);
    const wanted = (c.req.query("$expand") ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
    for (const w of wanted) {
      if (w === "principal") item.principal = serializeDirectoryObject(state, a.principalId);
      else if (w === "roledefinition") item.roleDefinition = roleByTemplateId(a.roleDefinitionId) ? serializeRoleDefinition(roleByTemplateId(a.roleDefinitionId)!) : null;
      else throw new GraphHttpError(400, "BadRequest", `Could not find a property named '${w}' on type 'microsoft.graph.unifiedRoleAssignment' to expand.`);
    }
    return item;
  };

  r.get(`${BASE}/roleAssignments`, (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, UNIFIED_READ);
    return sendCollection(c, deps.config, version, state.roleAssignments.map((a) => expand(c, state, a)), { context: "roleManagement/directory/roleAssignments" });
  });

  r.get(`${BASE}/roleAssignments/:assignmentId`, (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, UNIFIED_READ);
    const id = safeDecode(c.req.param("assignmentId"));
    const a = findRoleAssignment(state, id);
    if (!a) throw resourceNotFound(id);
    return sendEntity(c, deps.config, version, expand(c, state, a), "roleManagement/directory/roleAssignments/$entity");
  });

  r.post(`${BASE}/roleAssignments`, async (c) => {
    const { state, now, touch } = graphCall(c, deps);
    requireRoleWrite(c);
    const body = await parseJson(c, createAssignmentBody);
    if (!body.directoryScopeId && !body.appScopeId)
      throw new GraphHttpError(400, "BadRequest", "Either 'directoryScopeId' or 'appScopeId' must be specified.");
    if (body.directoryScopeId && body.appScopeId)
      throw new GraphHttpError(400, "BadRequest", "Only one of 'directoryScopeId' and 'appScopeId' may be specified.");
    if (body.appScopeId) throw new GraphHttpError(501, "notImplemented", "Role assignments with an appScopeId are not supported by the emulator; use directoryScopeId.");
    if (body.condition) throw new GraphHttpError(501, "notImplemented", "Role assignment conditions are not supported by the emulator.");
    const role = roleByTemplateId(body.roleDefinitionId);
    if (!role) throw new GraphHttpError(400, "BadRequest", `Invalid value specified for property 'roleDefinitionId': the role definition '${body.roleDefinitionId}' does not exist.`);
    const scope = body.directoryScopeId!;
    if (scope !== "/" && !state.applications.some((a) => `/${a.id}` === scope.toLowerCase()))
      throw new GraphHttpError(400, "BadRequest", `Invalid value specified for property 'directoryScopeId': '${scope}' is neither '/' nor the object id of an application or administrative unit of this tenant.`);
    requirePrincipal(state, body.principalId);
    if (hasAssignment(state, role.templateId, body.principalId, scope.toLowerCase()))
      throw new GraphHttpError(400, "Request_BadRequest", "A conflicting object with one or more of the specified property values is present in the directory.");
    const a = assignRole(c, deps, state, now, role.templateId, body.principalId, scope.toLowerCase());
    touch();
    c.header("location", `${requestOrigin(c, deps.config)}/${version}${BASE}/roleAssignments/${a.id}`);
    return sendEntity(c, deps.config, version, serializeRoleAssignment(state, a), "roleManagement/directory/roleAssignments/$entity", 201);
  });

  r.delete(`${BASE}/roleAssignments/:assignmentId`, (c) => {
    const { state, now, touch } = graphCall(c, deps);
    requireRoleWrite(c);
    const id = safeDecode(c.req.param("assignmentId"));
    const a = findRoleAssignment(state, id);
    if (!a) throw resourceNotFound(id);
    unassignRole(c, deps, state, now, a);
    touch();
    return noContent(c);
  });
};
