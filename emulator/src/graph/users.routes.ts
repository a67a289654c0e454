/**
 * `/users` and `/me`: list (default property subset, `$select`, `$filter`, `$top`, `$count`), get by id or
 * UPN, create (201), update (204), delete (204), `/users/$count`, `memberOf` / `transitiveMemberOf` (groups
 * and directory roles), `revokeSignInSessions`.
 * Permissions per Microsoft's reference; delegated writes also need User Administrator or Global Administrator.
 */
import type { GraphModule } from "./graph-module";
import type { AppContext } from "../http/context";
import { graphCall, initiatorOf, targetUser, isSelf, userAndMe } from "./graph-module";
import { requirePermission, requireRoleForDelegated, hasRole } from "../domain/rbac";
import { ROLE, roleByTemplateId } from "../domain/roles";
import { serializeDirectoryRole } from "./roles.shared";
import { sendCollection, sendEntity, noContent, sendJson, contextUrl } from "../http/odata";
import { compileFilter } from "../http/odata-filter";
import { requestOrigin } from "../http/context";
import { parseJson } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";
import { serializeUser, USER_DEFAULT_SELECT } from "./users.serialize";
import { findUser, isAdmin, transitiveGroupIds } from "../domain/directory";
import { recordAudit } from "../domain/audit";
import { deleteUser } from "../domain/directory-removal";
import { emptyUserAuthMethods } from "../domain/auth-methods.types";
import { forbidden } from "../domain/errors";
import type { DirectoryUser } from "../domain/directory.types";
import { serializeGroup } from "./groups.serialize";
import { castDirectoryObjects } from "./directory-objects.serialize";
import { createUserBody, updateUserBody, meetsComplexity, weakPassword, UPDATABLE, SELF_FORBIDDEN, READ_ONLY } from "./users.schemas";

