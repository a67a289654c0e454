/**
 * `/groups`: list (`$select`, `$filter`, `$top`, `$count`), get, create (201), update (204), delete (204),
 * `/groups/$count`, and membership: `members`, `transitiveMembers`, `members/$ref` add (204) and
 * `members/{id}/$ref` remove (204). Permissions per Microsoft's reference (Group.*, GroupMember.*,
 * Directory.*); delegated writes also need Global Administrator or User Administrator [INFERRED: group
 * owners are not modelled]. Audit: "Add group", "Update group", "Delete group", "Add member to group",
 * "Remove member from group" (GroupManagement).
 */
import { z } from "zod";
import type { GraphModule } from "./graph-module";
import type { AppContext } from "../http/context";
import { graphCall, initiatorOf, safeDecode } from "./graph-module";
import { requirePermission, requireRoleForDelegated } from "../domain/rbac";
import { ROLE } from "../domain/roles";
import { sendCollection, sendEntity, noContent } from "../http/odata";
import { requestOrigin } from "../http/context";
import { parseJson } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";
import { resourceNotFound } from "../domain/errors";
import { recordAudit } from "../domain/audit";
import { transitiveGroupIds, transitiveMemberIds } from "../domain/directory";
import { deleteGroup } from "../domain/directory-removal";
import type { DirectoryGroup } from "../domain/directory.types";
import type { TenantState } from "../domain/state";
import { serializeGroup } from "./groups.serialize";
import { castDirectoryObjects, directoryObjectKind, serializeDirectoryObject } from "./directory-objects.serialize";
import { readRefId, refIdFromUrl } from "./odata-ref";

const READ_PERMS = ["GroupMember.Read.All", "GroupMember.ReadWrite.All", "Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
const READ = { delegated: READ_PERMS, application: READ_PERMS };
const WRITE = { delegated: ["Group.ReadWrite.All", "Directory.ReadWrite.All"], application: ["Group.ReadWrite.All", "Directory.ReadWrite.All"] };
const MEMBERS_WRITE = {
  delegated: ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"],
  application: ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"],
};
const GROUP_ADMINS = [ROLE.globalAdministrator, ROLE.userAdministrator];

const MAIL_NICKNAME = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]{1,64}$/;
const createGroupBody = z.looseObject({
  displayName: z.string().min(1).max(256),
  mailEnabled: z.boolean(),
  mailNickname: z.string().regex(MAIL_NICKNAME, "must be 1-64 ASCII characters without spaces"),
  securityEnabled: z.boolean(),
  description: z.string().max(1024).nullable().optional(),
  groupTypes: z.array(z.string()).optional(),
  "members@odata.bind": z.array(z.string()).optional(),
});
const updateGroupBody = z.looseObject({
  displayName: z.string().min(1).max(256).optional(),
  description: z.string().max(1024).nullable().optional(),
  mailNickname: z.string().regex(MAIL_NICKNAME, "must be 1-64 ASCII characters without spaces").optional(),
  securityEnabled: z.boolean().optional(),
  mailEnabled: z.boolean().optional(),
});

function requireGroup(state: TenantState, id: string): DirectoryGroup {
  const key = safeDecode(id).toLowerCase();
  const group = state.groups.find((g) => g.id === key);
  if (!group) throw resourceNotFound(safeDecode(id));
  return group;
}

