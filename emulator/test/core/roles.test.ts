import { describe, it, expect } from "vitest";
import { decodeJwt } from "jose";
import { harness, newTenant, appToken, userToken, expectGraphError, READER_APP } from "../helpers";
import { expectCollection, expectSchema, expectResponse } from "../openapi";
import { directoryRoleId, roleAssignmentId } from "../../src/domain/role-assignments";

const GA = "62e90394-69f5-4237-9190-012177145e10";
const GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
const REPORTS_READER = "4a5d8f65-41da-4de4-8968-e035b65339cf";
const HELPDESK_ADMIN = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const ALICE = "11111111-0000-4000-8000-000000000010";
const BOB = "11111111-0000-4000-8000-000000000011";
const HELPDESK_GROUP = "0f1e2d3c-0001-4000-8000-000000000004";
const ref = (id: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });

async function setup() {
  const h = await harness();
  const t = await newTenant(h);
  const token = await appToken(h, t.id);
  return { h, t, token };
}

describe("role assignment ids", () => {
  it("derives Entra-style ids (definition bytes + principal bytes, base64url, -1)", () => {
    // The id Microsoft's docs show for Global Administrator starts with the GUID bytes of 62e90394-...
    expect(roleAssignmentId(GA, ALICE)).toMatch(/^lAPpYvVpN0KRkAEhdxReE[A-Za-z0-9_-]{22}-1$/);
    expect(roleAssignmentId(GA, ALICE)).toBe(roleAssignmentId(GA.toUpperCase(), ALICE));
    expect(roleAssignmentId(GA, ALICE, "/22222222-0000-4000-8000-000000000001")).not.toBe(roleAssignmentId(GA, ALICE));
  });

  it("derives stable tenant-specific directoryRole ids that are not the template id", () => {
    const a = directoryRoleId("7d3f8a2c-5b14-4e6a-9c21-3f0b8d6e4a15", GA);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).toBe(directoryRoleId("7d3f8a2c-5b14-4e6a-9c21-3f0b8d6e4a15", GA));
    expect(a).not.toBe(GA);
    expect(directoryRoleId("00000000-0000-4000-8000-000000000001", GA)).not.toBe(a);
  });
});

