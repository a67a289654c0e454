/**
 * Which delegated Graph scopes a user token carries: the requested ones, or for `/.default` the app's
 * consented set. An app with an explicit `delegatedPermissions` list refuses anything else (AADSTS65001),
 * as a tenant without that consent would; unknown Graph permissions are invalid scopes (AADSTS70011).
 */
import type { DirectoryApplication } from "../domain/directory.types";
import { GRAPH_PERMISSIONS, OIDC_SCOPES, canonicalPermission } from "../domain/permissions";
import { OAuthError } from "./oauth-errors";
import { isGraphResource, parseScopes } from "./scopes";

/** Consent assumed for apps whose fixture lists no delegatedPermissions: every Graph scope we know. */
const ALL_DELEGATED = GRAPH_PERMISSIONS.filter((p) => !OIDC_SCOPES.has(p));

export interface GrantedScopes {
  resource: string;
  scopes: string[];
  /** The `scope` value of the token response. */
  responseScope: string;
  offlineAccess: boolean;
  openid: boolean;
}

export function grantDelegatedScopes(app: DirectoryApplication, scope: string | undefined): GrantedScopes {
  const parsed = parseScopes(scope);
  if (!parsed.raw.length) throw new OAuthError(70011);
  const consented = app.delegatedPermissions ?? ALL_DELEGATED;
  let scopes: string[];
  if (!isGraphResource(parsed.resource)) {
    scopes = parsed.isDefault ? [] : parsed.permissions;
  } else if (parsed.isDefault) {
    scopes = [...consented];
  } else {
    scopes = parsed.permissions.map((p) => {
      const canon = canonicalPermission(p);
      if (!canon) throw new OAuthError(70011);
      if (app.delegatedPermissions && !app.delegatedPermissions.includes(canon)) throw new OAuthError(65001, [app.appId]);
      return canon;
    });
  }
  if (isGraphResource(parsed.resource) && !scopes.length && !parsed.isDefault) scopes = ["User.Read"];
  const oidc = parsed.oidc.map((s) => s.toLowerCase());
  // Entra names Graph scopes without the resource prefix in the response ("User.Read openid profile"),
  // which is what MSAL's cache matches a later acquireTokenSilent({scopes:["User.Read"]}) against.
  const prefix = isGraphResource(parsed.resource) ? "" : `${parsed.resource}/`;
  const responseScope = [...scopes.map((s) => prefix + s), ...oidc.filter((s) => s !== "offline_access")].join(" ");
  return {
    resource: parsed.resource,
    scopes,
    responseScope,
    offlineAccess: oidc.includes("offline_access"),
    openid: oidc.includes("openid"),
  };
}
