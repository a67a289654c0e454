/**
 * Named locations (`ipNamedLocation`, `countryNamedLocation`): request bodies, validation and the
 * delete rules (shared/graph/surface.md §5.4, behavior.md 3.21, 3.23). `@odata.type` is required on
 * the location and on every `ipRanges` item, on POST and on PATCH.
 */
import { z } from "zod";
import type { TenantState } from "../state";
import { badRequest } from "../errors";
import type { CidrRange, NamedLocation } from "./types";
import { parseCidr } from "./ip-ranges";

export const MAX_NAMED_LOCATIONS = 195;
export const MAX_IP_RANGES = 2000;

const IP_TYPE = "#microsoft.graph.ipNamedLocation";
const COUNTRY_TYPE = "#microsoft.graph.countryNamedLocation";
const fail = (message: string) => badRequest(message, { graphCode: "BadRequest", innerMessage: true });

const readOnly = { id: z.unknown().optional(), createdDateTime: z.unknown().optional(), modifiedDateTime: z.unknown().optional(), deletedDateTime: z.unknown().optional() };

const ipRange = z.looseObject({ "@odata.type": z.string().optional(), cidrAddress: z.string().optional() });

export const ipLocationSchema = z.strictObject({
  "@odata.type": z.literal(IP_TYPE),
  displayName: z.string().optional(),
  isTrusted: z.boolean().optional(),
  ipRanges: z.array(ipRange).optional(),
  ...readOnly,
});

const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region" });
/** Two-letter codes ICU knows as a region but that are groupings, not countries or regions. */
const NOT_A_COUNTRY = new Set(["EU", "EZ", "UN", "QO", "ZZ"]);
/** An ISO 3166-1 alpha-2 country or region code (ICU's region names; unknown codes come back unchanged). */
export function isCountryCode(code: string): boolean {
  const c = code.toUpperCase();
  return /^[A-Z]{2}$/.test(c) && !NOT_A_COUNTRY.has(c) && REGION_NAMES.of(c) !== c;
}

export const countryLocationSchema = z.strictObject({
  "@odata.type": z.literal(COUNTRY_TYPE),
  displayName: z.string().optional(),
  countriesAndRegions: z.array(z.string().regex(/^[A-Za-z]{2}$/, "must be ISO 3166-2 two-letter codes").refine(isCountryCode, "is not an ISO 3166 two-letter country or region code")).optional(),
  includeUnknownCountriesAndRegions: z.boolean().optional(),
  countryLookupMethod: z.enum(["clientIpAddress", "authenticatorAppGps"]).optional(),
  ...readOnly,
});

export type IpLocationBody = z.infer<typeof ipLocationSchema>;
export type CountryLocationBody = z.infer<typeof countryLocationSchema>;

/** Reads `@odata.type` first so a missing or unknown type gets the service's own kind of 400. */
export function locationKind(body: unknown): "ip" | "country" {
  const t = (body as Record<string, unknown> | null)?.["@odata.type"];
  if (t === undefined) throw fail("1007: '@odata.type' is required: #microsoft.graph.ipNamedLocation or #microsoft.graph.countryNamedLocation.");
  const normalized = typeof t === "string" ? (t.startsWith("#") ? t : `#${t}`) : t;
  if (normalized === IP_TYPE) return "ip";
  if (normalized === COUNTRY_TYPE) return "country";
  throw fail(`1007: Unsupported '@odata.type' '${String(t)}' for a named location.`);
}

/**
 * IP ranges: each needs its `@odata.type` (iPv4CidrRange / iPv6CidrRange) matching the address family,
 * a valid CIDR, and a prefix longer than /8 (behavior.md 3.21).
 */
export function validateIpRanges(ranges: z.infer<typeof ipRange>[]): CidrRange[] {
  if (!ranges.length) throw fail("1007: 'ipRanges' must contain at least one range.");
  if (ranges.length > MAX_IP_RANGES) throw fail(`1007: A named location can contain at most ${MAX_IP_RANGES} IP ranges.`);
  return ranges.map((r, i) => {
    const type = r["@odata.type"]?.startsWith("#") ? r["@odata.type"] : r["@odata.type"] ? `#${r["@odata.type"]}` : undefined;
    if (!type) throw fail(`1007: 'ipRanges[${i}]' needs '@odata.type' (#microsoft.graph.iPv4CidrRange or #microsoft.graph.iPv6CidrRange).`);
    if (type !== "#microsoft.graph.iPv4CidrRange" && type !== "#microsoft.graph.iPv6CidrRange")
      throw fail(`1007: 'ipRanges[${i}]' has unsupported '@odata.type' '${r["@odata.type"]}'.`);
    const cidr = r.cidrAddress ? parseCidr(r.cidrAddress) : null;
    if (!cidr) throw fail(`1007: 'ipRanges[${i}].cidrAddress' '${r.cidrAddress ?? ""}' is not a valid CIDR range.`);
    if ((cidr.family === 4) !== (type === "#microsoft.graph.iPv4CidrRange"))
      throw fail(`1007: 'ipRanges[${i}].cidrAddress' '${r.cidrAddress}' does not match its type ${type}.`);
    if (cidr.prefix <= 8) throw fail(`1007: 'ipRanges[${i}].cidrAddress' '${r.cidrAddress}': only CIDR masks greater than /8 are supported.`);
    return { "@odata.type": type, cidrAddress: r.cidrAddress! } as CidrRange;
  });
}

