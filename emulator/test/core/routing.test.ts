import { describe, it, expect } from "vitest";
import { harness, newTenant, appToken, expectGraphError } from "../helpers";

async function setup() {
  const h = await harness();
  const t = await newTenant(h);
  const token = await appToken(h, t.id);
  return { h, t, token };
}

describe("routing: Graph URL forms", () => {
  it("matches static segments case-insensitively", async () => {
    const { h, t, token } = await setup();
    for (const p of ["/v1.0/USERS", "/V1.0/users", "/v1.0/Users", `/v1.0/users/${t.upn("alice")}/MEMBEROF`, "/v1.0/DOMAINS", "/v1.0/directoryroles", "/v1.0/rolemanagement/directory/roledefinitions"])
      expect((await h.call("GET", p, { token })).status, p).toBe(200);
  });

  it("accepts OData key syntax: /users('id') and /users('upn')", async () => {
    const { h, t, token } = await setup();
    const byId = await h.call("GET", "/v1.0/users('11111111-0000-4000-8000-000000000010')", { token });
    expect(byId.status).toBe(200);
    expect(byId.body.userPrincipalName).toBe(t.upn("alice"));
    expect((await h.call("GET", `/v1.0/users('${t.upn("bob")}')`, { token })).body.id).toBe("11111111-0000-4000-8000-000000000011");
    expect((await h.call("GET", `/v1.0/groups('0f1e2d3c-0001-4000-8000-000000000001')`, { token })).body.displayName).toBe("All Staff");
  });

  it("finds a guest by a UPN with an encoded #", async () => {
    const { h, t, token } = await setup();
    const upn = t.doc.users.find((u: any) => u.userType === "Guest").userPrincipalName;
    const res = await h.call("GET", `/v1.0/users/${encodeURIComponent(upn)}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.userPrincipalName).toBe(upn);
  });

  it("answers an unknown Graph segment with a Graph 400, unknown top-level paths with a JSON 404", async () => {
    const { h, token } = await setup();
    const seg = await h.call("GET", "/v1.0/notAResource", { token });
    expectGraphError(seg, 400, "BadRequest");
    expect(seg.body.error.message).toContain("notAResource");
    const deep = await h.call("GET", "/v1.0/users/x/whatever/else", { token });
    expectGraphError(deep, 400);
    const top = await h.call("GET", "/nothing/here");
    expectGraphError(top, 404);
    expect(top.headers.get("content-type")).toMatch(/application\/json/);
    expect(top.text).not.toMatch(/<html/i);
    const v2 = await h.call("GET", "/v2.0/users", { token });
    expectGraphError(v2, 404);
  });

  it("answers an unknown user with 404 Request_ResourceNotFound naming it", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("GET", `/v1.0/users/${t.upn("ghost")}`, { token });
    expectGraphError(res, 404, "Request_ResourceNotFound");
    expect(res.body.error.message).toContain(t.upn("ghost"));
  });

  it("never answers 500 for a malformed escape in a key", async () => {
    const { h, token } = await setup();
    const res = await h.call("GET", "/v1.0/users/%E0%A4%A", { token });
    expect(res.status).toBe(404);
    expect((await h.call("GET", "/v1.0/users('%E0%A4%A')", { token })).status).toBeLessThan(500);
  });
});

describe("routing: request bodies", () => {
  it("answers malformed JSON with 400 BadRequest", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: "{ \"jobTitle\": \"x\", }" });
    expectGraphError(res, 400, "BadRequest");
    expectGraphError(await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: "" }), 400, "BadRequest");
  });

  it("answers wrong types with 400 naming the field", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { accountEnabled: "yes" } });
    expectGraphError(res, 400);
    expect(res.body.error.message).toContain("accountEnabled");
    const nested = await h.call("POST", "/v1.0/users", { token, body: { accountEnabled: true, displayName: "X", mailNickname: "x", userPrincipalName: t.upn("x"), passwordProfile: { password: 5 } } });
    expectGraphError(nested, 400);
    expect(nested.body.error.message).toContain("passwordProfile.password");
    const group = await h.call("POST", "/v1.0/groups", { token, body: { displayName: "G", mailEnabled: "no", mailNickname: "g", securityEnabled: true } });
    expect(group.body.error.message).toContain("mailEnabled");
  });

  it("answers a JSON array or scalar body with 400", async () => {
    const { h, t, token } = await setup();
    expectGraphError(await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: "[1,2]" }), 400);
    expectGraphError(await h.call("POST", "/v1.0/groups", { token, body: "42" }), 400);
  });
});
