/**
 * `/organization` (a one-item collection: the tenant) and `/organization/{tenantId}`. Delegated callers
 * need only User.Read (Microsoft's reference), apps Organization.Read.All or Directory.Read.All.
 */
import type { GraphModule } from "./graph-module";
import { graphCall, safeDecode } from "./graph-module";
import { requirePermission } from "../domain/rbac";
import { sendCollection, sendEntity } from "../http/odata";
import { resourceNotFound } from "../domain/errors";
import type { TenantState } from "../domain/state";
import { supportedServices } from "./domains.routes";

const APP_READ = ["Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
const READ = { delegated: ["User.Read", "User.ReadWrite", "User.Read.All", "User.ReadWrite.All", ...APP_READ], application: APP_READ };

export function serializeOrganization(state: TenantState) {
  return {
    "@odata.type": "#microsoft.graph.organization",
    id: state.id,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: null,
    createdDateTime: state.createdDateTime,
    defaultUsageLocation: null,
    displayName: state.displayName,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    postalCode: null,
    preferredLanguage: null,
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: null,
    street: null,
    technicalNotificationMails: [],
    tenantType: "AAD",
    directorySizeQuota: { used: state.users.length + state.groups.length + state.applications.length, total: 50000 },
    privacyProfile: null,
    assignedPlans: [],
    provisionedPlans: [],
    verifiedDomains: state.domains
      .filter((d) => d.isVerified)
      .map((d) => ({ capabilities: supportedServices(d).join(", ") || "None", isDefault: d.isDefault, isInitial: d.isInitial, name: d.id, type: d.authenticationType })),
  };
}

export const organizationModule: GraphModule = (r, deps, version) => {
  r.get("/organization", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, READ);
    return sendCollection(c, deps.config, version, [serializeOrganization(state)], { context: "organization" });
  });

  r.get("/organization/:orgId", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, READ);
    const id = safeDecode(c.req.param("orgId"));
    if (id.toLowerCase() !== state.id.toLowerCase()) throw resourceNotFound(id);
    return sendEntity(c, deps.config, version, serializeOrganization(state), "organization/$entity");
  });
};
