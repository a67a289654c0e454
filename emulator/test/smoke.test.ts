import { describe, it, expect } from "vitest";
import { harness, newTenant, appToken, userToken } from "./helpers";

describe("smoke", () => {
  it("creates a tenant, issues tokens and reads users", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    const res = await h.call("GET", "/v1.0/users?$top=2", { token });
    expect(res.status).toBe(200);
    expect(res.body.value).toHaveLength(2);
    expect(res.body["@odata.nextLink"]).toMatch(/^https:\/\/localhost:8443\/v1.0\/users\?/);
    const ut = await userToken(h, t.id, t.upn("alice"));
    const me = await h.call("GET", "/v1.0/me", { token: ut });
    expect(me.status).toBe(200);
    expect(me.body.userPrincipalName).toBe(t.upn("alice"));
  });
});

import { expectSchema, expectCollection, expectResponse } from "./openapi";
describe("openapi validation helper", () => {
  it("accepts a serialized user and rejects a wrong type", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    const res = await h.call("GET", "/v1.0/users", { token });
    expectCollection(res.body, "microsoft.graph.user");
    expectResponse("GET", "/users", res.body);
    const one = await h.call("GET", `/v1.0/users/${t.upn("alice")}?$select=id,accountEnabled,displayName`, { token });
    expectSchema(one.body, "microsoft.graph.user");
    expect(() => expectSchema({ ...one.body, accountEnabled: "yes" }, "microsoft.graph.user")).toThrow();
  });
});
