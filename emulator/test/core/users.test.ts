import { describe, it, expect } from "vitest";
import { harness, newTenant, appToken, userToken, expectGraphError, PASSWORD } from "../helpers";
import { expectSchema, expectResponse } from "../openapi";

async function setup() {
  const h = await harness();
  const t = await newTenant(h);
  const token = await appToken(h, t.id);
  return { h, t, token };
}
const newUser = (upn: string, extra: Record<string, unknown> = {}) => ({
  accountEnabled: true, displayName: "Nina New", mailNickname: "nina", userPrincipalName: upn, passwordProfile: { password: "Str0ng-Passw0rd!" }, ...extra,
});

describe("users: read", () => {
  it("gets a user by id and by UPN, matching the user schema", async () => {
    const { h, t, token } = await setup();
    const byUpn = await h.call("GET", `/v1.0/users/${t.upn("alice")}`, { token });
    expect(byUpn.status).toBe(200);
    expect(byUpn.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#users/$entity");
    const byId = await h.call("GET", `/v1.0/users/${byUpn.body.id}`, { token });
    expect(byId.body).toEqual(byUpn.body);
    expectSchema(byId.body, "microsoft.graph.user");
    expectResponse("GET", "/users/{user-id}", byId.body);
  });

  it("serves /me for a delegated token", async () => {
    const { h, t } = await setup();
    const me = await h.call("GET", "/v1.0/me", { token: await userToken(h, t.id, t.upn("carol")) });
    expect(me.body.userPrincipalName).toBe(t.upn("carol"));
  });

  it("lists memberOf and transitiveMemberOf", async () => {
    const { h, t, token } = await setup();
    const direct = await h.call("GET", `/v1.0/users/${t.upn("alice")}/memberOf`, { token });
    expect(direct.body.value.map((g: any) => g.displayName).sort()).toEqual(["All Staff", "TAP Pilot"]);
    expect(direct.body.value[0]["@odata.type"]).toBe("#microsoft.graph.group");
    const me = await h.call("GET", "/v1.0/me/memberOf", { token: await userToken(h, t.id, t.upn("alice")) });
    expect(me.body.value).toHaveLength(2);
  });

  it("lists the directory roles a user holds in memberOf, and those held through groups in transitiveMemberOf", async () => {
    const { h, t, token } = await setup();
    const ga = await h.call("GET", `/v1.0/users/${t.upn("globaladmin")}/memberOf`, { token });
    const role = ga.body.value.find((o: any) => o["@odata.type"] === "#microsoft.graph.directoryRole");
    expect(role).toMatchObject({ displayName: "Global Administrator", roleTemplateId: "62e90394-69f5-4237-9190-012177145e10" });
    // Reports Reader to the Helpdesk group: authadmin (a member) gets it transitively only.
    await h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", { token, body: { roleDefinitionId: "4a5d8f65-41da-4de4-8968-e035b65339cf", principalId: "0f1e2d3c-0001-4000-8000-000000000004", directoryScopeId: "/" } });
    const names = async (sub: string) => (await h.call("GET", `/v1.0/users/${t.upn("authadmin")}/${sub}`, { token })).body.value.filter((o: any) => o["@odata.type"] === "#microsoft.graph.directoryRole").map((r: any) => r.displayName).sort();
    expect(await names("memberOf")).toEqual(["Authentication Administrator"]);
    expect(await names("transitiveMemberOf")).toEqual(["Authentication Administrator", "Reports Reader"]);
  });

  it("narrows memberOf with an OData type cast", async () => {
    const { h, t, token } = await setup();
    const groups = await h.call("GET", `/v1.0/users/${t.upn("globaladmin")}/memberOf/microsoft.graph.group`, { token });
    expect(groups.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#groups");
    expect(groups.body.value.map((g: any) => g.displayName)).toEqual(["All Staff"]);
    const roles = await h.call("GET", `/v1.0/users/${t.upn("globaladmin")}/transitiveMemberOf/microsoft.graph.directoryRole`, { token });
    expect(roles.body.value.map((r: any) => r.displayName)).toEqual(["Global Administrator"]);
    const me = await h.call("GET", "/v1.0/me/memberOf/microsoft.graph.group?$count=true", { token: await userToken(h, t.id, t.upn("alice")), headers: { ConsistencyLevel: "eventual" } });
    expect(me.body["@odata.count"]).toBe(2);
    expectGraphError(await h.call("GET", `/v1.0/users/${t.upn("alice")}/memberOf/microsoft.graph.banana`, { token }), 400, "BadRequest");
  });
});

describe("users: create", () => {
  it("creates a user (201, Location, default properties) who can then sign in", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("POST", "/v1.0/users", { token, body: newUser(t.upn("nina"), { jobTitle: "Engineer" }) });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`https://localhost:8443/v1.0/users/${res.body.id}`);
    expect(res.body).toMatchObject({ userPrincipalName: t.upn("nina"), displayName: "Nina New", jobTitle: "Engineer" });
    expectSchema(res.body, "microsoft.graph.user");
    const sel = await h.call("GET", `/v1.0/users/${res.body.id}?$select=accountEnabled,userType,createdDateTime`, { token });
    expect(sel.body).toMatchObject({ accountEnabled: true, userType: "Member", createdDateTime: h.clock.now().toISOString() });
    await userToken(h, t.id, t.upn("nina"), "User.Read", "Str0ng-Passw0rd!");
    const audit = h.deps.tenants.require(t.id).state.audits.at(-1)!;
    expect(audit).toMatchObject({ activityDisplayName: "Add user", category: "UserManagement" });
  });

  it("requires the five mandatory properties, naming the missing one", async () => {
    const { h, t, token } = await setup();
    for (const k of ["accountEnabled", "displayName", "mailNickname", "userPrincipalName", "passwordProfile"]) {
      const body: Record<string, unknown> = newUser(t.upn("nina"));
      delete body[k];
      const res = await h.call("POST", "/v1.0/users", { token, body });
      expectGraphError(res, 400);
      expect(res.body.error.message, k).toContain(k);
    }
  });

  it("rejects an unverified or foreign UPN domain, bad characters, and a duplicate UPN", async () => {
    const { h, t, token } = await setup();
    expectGraphError(await h.call("POST", "/v1.0/users", { token, body: newUser("x@notmine.example") }), 400, "Request_BadRequest");
    expectGraphError(await h.call("POST", "/v1.0/users", { token, body: newUser(`bad name@${t.domain}`) }), 400);
    const dup = await h.call("POST", "/v1.0/users", { token, body: newUser(t.upn("ALICE")) });
    expectGraphError(dup, 400, "Request_BadRequest");
    expect(dup.body.error.message).toContain("already exists");
  });

  it("requires onPremisesImmutableId for a federated domain", async () => {
    const { h, t, token } = await setup();
    const fed = t.doc.tenant.domains.find((d: any) => d.authenticationType === "Federated").id;
    expectGraphError(await h.call("POST", "/v1.0/users", { token, body: newUser(`ned@${fed}`) }), 400, "Request_BadRequest");
    expect((await h.call("POST", "/v1.0/users", { token, body: newUser(`ned@${fed}`, { onPremisesImmutableId: "bmVk" }) })).status).toBe(201);
  });

  it("rejects a password that does not meet complexity", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("POST", "/v1.0/users", { token, body: newUser(t.upn("nina"), { passwordProfile: { password: "short" } }) });
    expectGraphError(res, 400, "Request_BadRequest");
    expect(res.body.error.message).toContain("password complexity");
  });

  it("lets only Global or User Administrators create and delete users when delegated", async () => {
    const { h, t } = await setup();
    const token = await userToken(h, t.id, t.upn("globalreader"));
    expectGraphError(await h.call("POST", "/v1.0/users", { token, body: newUser(t.upn("nina")) }), 403, "Authorization_RequestDenied");
    const paa = await userToken(h, t.id, t.upn("privauthadmin"));
    expectGraphError(await h.call("POST", "/v1.0/users", { token: paa, body: newUser(t.upn("nina")) }), 403, "Authorization_RequestDenied");
    expectGraphError(await h.call("DELETE", `/v1.0/users/${t.upn("bob")}`, { token: paa }), 403, "Authorization_RequestDenied");
    const ga = await userToken(h, t.id, t.upn("globaladmin"));
    expect((await h.call("POST", "/v1.0/users", { token: ga, body: newUser(t.upn("nina")) })).status).toBe(201);
    expect((await h.call("DELETE", `/v1.0/users/${t.upn("bob")}`, { token: ga })).status).toBe(204);
  });
});

