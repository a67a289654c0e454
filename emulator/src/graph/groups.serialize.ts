/** Graph `group` JSON from a stored group. */
import type { DirectoryGroup } from "../domain/directory.types";

export function serializeGroup(g: DirectoryGroup) {
  return {
    "@odata.type": "#microsoft.graph.group",
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    mailNickname: g.mailNickname,
    mailEnabled: g.mailEnabled,
    securityEnabled: g.securityEnabled,
    groupTypes: g.groupTypes,
    createdDateTime: g.createdDateTime,
    mail: null,
    visibility: null,
    isAssignableToRole: null,
  };
}
