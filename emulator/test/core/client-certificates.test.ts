/**
 * Certificate client credentials (client_assertion, private_key_jwt) at the token endpoint, the fixture's
 * `applications[].certificates`, and their export.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { createHash } from "node:crypto";
import forge from "node-forge";
import { SignJWT, importPKCS8, decodeJwt } from "jose";
import { harness, newTenant, ORIGIN, PUBLIC_APP, type Harness } from "../helpers";

const CERT_APP = "4d3c2b1a-0f9e-4d8c-9b7a-6f5e4d3c2b1a";
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const GRAPH_DEFAULT = "https://graph.microsoft.com/.default";

interface KeyPair { certPem: string; keyPem: string; der: Buffer }

function makeCert(cn: string): KeyPair {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  cert.setSubject([{ name: "commonName", value: cn }]);
  cert.setIssuer([{ name: "commonName", value: cn }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), "binary");
  const keyPem = forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keys.privateKey)));
  return { certPem: forge.pki.certificateToPem(cert), keyPem, der };
}

let registered: KeyPair;
let stranger: KeyPair;
beforeAll(() => {
  registered = makeCert("tenantlab cert app");
  stranger = makeCert("not registered");
});

const x5tS256 = (k: KeyPair) => createHash("sha256").update(k.der).digest("base64url");
const x5t = (k: KeyPair) => createHash("sha1").update(k.der).digest("base64url");

async function assertion(
  k: KeyPair,
  opts: { alg?: "PS256" | "RS256"; aud: string; iss?: string; sub?: string; header?: Record<string, string>; iat?: number; exp?: number; jti?: string | null },
) {
  const alg = opts.alg ?? "PS256";
  const key = await importPKCS8(k.keyPem, alg);
  const iat = opts.iat ?? Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...(opts.jti === null ? {} : { jti: opts.jti ?? crypto.randomUUID() }) })
    .setProtectedHeader({ alg, typ: "JWT", ...(opts.header ?? { "x5t#S256": x5tS256(k) }) })
    .setAudience(opts.aud)
    .setIssuer(opts.iss ?? CERT_APP)
    .setSubject(opts.sub ?? opts.iss ?? CERT_APP)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(opts.exp ?? iat + 600);
  return jwt.sign(key);
}

async function certTenant(h: Harness) {
  return newTenant(h, (doc) => {
    doc.applications.push({
      appId: CERT_APP, displayName: "Cert daemon", certificates: [registered.certPem], applicationPermissions: ["User.Read.All"],
    });
  });
}

const tokenUrl = (segment: string) => `${ORIGIN}/${segment}/oauth2/v2.0/token`;
const request = (h: Harness, segment: string, form: Record<string, string>) => h.call("POST", `/${segment}/oauth2/v2.0/token`, { form });
const ccForm = (clientAssertion: string, extra: Record<string, string> = {}) => ({
  grant_type: "client_credentials", client_id: CERT_APP, scope: GRAPH_DEFAULT,
  client_assertion_type: ASSERTION_TYPE, client_assertion: clientAssertion, ...extra,
});

function expectAadsts(res: { status: number; body: any }, code: number, status: number, error: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error).toBe(error);
  expect(res.body.error_codes).toEqual([code]);
  expect(res.body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
}

describe("certificate client credentials", () => {
  it("issues an app token for a PS256 assertion with x5t#S256 (what Azure Identity sends)", async () => {
    const h = await harness();
    const t = await certTenant(h);
    const res = await request(h, t.id, ccForm(await assertion(registered, { aud: tokenUrl(t.id) })));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const claims = decodeJwt(res.body.access_token);
    expect(claims).toMatchObject({ aud: "https://graph.microsoft.com", tid: t.id, azp: CERT_APP, idtyp: "app", roles: ["User.Read.All"] });
    // The token works on Graph.
    const users = await h.call("GET", "/v1.0/users?$top=1", { token: res.body.access_token });
    expect(users.status).toBe(200);
  });

  it("accepts RS256 with a SHA-1 x5t, and an aud in the tenant-GUID form when the domain was called", async () => {
    const h = await harness();
    const t = await certTenant(h);
    const res = await request(h, t.domain, ccForm(await assertion(registered, { alg: "RS256", header: { x5t: x5t(registered) }, aud: tokenUrl(t.id) })));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const asCalled = await request(h, t.domain, ccForm(await assertion(registered, { aud: tokenUrl(t.domain) })));
    expect(asCalled.status, JSON.stringify(asCalled.body)).toBe(200);
  });

  it("rejects a certificate that is not registered on the app with AADSTS700027", async () => {
    const h = await harness();
    const t = await certTenant(h);
    const res = await request(h, t.id, ccForm(await assertion(stranger, { aud: tokenUrl(t.id) })));
    expectAadsts(res, 700027, 401, "invalid_client");
    expect(res.body.error_description).toContain("not registered on application");
  });

  it("rejects a forged signature (registered thumbprint, other key) with AADSTS700027", async () => {
    const h = await harness();
    const t = await certTenant(h);
    const forged = await assertion(stranger, { aud: tokenUrl(t.id), header: { "x5t#S256": x5tS256(registered) } });
    const res = await request(h, t.id, ccForm(forged));
    expectAadsts(res, 700027, 401, "invalid_client");
    expect(res.body.error_description).toContain("signature validation");
  });

  it("answers a truncated signature with AADSTS700027, never a 500", async () => {
    const h = await harness();
    const t = await certTenant(h);
    const jwt = await assertion(registered, { aud: tokenUrl(t.id) });
    const truncated = jwt.slice(0, jwt.lastIndexOf(".") + 8);
    expectAadsts(await request(h, t.id, ccForm(truncated)), 700027, 401, "invalid_client");
  });

  it("rejects an assertion for another audience with AADSTS700023", async () => {
    const h = await harness();
    const t = await certTenant(h);
    const res = await request(h, t.id, ccForm(await assertion(registered, { aud: "https://login.microsoftonline.com/common/oauth2/v2.0/token" })));
    expectAadsts(res, 700023, 401, "invalid_client");
  });

  it("judges expiry by the tenant clock (AADSTS700024)", async () => {
    const h = await harness();
    const t = await certTenant(h);
    // Signed "now" by the tenant's clock, valid 10 minutes.
    const tenantNow = Math.floor(Date.parse((await h.call("GET", `/_emulator/tenants/${t.id}/clock`)).body.now) / 1000);
    const jwt = await assertion(registered, { aud: tokenUrl(t.id), iat: tenantNow });
    expect((await request(h, t.id, ccForm(jwt))).status).toBe(200);
    const clock = await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 11 } });
    expect(clock.status).toBe(200);
    expectAadsts(await request(h, t.id, ccForm(jwt)), 700024, 401, "invalid_client");
  });

  it("rejects iss/sub other than the client id (AADSTS700021) and a missing jti (AADSTS90014)", async () => {
    const h = await harness();
    const t = await certTenant(h);
    expectAadsts(await request(h, t.id, ccForm(await assertion(registered, { aud: tokenUrl(t.id), iss: PUBLIC_APP.appId }))), 700021, 401, "invalid_client");
    const noJti = await request(h, t.id, ccForm(await assertion(registered, { aud: tokenUrl(t.id), jti: null })));
    expectAadsts(noJti, 90014, 400, "invalid_request");
    expect(noJti.body.error_description).toContain("'jti'");
  });

  it("rejects a wrong assertion type, a malformed assertion, and assertions from public clients", async () => {
    const h = await harness();
    const t = await certTenant(h);
    const jwt = await assertion(registered, { aud: tokenUrl(t.id) });
    expectAadsts(await request(h, t.id, ccForm(jwt, { client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:saml2-bearer" })), 90011, 400, "invalid_request");
    expectAadsts(await request(h, t.id, { ...ccForm(jwt), client_assertion_type: "" }), 900144, 400, "invalid_request");
    expectAadsts(await request(h, t.id, ccForm("not.a-jwt")), 50027, 401, "invalid_client");
    const pub = await request(h, t.id, { ...ccForm(jwt), client_id: PUBLIC_APP.appId, grant_type: "password", username: t.upn("alice"), password: "x" });
    expectAadsts(pub, 700025, 401, "invalid_client");
  });

  it("authenticates the confidential client of user grants too (ROPC, then refresh_token)", async () => {
    const h = await harness();
    const t = await certTenant(h);
    const user = {
      grant_type: "password", client_id: CERT_APP, username: t.upn("alice"), password: "TenantLab-Passw0rd!",
      scope: `${GRAPH_DEFAULT} offline_access openid`, client_assertion_type: ASSERTION_TYPE,
    };
    const ropc = await request(h, t.id, { ...user, client_assertion: await assertion(registered, { aud: tokenUrl(t.id) }) });
    expect(ropc.status, JSON.stringify(ropc.body)).toBe(200);
    expect(ropc.body.refresh_token).toBeTypeOf("string");
    const refresh = await request(h, t.id, {
      grant_type: "refresh_token", client_id: CERT_APP, refresh_token: ropc.body.refresh_token, scope: `${GRAPH_DEFAULT} offline_access`,
      client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion(registered, { aud: tokenUrl(t.id) }),
    });
    expect(refresh.status, JSON.stringify(refresh.body)).toBe(200);
    const forged = await request(h, t.id, {
      grant_type: "refresh_token", client_id: CERT_APP, refresh_token: refresh.body.refresh_token, scope: GRAPH_DEFAULT,
      client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion(stranger, { aud: tokenUrl(t.id) }),
    });
    expectAadsts(forged, 700027, 401, "invalid_client");
  });

  it("still asks for a credential when an app has certificates but the request has none (AADSTS7000218)", async () => {
    const h = await harness();
    const t = await certTenant(h);
    expectAadsts(await request(h, t.id, { grant_type: "client_credentials", client_id: CERT_APP, scope: GRAPH_DEFAULT }), 7000218, 401, "invalid_client");
  });
});

describe("fixture: applications[].certificates", () => {
  it("rejects a value that is not a PEM certificate, naming the field, and creates nothing", async () => {
    const h = await harness();
    const before = (await h.call("GET", "/_emulator/tenants")).body.value.length;
    const bad = await h.call("POST", "/_emulator/tenants", {
      body: { tenant: { displayName: "X", domains: [{ id: "certbad.example" }] }, applications: [{ appId: CERT_APP, displayName: "a", certificates: ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("applications[0].certificates[0]");
    expect((await h.call("GET", "/_emulator/tenants")).body.value.length).toBe(before);
  });

  it("keeps the certificates in the export, and the re-imported tenant accepts the same assertions", async () => {
    const h = await harness();
    const t = await certTenant(h);
    const exported = (await h.call("GET", `/_emulator/tenants/${t.id}/export`)).body;
    const app = exported.applications.find((a: any) => a.appId === CERT_APP);
    expect(app.certificates).toHaveLength(1);
    expect(app.certificates[0]).toContain("-----BEGIN CERTIFICATE-----");
    expect(app.clientSecret).toBeUndefined();
    await h.call("DELETE", `/_emulator/tenants/${t.id}`);
    const again = await h.call("POST", "/_emulator/tenants", { body: exported });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const res = await request(h, t.id, ccForm(await assertion(registered, { aud: tokenUrl(t.id) })));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});