describe("users: update", () => {
  it("updates properties (204) and audits the change", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { jobTitle: "Lead", officeLocation: "B1", businessPhones: ["+1 555 0100"] } });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const after = await h.call("GET", `/v1.0/users/${t.upn("bob")}`, { token });
    expect(after.body).toMatchObject({ jobTitle: "Lead", officeLocation: "B1", businessPhones: ["+1 555 0100"] });
    const audit = h.deps.tenants.require(t.id).state.audits.at(-1)!;
    expect(audit.activityDisplayName).toBe("Update user");
    expect(audit.targetResources[0].modifiedProperties!.map((p) => p.displayName)).toEqual(expect.arrayContaining(["jobTitle", "officeLocation"]));
  });

  it("never writes internal fields and refuses read-only properties", async () => {
    const { h, t, token } = await setup();
    const before = structuredClone(h.deps.tenants.require(t.id).state.users.find((u) => u.userPrincipalName === t.upn("bob"))!);
    const res = await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { passwordHash: "x", tags: ["breakGlass"], jobTitle: "ok" } });
    expect(res.status).toBe(204);
    const after = h.deps.tenants.require(t.id).state.users.find((u) => u.userPrincipalName === t.upn("bob"))!;
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.tags).toEqual(before.tags);
    expectGraphError(await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { id: "11111111-0000-4000-8000-00000000ffff" } }), 400, "Request_BadRequest");
  });

  it("renames a UPN only to a free one in a verified domain", async () => {
    const { h, t, token } = await setup();
    expectGraphError(await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { userPrincipalName: t.upn("alice") } }), 400, "Request_BadRequest");
    expectGraphError(await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { userPrincipalName: "bob@elsewhere.example" } }), 400, "Request_BadRequest");
    expect((await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { userPrincipalName: t.upn("robert") } })).status).toBe(204);
    expect((await h.call("GET", `/v1.0/users/${t.upn("robert")}`, { token })).body.id).toBe("11111111-0000-4000-8000-000000000011");
  });

  it("lets a user edit their own profile but not their sign-in properties", async () => {
    const { h, t } = await setup();
    const token = await userToken(h, t.id, t.upn("carol"));
    expect((await h.call("PATCH", "/v1.0/me", { token, body: { jobTitle: "Self-titled" } })).status).toBe(204);
    expectGraphError(await h.call("PATCH", "/v1.0/me", { token, body: { accountEnabled: false } }), 403, "Authorization_RequestDenied");
  });

  it("keeps a User Administrator-less admin from changing another admin", async () => {
    const { h, t } = await setup();
    const token = await userToken(h, t.id, t.upn("authadmin"));
    expectGraphError(await h.call("PATCH", `/v1.0/users/${t.upn("globaladmin")}`, { token, body: { jobTitle: "x" } }), 403);
  });
});

describe("users: delete", () => {
  it("deletes a user (204) with memberships, roles and refresh tokens", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("DELETE", `/v1.0/users/${t.upn("globalreader")}`, { token });
    expect(res.status).toBe(204);
    expectGraphError(await h.call("GET", `/v1.0/users/${t.upn("globalreader")}`, { token }), 404, "Request_ResourceNotFound");
    const state = h.deps.tenants.require(t.id).state;
    expect(state.roleAssignments.some((a) => a.principalId === "11111111-0000-4000-8000-000000000006")).toBe(false);
    expect(state.groups.some((g) => g.members.includes("11111111-0000-4000-8000-000000000006"))).toBe(false);
    expectGraphError(await h.call("DELETE", `/v1.0/users/${t.upn("globalreader")}`, { token }), 404);
    const signIn = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, { form: { grant_type: "password", client_id: "6b9fad2f-3c4e-4f60-9bac-1d2e3f4a5b6c", username: t.upn("globalreader"), password: PASSWORD, scope: "User.Read" } });
    expect(signIn.body.error_codes).toEqual([50034]);
  });
});
