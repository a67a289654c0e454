import { describe, it, expect } from "vitest";
import { harness, newTenant, appToken, userToken, expectGraphError, READER_APP } from "../helpers";

describe("Graph bearer check", () => {
  it("answers a missing token with 401 InvalidAuthenticationToken, innerError and request-id", async () => {
    const h = await harness();
    const res = await h.call("GET", "/v1.0/users", { headers: { "client-request-id": "abc-123" } });
    expectGraphError(res, 401, "InvalidAuthenticationToken");
    expect(res.body.error.innerError["client-request-id"]).toBe("abc-123");
    expect(res.headers.get("client-request-id")).toBe("abc-123");
    expect(res.body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it("answers a garbage token with 401", async () => {
    const h = await harness();
    expectGraphError(await h.call("GET", "/v1.0/users", { token: "garbage" }), 401, "InvalidAuthenticationToken");
    expectGraphError(await h.call("GET", "/v1.0/users", { headers: { authorization: "Basic dXNlcjpwdw==" } }), 401, "InvalidAuthenticationToken");
    expectGraphError(await h.call("GET", "/v1.0/users", { token: "a.b.c" }), 401, "InvalidAuthenticationToken");
  });

  it("answers a token expired by the tenant clock with 401", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await userToken(h, t.id, t.upn("alice"));
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 24 * 60 } });
    const res = await h.call("GET", "/v1.0/me", { token });
    expectGraphError(res, 401, "InvalidAuthenticationToken");
  });

  it("rejects a token for another audience", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, {
      form: { grant_type: "password", client_id: "6b9fad2f-3c4e-4f60-9bac-1d2e3f4a5b6c", username: t.upn("alice"), password: "TenantLab-Passw0rd!", scope: "api://5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b/access" },
    });
    expect(res.status).toBe(200);
    expectGraphError(await h.call("GET", "/v1.0/me", { token: res.body.access_token }), 401, "InvalidAuthenticationToken");
  });

  it("rejects the token of a user disabled after it was issued", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await userToken(h, t.id, t.upn("alice"));
    await h.call("PATCH", `/v1.0/users/${t.upn("alice")}`, { token: await appToken(h, t.id), body: { accountEnabled: false } });
    expectGraphError(await h.call("GET", "/v1.0/me", { token }), 401, "InvalidAuthenticationToken");
  });

  it("authenticates both /v1.0 and /beta", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    expect((await h.call("GET", "/beta/users", { token })).status).toBe(200);
    expectGraphError(await h.call("GET", "/beta/users"), 401, "InvalidAuthenticationToken");
  });
});

describe("Graph permission check", () => {
  it("answers a read-only app writing users with 403 Authorization_RequestDenied", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id, READER_APP);
    expect((await h.call("GET", "/v1.0/users", { token })).status).toBe(200);
    const res = await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { jobTitle: "x" } });
    expectGraphError(res, 403, "Authorization_RequestDenied");
    expect(res.body.error.message).toBe("Insufficient privileges to complete the operation.");
    expectGraphError(await h.call("POST", "/v1.0/users", { token, body: {} }), 403, "Authorization_RequestDenied");
    expectGraphError(await h.call("DELETE", `/v1.0/users/${t.upn("bob")}`, { token }), 403, "Authorization_RequestDenied");
    expectGraphError(await h.call("GET", "/v1.0/groups", { token }), 403, "Authorization_RequestDenied");
  });

  it("answers a delegated user without an admin role with 403 on writes", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await userToken(h, t.id, t.upn("alice"));
    expectGraphError(await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { jobTitle: "x" } }), 403, "Authorization_RequestDenied");
  });

  it("refuses /me for an app token", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await h.call("GET", "/v1.0/me", { token: await appToken(h, t.id) });
    expectGraphError(res, 400, "BadRequest");
    expect(res.body.error.message).toContain("/me request is only valid with delegated authentication flow");
  });

  it("answers User.Read-only delegated tokens with 403 on /users but 200 on /me", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await userToken(h, t.id, t.upn("alice"), "User.Read");
    expect((await h.call("GET", "/v1.0/me", { token })).status).toBe(200);
    expectGraphError(await h.call("GET", "/v1.0/users", { token }), 403, "Authorization_RequestDenied");
  });
});
