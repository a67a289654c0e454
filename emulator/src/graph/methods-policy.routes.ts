/**
 * `/policies/authenticationMethodsPolicy` (GET 200 with the configurations expanded, PATCH 200 + policy)
 * and `.../authenticationMethodConfigurations[/{id}]` (GET 200, PATCH 204, DELETE 204 = reset to
 * defaults). Ids match case-insensitively; `('{id}')` key syntax is mapped to `/{id}` by the path
 * normalizer. Permissions per surface.md §9; delegated callers also need a role (§4.1).
 * The OpenAPI lists `DELETE` on the root and `POST` on the configurations collection, but the policy is a
 * singleton and its configurations are fixed: both answer 405 `notAllowed` ([INFERRED]; the docs document
 * neither operation, and Graph answers 405 for verbs an entity does not support).
 */
import type { GraphModule } from "./graph-module";
import type { AppContext, AppDeps } from "../http/context";
import { graphCall, initiatorOf, safeDecode } from "./graph-module";
import { requirePermission, requireRoleForDelegated } from "../domain/rbac";
import { ROLE } from "../domain/roles";
import { canonicalMethodConfigurationId, type MethodConfigurationId } from "../domain/method-kinds";
import { notFound } from "../domain/errors";
import { recordAudit } from "../domain/audit";
import { resetMethodConfiguration, updateMethodConfiguration, updatePolicyRoot, type PropertyChange } from "../domain/methods-policy-update";
import { noContent, sendCollection, sendEntity, contextUrl } from "../http/odata";
import { readJson, describeZodIssue } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";
import { configurationPatchSchema, rootPatchSchema } from "./methods-policy.schemas";
import { configurationIds, odataType, serializeConfiguration, serializePolicy } from "./methods-policy.serialize";
import type { GraphVersion } from "../http/context";
import type { z } from "zod";

const READ = {
  delegated: ["Policy.Read.All", "Policy.Read.AuthenticationMethod", "Policy.ReadWrite.AuthenticationMethod"],
  application: ["Policy.Read.All", "Policy.Read.AuthenticationMethod", "Policy.ReadWrite.AuthenticationMethod"],
};
const WRITE = { delegated: ["Policy.ReadWrite.AuthenticationMethod"], application: ["Policy.ReadWrite.AuthenticationMethod"] };
/** Authentication Policy Administrator is the least-privileged writer (behavior.md 1.9, 2.23). */
const WRITER_ROLES = [ROLE.globalAdministrator, ROLE.authenticationPolicyAdministrator];
const READER_ROLES = [...WRITER_ROLES, ROLE.globalReader, ROLE.securityReader];

const BASE = "/policies/authenticationMethodsPolicy";
const CONFIGS = `${BASE}/authenticationMethodConfigurations`;

/** Drops OData annotations (`includeTargets@odata.context`, nested `@odata.type`) except the body's own `@odata.type`. */
function stripAnnotations(value: unknown, top = true): unknown {
  if (Array.isArray(value)) return value.map((v) => stripAnnotations(v, false));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !k.includes("@odata.") || (top && k === "@odata.type"))
      .map(([k, v]) => [k, stripAnnotations(v, false)]),
  );
}

async function parseBody<T extends z.ZodType>(c: AppContext, schema: T, requiredType?: string): Promise<z.infer<T>> {
  const raw = await readJson(c);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new GraphHttpError(400, "BadRequest", "Invalid request body: a JSON object is expected.");
  // A configuration PATCH must name its derived type (surface.md §1, §4.1); say which one.
  if (requiredType && typeof (raw as Record<string, unknown>)["@odata.type"] !== "string")
    throw new GraphHttpError(400, "BadRequest", `The '@odata.type' annotation is required in the request body: send "@odata.type": "${requiredType}".`);
  const result = schema.safeParse(stripAnnotations(raw));
  if (!result.success) throw new GraphHttpError(400, "BadRequest", describeZodIssue(result.error));
  return result.data;
}

function configId(c: AppContext, version: GraphVersion): MethodConfigurationId {
  const raw = safeDecode(c.req.param("configId") ?? "");
  const id = canonicalMethodConfigurationId(raw);
  // HardwareOath is a beta-only configuration (surface.md §4.4).
  if (!id || !configurationIds(version).includes(id)) throw notFound(`The authentication method configuration '${raw}' was not found.`, { graphCode: "itemNotFound" });
  return id;
}