describe("directoryRoles", () => {
  it("lists only activated roles, with stable tenant-specific ids", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("GET", "/v1.0/directoryRoles", { token });
    expect(res.status).toBe(200);
    expectCollection(res.body, "microsoft.graph.directoryRole");
    const templates = res.body.value.map((r: any) => r.roleTemplateId).sort();
    expect(templates).toEqual([GA, "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "c4e39bd9-1100-46d3-8c65-fb160da0071f", "0526716b-113d-4c15-b2c8-68e3c22b9f80", GLOBAL_READER, "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9"].sort());
    const ga = res.body.value.find((r: any) => r.roleTemplateId === GA);
    expect(ga).toMatchObject({ displayName: "Global Administrator", id: directoryRoleId(t.id, GA) });
    expect((await h.call("GET", "/v1.0/directoryRoles", { token })).body).toEqual(res.body);
  });

  it("gets a role by id and by roleTemplateId alternate key; 404 for a role that is not activated", async () => {
    const { h, t, token } = await setup();
    const byId = await h.call("GET", `/v1.0/directoryRoles/${directoryRoleId(t.id, GA)}`, { token });
    expect(byId.body.roleTemplateId).toBe(GA);
    expectSchema(byId.body, "microsoft.graph.directoryRole");
    const byTemplate = await h.call("GET", `/v1.0/directoryRoles(roleTemplateId='${GA}')`, { token });
    expect(byTemplate.status).toBe(200);
    expect(byTemplate.body.id).toBe(byId.body.id);
    expectResponse("GET", "/directoryRoles(roleTemplateId='{roleTemplateId}')", byTemplate.body);
    expectGraphError(await h.call("GET", `/v1.0/directoryRoles(roleTemplateId='${REPORTS_READER}')`, { token }), 404, "Request_ResourceNotFound");
    expectGraphError(await h.call("GET", `/v1.0/directoryRoles/${GA}`, { token }), 404);
  });

  it("lists members, adds and removes one through $ref, and activates/deactivates the role", async () => {
    const { h, t, token } = await setup();
    const gaId = directoryRoleId(t.id, GA);
    const members = await h.call("GET", `/v1.0/directoryRoles/${gaId}/members`, { token });
    expect(members.body.value.map((m: any) => m.userPrincipalName).sort()).toEqual([t.upn("globaladmin"), `breakglass1@${t.doc.tenant.domains[0].id}`, `breakglass2@${t.doc.tenant.domains[0].id}`].sort());
    expect(members.body.value[0]["@odata.type"]).toBe("#microsoft.graph.user");

    // Reports Reader is not activated until someone holds it: add through roleAssignments, then via members/$ref.
    await h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", { token, body: { roleDefinitionId: REPORTS_READER, principalId: ALICE, directoryScopeId: "/" } });
    const rrId = directoryRoleId(t.id, REPORTS_READER);
    const add = await h.call("POST", `/v1.0/directoryRoles/${rrId}/members/$ref`, { token, body: ref(BOB) });
    expect(add.status).toBe(204);
    const dup = await h.call("POST", `/v1.0/directoryRoles/${rrId}/members/$ref`, { token, body: ref(BOB) });
    expectGraphError(dup, 400, "Request_BadRequest");
    expect((await h.call("GET", `/v1.0/directoryRoles/${rrId}/members?$select=id`, { token })).body.value.map((m: any) => m.id).sort()).toEqual([ALICE, BOB]);
    expect((await h.call("DELETE", `/v1.0/directoryRoles/${rrId}/members/${BOB}/$ref`, { token })).status).toBe(204);
    expectGraphError(await h.call("DELETE", `/v1.0/directoryRoles/${rrId}/members/${BOB}/$ref`, { token }), 404);
    expect((await h.call("DELETE", `/v1.0/directoryRoles(roleTemplateId='${REPORTS_READER}')/members/${ALICE}/$ref`, { token })).status).toBe(204);
    expectGraphError(await h.call("GET", `/v1.0/directoryRoles/${rrId}`, { token }), 404);
    const audits = h.deps.tenants.require(t.id).state.audits.filter((a) => a.category === "RoleManagement").map((a) => a.activityDisplayName);
    expect(audits).toEqual(["Add member to role", "Add member to role", "Remove member from role", "Remove member from role"]);
  });

  it("refuses members/$ref for unknown principals and without role-management rights", async () => {
    const { h, t, token } = await setup();
    const gaId = directoryRoleId(t.id, GA);
    expectGraphError(await h.call("POST", `/v1.0/directoryRoles/${gaId}/members/$ref`, { token, body: ref("00000000-0000-4000-8000-000000000000") }), 404, "Request_ResourceNotFound");
    const alice = await userToken(h, t.id, t.upn("alice"));
    expectGraphError(await h.call("POST", `/v1.0/directoryRoles/${gaId}/members/$ref`, { token: alice, body: ref(BOB) }), 403, "Authorization_RequestDenied");
    expectGraphError(await h.call("GET", "/v1.0/directoryRoles", { token: await appToken(h, t.id, READER_APP) }), 403, "Authorization_RequestDenied");
  });

  it("answers role activation without an assignment with 501", async () => {
    const { h, token } = await setup();
    expectGraphError(await h.call("POST", "/v1.0/directoryRoles", { token, body: { roleTemplateId: REPORTS_READER } }), 501, "notImplemented");
  });

  it("rejects $filter on /directoryRoles", async () => {
    const { h, token } = await setup();
    expectGraphError(await h.call("GET", `/v1.0/directoryRoles?$filter=${encodeURIComponent("displayName eq 'x'")}`, { token }), 400);
  });

  it("lists every built-in role template and gets one", async () => {
    const { h, token } = await setup();
    const res = await h.call("GET", "/v1.0/directoryRoleTemplates", { token });
    expectCollection(res.body, "microsoft.graph.directoryRoleTemplate");
    expect(res.body.value.length).toBeGreaterThanOrEqual(16);
    expect(res.body.value.map((r: any) => r.id)).toContain(REPORTS_READER);
    expect((await h.call("GET", `/v1.0/directoryRoleTemplates/${GA}`, { token })).body.displayName).toBe("Global Administrator");
    expectGraphError(await h.call("GET", "/v1.0/directoryRoleTemplates/00000000-0000-4000-8000-000000000000", { token }), 404);
  });
});

describe("roleManagement/directory/roleDefinitions", () => {
  it("lists built-in definitions with id == templateId", async () => {
    const { h, token } = await setup();
    const res = await h.call("GET", "/v1.0/roleManagement/directory/roleDefinitions", { token });
    expectCollection(res.body, "microsoft.graph.unifiedRoleDefinition");
    expectResponse("GET", "/roleManagement/directory/roleDefinitions", res.body);
    for (const d of res.body.value) {
      expect(d.id).toBe(d.templateId);
      expect(d).toMatchObject({ isBuiltIn: true, isEnabled: true, resourceScopes: ["/"] });
      expect(d.rolePermissions[0].allowedResourceActions.length).toBeGreaterThan(0);
    }
    const one = await h.call("GET", `/v1.0/roleManagement/directory/roleDefinitions/${GLOBAL_READER}`, { token });
    expect(one.body.displayName).toBe("Global Reader");
    expect(one.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#roleManagement/directory/roleDefinitions/$entity");
    const filtered = await h.call("GET", `/v1.0/roleManagement/directory/roleDefinitions?$filter=${encodeURIComponent("displayName eq 'Reports Reader'")}`, { token });
    expect(filtered.body.value.map((d: any) => d.id)).toEqual([REPORTS_READER]);
    expectGraphError(await h.call("GET", "/v1.0/roleManagement/directory/roleDefinitions/nope", { token }), 404);
  });
});

describe("roleManagement/directory/roleAssignments", () => {
  it("lists assignments, filtered by principalId and roleDefinitionId", async () => {
    const { h, token } = await setup();
    const all = await h.call("GET", "/v1.0/roleManagement/directory/roleAssignments", { token });
    expectCollection(all.body, "microsoft.graph.unifiedRoleAssignment");
    expect(all.body.value.length).toBe(8);
    const gas = await h.call("GET", `/v1.0/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`roleDefinitionId eq '${GA}'`)}`, { token });
    expect(gas.body.value).toHaveLength(3);
    const one = await h.call("GET", `/v1.0/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent("principalId eq '11111111-0000-4000-8000-000000000006'")}`, { token });
    expect(one.body.value).toEqual([expect.objectContaining({ roleDefinitionId: GLOBAL_READER, directoryScopeId: "/", principalId: "11111111-0000-4000-8000-000000000006" })]);
  });

  it("creates (201) an assignment with an opaque id, gets it, expands the principal, deletes it (204)", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", {
      token, body: { "@odata.type": "#microsoft.graph.unifiedRoleAssignment", roleDefinitionId: HELPDESK_ADMIN, principalId: ALICE, directoryScopeId: "/" },
    });
    expect(res.status).toBe(201);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#roleManagement/directory/roleAssignments/$entity");
    expect(res.body).toMatchObject({ roleDefinitionId: HELPDESK_ADMIN, principalId: ALICE, directoryScopeId: "/" });
    expect(res.body.id).not.toMatch(/^[0-9a-f-]{36}$/);
    expectSchema(res.body, "microsoft.graph.unifiedRoleAssignment");
    expect(res.headers.get("location")).toContain(`/v1.0/roleManagement/directory/roleAssignments/${res.body.id}`);
    const got = await h.call("GET", `/v1.0/roleManagement/directory/roleAssignments/${res.body.id}?$expand=principal`, { token });
    expect(got.body.principal).toMatchObject({ "@odata.type": "#microsoft.graph.user", id: ALICE });
    expect(h.deps.tenants.require(t.id).state.audits.at(-1)).toMatchObject({ activityDisplayName: "Add member to role", category: "RoleManagement" });
    expect((await h.call("DELETE", `/v1.0/roleManagement/directory/roleAssignments/${res.body.id}`, { token })).status).toBe(204);
    expectGraphError(await h.call("GET", `/v1.0/roleManagement/directory/roleAssignments/${res.body.id}`, { token }), 404, "Request_ResourceNotFound");
    expectGraphError(await h.call("DELETE", `/v1.0/roleManagement/directory/roleAssignments/${res.body.id}`, { token }), 404);
    expect(h.deps.tenants.require(t.id).state.audits.at(-1)).toMatchObject({ activityDisplayName: "Remove member from role" });
  });

  it("assigns a role to a group", async () => {
    const { h, token } = await setup();
    const res = await h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", { token, body: { roleDefinitionId: REPORTS_READER, principalId: HELPDESK_GROUP, directoryScopeId: "/" } });
    expect(res.status).toBe(201);
  });

  it("validates the body", async () => {
    const { h, token } = await setup();
    const post = (body: unknown) => h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", { token, body });
    const noScope = await post({ roleDefinitionId: HELPDESK_ADMIN, principalId: ALICE });
    expectGraphError(noScope, 400);
    expect(noScope.body.error.message).toContain("directoryScopeId");
    const noPrincipal = await post({ roleDefinitionId: HELPDESK_ADMIN, directoryScopeId: "/" });
    expectGraphError(noPrincipal, 400);
    expect(noPrincipal.body.error.message).toContain("principalId");
    expectGraphError(await post({ roleDefinitionId: "not-a-role", principalId: ALICE, directoryScopeId: "/" }), 400);
    expectGraphError(await post({ roleDefinitionId: HELPDESK_ADMIN, principalId: "00000000-0000-4000-8000-000000000000", directoryScopeId: "/" }), 404, "Request_ResourceNotFound");
    expectGraphError(await post({ roleDefinitionId: HELPDESK_ADMIN, principalId: ALICE, directoryScopeId: "/administrativeUnits/nope" }), 400);
    expectGraphError(await post({ "@odata.type": "#microsoft.graph.somethingElse", roleDefinitionId: HELPDESK_ADMIN, principalId: ALICE, directoryScopeId: "/" }), 400);
    expectGraphError(await post({ roleDefinitionId: GA, principalId: "11111111-0000-4000-8000-000000000001", directoryScopeId: "/" }), 400, "Request_BadRequest");
    expectGraphError(await post({ roleDefinitionId: 5, principalId: ALICE, directoryScopeId: "/" }), 400);
  });

  it("needs RoleManagement.ReadWrite.Directory and, delegated, Privileged Role Administrator or Global Administrator", async () => {
    const { h, t } = await setup();
    const body = { roleDefinitionId: HELPDESK_ADMIN, principalId: ALICE, directoryScopeId: "/" };
    const reader = await appToken(h, t.id, READER_APP);
    expectGraphError(await h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", { token: reader, body }), 403, "Authorization_RequestDenied");
    expectGraphError(await h.call("GET", "/v1.0/roleManagement/directory/roleAssignments", { token: reader }), 403);
    const authAdmin = await userToken(h, t.id, t.upn("authadmin"));
    expectGraphError(await h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", { token: authAdmin, body }), 403, "Authorization_RequestDenied");
    expect((await h.call("GET", "/v1.0/roleManagement/directory/roleAssignments", { token: authAdmin })).status).toBe(200);
    const ga = await userToken(h, t.id, t.upn("globaladmin"));
    expect((await h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", { token: ga, body })).status).toBe(201);
  });

  it("shows a new assignment in the wids of the principal's next token", async () => {
    const { h, t, token } = await setup();
    const before = decodeJwt(await userToken(h, t.id, t.upn("alice")));
    expect(before.wids).not.toContain(HELPDESK_ADMIN);
    await h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", { token, body: { roleDefinitionId: HELPDESK_ADMIN, principalId: ALICE, directoryScopeId: "/" } });
    const after = decodeJwt(await userToken(h, t.id, t.upn("alice")));
    expect(after.wids).toContain(HELPDESK_ADMIN);
    // Through a group, too.
    await h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", { token, body: { roleDefinitionId: REPORTS_READER, principalId: HELPDESK_GROUP, directoryScopeId: "/" } });
    expect(decodeJwt(await userToken(h, t.id, t.upn("authadmin"))).wids).toContain(REPORTS_READER);
  });
});
