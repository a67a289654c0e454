/**
 * Graph resource modules besides users, in registration order. Each capability adds its module here
 * (one line each) so route files stay independent of each other.
 */
import type { GraphModule } from "./graph-module";
import { groupsModule } from "./groups.routes";
import { domainsModule } from "./domains.routes";
import { organizationModule } from "./organization.routes";
import { directoryRolesModule } from "./directory-roles.routes";
import { roleManagementModule } from "./role-management.routes";
import { auditLogsModule } from "./audit-logs.routes";
import { batchModule } from "./batch.routes";
import { tapModule } from "./tap.routes";
import { authMethodsModule } from "./auth-methods.routes";
import { phoneMethodsModule } from "./auth-methods-phone.routes";
import { deviceMethodsModule } from "./auth-methods-devices.routes";
import { authRequirementsModule } from "./auth-requirements.routes";
import { methodsPolicyModule } from "./methods-policy.routes";
import { conditionalAccessModules } from "./conditional-access.modules";

export const GRAPH_MODULES: GraphModule[] = [
  groupsModule, domainsModule, organizationModule, directoryRolesModule, roleManagementModule, auditLogsModule, batchModule,
  tapModule,
  authMethodsModule,
  phoneMethodsModule,
  deviceMethodsModule,
  authRequirementsModule,
  methodsPolicyModule,
  ...conditionalAccessModules,
];
