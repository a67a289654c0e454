/**
 * Who is calling Graph: a user through an app (delegated, `scp` + `wids`) or an app on its own
 * (application permissions, `roles`). Built from a verified access token by http/bearer-auth.ts.
 */
export interface UserPrincipal {
  kind: "user";
  tenantId: string;
  userId: string;
  /** The client app the token was issued to. */
  appId: string;
  /** Delegated scopes (`scp`). */
  scopes: string[];
  /** Directory role template ids (`wids`). */
  roleTemplateIds: string[];
  amr: string[];
  /** Token issue and auth instants (tenant clock), for rules such as the TAP 10-minute window. */
  issuedAt: Date;
  authTime: Date | null;
  /** The TAP id when the session started with a Temporary Access Pass. */
  tapId: string | null;
}

export interface AppPrincipal {
  kind: "app";
  tenantId: string;
  appId: string;
  appObjectId: string;
  displayName: string;
  /** Application permissions (`roles`). */
  permissions: string[];
}

export type Principal = UserPrincipal | AppPrincipal;

/** The well-known template id every member user carries in `wids` (Entra's "default user" role). */
export const DEFAULT_USER_ROLE_TEMPLATE = "b79fbf4d-3ef9-4689-8143-76b194e85509";
/** The `wids` entry guests carry instead (Guest User role). */
export const GUEST_USER_ROLE_TEMPLATE = "10dae51f-b6af-4016-8d66-8c2a99b929b3";