function audit(c: AppContext, deps: AppDeps, activity: "Authentication Methods Policy Update" | "Authentication Methods Policy Reset", target: string, changes: PropertyChange[]) {
  const { state, principal, now } = graphCall(c, deps);
  recordAudit(state, deps.ids, now, {
    activityDisplayName: activity,
    category: "ApplicationManagement",
    loggedByService: "Authentication Methods",
    operationType: activity.endsWith("Reset") ? "Reset" : "Update",
    initiatedBy: initiatorOf(c, state, principal),
    targetResources: [{ id: target, displayName: target === "authenticationMethodsPolicy" ? "Authentication Methods Policy" : target, type: "Policy", modifiedProperties: changes }],
  });
}

export const methodsPolicyModule: GraphModule = (r, deps, version) => {
  const authorizeRead = (c: AppContext) => {
    const { principal } = graphCall(c, deps);
    requirePermission(principal, READ);
    requireRoleForDelegated(principal, READER_ROLES);
  };
  const authorizeWrite = (c: AppContext) => {
    const { principal } = graphCall(c, deps);
    requirePermission(principal, WRITE);
    requireRoleForDelegated(principal, WRITER_ROLES);
  };

  r.get(BASE, (c) => {
    authorizeRead(c);
    const { state } = graphCall(c, deps);
    return sendEntity(c, deps.config, version, serializePolicy(state, version, true), "authenticationMethodsPolicy");
  });

  r.patch(BASE, async (c) => {
    authorizeWrite(c);
    const body = await parseBody(c, rootPatchSchema(version));
    const { state, now, touch } = graphCall(c, deps);
    const changes = updatePolicyRoot(state, body as Record<string, unknown>, now);
    audit(c, deps, "Authentication Methods Policy Update", "authenticationMethodsPolicy", changes);
    touch();
    // Documented as 200 with the policy (surface.md §4.1); the doc's response does not expand configurations.
    return sendEntity(c, deps.config, version, serializePolicy(state, version, false), "authenticationMethodsPolicy");
  });

  // The singleton always exists and cannot be deleted; reset one method with DELETE .../{id} instead.
  r.delete(BASE, () => {
    throw new GraphHttpError(405, "notAllowed",
      "The authentication methods policy cannot be deleted: it always exists. PATCH it, or DELETE /policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id} to reset one method to its defaults.");
  });
  r.post(CONFIGS, () => {
    throw new GraphHttpError(405, "notAllowed",
      "Authentication method configurations cannot be created: every method has exactly one built-in configuration. PATCH /policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id} instead.");
  });

  r.get(CONFIGS, (c) => {
    authorizeRead(c);
    const { state } = graphCall(c, deps);
    const items = configurationIds(version).map((id) => serializeConfiguration(state, id, version));
    return sendCollection(c, deps.config, version, items, { context: "policies/authenticationMethodsPolicy/authenticationMethodConfigurations" });
  });

  r.get(`${CONFIGS}/:configId`, (c) => {
    authorizeRead(c);
    const id = configId(c, version);
    const { state } = graphCall(c, deps);
    const body = serializeConfiguration(state, id, version);
    const { includeTargets, ...rest } = body;
    const ctx = contextUrl(c, deps.config, version, `policies/authenticationMethodsPolicy/authenticationMethodConfigurations('${id}')/${odataType(id).slice(1)}/includeTargets`);
    return sendEntity(c, deps.config, version, { ...rest, "includeTargets@odata.context": ctx, includeTargets }, "authenticationMethodConfigurations/$entity");
  });

  r.patch(`${CONFIGS}/:configId`, async (c) => {
    authorizeWrite(c);
    const id = configId(c, version);
    const body = await parseBody(c, configurationPatchSchema(id, version), odataType(id));
    // The derived type must be named (behavior.md 1.9; surface.md §4.1).
    const sent = String(body["@odata.type"]).replace(/^#?/, "#");
    if (sent.toLowerCase() !== odataType(id).toLowerCase())
      throw new GraphHttpError(400, "BadRequest", `Invalid '@odata.type' '${body["@odata.type"]}': the configuration '${id}' is of type '${odataType(id)}'.`);
    if (body.id !== undefined && String(body.id).toLowerCase() !== id.toLowerCase())
      throw new GraphHttpError(400, "BadRequest", `The id '${body.id}' in the body does not match the configuration '${id}'.`);
    const { state, now, touch } = graphCall(c, deps);
    const changes = updateMethodConfiguration(state, id, body as Record<string, unknown>, now);
    audit(c, deps, "Authentication Methods Policy Update", id, changes);
    touch();
    return noContent(c);
  });

  r.delete(`${CONFIGS}/:configId`, (c) => {
    authorizeWrite(c);
    const id = configId(c, version);
    const { state, now, touch } = graphCall(c, deps);
    const changes = resetMethodConfiguration(state, id, now);
    audit(c, deps, "Authentication Methods Policy Reset", id, changes);
    touch();
    return noContent(c);
  });
};
