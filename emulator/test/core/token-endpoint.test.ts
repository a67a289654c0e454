import { describe, it, expect } from "vitest";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { harness, newTenant, BOOTSTRAP, PUBLIC_APP, READER_APP, PASSWORD, type Harness } from "../helpers";

const GRAPH_DEFAULT = "https://graph.microsoft.com/.default";

function expectAadsts(res: { status: number; body: any }, code: number, status = 400, error?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error_codes).toEqual([code]);
  expect(res.body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
  expect(res.body.error_description).toContain("Trace ID: ");
  expect(res.body.error_description).toContain("Correlation ID: ");
  expect(res.body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
  expect(res.body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.body.correlation_id).toBeTypeOf("string");
  if (error) expect(res.body.error).toBe(error);
}

const token = (h: Harness, tenant: string, form: Record<string, string>) => h.call("POST", `/${tenant}/oauth2/v2.0/token`, { form });
const ropc = (username: string, password = PASSWORD, extra: Record<string, string> = {}) => ({
  grant_type: "password", client_id: PUBLIC_APP.appId, username, password, scope: `${GRAPH_DEFAULT} offline_access openid profile`, ...extra,
});

describe("token endpoint: client credentials", () => {
  it("issues an app token with the app's permissions as roles", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await token(h, t.id, { grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, scope: GRAPH_DEFAULT });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: "Bearer" });
    expect(res.body.expires_in).toBe(res.body.ext_expires_in);
    expect(res.body.refresh_token).toBeUndefined();
    expect(res.headers.get("cache-control")).toBe("no-store");
    const claims = decodeJwt(res.body.access_token);
    expect(decodeProtectedHeader(res.body.access_token)).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(claims).toMatchObject({ aud: "https://graph.microsoft.com", tid: t.id, iss: `https://localhost:8443/${t.id}/v2.0`, idtyp: "app", azp: BOOTSTRAP.appId, ver: "2.0" });
    expect(claims.roles).toEqual(expect.arrayContaining(["User.ReadWrite.All", "RoleManagement.ReadWrite.Directory"]));
    expect(claims.scp).toBeUndefined();
    expect(claims.oid).toBe(claims.sub);
  });

  it("rejects a wrong secret with AADSTS7000215 (401 invalid_client)", async () => {
    const h = await harness();
    const t = await newTenant(h);
    expectAadsts(await token(h, t.id, { grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: "wrong", scope: GRAPH_DEFAULT }), 7000215, 401, "invalid_client");
  });

  it("rejects a missing secret with AADSTS7000218", async () => {
    const h = await harness();
    const t = await newTenant(h);
    expectAadsts(await token(h, t.id, { grant_type: "client_credentials", client_id: BOOTSTRAP.appId, scope: GRAPH_DEFAULT }), 7000218, 401, "invalid_client");
  });

  it("rejects an unknown client with AADSTS700016", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await token(h, t.id, { grant_type: "client_credentials", client_id: "00000000-1111-2222-3333-444444444444", client_secret: "x", scope: GRAPH_DEFAULT });
    expectAadsts(res, 700016, 400, "unauthorized_client");
    expect(res.body.error_description).toContain("00000000-1111-2222-3333-444444444444");
  });

  it("rejects a scope without /.default with AADSTS1002012", async () => {
    const h = await harness();
    const t = await newTenant(h);
    expectAadsts(await token(h, t.id, { grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, scope: "User.Read" }), 1002012, 400, "invalid_scope");
  });

  it("rejects a public client with AADSTS7000218", async () => {
    const h = await harness();
    const t = await newTenant(h);
    expectAadsts(await token(h, t.id, { grant_type: "client_credentials", client_id: PUBLIC_APP.appId, scope: GRAPH_DEFAULT }), 7000218, 401);
  });

  it("names each missing parameter with AADSTS900144", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const noScope = await token(h, t.id, { grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret });
    expectAadsts(noScope, 900144, 400, "invalid_request");
    expect(noScope.body.error_description).toContain("'scope'");
    const noClient = await token(h, t.id, { grant_type: "client_credentials", scope: GRAPH_DEFAULT });
    expect(noClient.body.error_description).toContain("'client_id'");
    const noGrant = await token(h, t.id, { client_id: BOOTSTRAP.appId });
    expectAadsts(noGrant, 900144);
    expect(noGrant.body.error_description).toContain("'grant_type'");
  });

  it("answers an unsupported grant with AADSTS70003 unsupported_grant_type", async () => {
    const h = await harness();
    const t = await newTenant(h);
    expectAadsts(await token(h, t.id, { grant_type: "urn:example:magic", client_id: BOOTSTRAP.appId }), 70003, 400, "unsupported_grant_type");
  });

  it("gives the read-only app only User.Read.All", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await token(h, t.id, { grant_type: "client_credentials", client_id: READER_APP.appId, client_secret: READER_APP.secret, scope: GRAPH_DEFAULT });
    expect(decodeJwt(res.body.access_token).roles).toEqual(["User.Read.All"]);
  });
});