/** A new location from a parsed body (required: displayName, ipRanges / countriesAndRegions). */
export function locationFromBody(body: IpLocationBody | CountryLocationBody, id: string, nowIso: string): NamedLocation {
  if (!body.displayName?.trim()) throw fail("1007: 'displayName' is required.");
  if (body["@odata.type"] === IP_TYPE) {
    if (!body.ipRanges) throw fail("1007: 'ipRanges' is required for an ipNamedLocation.");
    return { "@odata.type": IP_TYPE, id, displayName: body.displayName, createdDateTime: nowIso, modifiedDateTime: nowIso, isTrusted: body.isTrusted ?? false, ipRanges: validateIpRanges(body.ipRanges) };
  }
  if (!body.countriesAndRegions?.length) throw fail("1007: 'countriesAndRegions' is required for a countryNamedLocation.");
  return {
    "@odata.type": COUNTRY_TYPE, id, displayName: body.displayName, createdDateTime: nowIso, modifiedDateTime: nowIso,
    countriesAndRegions: body.countriesAndRegions.map((c) => c.toUpperCase()),
    includeUnknownCountriesAndRegions: body.includeUnknownCountriesAndRegions ?? false,
    countryLookupMethod: body.countryLookupMethod ?? "clientIpAddress",
  };
}

/** PATCH: the body's type must be the location's own; supplied properties replace. */
export function applyLocationPatch(current: NamedLocation, body: IpLocationBody | CountryLocationBody, nowIso: string): NamedLocation {
  if (body["@odata.type"] !== current["@odata.type"])
    throw fail(`1007: The '@odata.type' of a named location can't be changed (it is ${current["@odata.type"]}).`);
  if (body.displayName !== undefined && !body.displayName.trim()) throw fail("1007: 'displayName' can't be empty.");
  const next = structuredClone(current);
  if (body.displayName !== undefined) next.displayName = body.displayName;
  if (next["@odata.type"] === IP_TYPE && body["@odata.type"] === IP_TYPE) {
    if (body.isTrusted !== undefined) next.isTrusted = body.isTrusted;
    if (body.ipRanges !== undefined) next.ipRanges = validateIpRanges(body.ipRanges);
  } else if (next["@odata.type"] === COUNTRY_TYPE && body["@odata.type"] === COUNTRY_TYPE) {
    if (body.countriesAndRegions !== undefined) {
      if (!body.countriesAndRegions.length) throw fail("1007: 'countriesAndRegions' can't be empty.");
      next.countriesAndRegions = body.countriesAndRegions.map((c) => c.toUpperCase());
    }
    if (body.includeUnknownCountriesAndRegions !== undefined) next.includeUnknownCountriesAndRegions = body.includeUnknownCountriesAndRegions;
    if (body.countryLookupMethod !== undefined) next.countryLookupMethod = body.countryLookupMethod;
  }
  next.modifiedDateTime = nowIso;
  return next;
}

export function checkLocationQuota(state: TenantState) {
  if (state.conditionalAccess.namedLocations.length >= MAX_NAMED_LOCATIONS)
    throw fail(`1007: A tenant can have at most ${MAX_NAMED_LOCATIONS} named locations.`);
}

/** Ids of the policies whose location condition names the location. */
export function policiesUsingLocation(state: TenantState, locationId: string): string[] {
  const key = locationId.toLowerCase();
  return state.conditionalAccess.policies
    .filter((p) => p.conditions.locations && [...p.conditions.locations.includeLocations, ...p.conditions.locations.excludeLocations].some((r) => r.toLowerCase() === key))
    .map((p) => p.id);
}

/**
 * Delete rules: a location still used by a policy can't be deleted, nor a trusted one until it is
 * marked untrusted (behavior.md 3.21).
 */
export function checkLocationDeletable(state: TenantState, loc: NamedLocation) {
  const users = policiesUsingLocation(state, loc.id);
  if (users.length)
    throw fail(`The named location '${loc.displayName}' is referenced by Conditional Access policies (${users.join(", ")}). Remove it from those policies before deleting it.`);
  if (loc["@odata.type"] === IP_TYPE && loc.isTrusted)
    throw fail(`The named location '${loc.displayName}' is marked as trusted. Mark it untrusted before deleting it.`);
}
