import { describe, it, expect } from "vitest";
import { createLocalJWKSet, jwtVerify, errors } from "jose";
import { harness, newTenant, appToken, userToken } from "../helpers";

describe("discovery documents", () => {
  it("serves the v2.0 document on both paths, with the issuer on the request origin", async () => {
    const h = await harness();
    const t = await newTenant(h);
    for (const path of [`/${t.id}/v2.0/.well-known/openid-configuration`, `/${t.id}/.well-known/openid-configuration`]) {
      const res = await h.call("GET", path);
      expect(res.status).toBe(200);
      expect(res.body.issuer).toBe(`https://localhost:8443/${t.id}/v2.0`);
      expect(res.body.token_endpoint).toBe(`https://localhost:8443/${t.id}/oauth2/v2.0/token`);
      expect(res.body.jwks_uri).toBe(`https://localhost:8443/${t.id}/discovery/v2.0/keys`);
      expect(res.body.id_token_signing_alg_values_supported).toEqual(["RS256"]);
    }
  });

  it("follows the origin the client used", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await h.app.request(`https://tenantlab:9443/${t.domain}/v2.0/.well-known/openid-configuration`);
    const body = await res.json();
    expect(body.issuer).toBe(`https://tenantlab:9443/${t.id}/v2.0`);
    expect(body.authorization_endpoint).toBe(`https://tenantlab:9443/${t.id}/oauth2/v2.0/authorize`);
  });

  it("uses the {tenantid} placeholder for common and organizations", async () => {
    const h = await harness();
    for (const seg of ["common", "organizations"]) {
      const body = (await h.call("GET", `/${seg}/v2.0/.well-known/openid-configuration`)).body;
      expect(body.issuer).toBe("https://localhost:8443/{tenantid}/v2.0");
      expect(body.token_endpoint).toBe(`https://localhost:8443/${seg}/oauth2/v2.0/token`);
    }
  });

  it("answers an unknown tenant with AADSTS90002", async () => {
    const h = await harness();
    const res = await h.call("GET", "/unknown.example/v2.0/.well-known/openid-configuration");
    expect(res.status).toBe(400);
    expect(res.body.error_codes).toEqual([90002]);
  });
});

describe("JWKS", () => {
  it("publishes an RS256 key with kid that verifies app and user tokens like a resource server", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const meta = (await h.call("GET", `/${t.id}/v2.0/.well-known/openid-configuration`)).body;
    const jwks = (await h.call("GET", new URL(meta.jwks_uri).pathname)).body;
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(jwks.keys[0].kid).toBeTypeOf("string");
    expect(jwks.keys[0].d).toBeUndefined();
    const keySet = createLocalJWKSet(jwks);
    const now = h.clock.now();
    for (const token of [await appToken(h, t.id), await userToken(h, t.id, t.upn("alice"))]) {
      const { payload, protectedHeader } = await jwtVerify(token, keySet, { issuer: meta.issuer, audience: "https://graph.microsoft.com", currentDate: now });
      expect(protectedHeader.kid).toBe(jwks.keys[0].kid);
      expect(payload.tid).toBe(t.id);
    }
  });

  it("makes a tampered token fail verification", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const jwks = (await h.call("GET", `/${t.id}/discovery/v2.0/keys`)).body;
    const [head, payload, sig] = (await appToken(h, t.id)).split(".");
    const tampered = `${head}.${payload.slice(0, -2)}AA.${sig}`;
    await expect(jwtVerify(tampered, createLocalJWKSet(jwks), { currentDate: h.clock.now() })).rejects.toBeInstanceOf(errors.JOSEError);
  });

  it("serves the same keys for a domain segment and for common", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const a = (await h.call("GET", `/${t.domain}/discovery/v2.0/keys`)).body;
    const b = (await h.call("GET", "/common/discovery/v2.0/keys")).body;
    expect(a).toEqual(b);
  });

  it("serves the v1 keys path too, and answers AADSTS90002 for an unknown tenant on both paths", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const v1 = await h.call("GET", `/${t.id}/discovery/keys`);
    expect(v1.status).toBe(200);
    expect(v1.body.keys[0].kid).toBeTypeOf("string");
    for (const path of ["/unknown.example/discovery/keys", "/unknown.example/discovery/v2.0/keys"]) {
      const res = await h.call("GET", path);
      expect(res.status).toBe(400);
      expect(res.body.error_codes).toEqual([90002]);
    }
  });
});
