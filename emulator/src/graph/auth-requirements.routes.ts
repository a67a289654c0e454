/**
 * Beta-only per-user settings (behavior.md 2.37, surface.md §3.1):
 * `GET|PATCH /beta/users/{id}/authentication/requirements` (`perUserMfaState`; Policy.Read.All /
 * Policy.ReadWrite.AuthenticationMethod) and `GET|PATCH /beta/users/{id}/authentication/signInPreferences`
 * (UserAuthenticationMethod.*). PATCH answers 204. Not registered on v1.0, which has neither.
 */
import { z } from "zod";
import type { GraphModule } from "./graph-module";
import { graphCall, initiatorOf, targetUser, userAndMe } from "./graph-module";
import { sendEntity, noContent } from "../http/odata";
import { parseJson } from "../http/json-body";
import { hasRole } from "../domain/rbac";
import { hasAnyPermission } from "../domain/permissions";
import { ROLE } from "../domain/roles";
import { userMethods } from "../domain/auth-methods";
import { authenticationAdministratorMayManage, methodsAccessDenied } from "../domain/auth-methods-access";
import { recordAudit } from "../domain/audit";
import { methodsCall, methodsContext } from "./auth-methods-context";
import type { AppContext, AppDeps } from "../http/context";
import type { TenantState } from "../domain/state";

const READ = { delegated: ["Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod"], application: ["Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod"] };
const WRITE = { delegated: ["Policy.ReadWrite.AuthenticationMethod"], application: ["Policy.ReadWrite.AuthenticationMethod"] };

const requirementsBody = z.strictObject({ perUserMfaState: z.enum(["disabled", "enabled", "enforced"]) });
const preferencesBody = z.strictObject({
  isSystemPreferredAuthenticationMethodEnabled: z.boolean().nullable().optional(),
  userPreferredMethodForSecondaryAuthentication: z.enum(["push", "oath", "voiceMobile", "voiceAlternateMobile", "voiceOffice", "sms"]).nullable().optional(),
});

/**
 * Per-user MFA is an authentication-admin task: delegated callers need Global Administrator or Privileged
 * Authentication Administrator, or Authentication Administrator for non-admins; Global Reader may read.
 */
function requirementsCall(c: AppContext, deps: AppDeps, write: boolean) {
  const call = graphCall(c, deps);
  const user = targetUser(c, call.state, call.principal);
  const p = call.principal;
  // The per-user MFA endpoint belongs to the authentication-methods service, whose denials are all
  // `accessDenied` / "Request Authorization failed" (see methodsAccessDenied), scopes and roles alike.
  const rule = write ? WRITE : READ;
  if (!hasAnyPermission(p.kind === "user" ? p.scopes : p.permissions, p.kind === "user" ? rule.delegated : rule.application)) throw methodsAccessDenied();
  if (p.kind === "user") {
    const ok = hasRole(p, ROLE.globalAdministrator, ROLE.privilegedAuthenticationAdministrator)
      || (hasRole(p, ROLE.authenticationAdministrator) && authenticationAdministratorMayManage(call.state, user.id))
      || (!write && hasRole(p, ROLE.globalReader));
    if (!ok) throw methodsAccessDenied();
  }
  return { ...call, user };
}

/**
 * The user's preferences. When the user never chose a default second factor, the property shows the
 * method Entra would default to from what is registered (Authenticator push, then OATH code, then SMS),
 * and is left out when nothing is registered: the schema's enum has no null ([INFERRED]).
 */
function serializeSignInPreferences(state: TenantState, userId: string) {
  const entry = userMethods(state, userId);
  const kinds = new Set(entry.methods.map((m) => (m.kind === "phone" ? `phone:${m.props.phoneType}` : m.kind)));
  const derived = kinds.has("microsoftAuthenticator") ? "push" : kinds.has("softwareOath") ? "oath" : kinds.has("phone:mobile") ? "sms" : null;
  const preferred = entry.signInPreferences.userPreferredMethodForSecondaryAuthentication ?? derived;
  return {
    isSystemPreferredAuthenticationMethodEnabled: entry.signInPreferences.isSystemPreferredAuthenticationMethodEnabled,
    ...(preferred ? { userPreferredMethodForSecondaryAuthentication: preferred } : {}),
  };
}

export const authRequirementsModule: GraphModule = (r, deps, version) => {
  if (version !== "beta") return;

  userAndMe(r, "get", "/authentication/requirements", (c) => {
    const { state, user } = requirementsCall(c, deps, false);
    return sendEntity(c, deps.config, version, { perUserMfaState: userMethods(state, user.id).perUserMfaState }, methodsContext(user, "requirements"));
  });

  userAndMe(r, "patch", "/authentication/requirements", async (c) => {
    const { state, user, touch } = requirementsCall(c, deps, true);
    userMethods(state, user.id).perUserMfaState = (await parseJson(c, requirementsBody)).perUserMfaState;
    touch();
    return noContent(c);
  });

  userAndMe(r, "get", "/authentication/signInPreferences", (c) => {
    const { state, user } = methodsCall(c, deps, "all", "read");
    return sendEntity(c, deps.config, version, serializeSignInPreferences(state, user.id), methodsContext(user, "signInPreferences"));
  });

  userAndMe(r, "patch", "/authentication/signInPreferences", async (c) => {
    const { state, principal, now, user, touch } = methodsCall(c, deps, "all", "update");
    const body = await parseJson(c, preferencesBody);
    const prefs = userMethods(state, user.id).signInPreferences;
    const before = { ...prefs };
    if (body.isSystemPreferredAuthenticationMethodEnabled !== undefined) prefs.isSystemPreferredAuthenticationMethodEnabled = body.isSystemPreferredAuthenticationMethodEnabled;
    if (body.userPreferredMethodForSecondaryAuthentication !== undefined) prefs.userPreferredMethodForSecondaryAuthentication = body.userPreferredMethodForSecondaryAuthentication;
    // Activity name as the audit reference lists it (surface.md §7.3).
    recordAudit(state, deps.ids, now, {
      activityDisplayName: "PATCH UserAuthMethod.PatchSignInPreferencesAsync", category: "ApplicationManagement",
      loggedByService: "Authentication Methods", operationType: "Update", initiatedBy: initiatorOf(c, state, principal),
      targetResources: [{ id: user.id, displayName: user.displayName, type: "User", userPrincipalName: user.userPrincipalName,
        modifiedProperties: Object.keys(body).map((k) => ({ displayName: k, oldValue: JSON.stringify((before as Record<string, unknown>)[k] ?? null), newValue: JSON.stringify((prefs as Record<string, unknown>)[k] ?? null) })) }],
    });
    touch();
    return noContent(c);
  });
};
