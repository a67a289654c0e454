/**
 * A resource server's view of the emulator's tokens: fetch the discovery document, build a remote JWKS
 * from its jwks_uri and verify an access token with jose (signature, issuer, audience, expiry), the
 * way an API protected by Entra ID validates callers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createRemoteJWKSet, jwtVerify, errors, decodeProtectedHeader } from "jose";
import { BOOTSTRAP, PASSWORD, PUBLIC_CLIENT, createTenant, emulator } from "./support/emulator";

let tenant: Awaited<ReturnType<typeof createTenant>>;
let discovery: { issuer: string; jwks_uri: string; token_endpoint: string };

async function token(form: Record<string, string>) {
  const res = await fetch(discovery.token_endpoint, { method: "POST", body: new URLSearchParams(form) });
  const body = await res.json();
  if (res.status !== 200) throw new Error(JSON.stringify(body));
  return body as { access_token: string; id_token?: string };
}

beforeAll(async () => {
  tenant = await createTenant();
  discovery = await (await fetch(`${emulator().url}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`)).json();
});

describe("verifying emulator tokens with jose", () => {
  it("publishes an issuer and jwks_uri on the emulator's own origin", () => {
    expect(discovery.issuer).toBe(`${emulator().url}/${tenant.tenantId}/v2.0`);
    expect(discovery.jwks_uri).toBe(`${emulator().url}/${tenant.tenantId}/discovery/v2.0/keys`);
  });

  it("verifies an app-only access token against the remote JWKS, issuer and Graph audience", async () => {
    const { access_token } = await token({ grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, scope: "https://graph.microsoft.com/.default" });
    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
    const { payload, protectedHeader } = await jwtVerify(access_token, jwks, {
      issuer: discovery.issuer,
      audience: "https://graph.microsoft.com",
      algorithms: ["RS256"],
    });
    expect(protectedHeader.kid).toBeTypeOf("string");
    expect(payload.tid).toBe(tenant.tenantId);
    expect(payload.ver).toBe("2.0");
    expect(payload.roles).toContain("User.ReadWrite.All");
  });

  it("verifies a delegated token and its wids for an admin", async () => {
    const { access_token } = await token({ grant_type: "password", client_id: PUBLIC_CLIENT.appId, username: tenant.upn("globaladmin"), password: PASSWORD, scope: "User.Read openid profile" });
    const { payload } = await jwtVerify(access_token, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer: discovery.issuer, audience: "https://graph.microsoft.com" });
    expect(payload.scp).toContain("User.Read");
    expect(payload.wids).toContain("62e90394-69f5-4237-9190-012177145e10"); // Global Administrator template id
    expect(payload.upn).toBe(tenant.upn("globaladmin"));
  });

  it("rejects the token when the expected issuer is another tenant's", async () => {
    const other = await createTenant();
    const { access_token } = await token({ grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, scope: "https://graph.microsoft.com/.default" });
    const error = await jwtVerify(access_token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: `${emulator().url}/${other.tenantId}/v2.0`,
      audience: "https://graph.microsoft.com",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(errors.JWTClaimValidationFailed);
    expect(error.claim).toBe("iss");
  });

  it("rejects a token whose signature was tampered with", async () => {
    const { access_token } = await token({ grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, scope: "https://graph.microsoft.com/.default" });
    expect(decodeProtectedHeader(access_token).alg).toBe("RS256");
    const [h, p, s] = access_token.split(".");
    const flipped = `${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    const error = await jwtVerify(flipped, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer: discovery.issuer }).catch((e) => e);
    expect(error).toBeInstanceOf(errors.JWSSignatureVerificationFailed);
  });
});
