/**
 * Directory objects in mixed collections (`/groups/{id}/members`, `/directoryRoles/{id}/members`, a role
 * assignment's `principal`): each item carries its `@odata.type`; users show their default property set,
 * as in Graph's directoryObject collections.
 */
import type { TenantState } from "../domain/state";
import { project, type Json } from "../http/odata";
import { serializeUser, USER_DEFAULT_SELECT } from "./users.serialize";
import { serializeGroup } from "./groups.serialize";

/** The object with id `id` as Graph shows it in a directoryObject collection, or null if it is gone. */
export function serializeDirectoryObject(state: TenantState, id: string): Json | null {
  const key = id.toLowerCase();
  const user = state.users.find((u) => u.id === key);
  if (user) return project(serializeUser(state, user), USER_DEFAULT_SELECT);
  const group = state.groups.find((g) => g.id === key);
  if (group) return serializeGroup(group);
  const app = state.applications.find((a) => a.id === key);
  if (app)
    return { "@odata.type": "#microsoft.graph.servicePrincipal", id: app.id, appId: app.appId, displayName: app.displayName, servicePrincipalType: "Application" };
  return null;
}

/** Whether `id` names a user or group of the tenant (the objects that can be members). */
export function directoryObjectKind(state: TenantState, id: string): "user" | "group" | null {
  const key = id.toLowerCase();
  if (state.users.some((u) => u.id === key)) return "user";
  if (state.groups.some((g) => g.id === key)) return "group";
  return null;
}

/** OData type-cast segments on directory-object collections (`/memberOf/microsoft.graph.group`) and their entity sets. */
const CASTS: Record<string, string> = {
  "microsoft.graph.user": "users",
  "microsoft.graph.group": "groups",
  "microsoft.graph.directoryrole": "directoryRoles",
  "microsoft.graph.serviceprincipal": "servicePrincipals",
};

/**
 * Narrows a directory-object collection to one type. Returns the items and the `@odata.context` entity set,
 * or null when `cast` is not a directory-object type (the caller answers Graph's 400 for the segment).
 */
export function castDirectoryObjects(items: Json[], cast: string): { items: Json[]; context: string } | null {
  const set = CASTS[cast.toLowerCase()];
  if (!set) return null;
  const type = `#${Object.keys(CASTS).find((k) => CASTS[k] === set)}`.toLowerCase();
  return { items: items.filter((i) => String(i["@odata.type"]).toLowerCase() === type), context: set };
}
