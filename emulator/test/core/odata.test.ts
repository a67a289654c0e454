import { describe, it, expect } from "vitest";
import { harness, newTenant, appToken, expectGraphError } from "../helpers";
import { compileFilter } from "../../src/http/odata-filter";
import { expectCollection } from "../openapi";

async function setup() {
  const h = await harness();
  const t = await newTenant(h);
  const token = await appToken(h, t.id);
  const get = (url: string, headers?: Record<string, string>) => h.call("GET", url, { token, headers });
  return { h, t, token, get };
}

describe("OData: $select and @odata.context", () => {
  it("returns the default user subset, and exactly the $select-ed properties", async () => {
    const { get } = await setup();
    const all = await get("/v1.0/users");
    expect(all.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#users");
    expect(Object.keys(all.body.value[0]).sort()).toEqual(["@odata.type", "businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName"].sort());
    expect(all.body.value[0]["@odata.type"]).toBe("#microsoft.graph.user");
    const sel = await get("/v1.0/users?$select=id,accountEnabled,userType");
    expect(sel.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#users(id,accountEnabled,userType)");
    expect(Object.keys(sel.body.value[0]).filter((k) => !k.startsWith("@")).sort()).toEqual(["accountEnabled", "id", "userType"]);
    expectCollection(sel.body, "microsoft.graph.user");
  });

  it("projects a single entity and names the projection in its context", async () => {
    const { get, t } = await setup();
    const res = await get(`/v1.0/users/${t.upn("alice")}?$select=displayName,identities`);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#users(displayName,identities)/$entity");
    expect(res.body.identities[0]).toMatchObject({ signInType: "userPrincipalName", issuerAssignedId: t.upn("alice") });
    expect(res.body.id).toBeUndefined();
  });
});

describe("OData: $filter", () => {
  it("supports eq, ne, startswith, in, and/or (case-insensitive)", async () => {
    const { get, t } = await setup();
    const names = async (f: string) => (await get(`/v1.0/users?$filter=${encodeURIComponent(f)}&$select=userPrincipalName,accountEnabled,userType&$top=999`)).body.value.map((u: any) => u.userPrincipalName.split("@")[0]).sort();
    expect(await names(`userPrincipalName eq '${t.upn("ALICE")}'`)).toEqual(["alice"]);
    expect(await names("accountEnabled eq false")).toEqual(["dave"]);
    expect((await names("userType ne 'Member'"))).toEqual(["gina_fabrikam.com#EXT#"]);
    expect(await names("startswith(displayName,'b')")).toEqual(["bob", "breakglass1", "breakglass2"]);
    expect(await names(`userPrincipalName in ('${t.upn("alice")}','${t.upn("bob")}')`)).toEqual(["alice", "bob"]);
    expect(await names("startswith(displayName,'b') and accountEnabled eq true and startswith(userPrincipalName,'bo')")).toEqual(["bob"]);
    expect(await names(`userPrincipalName eq '${t.upn("alice")}' or userPrincipalName eq '${t.upn("carol")}'`)).toEqual(["alice", "carol"]);
    expect(await names("not(accountEnabled eq true)")).toEqual(["dave"]);
  });

  it("supports any() over identities", async () => {
    const { get, t } = await setup();
    const res = await get(`/v1.0/users?$filter=${encodeURIComponent(`identities/any(c:c/issuerAssignedId eq '${t.upn("bob")}')`)}`);
    expect(res.body.value.map((u: any) => u.userPrincipalName)).toEqual([t.upn("bob")]);
  });

  it("answers an invalid $filter with 400, never a match-all", async () => {
    const { get } = await setup();
    for (const f of ["displayName eq", "displayName foo 'x'", "startswith(displayName", "'unterminated", "displayName eq 'a' and"])
      expectGraphError(await get(`/v1.0/users?$filter=${encodeURIComponent(f)}`), 400);
  });

  it("compares date-times as instants", () => {
    const test = compileFilter("activityDateTime ge 2026-01-15T09:00:00Z and activityDateTime le 2026-01-15T10:00:00+01:00");
    expect(test({ activityDateTime: "2026-01-15T09:00:00.000Z" })).toBe(true);
    expect(test({ activityDateTime: "2026-01-15T08:59:59.999Z" })).toBe(false);
    expect(test({ activityDateTime: "2026-01-15T09:00:00.001Z" })).toBe(false);
  });
});

describe("OData: paging", () => {
  it("pages with $top and an @odata.nextLink on the request origin that can be followed", async () => {
    const { h, token, t } = await setup();
    const res = await h.app.request("https://emulator.test:9443/v1.0/users?$top=4&$select=id", { headers: { authorization: `Bearer ${token}` } });
    const page1 = await res.json();
    expect(page1.value).toHaveLength(4);
    expect(page1["@odata.nextLink"]).toMatch(/^https:\/\/emulator\.test:9443\/v1\.0\/users\?/);
    expect(page1["@odata.nextLink"]).toContain("$top=4");
    expect(page1["@odata.nextLink"]).toContain("$select=id");
    const seen = [...page1.value];
    let next: string | undefined = page1["@odata.nextLink"];
    while (next) {
      const page = await (await h.app.request(next, { headers: { authorization: `Bearer ${token}` } })).json();
      seen.push(...page.value);
      next = page["@odata.nextLink"];
    }
    expect(new Set(seen.map((u: any) => u.id)).size).toBe(t.doc.users.length);
    expect(seen).toHaveLength(t.doc.users.length);
  });

  it("builds the nextLink from X-Forwarded-Host / -Proto behind a proxy", async () => {
    const { get } = await setup();
    const res = await get("/v1.0/users?$top=2", { "X-Forwarded-Host": "idp.example.test:444", "X-Forwarded-Proto": "https" });
    expect(res.body["@odata.nextLink"]).toMatch(/^https:\/\/idp\.example\.test:444\/v1\.0\/users\?/);
    expect(res.body["@odata.context"]).toBe("https://idp.example.test:444/v1.0/$metadata#users");
  });

  it("rejects an out-of-range $top and a bad $skiptoken with 400", async () => {
    const { get } = await setup();
    expectGraphError(await get("/v1.0/users?$top=0"), 400);
    expectGraphError(await get("/v1.0/users?$top=1000"), 400);
    expectGraphError(await get("/v1.0/users?$top=abc"), 400);
    expectGraphError(await get("/v1.0/users?$skiptoken=%%%"), 400);
    expectGraphError(await get("/v1.0/users?$skip=2"), 400, "Request_BadRequest");
  });
});

describe("OData: $count", () => {
  it("needs ConsistencyLevel: eventual on directory objects", async () => {
    const { get, t } = await setup();
    expectGraphError(await get("/v1.0/users?$count=true"), 400, "Request_BadRequest");
    const res = await get("/v1.0/users?$count=true&$top=1", { ConsistencyLevel: "eventual" });
    expect(res.status).toBe(200);
    expect(res.body["@odata.count"]).toBe(t.doc.users.length);
    expect(res.body.value).toHaveLength(1);
    const filtered = await get(`/v1.0/users?$count=true&$filter=${encodeURIComponent("accountEnabled eq false")}`, { ConsistencyLevel: "eventual" });
    expect(filtered.body["@odata.count"]).toBe(1);
  });

  it("serves /users/$count as text/plain, honouring $filter", async () => {
    const { get, t } = await setup();
    expectGraphError(await get("/v1.0/users/$count"), 400, "Request_BadRequest");
    const res = await get("/v1.0/users/$count", { ConsistencyLevel: "eventual" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(res.text).toBe(String(t.doc.users.length));
    expect((await get(`/v1.0/users/$count?$filter=${encodeURIComponent("userType eq 'Guest'")}`, { ConsistencyLevel: "eventual" })).text).toBe("1");
  });

  it("rejects $count values other than true/false", async () => {
    const { get } = await setup();
    expectGraphError(await get("/v1.0/users?$count=maybe", { ConsistencyLevel: "eventual" }), 400);
  });
});

describe("OData: $orderby and $search", () => {
  it("orders by one or more properties, ascending or descending", async () => {
    const { get } = await setup();
    const asc = (await get("/v1.0/users?$orderby=displayName&$select=displayName")).body.value.map((u: any) => u.displayName);
    expect(asc).toEqual([...asc].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const desc = (await get("/v1.0/users?$orderby=displayName desc&$select=displayName")).body.value.map((u: any) => u.displayName);
    expect(desc).toEqual([...asc].reverse());
    expectGraphError(await get(`/v1.0/users?$orderby=${encodeURIComponent("displayName sideways")}`), 400);
  });

  it("searches directory objects with ConsistencyLevel: eventual", async () => {
    const { get } = await setup();
    expectGraphError(await get(`/v1.0/users?$search=${encodeURIComponent('"displayName:alice"')}`), 400);
    const one = await get(`/v1.0/users?$search=${encodeURIComponent('"displayName:alice"')}`, { ConsistencyLevel: "eventual" });
    expect(one.body.value.map((u: any) => u.displayName)).toEqual(["Alice Newhire"]);
    const either = await get(`/v1.0/users?$search=${encodeURIComponent('"displayName:alice" OR "displayName:member"')}&$count=true`, { ConsistencyLevel: "eventual" });
    expect(either.body["@odata.count"]).toBe(3);
    const both = await get(`/v1.0/users?$search=${encodeURIComponent('"displayName:bob" AND "givenName:bob"')}`, { ConsistencyLevel: "eventual" });
    expect(both.body.value).toHaveLength(1);
    expectGraphError(await get(`/v1.0/users?$search=alice`, { ConsistencyLevel: "eventual" }), 400);
    expectGraphError(await get(`/v1.0/auditLogs/signIns?$search=${encodeURIComponent('"userId:x"')}`, { ConsistencyLevel: "eventual" }), 400);
  });
});
