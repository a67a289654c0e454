/**
 * What discovery advertises is served: `client_secret_basic` at the token endpoint and the
 * `userinfo_endpoint`.
 */
import { describe, it, expect } from "vitest";
import { decodeJwt } from "jose";
import { harness, newTenant, appToken, userToken, expectGraphError, BOOTSTRAP, ORIGIN } from "../helpers";

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

describe("token endpoint: client_secret_basic", () => {
  it("authenticates a confidential client from the Authorization header", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const disco = await h.call("GET", `/${t.id}/v2.0/.well-known/openid-configuration`);
    expect(disco.body.token_endpoint_auth_methods_supported).toContain("client_secret_basic");
    const res = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, {
      form: { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" },
      headers: { authorization: basic(BOOTSTRAP.appId, BOOTSTRAP.secret) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(decodeJwt(res.body.access_token).azp).toBe(BOOTSTRAP.appId);
  });

  it("rejects a wrong secret in the header with AADSTS7000215", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, {
      form: { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" },
      headers: { authorization: basic(BOOTSTRAP.appId, "wrong") },
    });
    expect(res.status).toBe(401);
    expect(res.body.error_codes).toEqual([7000215]);
  });
});

describe("OIDC userinfo endpoint", () => {
  it("is advertised on the origin and answers the signed-in user's claims", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const disco = await h.call("GET", `/${t.id}/v2.0/.well-known/openid-configuration`);
    const url = new URL(disco.body.userinfo_endpoint);
    expect(url.origin).toBe(ORIGIN);
    const token = await userToken(h, t.id, t.upn("alice"));
    const res = await h.call("GET", url.pathname, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sub: decodeJwt(token).oid, email: t.upn("alice") });
    expect(res.body.name).toBeTypeOf("string");
    const post = await h.call("POST", url.pathname, { token });
    expect(post.status).toBe(200);
  });

  it("refuses a missing token and an app-only token with 401", async () => {
    const h = await harness();
    const t = await newTenant(h);
    expectGraphError(await h.call("GET", "/oidc/userinfo"), 401, "InvalidAuthenticationToken");
    expectGraphError(await h.call("GET", "/oidc/userinfo", { token: await appToken(h, t.id) }), 401, "InvalidAuthenticationToken");
  });
});
