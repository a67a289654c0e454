/**
 * The network location condition (behavior.md 3.19-3.25): `All`, `AllTrusted` (IP named locations
 * marked trusted plus the legacy MFA trusted IPs of the per-user MFA service settings), IP named
 * locations (IPv4 and IPv6 CIDR) and country locations. In What If, a location that needs an input that was not supplied is
 * "unknown", which makes the policy not apply (3.43).
 */
import type { TenantState } from "../state";
import type { CaPolicy, NamedLocation } from "./types";
import type { SignInContext } from "./evaluate";
import type { WhatIfReason } from "./conditions";
import { cidrContains, parseCidr, parseIp, type ParsedIp } from "./ip-ranges";

type Tri = true | false | "unknown";

/** The well-known id of the legacy "MFA Trusted IPs" location (shown in the doc's example 3). */
export const MFA_TRUSTED_IPS_LOCATION_ID = "00000000-0000-0000-0000-000000000000";

function inIpLocation(loc: NamedLocation, ip: ParsedIp | null): boolean {
  if (loc["@odata.type"] !== "#microsoft.graph.ipNamedLocation" || !ip) return false;
  return loc.ipRanges.some((r) => {
    const c = parseCidr(r.cidrAddress);
    return !!c && cidrContains(c, ip);
  });
}

/** True when the IP is in the legacy MFA service settings' trusted IPs (IPv4 only, behavior.md 3.24). */
export function inMfaTrustedIps(state: TenantState, ip: ParsedIp | null): boolean {
  const ranges = (state.legacy?.mfa as { trustedIps?: string[] } | undefined)?.trustedIps ?? [];
  return !!ip && ranges.some((r) => {
    const c = parseCidr(r);
    return !!c && cidrContains(c, ip);
  });
}

/**
 * True when the IP falls in the "All trusted locations" set (3.20): an IP named location marked
 * trusted, or the MFA trusted IPs (shown as the "MFA Trusted IPs" location).
 */
export function isTrustedIp(state: TenantState, ip: string): boolean {
  const parsed = parseIp(ip);
  return (
    state.conditionalAccess.namedLocations.some((l) => l["@odata.type"] === "#microsoft.graph.ipNamedLocation" && l.isTrusted && inIpLocation(l, parsed)) ||
    inMfaTrustedIps(state, parsed)
  );
}

function locationMatches(state: TenantState, ref: string, ctx: SignInContext, ip: ParsedIp | null): Tri {
  const key = ref.toLowerCase();
  const ipKnown = ctx.ipAddress.trim() !== "";
  if (key === "all") return true;
  if (key === "alltrusted") return ipKnown ? isTrustedIp(state, ctx.ipAddress) : "unknown";
  if (key === MFA_TRUSTED_IPS_LOCATION_ID) return ipKnown ? inMfaTrustedIps(state, ip) : "unknown";
  const loc = state.conditionalAccess.namedLocations.find((l) => l.id.toLowerCase() === key);
  if (!loc) return false;
  if (loc["@odata.type"] === "#microsoft.graph.ipNamedLocation") return ipKnown ? inIpLocation(loc, ip) : "unknown";
  // Country locations: the emulator has no GeoIP database, so the country comes from the context
  // (What If's `country`); an unknown country or a GPS lookup falls under includeUnknownCountriesAndRegions.
  const country = loc.countryLookupMethod === "authenticatorAppGps" ? null : ctx.countryCode?.toUpperCase() ?? null;
  if (!country) return ctx.mode === "whatIf" && loc.countryLookupMethod !== "authenticatorAppGps" ? "unknown" : loc.includeUnknownCountriesAndRegions;
  return loc.countriesAndRegions.some((c) => c.toUpperCase() === country);
}

/** Network location (behavior.md 3.19-3.23): any included location must match and no excluded one. */
export function checkLocations(state: TenantState, policy: CaPolicy, ctx: SignInContext): WhatIfReason | null {
  const l = policy.conditions.locations;
  if (!l) return null;
  const ip = parseIp(ctx.ipAddress);
  const inc = l.includeLocations.map((r) => locationMatches(state, r, ctx, ip));
  if (!inc.includes(true)) return "location";
  const exc = l.excludeLocations.map((r) => locationMatches(state, r, ctx, ip));
  if (exc.includes(true) || exc.includes("unknown")) return "location";
  return null;
}
