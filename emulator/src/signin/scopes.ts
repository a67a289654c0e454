/**
 * Scope handling: which resource a token is for and which permissions it carries. Graph scopes may be
 * written bare (`User.Read`), with the Graph URI (`https://graph.microsoft.com/User.Read`) or with the
 * Graph app id; `/.default` means "everything consented".
 */
import { OIDC_SCOPES } from "../domain/permissions";

export const GRAPH_RESOURCE = "https://graph.microsoft.com";
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
const GRAPH_PREFIXES = [`${GRAPH_RESOURCE}/`, `${GRAPH_APP_ID}/`, "https://graph.microsoft.com//"];

export interface ParsedScopes {
  /** The token audience (the resource), Graph unless another resource was named. */
  resource: string;
  /** Permission names without the resource prefix (no OIDC scopes). */
  permissions: string[];
  isDefault: boolean;
  oidc: string[];
  /** All requested scopes as given. */
  raw: string[];
}

export function parseScopes(scope: string | undefined): ParsedScopes {
  const raw = (scope ?? "").split(/\s+/).filter(Boolean);
  const oidc = raw.filter((s) => OIDC_SCOPES.has(s.toLowerCase()));
  let resource = GRAPH_RESOURCE;
  const permissions: string[] = [];
  let isDefault = false;
  for (const s of raw) {
    if (OIDC_SCOPES.has(s.toLowerCase())) continue;
    const graphPrefix = GRAPH_PREFIXES.find((p) => s.toLowerCase().startsWith(p));
    let name = s;
    if (graphPrefix) name = s.slice(graphPrefix.length);
    else if (s.includes("/")) {
      const cut = s.lastIndexOf("/");
      resource = s.slice(0, cut);
      name = s.slice(cut + 1);
    }
    if (name === ".default") isDefault = true;
    else permissions.push(name);
  }
  return { resource, permissions, isDefault, oidc, raw };
}

/**
 * The resource (app id) a sign-in asks a token for, which Conditional Access application conditions
 * target (behavior.md 3.13): Microsoft Graph for Graph scopes, a tenant app for `api://<appId>/...` or
 * `<appId>/...` scopes; null when only OIDC scopes were asked (the client itself is the target).
 */
export function resourceAppIdOf(scope: string | undefined, tenantAppIds: readonly string[]): string | null {
  const parsed = parseScopes(scope);
  if (!parsed.permissions.length && !parsed.isDefault) return null;
  if (isGraphResource(parsed.resource)) return GRAPH_APP_ID;
  const r = parsed.resource.toLowerCase();
  return tenantAppIds.find((id) => r === id || r.endsWith(`/${id}`) || r.includes(id)) ?? null;
}

export function isGraphResource(resource: string): boolean {
  const r = resource.toLowerCase().replace(/\/$/, "");
  return r === GRAPH_RESOURCE || r === GRAPH_APP_ID;
}
