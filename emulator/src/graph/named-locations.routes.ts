/**
 * `/identity/conditionalAccess/namedLocations`: list/get 200, create 201, update 204, delete 204
 * (shared/graph/surface.md §5.1, §5.4). `@odata.type` is required on POST and PATCH; a location a
 * policy uses, or a trusted one, can't be deleted (behavior.md 3.21). Changes are audited ("Add/Update/
 * Delete named location", category Policy, §7.3).
 */
import type { GraphModule } from "./graph-module";
import type { AppContext, AppDeps } from "../http/context";
import { graphCall, initiatorOf } from "./graph-module";
import { sendCollection, sendEntity, noContent } from "../http/odata";
import { readJson, describeZodIssue } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";
import { recordAudit } from "../domain/audit";
import type { TenantState } from "../domain/state";
import type { Principal } from "../domain/principal";
import type { NamedLocation } from "../domain/conditional-access/types";
import {
  applyLocationPatch, checkLocationDeletable, checkLocationQuota, countryLocationSchema, ipLocationSchema, locationFromBody, locationKind,
  type CountryLocationBody, type IpLocationBody,
} from "../domain/conditional-access/named-locations";
import { serializeLocation } from "./conditional-access.serialize";
import { requireCaRead, requireCaWrite } from "./conditional-access.access";
import { requestOrigin } from "../http/context";

const BASE = "/identity/conditionalAccess/namedLocations";
const CONTEXT = "identity/conditionalAccess/namedLocations";

async function parseLocation(c: AppContext): Promise<IpLocationBody | CountryLocationBody> {
  const raw = await readJson(c);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new GraphHttpError(400, "BadRequest", "1007: The request body must be a namedLocation object.", true);
  const body = { ...(raw as Record<string, unknown>) };
  const kind = locationKind(body);
  if (typeof body["@odata.type"] === "string" && !body["@odata.type"].startsWith("#")) body["@odata.type"] = `#${body["@odata.type"]}`;
  const result = (kind === "ip" ? ipLocationSchema : countryLocationSchema).safeParse(body);
  if (!result.success) throw new GraphHttpError(400, "BadRequest", `1007: ${describeZodIssue(result.error)}`, true);
  return result.data;
}

function requireLocation(state: TenantState, id: string): NamedLocation {
  const l = state.conditionalAccess.namedLocations.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!l) throw new GraphHttpError(404, "ResourceNotFound", `Named location with id '${id}' was not found.`, true);
  return l;
}

function audit(c: AppContext, deps: AppDeps, state: TenantState, principal: Principal, now: Date, verb: "Add" | "Update" | "Delete", l: NamedLocation, before?: NamedLocation) {
  recordAudit(state, deps.ids, now, {
    activityDisplayName: `${verb} named location`,
    category: "Policy",
    loggedByService: "Conditional Access",
    operationType: verb,
    initiatedBy: initiatorOf(c, state, principal),
    targetResources: [{
      id: l.id, displayName: l.displayName, type: "Policy",
      modifiedProperties: [{ displayName: "NamedLocation", oldValue: before ? JSON.stringify(before) : null, newValue: verb === "Delete" ? null : JSON.stringify(l) }],
    }],
  });
}

export const namedLocationsModule: GraphModule = (r, deps, version) => {
  r.get(BASE, (c) => {
    const { state, principal } = graphCall(c, deps);
    requireCaRead(principal);
    return sendCollection(c, deps.config, version, state.conditionalAccess.namedLocations.map(serializeLocation), { context: CONTEXT, pageSize: 999, maxPageSize: 999 });
  });

  r.get(`${BASE}/:locationId`, (c) => {
    const { state, principal } = graphCall(c, deps);
    requireCaRead(principal);
    return sendEntity(c, deps.config, version, serializeLocation(requireLocation(state, c.req.param("locationId"))), `${CONTEXT}/$entity`);
  });

  r.post(BASE, async (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    requireCaWrite(principal);
    const body = await parseLocation(c);
    checkLocationQuota(state);
    const loc = locationFromBody(body, deps.ids.uuid(), now.toISOString());
    state.conditionalAccess.namedLocations.push(loc);
    audit(c, deps, state, principal, now, "Add", loc);
    touch();
    c.header("location", `${requestOrigin(c, deps.config)}/${version}${BASE}/${loc.id}`);
    return sendEntity(c, deps.config, version, serializeLocation(loc), `${CONTEXT}/$entity`, 201);
  });

  r.patch(`${BASE}/:locationId`, async (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    requireCaWrite(principal);
    const current = requireLocation(state, c.req.param("locationId"));
    const body = await parseLocation(c);
    const next = applyLocationPatch(current, body, now.toISOString());
    const i = state.conditionalAccess.namedLocations.indexOf(current);
    state.conditionalAccess.namedLocations[i] = next;
    audit(c, deps, state, principal, now, "Update", next, current);
    touch();
    return noContent(c);
  });

  r.delete(`${BASE}/:locationId`, (c) => {
    const { state, principal, now, touch } = graphCall(c, deps);
    requireCaWrite(principal);
    const loc = requireLocation(state, c.req.param("locationId"));
    checkLocationDeletable(state, loc);
    state.conditionalAccess.namedLocations = state.conditionalAccess.namedLocations.filter((x) => x !== loc);
    audit(c, deps, state, principal, now, "Delete", loc, loc);
    touch();
    return noContent(c);
  });
};
