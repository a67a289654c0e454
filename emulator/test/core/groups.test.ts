import { describe, it, expect } from "vitest";
import { harness, newTenant, appToken, userToken, expectGraphError, READER_APP } from "../helpers";
import { expectCollection, expectSchema } from "../openapi";

const ALL_STAFF = "0f1e2d3c-0001-4000-8000-000000000001";
const HELPDESK = "0f1e2d3c-0001-4000-8000-000000000004";
const ALICE = "11111111-0000-4000-8000-000000000010";
const DAVE = "11111111-0000-4000-8000-000000000013";
const ref = (id: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });

async function setup() {
  const h = await harness();
  const t = await newTenant(h);
  const token = await appToken(h, t.id);
  return { h, t, token };
}

describe("groups: read", () => {
  it("lists groups in the group schema and gets one", async () => {
    const { h, token } = await setup();
    const list = await h.call("GET", "/v1.0/groups", { token });
    expect(list.status).toBe(200);
    expect(list.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#groups");
    expect(list.body.value.map((g: any) => g.displayName)).toEqual(["All Staff", "Break Glass Accounts", "TAP Pilot", "Helpdesk"]);
    expectCollection(list.body, "microsoft.graph.group");
    const one = await h.call("GET", `/v1.0/groups/${HELPDESK}`, { token });
    expect(one.body).toMatchObject({ id: HELPDESK, displayName: "Helpdesk", securityEnabled: true, mailEnabled: false });
    expect(one.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#groups/$entity");
    expectSchema(one.body, "microsoft.graph.group");
    const filtered = await h.call("GET", `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'TAP Pilot'")}&$select=id`, { token });
    expect(filtered.body.value.map((g: any) => Object.keys(g).filter((k) => !k.startsWith("@")))).toEqual([["id"]]);
    expect(filtered.body.value[0].id).toBe("0f1e2d3c-0001-4000-8000-000000000003");
  });

  it("answers an unknown group with 404 Request_ResourceNotFound", async () => {
    const { h, token } = await setup();
    expectGraphError(await h.call("GET", "/v1.0/groups/0f1e2d3c-0001-4000-8000-0000000000ff", { token }), 404, "Request_ResourceNotFound");
  });

  it("lists members with their @odata.type and the default user properties", async () => {
    const { h, token } = await setup();
    const res = await h.call("GET", `/v1.0/groups/${HELPDESK}/members`, { token });
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#directoryObjects");
    expect(res.body.value).toHaveLength(1);
    expect(res.body.value[0]).toMatchObject({ "@odata.type": "#microsoft.graph.user", id: "11111111-0000-4000-8000-000000000003" });
    expect(res.body.value[0].accountEnabled).toBeUndefined();
  });

  it("narrows members with an OData type cast", async () => {
    const { h, token } = await setup();
    await h.call("POST", `/v1.0/groups/${ALL_STAFF}/members/$ref`, { token, body: ref(HELPDESK) });
    const users = await h.call("GET", `/v1.0/groups/${ALL_STAFF}/members/microsoft.graph.user?$select=id`, { token });
    expect(users.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#users(id)");
    expect(users.body.value.every((m: any) => m["@odata.type"] === "#microsoft.graph.user")).toBe(true);
    const groups = await h.call("GET", `/v1.0/groups/${ALL_STAFF}/members/microsoft.graph.group`, { token });
    expect(groups.body.value.map((g: any) => g.id)).toEqual([HELPDESK]);
  });

  it("counts groups only with ConsistencyLevel: eventual", async () => {
    const { h, token } = await setup();
    expectGraphError(await h.call("GET", "/v1.0/groups/$count", { token }), 400);
    expect((await h.call("GET", "/v1.0/groups/$count", { token, headers: { ConsistencyLevel: "eventual" } })).text).toBe("4");
  });

  it("lets a member read groups but requires Group.* or Directory.* for apps", async () => {
    const { h, t } = await setup();
    expect((await h.call("GET", "/v1.0/groups", { token: await userToken(h, t.id, t.upn("alice")) })).status).toBe(200);
    expectGraphError(await h.call("GET", "/v1.0/groups", { token: await appToken(h, t.id, READER_APP) }), 403, "Authorization_RequestDenied");
  });
});

describe("groups: create, update, delete", () => {
  it("creates a security group (201, Location) and audits it", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("POST", "/v1.0/groups", { token, body: { displayName: "Auditors", description: "Reads logs", mailEnabled: false, mailNickname: "auditors", securityEnabled: true } });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`https://localhost:8443/v1.0/groups/${res.body.id}`);
    expect(res.body).toMatchObject({ displayName: "Auditors", description: "Reads logs", groupTypes: [], createdDateTime: h.clock.now().toISOString() });
    expectSchema(res.body, "microsoft.graph.group");
    expect(h.deps.tenants.require(t.id).state.audits.at(-1)).toMatchObject({ activityDisplayName: "Add group", category: "GroupManagement" });
  });

  it("binds members at creation with members@odata.bind", async () => {
    const { h, token } = await setup();
    const res = await h.call("POST", "/v1.0/groups", { token, body: { displayName: "Pair", mailEnabled: false, mailNickname: "pair", securityEnabled: true, "members@odata.bind": [`https://graph.microsoft.com/v1.0/users/${ALICE}`, `https://graph.microsoft.com/v1.0/directoryObjects('${DAVE}')`] } });
    expect(res.status).toBe(201);
    const members = await h.call("GET", `/v1.0/groups/${res.body.id}/members?$select=id`, { token });
    expect(members.body.value.map((m: any) => m.id).sort()).toEqual([ALICE, DAVE]);
  });

  it("validates the create body", async () => {
    const { h, token } = await setup();
    const missing = await h.call("POST", "/v1.0/groups", { token, body: { displayName: "X", mailEnabled: false, securityEnabled: true } });
    expectGraphError(missing, 400);
    expect(missing.body.error.message).toContain("mailNickname");
    expectGraphError(await h.call("POST", "/v1.0/groups", { token, body: { displayName: "X", mailEnabled: true, mailNickname: "x", securityEnabled: true } }), 400, "Request_BadRequest");
    expectGraphError(await h.call("POST", "/v1.0/groups", { token, body: { displayName: "X", mailEnabled: false, mailNickname: "has space", securityEnabled: true } }), 400);
    expectGraphError(await h.call("POST", "/v1.0/groups", { token, body: { displayName: "X", mailEnabled: false, mailNickname: "x", securityEnabled: true, "members@odata.bind": ["https://graph.microsoft.com/v1.0/users/00000000-0000-4000-8000-000000000000"] } }), 404);
  });

  it("updates (204) and deletes (204) a group, removing it from nested memberships and role assignments", async () => {
    const { h, t, token } = await setup();
    const g = (await h.call("POST", "/v1.0/groups", { token, body: { displayName: "Temp", mailEnabled: false, mailNickname: "temp", securityEnabled: true } })).body;
    const patch = await h.call("PATCH", `/v1.0/groups/${g.id}`, { token, body: { description: "Changed" } });
    expect(patch.status).toBe(204);
    expect((await h.call("GET", `/v1.0/groups/${g.id}`, { token })).body.description).toBe("Changed");
    await h.call("POST", `/v1.0/groups/${ALL_STAFF}/members/$ref`, { token, body: ref(g.id) });
    await h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", { token, body: { roleDefinitionId: "4a5d8f65-41da-4de4-8968-e035b65339cf", principalId: g.id, directoryScopeId: "/" } });
    expect((await h.call("DELETE", `/v1.0/groups/${g.id}`, { token })).status).toBe(204);
    expectGraphError(await h.call("GET", `/v1.0/groups/${g.id}`, { token }), 404);
    const state = h.deps.tenants.require(t.id).state;
    expect(state.groups.find((x) => x.id === ALL_STAFF)!.members).not.toContain(g.id);
    expect(state.roleAssignments.some((a) => a.principalId === g.id)).toBe(false);
  });

  it("requires a group-admin role for delegated writes", async () => {
    const { h, t } = await setup();
    const alice = await userToken(h, t.id, t.upn("alice"));
    expectGraphError(await h.call("POST", "/v1.0/groups", { token: alice, body: { displayName: "X", mailEnabled: false, mailNickname: "x", securityEnabled: true } }), 403, "Authorization_RequestDenied");
    const ga = await userToken(h, t.id, t.upn("globaladmin"));
    expect((await h.call("POST", "/v1.0/groups", { token: ga, body: { displayName: "X", mailEnabled: false, mailNickname: "x", securityEnabled: true } })).status).toBe(201);
  });
});

describe("groups: members/$ref", () => {
  it("adds (204) and removes (204) a member, with audit entries", async () => {
    const { h, t, token } = await setup();
    const add = await h.call("POST", `/v1.0/groups/${HELPDESK}/members/$ref`, { token, body: ref(ALICE) });
    expect(add.status).toBe(204);
    const ids = (await h.call("GET", `/v1.0/groups/${HELPDESK}/members`, { token })).body.value.map((m: any) => m.id);
    expect(ids).toContain(ALICE);
    expect((await h.call("GET", `/v1.0/users/${ALICE}/memberOf`, { token })).body.value.map((g: any) => g.id)).toContain(HELPDESK);
    const del = await h.call("DELETE", `/v1.0/groups/${HELPDESK}/members/${ALICE}/$ref`, { token });
    expect(del.status).toBe(204);
    const audits = h.deps.tenants.require(t.id).state.audits.slice(-2).map((a) => a.activityDisplayName);
    expect(audits).toEqual(["Add member to group", "Remove member from group"]);
  });

  it("refuses a duplicate member, an unknown object, a bad reference, a cycle, and removing a non-member", async () => {
    const { h, token } = await setup();
    const dup = await h.call("POST", `/v1.0/groups/${ALL_STAFF}/members/$ref`, { token, body: ref(ALICE) });
    expectGraphError(dup, 400, "Request_BadRequest");
    expect(dup.body.error.message).toContain("already exist");
    expectGraphError(await h.call("POST", `/v1.0/groups/${ALL_STAFF}/members/$ref`, { token, body: ref("00000000-0000-4000-8000-000000000000") }), 404, "Request_ResourceNotFound");
    expectGraphError(await h.call("POST", `/v1.0/groups/${ALL_STAFF}/members/$ref`, { token, body: { "@odata.id": "not a url" } }), 400);
    expectGraphError(await h.call("POST", `/v1.0/groups/${ALL_STAFF}/members/$ref`, { token, body: { id: ALICE } }), 400);
    expectGraphError(await h.call("POST", `/v1.0/groups/${ALL_STAFF}/members/$ref`, { token, body: ref(ALL_STAFF) }), 400);
    await h.call("POST", `/v1.0/groups/${ALL_STAFF}/members/$ref`, { token, body: ref(HELPDESK) });
    expectGraphError(await h.call("POST", `/v1.0/groups/${HELPDESK}/members/$ref`, { token, body: ref(ALL_STAFF) }), 400);
    expectGraphError(await h.call("DELETE", `/v1.0/groups/${HELPDESK}/members/${ALICE}/$ref`, { token }), 404);
  });

  it("lists transitive members through nested groups", async () => {
    const { h, token } = await setup();
    const outer = (await h.call("POST", "/v1.0/groups", { token, body: { displayName: "Outer", mailEnabled: false, mailNickname: "outer", securityEnabled: true } })).body;
    await h.call("POST", `/v1.0/groups/${outer.id}/members/$ref`, { token, body: ref(HELPDESK) });
    const direct = (await h.call("GET", `/v1.0/groups/${outer.id}/members`, { token })).body.value;
    expect(direct.map((m: any) => m["@odata.type"])).toEqual(["#microsoft.graph.group"]);
    const all = (await h.call("GET", `/v1.0/groups/${outer.id}/transitiveMembers`, { token })).body.value.map((m: any) => m.id);
    expect(all.sort()).toEqual([HELPDESK, "11111111-0000-4000-8000-000000000003"].sort());
  });

  it("needs GroupMember/Group write permissions for apps", async () => {
    const { h, t } = await setup();
    const reader = await appToken(h, t.id, READER_APP);
    expectGraphError(await h.call("POST", `/v1.0/groups/${HELPDESK}/members/$ref`, { token: reader, body: ref(ALICE) }), 403, "Authorization_RequestDenied");
  });
});