describe("token endpoint: tenant segment", () => {
  it("accepts the tenant GUID, any of its domains, and common/organizations for ROPC", async () => {
    const h = await harness();
    const t = await newTenant(h);
    for (const seg of [t.id, t.domain, t.domain.toUpperCase(), "common", "organizations"]) {
      const res = await token(h, seg, ropc(t.upn("alice")));
      expect(res.status, `${seg}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(decodeJwt(res.body.access_token).tid).toBe(t.id);
    }
  });

  it("answers an unknown tenant with AADSTS90002", async () => {
    const h = await harness();
    expectAadsts(await token(h, "nowhere.example", ropc("a@nowhere.example")), 90002, 400, "invalid_tenant");
  });

  it("needs a tenant for client credentials: /common is AADSTS50059", async () => {
    const h = await harness();
    await newTenant(h);
    expectAadsts(await token(h, "common", { grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, scope: GRAPH_DEFAULT }), 50059);
  });

  it("rejects a non-form body as a missing grant_type", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, { body: { grant_type: "client_credentials" } });
    expectAadsts(res, 900144);
  });
});

describe("token endpoint: password (ROPC)", () => {
  it("issues user tokens with Entra-shaped claims", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await token(h, t.id, ropc(t.upn("globaladmin")));
    expect(res.status).toBe(200);
    for (const k of ["access_token", "refresh_token", "id_token", "client_info", "scope", "expires_in", "ext_expires_in", "token_type"]) expect(res.body[k], k).toBeDefined();
    const at = decodeJwt(res.body.access_token);
    expect(at).toMatchObject({ idtyp: "user", tid: t.id, oid: "11111111-0000-4000-8000-000000000001", upn: t.upn("globaladmin"), azp: PUBLIC_APP.appId, ver: "2.0" });
    expect(at.amr).toEqual(["pwd"]);
    expect(String(at.scp)).toContain("User.Read");
    expect(at.wids).toEqual(expect.arrayContaining(["62e90394-69f5-4237-9190-012177145e10", "b79fbf4d-3ef9-4689-8143-76b194e85509"]));
    expect(at.nbf).toBe(at.iat);
    const id = decodeJwt(res.body.id_token);
    expect(id.aud).toBe(PUBLIC_APP.appId);
    expect(JSON.parse(Buffer.from(res.body.client_info, "base64url").toString())).toEqual({ uid: at.oid, utid: t.id });
  });

  it("answers an unknown user with AADSTS50034", async () => {
    const h = await harness();
    const t = await newTenant(h);
    expectAadsts(await token(h, t.id, ropc(t.upn("nobody"))), 50034, 400, "invalid_grant");
  });

  it("answers a wrong password with AADSTS50126", async () => {
    const h = await harness();
    const t = await newTenant(h);
    expectAadsts(await token(h, t.id, ropc(t.upn("alice"), "wrong-password")), 50126, 400, "invalid_grant");
  });

  it("answers a disabled user with AADSTS50057", async () => {
    const h = await harness();
    const t = await newTenant(h);
    expectAadsts(await token(h, t.id, ropc(t.upn("dave"))), 50057, 400, "invalid_grant");
  });

  it("rejects a client secret sent by the public client (AADSTS700025)", async () => {
    const h = await harness();
    const t = await newTenant(h);
    expectAadsts(await token(h, t.id, ropc(t.upn("alice"), PASSWORD, { client_secret: "x" })), 700025, 401);
  });

  it("works for a confidential client with its secret", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await token(h, t.id, ropc(t.upn("alice"), PASSWORD, { client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret }));
    expect(res.status).toBe(200);
    expect(decodeJwt(res.body.access_token).azpacr).toBe("1");
  });

  it("logs failed and successful attempts in the tenant's sign-in log", async () => {
    const h = await harness();
    const t = await newTenant(h);
    await token(h, t.id, ropc(t.upn("alice"), "nope"));
    await token(h, t.id, ropc(t.upn("alice")));
    const codes = h.deps.tenants.require(t.id).state.signIns.map((s: any) => s.status.errorCode);
    expect(codes).toEqual([50126, 0]);
  });
});

describe("token endpoint: refresh tokens", () => {
  it("rotates: each redemption returns a new refresh token, the old one keeps working", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const first = await token(h, t.id, ropc(t.upn("alice")));
    const r1 = await token(h, t.id, { grant_type: "refresh_token", client_id: PUBLIC_APP.appId, refresh_token: first.body.refresh_token });
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    expect(r1.body.refresh_token).toBeTypeOf("string");
    expect(r1.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(decodeJwt(r1.body.access_token).oid).toBe(decodeJwt(first.body.access_token).oid);
    const again = await token(h, t.id, { grant_type: "refresh_token", client_id: PUBLIC_APP.appId, refresh_token: first.body.refresh_token });
    expect(again.status).toBe(200);
  });

  it("revokes refresh tokens after a password change (AADSTS50173)", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const first = await token(h, t.id, ropc(t.upn("alice")));
    h.clock.advanceMinutes(1);
    const admin = await token(h, t.id, { grant_type: "client_credentials", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, scope: GRAPH_DEFAULT });
    const patch = await h.call("PATCH", `/v1.0/users/${t.upn("alice")}`, { token: admin.body.access_token, body: { passwordProfile: { password: "Brand-New-Passw0rd!" } } });
    expect(patch.status).toBe(204);
    expectAadsts(await token(h, t.id, { grant_type: "refresh_token", client_id: PUBLIC_APP.appId, refresh_token: first.body.refresh_token }), 50173, 400, "invalid_grant");
    expectAadsts(await token(h, t.id, ropc(t.upn("alice"))), 50126);
    expect((await token(h, t.id, ropc(t.upn("alice"), "Brand-New-Passw0rd!"))).status).toBe(200);
  });

  it("revokes after revokeSignInSessions", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const first = await token(h, t.id, ropc(t.upn("alice")));
    h.clock.advanceMinutes(1);
    const revoke = await h.call("POST", "/v1.0/me/revokeSignInSessions", { token: first.body.access_token });
    expect(revoke.status).toBe(200);
    expect(revoke.body.value).toBe(true);
    expectAadsts(await token(h, t.id, { grant_type: "refresh_token", client_id: PUBLIC_APP.appId, refresh_token: first.body.refresh_token }), 50173);
  });

  it("rejects an unknown refresh token, and one redeemed by another client", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await token(h, t.id, { grant_type: "refresh_token", client_id: PUBLIC_APP.appId, refresh_token: "not-a-token" });
    expect(res.status).toBe(400);
    expect(res.body.error_description).toMatch(/^AADSTS\d+: /);
    const first = await token(h, t.id, ropc(t.upn("alice")));
    const other = await token(h, t.id, { grant_type: "refresh_token", client_id: BOOTSTRAP.appId, client_secret: BOOTSTRAP.secret, refresh_token: first.body.refresh_token });
    expect(other.status).toBe(400);
    expect(other.body.error).toBe("invalid_grant");
  });

  it("expires refresh tokens after 90 days of tenant time (AADSTS700082)", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const first = await token(h, t.id, ropc(t.upn("alice")));
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 91 * 24 * 60 } });
    expectAadsts(await token(h, t.id, { grant_type: "refresh_token", client_id: PUBLIC_APP.appId, refresh_token: first.body.refresh_token }), 700082);
  });

  it("redeems a refresh token at /common (the tenant is found from the token)", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const first = await token(h, t.id, ropc(t.upn("alice")));
    const res = await token(h, "common", { grant_type: "refresh_token", client_id: PUBLIC_APP.appId, refresh_token: first.body.refresh_token });
    expect(res.status).toBe(200);
    expect(decodeJwt(res.body.access_token).tid).toBe(t.id);
  });
});
