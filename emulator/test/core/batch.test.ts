import { describe, it, expect } from "vitest";
import { harness, newTenant, appToken, userToken, expectGraphError, READER_APP } from "../helpers";

async function setup() {
  const h = await harness();
  const t = await newTenant(h);
  const token = await appToken(h, t.id);
  const batch = (requests: unknown, tok: string | undefined = token, version = "v1.0") => h.call("POST", `/${version}/$batch`, { token: tok, body: { requests } });
  return { h, t, token, batch };
}

describe("$batch", () => {
  it("runs each request through the app and answers 200 with one response per request", async () => {
    const { t, batch } = await setup();
    const res = await batch([
      { id: "1", method: "GET", url: `/users/${t.upn("alice")}?$select=id,displayName` },
      { id: "2", method: "GET", url: "groups?$top=1" },
      { id: "3", method: "GET", url: "/users/nobody@nowhere.example" },
      { id: "4", method: "GET", url: "/users/$count", headers: { ConsistencyLevel: "eventual" } },
    ]);
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.responses.map((r: any) => [r.id, r]));
    expect(res.body.responses.map((r: any) => r.id)).toEqual(["1", "2", "3", "4"]);
    expect(byId["1"].status).toBe(200);
    expect(byId["1"].body).toMatchObject({ id: "11111111-0000-4000-8000-000000000010", displayName: "Alice Newhire" });
    expect(byId["1"].headers["content-type"]).toContain("application/json");
    expect(byId["2"].body.value).toHaveLength(1);
    expect(byId["2"].body["@odata.nextLink"]).toMatch(/^https:\/\/localhost:8443\/v1\.0\/groups\?/);
    expect(byId["3"].status).toBe(404);
    expect(byId["3"].body.error.code).toBe("Request_ResourceNotFound");
    expect(byId["4"].body).toBe(String(t.doc.users.length));
  });

  it("carries bodies for writes (POST 201, PATCH 204)", async () => {
    const { h, t, token, batch } = await setup();
    const res = await batch([
      { id: "create", method: "POST", url: "/groups", headers: { "Content-Type": "application/json" }, body: { displayName: "Batched", mailEnabled: false, mailNickname: "batched", securityEnabled: true } },
      { id: "patch", method: "PATCH", url: `/users/${t.upn("bob")}`, body: { jobTitle: "Batched title" } },
    ]);
    const [create, patch] = res.body.responses;
    expect(create.status).toBe(201);
    expect(create.body.displayName).toBe("Batched");
    expect(patch.status).toBe(204);
    expect(patch.body).toBeUndefined();
    expect((await h.call("GET", `/v1.0/users/${t.upn("bob")}?$select=jobTitle`, { token })).body.jobTitle).toBe("Batched title");
  });

  it("runs dependants after their dependencies and answers 424 when a dependency failed", async () => {
    const { t, batch } = await setup();
    const res = await batch([
      { id: "read", method: "GET", url: `/users/${t.upn("bob")}?$select=jobTitle`, dependsOn: ["write"] },
      { id: "write", method: "PATCH", url: `/users/${t.upn("bob")}`, body: { jobTitle: "Ordered" } },
      { id: "bad", method: "GET", url: "/users/ghost@nowhere.example" },
      { id: "after-bad", method: "GET", url: "/groups", dependsOn: ["bad"] },
      { id: "after-after", method: "GET", url: "/groups", dependsOn: ["after-bad"] },
    ]);
    const byId = Object.fromEntries(res.body.responses.map((r: any) => [r.id, r]));
    expect(byId.read.body.jobTitle).toBe("Ordered");
    expect(byId.bad.status).toBe(404);
    expect(byId["after-bad"].status).toBe(424);
    expect(byId["after-bad"].body.error.code).toBe("FailedDependency");
    expect(byId["after-after"].status).toBe(424);
  });

  it("authenticates each inner request with the outer Authorization header", async () => {
    const { h, t, batch } = await setup();
    const noToken = await batch([{ id: "1", method: "GET", url: "/users" }], "");
    expect(noToken.status).toBe(200);
    expect(noToken.body.responses[0].status).toBe(401);
    expect(noToken.body.responses[0].body.error.code).toBe("InvalidAuthenticationToken");
    const reader = await batch([{ id: "1", method: "GET", url: "/users" }, { id: "2", method: "DELETE", url: `/users/${t.upn("bob")}` }], await appToken(h, t.id, READER_APP));
    expect(reader.body.responses.map((r: any) => r.status)).toEqual([200, 403]);
    const me = await batch([{ id: "me", method: "GET", url: "/me" }], await userToken(h, t.id, t.upn("carol")));
    expect(me.body.responses[0].body.userPrincipalName).toBe(t.upn("carol"));
  });

  it("works under /beta too", async () => {
    const { batch } = await setup();
    const res = await batch([{ id: "1", method: "GET", url: "/organization" }], undefined, "beta");
    expect(res.body.responses[0].status).toBe(200);
    expect(res.body.responses[0].body["@odata.context"]).toBe("https://localhost:8443/beta/$metadata#organization");
  });

  it("accepts 20 requests and rejects 21 with 400", async () => {
    const { batch } = await setup();
    const reqs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), method: "GET", url: "/domains" }));
    const ok = await batch(reqs(20));
    expect(ok.status).toBe(200);
    expect(ok.body.responses).toHaveLength(20);
    expectGraphError(await batch(reqs(21)), 400, "BadRequest");
  });

  it("rejects invalid batch payloads with 400", async () => {
    const { h, token, batch } = await setup();
    expectGraphError(await h.call("POST", "/v1.0/$batch", { token, body: "{ nope" }), 400);
    expectGraphError(await h.call("POST", "/v1.0/$batch", { token, body: { notRequests: [] } }), 400);
    expectGraphError(await batch([]), 400);
    const noUrl = await batch([{ id: "1", method: "GET" }]);
    expectGraphError(noUrl, 400);
    expect(noUrl.body.error.message).toContain("url");
    expectGraphError(await batch([{ id: "1", method: "FETCH", url: "/users" }]), 400);
    expectGraphError(await batch([{ id: "1", method: "GET", url: "/users" }, { id: "1", method: "GET", url: "/groups" }]), 400);
    expectGraphError(await batch([{ id: "1", method: "GET", url: "/users", dependsOn: ["9"] }]), 400);
    expectGraphError(await batch([{ id: "1", method: "GET", url: "/users", dependsOn: ["2"] }, { id: "2", method: "GET", url: "/users", dependsOn: ["1"] }]), 400);
  });

  it("answers absolute URLs and nested $batch per request with 400", async () => {
    const { batch } = await setup();
    const res = await batch([
      { id: "abs", method: "GET", url: "https://graph.microsoft.com/v1.0/users" },
      { id: "nested", method: "POST", url: "/$batch", body: { requests: [] } },
    ]);
    expect(res.body.responses.map((r: any) => r.status)).toEqual([400, 400]);
  });
});
