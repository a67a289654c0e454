/**
 * Who may read and change a user's authentication methods (issue #3). Delegated callers are checked
 * against their directory roles (`wids`) and scopes (`scp`); app-only callers against their application
 * permissions (`roles`). behavior.md 1.23-1.26, surface.md §3.1 and §9.
 */
import type { Principal } from "./principal";
import type { TenantState } from "./state";
import type { DirectoryUser } from "./directory.types";
import { userRoleTemplateIds } from "./directory";
import { DomainError } from "./errors";
import { hasAnyPermission } from "./permissions";
import { hasRole } from "./rbac";
import { ROLE } from "./roles";

/** Method families with their own granular permission (`UserAuthMethod-<X>.*`); `all` = /methods. */
export type MethodFamily =
  | "all" | "tap" | "phone" | "email" | "softwareOath" | "microsoftAuthenticator" | "fido2" | "windowsHelloForBusiness" | "password";

/** create/update/delete/action are writes; `resetPassword` is the password reset action. */
export type MethodOperation = "read" | "create" | "update" | "delete" | "action" | "resetPassword";

const GRANULAR: Record<MethodFamily, string | null> = {
  all: null,
  tap: "UserAuthMethod-TAP",
  phone: "UserAuthMethod-Phone",
  email: "UserAuthMethod-Email",
  softwareOath: "UserAuthMethod-SoftwareOATH",
  microsoftAuthenticator: "UserAuthMethod-MicrosoftAuthApp",
  fido2: "UserAuthMethod-Passkey",
  windowsHelloForBusiness: "UserAuthMethod-WindowsHello",
  password: "UserAuthMethod-Password",
};

/**
 * The authentication-methods service's 403 (observed: `accessDenied` / "Request Authorization failed",
 * microsoftgraph/msgraph-sdk-go #441, msgraph-sdk-powershell #2602).
 */
export function methodsAccessDenied(): DomainError {
  return new DomainError("forbidden", "Request Authorization failed", { graphCode: "accessDenied", innerMessage: true });
}

/** Roles besides "none" a target may hold and still count as a non-admin for an Authentication Administrator (1.26). */
const AUTH_ADMIN_MANAGEABLE_ROLES = new Set<string>([
  ROLE.authenticationAdministrator,
  ROLE.directoryReaders,
  ROLE.passwordAdministrator,
  ROLE.reportsReader,
  "95e79109-95c0-4d8e-aee3-d01accf2d47b", // Guest Inviter
  "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b", // Message Center Reader
  "75934031-6c7e-415a-99d7-48dbd49e875e", // Usage Summary Reports Reader
]);

/**
 * behavior.md 1.26 [INFERRED from the "sensitive actions" table]: an Authentication Administrator may act
 * on users with no admin role or only the listed low-privilege roles.
 */
export function authenticationAdministratorMayManage(state: TenantState, targetUserId: string): boolean {
  return userRoleTemplateIds(state, targetUserId).every((r) => AUTH_ADMIN_MANAGEABLE_ROLES.has(r));
}

function permissionsFor(family: MethodFamily, write: boolean, self: boolean): string[] {
  const bases = ["UserAuthenticationMethod", ...(GRANULAR[family] ? [GRANULAR[family]!] : [])];
  const out: string[] = [];
  for (const b of bases) {
    out.push(`${b}.ReadWrite.All`);
    if (!write) out.push(`${b}.Read.All`);
    if (self) {
      out.push(`${b}.ReadWrite`);
      if (!write) out.push(`${b}.Read`);
    }
  }
  return out;
}

/**
 * Operations a user may never do on their own methods, even as an administrator:
 * creating a TAP (1.10, 1.23 "except themselves"), editing their own phone or email method and
 * resetting their own password through this API ("Self-service operations aren't supported", surface §3.1/§3.4).
 */
function selfForbidden(family: MethodFamily, op: MethodOperation): boolean {
  if (family === "tap" && op === "create") return true;
  if ((family === "phone" || family === "email") && op === "update") return true;
  if (op === "resetPassword") return true;
  return false;
}

/**
 * Throws the service's 403 unless `principal` may perform `op` on `target`'s methods of `family`:
 * - app-only: an application permission `UserAuthenticationMethod.(Read|ReadWrite).All` or the family's
 *   `UserAuthMethod-<X>.(Read|ReadWrite).All` (password reset is delegated-only);
 * - delegated on oneself: `…Read`/`…ReadWrite` scopes, no role needed, except `selfForbidden` operations;
 * - delegated on others: a `.All` scope and a role: Global Administrator or Privileged Authentication
 *   Administrator on anyone, Authentication Administrator on non-admins (1.26), Global Reader read-only.
 */
export function authorizeMethodAccess(
  state: TenantState,
  principal: Principal,
  target: DirectoryUser,
  family: MethodFamily,
  op: MethodOperation,
): void {
  const write = op !== "read";
  if (principal.kind === "app") {
    if (op === "resetPassword") throw methodsAccessDenied();
    if (!hasAnyPermission(principal.permissions, permissionsFor(family, write, false))) throw methodsAccessDenied();
    return;
  }
  const self = principal.userId === target.id;
  if (!hasAnyPermission(principal.scopes, permissionsFor(family, write, self))) throw methodsAccessDenied();
  if (self) {
    if (selfForbidden(family, op)) throw methodsAccessDenied();
    return;
  }
  if (hasRole(principal, ROLE.globalAdministrator, ROLE.privilegedAuthenticationAdministrator)) return;
  if (hasRole(principal, ROLE.authenticationAdministrator) && authenticationAdministratorMayManage(state, target.id)) return;
  if (!write && hasRole(principal, ROLE.globalReader)) return;
  throw methodsAccessDenied();
}
