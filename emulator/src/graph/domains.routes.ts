/**
 * `/domains` and `/domains/{fqdn}`: the tenant's domains as Graph shows them (surface.md §2.3). Every
 * fixture domain is admin-managed and verified unless the fixture says otherwise; `isRoot` is false for a
 * subdomain of another domain of the tenant; password policy values are Entra's defaults (14 / 90 days).
 */
import type { GraphModule } from "./graph-module";
import { graphCall, safeDecode } from "./graph-module";
import { requirePermission } from "../domain/rbac";
import { sendCollection, sendEntity } from "../http/odata";
import { resourceNotFound } from "../domain/errors";
import type { DirectoryDomain } from "../domain/directory.types";
import type { TenantState } from "../domain/state";

const READ_PERMS = ["Domain.Read.All", "Domain.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
const READ = { delegated: READ_PERMS, application: READ_PERMS };

/** What Microsoft 365 services a domain is set up for [INFERRED: verified domains carry mail and Teams]. */
export function supportedServices(d: DirectoryDomain): string[] {
  return d.isVerified ? ["Email", "OfficeCommunicationsOnline"] : [];
}

export function serializeDomain(state: TenantState, d: DirectoryDomain) {
  const isRoot = !state.domains.some((o) => o.id !== d.id && d.id.endsWith(`.${o.id}`));
  return {
    "@odata.type": "#microsoft.graph.domain",
    id: d.id,
    authenticationType: d.authenticationType,
    availabilityStatus: null,
    isAdminManaged: true,
    isDefault: d.isDefault,
    isInitial: d.isInitial,
    isRoot,
    isVerified: d.isVerified,
    manufacturer: null,
    model: null,
    passwordNotificationWindowInDays: 14,
    passwordValidityPeriodInDays: 90,
    supportedServices: supportedServices(d),
    state: null,
  };
}

export const domainsModule: GraphModule = (r, deps, version) => {
  r.get("/domains", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, READ);
    return sendCollection(c, deps.config, version, state.domains.map((d) => serializeDomain(state, d)), { context: "domains" });
  });

  r.get("/domains/:domainId", (c) => {
    const { state, principal } = graphCall(c, deps);
    requirePermission(principal, READ);
    const key = safeDecode(c.req.param("domainId")).toLowerCase();
    const domain = state.domains.find((d) => d.id === key);
    if (!domain) throw resourceNotFound(safeDecode(c.req.param("domainId")));
    return sendEntity(c, deps.config, version, serializeDomain(state, domain), "domains/$entity");
  });
};