export const groupsModule: GraphModule = (r, deps, version) => {
  const audit = (c: AppContext, state: TenantState, now: Date, activity: string, op: string, group: DirectoryGroup, member?: { id: string }) => {
    const principal = c.get("principal");
    const targets = [{ id: group.id, displayName: group.displayName, type: "Group", groupType: group.groupTypes.includes("Unified") ? "unifiedGroups" : "azureAD" } as const];
    const memberUser = member ? state.users.find((u) => u.id === member.id) : undefined;
    recordAudit(state, deps.ids, now, {
      activityDisplayName: activity, category: "GroupManagement", loggedByService: "Core Directory", operationType: op,
      initiatedBy: initiatorOf(c, state, principal),
      targetResources: member
        ? [{ id: member.id, displayName: memberUser?.displayName ?? null, type: memberUser ? "User" : "Group", userPrincipalName: memberUser?.userPrincipalName ?? null }, targets[0]]
        : [targets[0]],
    });
  };

  r.get("/groups/$count", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, READ);
    if (c.req.header("consistencylevel")?.toLowerCase() !== "eventual")
      throw new GraphHttpError(400, "Request_BadRequest", "$count is not currently supported. Set the ConsistencyLevel header to eventual.");
    return c.text(String(state.groups.length));
  });

  r.get("/groups", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, READ);
    return sendCollection(c, deps.config, version, state.groups.map(serializeGroup), { context: "groups", pageSize: 100, maxPageSize: 999, countNeedsEventual: true });
  });

  r.get("/groups/:groupId", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, READ);
    return sendEntity(c, deps.config, version, serializeGroup(requireGroup(state, c.req.param("groupId"))), "groups/$entity");
  });

  r.post("/groups", async (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    requirePermission(principal, WRITE);
    requireRoleForDelegated(principal, GROUP_ADMINS);
    const body = await parseJson(c, createGroupBody);
    const groupTypes = body.groupTypes ?? [];
    if (groupTypes.some((t) => !["Unified", "DynamicMembership"].includes(t)))
      throw new GraphHttpError(400, "Request_BadRequest", "Invalid value specified for property 'groupTypes' of resource 'Group'.");
    if (groupTypes.includes("DynamicMembership"))
      throw new GraphHttpError(501, "notImplemented", "Dynamic membership groups are not supported by the emulator.");
    if (body.mailEnabled && !groupTypes.includes("Unified"))
      throw new GraphHttpError(400, "Request_BadRequest", "Only Microsoft 365 groups (groupTypes: ['Unified']) can be mail-enabled through Microsoft Graph.");
    const members = (body["members@odata.bind"] ?? []).map((url, i) => {
      const id = refIdFromUrl(url);
      if (!id) throw new GraphHttpError(400, "BadRequest", `Invalid value specified for property 'members@odata.bind[${i}]': '${url}' is not a reference to a directory object.`);
      if (!directoryObjectKind(state, id)) throw resourceNotFound(id);
      return id;
    });
    const group: DirectoryGroup = {
      id: deps.ids.uuid(),
      displayName: body.displayName,
      description: body.description ?? null,
      mailNickname: body.mailNickname,
      mailEnabled: body.mailEnabled,
      securityEnabled: body.securityEnabled,
      groupTypes,
      createdDateTime: now.toISOString(),
      members: [...new Set(members)],
    };
    state.groups.push(group);
    audit(c, state, now, "Add group", "Add", group);
    touch();
    c.header("location", `${requestOrigin(c, deps.config)}/${version}/groups/${group.id}`);
    return sendEntity(c, deps.config, version, serializeGroup(group), "groups/$entity", 201);
  });

  r.patch("/groups/:groupId", async (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    requirePermission(principal, WRITE);
    requireRoleForDelegated(principal, GROUP_ADMINS);
    const group = requireGroup(state, c.req.param("groupId"));
    const body = await parseJson(c, updateGroupBody);
    if (body.mailEnabled === true && !group.groupTypes.includes("Unified"))
      throw new GraphHttpError(400, "Request_BadRequest", "Only Microsoft 365 groups can be mail-enabled through Microsoft Graph.");
    for (const k of ["displayName", "description", "mailNickname", "securityEnabled", "mailEnabled"] as const)
      if (body[k] !== undefined) (group as unknown as Record<string, unknown>)[k] = body[k];
    audit(c, state, now, "Update group", "Update", group);
    touch();
    return noContent(c);
  });

  r.delete("/groups/:groupId", (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    requirePermission(principal, WRITE);
    requireRoleForDelegated(principal, GROUP_ADMINS);
    const group = requireGroup(state, c.req.param("groupId"));
    deleteGroup(state, group.id);
    audit(c, state, now, "Delete group", "Delete", group);
    touch();
    return noContent(c);
  });

  const members = (transitive: boolean, cast = false) => (c: AppContext) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, READ);
    const group = requireGroup(state, c.req.param("groupId") ?? "");
    const ids = transitive ? [...transitiveMemberIds(state, group.id)] : group.members;
    let items = ids.map((id) => serializeDirectoryObject(state, id)).filter((x) => x !== null);
    let context = "directoryObjects";
    if (cast) {
      const segment = c.req.param("cast") ?? "";
      const narrowed = castDirectoryObjects(items, segment);
      if (!narrowed) throw new GraphHttpError(400, "BadRequest", `Resource not found for the segment '${segment}'.`);
      ({ items, context } = narrowed);
    }
    return sendCollection(c, deps.config, version, items, { context, pageSize: 100, maxPageSize: 999, countNeedsEventual: true });
  };
  r.get("/groups/:groupId/members", members(false));
  r.get("/groups/:groupId/transitiveMembers", members(true));
  // OData type casts, e.g. `/members/microsoft.graph.user`.
  r.get("/groups/:groupId/members/:cast", members(false, true));
  r.get("/groups/:groupId/transitiveMembers/:cast", members(true, true));

  r.post("/groups/:groupId/members/$ref", async (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    requirePermission(principal, MEMBERS_WRITE);
    requireRoleForDelegated(principal, GROUP_ADMINS);
    const group = requireGroup(state, c.req.param("groupId"));
    const id = await readRefId(c);
    if (!directoryObjectKind(state, id)) throw resourceNotFound(id);
    if (id === group.id || (directoryObjectKind(state, id) === "group" && transitiveGroupIds(state, group.id).has(id)))
      throw new GraphHttpError(400, "Request_BadRequest", "A group cannot be a member of itself, directly or through nested groups.");
    if (group.members.includes(id))
      throw new GraphHttpError(400, "Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'.");
    group.members.push(id);
    audit(c, state, now, "Add member to group", "Assign", group, { id });
    touch();
    return noContent(c);
  });

  r.delete("/groups/:groupId/members/:memberId/$ref", (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    requirePermission(principal, MEMBERS_WRITE);
    requireRoleForDelegated(principal, GROUP_ADMINS);
    const group = requireGroup(state, c.req.param("groupId"));
    const id = safeDecode(c.req.param("memberId") ?? "").toLowerCase();
    if (!group.members.includes(id)) throw resourceNotFound(id);
    group.members = group.members.filter((m) => m !== id);
    audit(c, state, now, "Remove member from group", "Unassign", group, { id });
    touch();
    return noContent(c);
  });
};
