/**
 * Certificate client credentials (Entra "certificate credentials for application authentication"): a
 * confidential client proves itself with `client_assertion`, a JWT it signed with the private key of a
 * certificate registered on the app, and `client_assertion_type` =
 * `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.
 *
 * Checks, in the order Entra reports them:
 * - the JWT is well formed, `alg` RS256 or PS256, `aud` a single string (AADSTS50027 otherwise);
 * - `iss` = `sub` = `client_id` (AADSTS700021);
 * - the header's `x5t#S256` (base64url SHA-256 of the DER) or `x5t` (SHA-1) names a registered
 *   certificate, and the signature verifies with its key (AADSTS700027);
 * - `aud` is the token endpoint (as called, or its tenant-GUID form; v2 or v1 path) (AADSTS700023);
 * - `exp` is in the future by the tenant clock (AADSTS700024). `nbf`/`iat` are not checked: clients sign
 *   with the real clock while a tenant's clock may be set anywhere (fixtures pin it, tests move it), so
 *   an assertion made "now" must work in a tenant whose clock is behind; it expires on that tenant's clock;
 * - `jti` is present (AADSTS90014).
 * Verification is synchronous (node:crypto), so every grant's client authentication can use it.
 */
import { X509Certificate, createHash, verify as cryptoVerify, constants } from "node:crypto";
import type { TenantState } from "../domain/state";
import type { DirectoryApplication } from "../domain/directory.types";
import { OAuthError } from "./oauth-errors";

export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** What the token endpoint knows about the request, needed to check an assertion's `aud` and time. */
export interface AssertionContext {
  /** The token endpoint URL as the client called it (origin + path). */
  tokenEndpoint: string;
  origin: string;
  /** The tenant's clock. */
  now(state: TenantState): Date;
}

// Set by the token route for each request's parsed form; read by client authentication in any grant.
const contexts = new WeakMap<Record<string, string>, AssertionContext>();

export function setAssertionContext(form: Record<string, string>, ctx: AssertionContext): void {
  contexts.set(form, ctx);
}

/** Parses a PEM certificate; returns it in canonical PEM form, or null when it is not a certificate. */
export function normalizeCertificatePem(pem: string): string | null {
  try {
    return new X509Certificate(pem).toString();
  } catch {
    return null;
  }
}

const b64url = (buf: Buffer) => buf.toString("base64url");

/** `x5t#S256` and `x5t` of a PEM certificate (base64url SHA-256 / SHA-1 of the DER). */
export function certificateThumbprints(pem: string): { x5tS256: string; x5t: string } {
  const der = new X509Certificate(pem).raw;
  return { x5tS256: b64url(createHash("sha256").update(der).digest()), x5t: b64url(createHash("sha1").update(der).digest()) };
}

function decodeSegment(seg: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(seg, "base64url").toString("utf8"));
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
  return value as Record<string, unknown>;
}

/** Verifies `client_assertion` for `app`; throws the AADSTS error Entra would answer with. */
export function verifyClientAssertion(state: TenantState, app: DirectoryApplication, form: Record<string, string>): void {
  const type = form.client_assertion_type;
  if (!type) throw new OAuthError(900144, ["client_assertion_type"]);
  if (type !== JWT_BEARER_ASSERTION_TYPE) throw new OAuthError(90011, [type]);
  const ctx = contexts.get(form);
  if (!ctx) throw new OAuthError(50027, [], { error: "invalid_client", status: 401 });
  const parts = form.client_assertion.split(".");
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    if (parts.length !== 3) throw new Error("not a JWS");
    header = decodeSegment(parts[0]);
    claims = decodeSegment(parts[1]);
  } catch {
    throw new OAuthError(50027, [], { error: "invalid_client", status: 401 });
  }
  const alg = header.alg;
  if ((alg !== "RS256" && alg !== "PS256") || typeof claims.aud !== "string")
    throw new OAuthError(50027, [], { error: "invalid_client", status: 401 });
  if (claims.iss !== app.appId && String(claims.iss).toLowerCase() !== app.appId) throw new OAuthError(700021, [String(claims.iss ?? ""), app.appId]);
  if (claims.sub !== claims.iss) throw new OAuthError(700021, [String(claims.sub ?? ""), app.appId]);

  const thumb = typeof header["x5t#S256"] === "string" ? (header["x5t#S256"] as string) : typeof header.x5t === "string" ? (header.x5t as string) : "";
  const cert = (app.certificates ?? []).find((pem) => {
    const t = certificateThumbprints(pem);
    return header["x5t#S256"] !== undefined ? t.x5tS256 === thumb : t.x5t === thumb;
  });
  if (!cert)
    throw new OAuthError(700027, [
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumb}', Please see the configured keys (keyCredentials) of app Id '${app.appId}'.]`,
    ]);
  const key = new X509Certificate(cert).publicKey;
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], "base64url");
  let ok = false;
  try {
    ok =
      alg === "PS256"
        ? cryptoVerify("sha256", signed, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature)
        : cryptoVerify("sha256", signed, key, signature);
  } catch {
    ok = false; // e.g. a non-RSA certificate or a signature of the wrong size
  }
  if (!ok) throw new OAuthError(700027, ["Client assertion failed signature validation."]);

  const endpoint = ctx.tokenEndpoint.toLowerCase();
  const accepted = new Set([
    endpoint,
    `${ctx.origin}/${state.id}/oauth2/v2.0/token`.toLowerCase(),
    `${ctx.origin}/${state.id}/oauth2/token`.toLowerCase(),
  ]);
  if (!accepted.has(claims.aud.toLowerCase().replace(/\/$/, ""))) throw new OAuthError(700023, [claims.aud]);

  const now = Math.floor(ctx.now(state).getTime() / 1000);
  const exp = typeof claims.exp === "number" ? claims.exp : null;
  const nbf = typeof claims.nbf === "number" ? claims.nbf : null;
  if (exp === null) throw new OAuthError(90014, ["exp"]);
  if (exp <= now)
    throw new OAuthError(700024, [new Date(now * 1000).toISOString(), nbf !== null ? new Date(nbf * 1000).toISOString() : "", new Date(exp * 1000).toISOString()]);
  if (typeof claims.jti !== "string" || !claims.jti) throw new OAuthError(90014, ["jti"]);
}