const READ = {
  delegated: ["User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  application: ["User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
};
const READ_ALL = { delegated: READ.delegated.filter((p) => !["User.Read", "User.ReadWrite"].includes(p)), application: READ.application };
const WRITE = { delegated: ["User.ReadWrite.All", "Directory.ReadWrite.All"], application: ["User.ReadWrite.All", "Directory.ReadWrite.All"] };
const DELETE = { delegated: ["User.ReadWrite.All", "User.DeleteRestore.All", "Directory.ReadWrite.All"], application: ["User.ReadWrite.All", "User.DeleteRestore.All", "Directory.ReadWrite.All"] };
const USER_ADMINS = [ROLE.globalAdministrator, ROLE.userAdministrator, ROLE.privilegedAuthenticationAdministrator];
/** Who may create and delete users (Entra built-in roles reference: `microsoft.directory/users/create|delete`). */
const USER_LIFECYCLE_ADMINS = [ROLE.globalAdministrator, ROLE.userAdministrator];

export const usersModule: GraphModule = (r, deps, version) => {
  r.get("/users/$count", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, READ_ALL);
    if (c.req.header("consistencylevel")?.toLowerCase() !== "eventual")
      throw new GraphHttpError(400, "Request_BadRequest", "$count is not currently supported. Set the ConsistencyLevel header to eventual.");
    const filter = c.req.query("$filter");
    const users = state.users.map((u) => serializeUser(state, u));
    return c.text(String(filter ? users.filter(compileFilter(filter)).length : users.length));
  });

  r.get("/users", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, READ_ALL);
    return sendCollection(c, deps.config, version, state.users.map((u) => serializeUser(state, u)), {
      context: "users", pageSize: 100, maxPageSize: 999, countNeedsEventual: true, defaultSelect: USER_DEFAULT_SELECT,
    });
  });

  const getUser = (c: AppContext) => {
    const { state, principal } = graphCall(c, deps);
    const user = targetUser(c, state, principal);
    requirePermission(principal, isSelf(principal, user) ? READ : READ_ALL);
    return sendEntity(c, deps.config, version, serializeUser(state, user), "users/$entity", 200, USER_DEFAULT_SELECT);
  };
  r.get("/users/:userId", getUser);
  r.get("/me", getUser);

  r.post("/users", async (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    requirePermission(principal, WRITE);
    requireRoleForDelegated(principal, USER_LIFECYCLE_ADMINS);
    const body = await parseJson(c, createUserBody);
    if (!meetsComplexity(body.passwordProfile.password)) throw weakPassword();
    const domain = body.userPrincipalName.split("@")[1].toLowerCase();
    const tenantDomain = state.domains.find((d) => d.id === domain);
    if (!tenantDomain || !tenantDomain.isVerified)
      throw new GraphHttpError(400, "Request_BadRequest", "Property userPrincipalName is invalid.");
    if (tenantDomain.authenticationType === "Federated" && !body.onPremisesImmutableId)
      throw new GraphHttpError(400, "Request_BadRequest", "Property onPremisesImmutableId is required for users of a federated domain.");
    if (findUser(state, body.userPrincipalName))
      throw new GraphHttpError(400, "Request_BadRequest", "Another object with the same value for property userPrincipalName already exists.");
    const nowIso = now.toISOString();
    const user: DirectoryUser = {
      id: deps.ids.uuid(),
      userPrincipalName: body.userPrincipalName,
      displayName: body.displayName,
      givenName: body.givenName ?? null,
      surname: body.surname ?? null,
      mail: body.mail ?? null,
      mailNickname: body.mailNickname,
      jobTitle: body.jobTitle ?? null,
      mobilePhone: body.mobilePhone ?? null,
      businessPhones: body.businessPhones ?? [],
      otherMails: body.otherMails ?? [],
      officeLocation: body.officeLocation ?? null,
      preferredLanguage: body.preferredLanguage ?? null,
      usageLocation: body.usageLocation ?? null,
      accountEnabled: body.accountEnabled,
      userType: "Member",
      creationType: null,
      externalUserState: null,
      onPremisesImmutableId: body.onPremisesImmutableId ?? null,
      createdDateTime: nowIso,
      lastPasswordChangeDateTime: nowIso,
      passwordHash: deps.secrets.hash(body.passwordProfile.password),
      forceChangePasswordNextSignIn: body.passwordProfile.forceChangePasswordNextSignIn ?? true,
      signInSessionsValidFromDateTime: nowIso,
      tags: [],
    };
    state.users.push(user);
    state.authMethods[user.id] = emptyUserAuthMethods();
    recordAudit(state, deps.ids, now, {
      activityDisplayName: "Add user", category: "UserManagement", loggedByService: "Core Directory", operationType: "Add",
      initiatedBy: initiatorOf(c, state, principal),
      targetResources: [{ id: user.id, displayName: user.displayName, type: "User", userPrincipalName: user.userPrincipalName }],
    });
    touch();
    c.header("location", `${requestOrigin(c, deps.config)}/${version}/users/${user.id}`);
    return sendEntity(c, deps.config, version, serializeUser(state, user), "users/$entity", 201);
  });

  userAndMe(r, "patch", "", async (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    const user = targetUser(c, state, principal);
    const self = isSelf(principal, user);
    if (self && principal.kind === "user" && principal.scopes.some((s) => s.toLowerCase() === "user.readwrite")) {
      // A user may edit their own profile with User.ReadWrite.
    } else {
      requirePermission(principal, WRITE);
      requireRoleForDelegated(principal, USER_ADMINS);
    }
    if (principal.kind === "user" && !self && isAdmin(state, user.id) && !hasRole(principal, ROLE.globalAdministrator, ROLE.privilegedAuthenticationAdministrator))
      throw forbidden();
    const body = await parseJson(c, updateUserBody);
    const readOnly = READ_ONLY.find((k) => k in body);
    if (readOnly) throw new GraphHttpError(400, "Request_BadRequest", `Property '${readOnly}' is read-only and cannot be set.`);
    if (self && !hasRole(principal, ...USER_ADMINS) && principal.kind === "user") {
      const denied = SELF_FORBIDDEN.find((k) => k in body);
      if (denied) throw forbidden();
    }
    if (body.userPrincipalName !== undefined && body.userPrincipalName.toLowerCase() !== user.userPrincipalName.toLowerCase()) {
      const domain = state.domains.find((d) => d.id === body.userPrincipalName!.split("@")[1].toLowerCase());
      if (!domain || !domain.isVerified) throw new GraphHttpError(400, "Request_BadRequest", "Property userPrincipalName is invalid.");
      if (findUser(state, body.userPrincipalName))
        throw new GraphHttpError(400, "Request_BadRequest", "Another object with the same value for property userPrincipalName already exists.");
    }
    if (body.passwordProfile?.password !== undefined && !meetsComplexity(body.passwordProfile.password)) throw weakPassword();
    const changed: string[] = [];
    for (const k of UPDATABLE) {
      const v = body[k];
      if (v === undefined) continue;
      (user as unknown as Record<string, unknown>)[k] = v;
      changed.push(k);
    }
    if (body.passwordProfile?.password) {
      user.passwordHash = deps.secrets.hash(body.passwordProfile.password);
      user.lastPasswordChangeDateTime = now.toISOString();
      // A password reset revokes password-based refresh tokens (behavior.md 5.4).
      user.signInSessionsValidFromDateTime = now.toISOString();
      changed.push("PasswordProfile");
    }
    if (body.passwordProfile?.forceChangePasswordNextSignIn !== undefined)
      user.forceChangePasswordNextSignIn = body.passwordProfile.forceChangePasswordNextSignIn;
    recordAudit(state, deps.ids, now, {
      activityDisplayName: "Update user", category: "UserManagement", loggedByService: "Core Directory", operationType: "Update",
      initiatedBy: initiatorOf(c, state, principal),
      targetResources: [{ id: user.id, displayName: user.displayName, type: "User", userPrincipalName: user.userPrincipalName,
        modifiedProperties: changed.map((p) => ({ displayName: p, oldValue: null, newValue: null })) }],
    });
    touch();
    return noContent(c);
  });

  r.delete("/users/:userId", (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    requirePermission(principal, DELETE);
    requireRoleForDelegated(principal, USER_LIFECYCLE_ADMINS);
    const user = targetUser(c, state, principal);
    if (principal.kind === "user" && isAdmin(state, user.id) && !hasRole(principal, ROLE.globalAdministrator, ROLE.privilegedAuthenticationAdministrator))
      throw forbidden();
    deleteUser(state, user.id);
    recordAudit(state, deps.ids, now, {
      activityDisplayName: "Delete user", category: "UserManagement", loggedByService: "Core Directory", operationType: "Delete",
      initiatedBy: initiatorOf(c, state, principal),
      targetResources: [{ id: user.id, displayName: user.displayName, type: "User", userPrincipalName: user.userPrincipalName }],
    });
    touch();
    return noContent(c);
  });

  const memberOf = (transitive: boolean, cast = false) => (c: AppContext) => {
    const { state, principal } = graphCall(c, deps);
    const user = targetUser(c, state, principal);
    requirePermission(principal, isSelf(principal, user) ? READ : READ_ALL);
    const ids = transitive ? transitiveGroupIds(state, user.id) : new Set(state.groups.filter((g) => g.members.includes(user.id)).map((g) => g.id));
    const groups = state.groups.filter((g) => ids.has(g.id)).map(serializeGroup);
    // memberOf also lists the directory roles the user holds (tenant-wide), as Graph does; transitively
    // also those held through groups.
    const holders = new Set([user.id, ...(transitive ? ids : [])]);
    const roleIds = new Set(state.roleAssignments.filter((a) => a.directoryScopeId === "/" && holders.has(a.principalId)).map((a) => a.roleDefinitionId));
    const roles = [...roleIds].map((id) => roleByTemplateId(id)).filter((r) => r !== undefined).map((r) => serializeDirectoryRole(state, r));
    const all = [...groups, ...roles];
    if (!cast) return sendCollection(c, deps.config, version, all, { context: "directoryObjects", countNeedsEventual: true });
    const segment = c.req.param("cast") ?? "";
    const narrowed = castDirectoryObjects(all, segment);
    if (!narrowed) throw new GraphHttpError(400, "BadRequest", `Resource not found for the segment '${segment}'.`);
    return sendCollection(c, deps.config, version, narrowed.items, { context: narrowed.context, countNeedsEventual: true });
  };
  for (const [sub, transitive] of [["/memberOf", false], ["/transitiveMemberOf", true]] as const) {
    userAndMe(r, "get", sub, memberOf(transitive));
    userAndMe(r, "get", `${sub}/:cast`, memberOf(transitive, true));
  }

  userAndMe(r, "post", "/revokeSignInSessions", (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    const user = targetUser(c, state, principal);
    if (!isSelf(principal, user)) {
      requirePermission(principal, WRITE);
      requireRoleForDelegated(principal, USER_ADMINS);
    }
    user.signInSessionsValidFromDateTime = now.toISOString();
    touch();
    return sendJson(c, { "@odata.context": contextUrl(c, deps.config, version, "Edm.Boolean"), value: true });
  });
};
