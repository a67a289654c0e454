/**
 * The "legacy portals" on the control plane (real Graph has no API for them):
 *   GET/PATCH /_emulator/tenants/{id}/legacy              all legacy settings + the deprecation switch
 *   GET/PATCH /_emulator/tenants/{id}/legacy/mfa          per-user MFA service settings
 *   GET/PATCH /_emulator/tenants/{id}/legacy/sspr         SSPR authentication methods and properties
 *   GET       /_emulator/tenants/{id}/legacy/users        per-user MFA state of every user
 *   GET/PATCH /_emulator/tenants/{id}/legacy/users/{user} one user's per-user MFA state
 * Errors use the Graph envelope; locked method settings answer 400 with `legacyPolicyMigrated` or
 * `legacyPolicyDeprecated`. Every accepted edit of the legacy policies writes a directory audit entry
 * (initiator: the app "tenantlab control plane"); the deprecation switch is an emulator knob and does not.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../http/context";
import { parseJson } from "../http/json-body";
import { safeDecode } from "../http/graph-path";
import { requireUser } from "../domain/directory";
import type { TenantState } from "../domain/state";
import type { DirectoryUser } from "../domain/directory.types";
import { emptyUserAuthMethods } from "../domain/auth-methods.types";
import {
  legacyMethodsLock, legacyMfaPatchSchema, legacySsprPatchSchema, PER_USER_MFA_STATES, setPerUserMfaState, updateLegacyMfa, updateLegacySspr,
} from "../domain/legacy-update";
import { legacyHonoured } from "../domain/legacy-policies";
import { migrationState } from "../domain/methods-policy";
import { recordAudit } from "../domain/audit";
import type { AuditInitiator, AuditTarget } from "../domain/logs.types";
import { diffProperties } from "../domain/methods-policy-update";

const switchBody = z.strictObject({ deprecationEnforced: z.boolean() });
const perUserBody = z.strictObject({ perUserMfaState: z.enum(PER_USER_MFA_STATES) });

/** The whole legacy picture, with what the emulator currently does with it. */
export function legacySummary(state: TenantState) {
  const lock = legacyMethodsLock(state);
  return {
    mfa: state.legacy.mfa,
    sspr: state.legacy.sspr,
    deprecationEnforced: state.legacy.deprecationEnforced,
    policyMigrationState: migrationState(state),
    legacyHonoured: legacyHonoured(state),
    methodSettingsEditable: lock === null,
    ...(lock ? { methodSettingsLockedReason: lock.message } : {}),
  };
}

/**
 * Who changed a legacy setting: the control plane itself (real Graph has no API for these, so there is no
 * signed-in admin or app to name). `appId` is null: it is not an application of the tenant.
 */
export const CONTROL_PLANE_INITIATOR: AuditInitiator = {
  app: { appId: null, displayName: "tenantlab control plane", servicePrincipalId: null } as unknown as NonNullable<AuditInitiator["app"]>,
};

/** Activity names of legacy edits ([INFERRED]: the legacy portals' own audit names are not documented). */
export const LEGACY_AUDIT = {
  mfa: { activityDisplayName: "Update legacy MFA service settings", category: "Policy", loggedByService: "MFA" },
  sspr: { activityDisplayName: "Update legacy SSPR policy", category: "Policy", loggedByService: "Self-service Password Management" },
  perUser: { activityDisplayName: "Update per-user MFA state", category: "UserManagement", loggedByService: "Core Directory" },
} as const;

function auditLegacy(deps: AppDeps, state: TenantState, kind: keyof typeof LEGACY_AUDIT, target: AuditTarget) {
  recordAudit(state, deps.ids, deps.tenants.now(state), {
    ...LEGACY_AUDIT[kind], operationType: "Update", initiatedBy: CONTROL_PLANE_INITIATOR, targetResources: [target],
  });
}

const asJson = (o: object) => structuredClone(o) as Record<string, unknown>;

function perUser(state: TenantState, u: DirectoryUser) {
  return { id: u.id, userPrincipalName: u.userPrincipalName, perUserMfaState: (state.authMethods[u.id] ?? emptyUserAuthMethods()).perUserMfaState };
}

export function legacyRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const tenant = (id: string) => deps.tenants.require(id).state;
  const base = "/tenants/:id/legacy";

  app.get(base, (c) => c.json(legacySummary(tenant(c.req.param("id")))));

  app.patch(base, async (c) => {
    const state = tenant(c.req.param("id"));
    const body = await parseJson(c, switchBody);
    state.legacy.deprecationEnforced = body.deprecationEnforced;
    deps.tenants.touch(state);
    return c.json(legacySummary(state));
  });

  /**
   * One legacy portal (MFA service settings or SSPR methods): GET its settings; PATCH validates, applies
   * the domain update (which refuses edits the migration state or the deprecation forbid) and audits the diff.
   */
  const legacyPortal = <B, R extends object>(
    part: "mfa" | "sspr",
    schema: z.ZodType<B>,
    update: (state: TenantState, body: B) => R,
    target: { id: string; displayName: string },
  ) => {
    app.get(`${base}/${part}`, (c) => c.json(tenant(c.req.param("id")).legacy[part]));
    app.patch(`${base}/${part}`, async (c) => {
      const state = tenant(c.req.param("id"));
      const body = await parseJson(c, schema);
      const before = asJson(state.legacy[part]);
      const next = update(state, body);
      auditLegacy(deps, state, part, { ...target, type: "Policy", modifiedProperties: diffProperties(before, asJson(next)) });
      deps.tenants.touch(state);
      return c.json(next);
    });
  };
  legacyPortal("mfa", legacyMfaPatchSchema, updateLegacyMfa, { id: "legacyMfaServiceSettings", displayName: "Multifactor authentication service settings" });
  legacyPortal("sspr", legacySsprPatchSchema, updateLegacySspr, { id: "legacySsprPolicy", displayName: "Password reset authentication methods" });

  app.get(`${base}/users`, (c) => {
    const state = tenant(c.req.param("id"));
    return c.json({ value: state.users.map((u) => perUser(state, u)) });
  });
  app.get(`${base}/users/:user`, (c) => {
    const state = tenant(c.req.param("id"));
    return c.json(perUser(state, requireUser(state, safeDecode(c.req.param("user")))));
  });
  app.patch(`${base}/users/:user`, async (c) => {
    const state = tenant(c.req.param("id"));
    const user = requireUser(state, safeDecode(c.req.param("user")));
    const body = await parseJson(c, perUserBody);
    const before = perUser(state, user).perUserMfaState;
    setPerUserMfaState(state, user.id, body.perUserMfaState);
    auditLegacy(deps, state, "perUser", {
      id: user.id, displayName: user.displayName, type: "User", userPrincipalName: user.userPrincipalName,
      modifiedProperties: before === body.perUserMfaState ? [] : [{ displayName: "perUserMfaState", oldValue: JSON.stringify(before), newValue: JSON.stringify(body.perUserMfaState) }],
    });
    deps.tenants.touch(state);
    return c.json(perUser(state, user));
  });

  return app;
}
