/**
 * Issues Entra-shaped JWTs (RS256, `kid`): app-only and delegated access tokens, ID tokens, and the
 * `client_info` blob MSAL reads. All times come from the tenant clock.
 */
import { SignJWT } from "jose";
import type { SigningKeys } from "./keys";
import type { TenantState } from "../domain/state";
import type { DirectoryApplication, DirectoryUser } from "../domain/directory.types";
import type { Ids } from "../domain/ports";
import { userRoleTemplateIds } from "../domain/directory";
import { DEFAULT_USER_ROLE_TEMPLATE, GUEST_USER_ROLE_TEMPLATE } from "../domain/principal";

export const issuerFor = (origin: string, tenantId: string) => `${origin}/${tenantId}/v2.0`;

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** The claims every token carries: audience, issuer, lifetime, tenant, unique id, version. */
function commonClaims(i: { origin: string; state: TenantState; now: Date; expiresAt: Date; ids: Ids }, aud: string) {
  return {
    aud,
    iss: issuerFor(i.origin, i.state.id),
    iat: seconds(i.now),
    nbf: seconds(i.now),
    exp: seconds(i.expiresAt),
    tid: i.state.id,
    uti: i.ids.opaque(16),
    ver: "2.0",
  };
}

async function sign(keys: SigningKeys, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: keys.kid }).sign(keys.privateKey);
}

export interface AppTokenInput {
  origin: string;
  state: TenantState;
  app: DirectoryApplication;
  audience: string;
  roles: string[];
  now: Date;
  expiresAt: Date;
  ids: Ids;
  /** Extra claims such as `xms_cc` when the client asked for CAE. */
  extra?: Record<string, unknown>;
}

export function appAccessToken(keys: SigningKeys, i: AppTokenInput): Promise<string> {
  const common = commonClaims(i, i.audience);
  return sign(keys, {
    ...common,
    azp: i.app.appId,
    azpacr: "1",
    idp: common.iss,
    idtyp: "app",
    oid: i.app.id,
    sub: i.app.id,
    roles: i.roles.length ? i.roles : undefined,
    ...i.extra,
  });
}

export interface UserTokenInput {
  origin: string;
  state: TenantState;
  user: DirectoryUser;
  clientId: string;
  audience: string;
  scopes: string[];
  amr: string[];
  authTime: Date;
  now: Date;
  expiresAt: Date;
  ids: Ids;
  /** When the session started with a TAP: the pass id (claim `xms_tap`, emulator-specific). */
  tapId?: string | null;
  confidential: boolean;
  extra?: Record<string, unknown>;
}

/** `wids`: the template ids of the user's directory roles plus the default user (or guest) role. */
export function widsFor(state: TenantState, user: DirectoryUser): string[] {
  const base = user.userType === "Guest" ? GUEST_USER_ROLE_TEMPLATE : DEFAULT_USER_ROLE_TEMPLATE;
  return [...userRoleTemplateIds(state, user.id), base];
}

export function userAccessToken(keys: SigningKeys, i: UserTokenInput): Promise<string> {
  return sign(keys, {
    ...commonClaims(i, i.audience),
    acr: "1",
    amr: i.amr,
    auth_time: seconds(i.authTime),
    azp: i.clientId,
    azpacr: i.confidential ? "1" : "0",
    family_name: i.user.surname ?? undefined,
    given_name: i.user.givenName ?? undefined,
    idtyp: "user",
    name: i.user.displayName,
    oid: i.user.id,
    preferred_username: i.user.userPrincipalName,
    scp: i.scopes.join(" "),
    sub: i.user.id,
    upn: i.user.userPrincipalName,
    wids: widsFor(i.state, i.user),
    ...(i.tapId ? { xms_tap: i.tapId } : {}),
    ...i.extra,
  });
}

export interface IdTokenInput {
  origin: string;
  state: TenantState;
  user: DirectoryUser;
  clientId: string;
  now: Date;
  expiresAt: Date;
  authTime: Date;
  amr: string[];
  nonce?: string | null;
  ids: Ids;
}

export function idToken(keys: SigningKeys, i: IdTokenInput): Promise<string> {
  return sign(keys, {
    ...commonClaims(i, i.clientId),
    amr: i.amr,
    auth_time: seconds(i.authTime),
    name: i.user.displayName,
    // MSAL rejects an id_token nonce it did not send: echo it only when the request carried one.
    ...(i.nonce ? { nonce: i.nonce } : {}),
    oid: i.user.id,
    preferred_username: i.user.userPrincipalName,
    email: i.user.mail ?? undefined,
    sub: i.user.id,
  });
}

/** base64url of `{"uid": oid, "utid": tid}`: MSAL builds `homeAccountId` from it. */
export function clientInfo(userId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: userId, utid: tenantId })).toString("base64url");
}
