import { describe, it, expect } from "vitest";
import { decodeJwt } from "jose";
import { harness, newTenant, uniqueFixture, appToken, userToken, expectGraphError, READER_APP } from "../helpers";

describe("control plane: health and tenants", () => {
  it("answers health with status ok", async () => {
    const h = await harness();
    const res = await h.call("GET", "/_emulator/health");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ok");
  });

  it("reports 503 'starting' until the seed is loaded", async () => {
    const h = await harness();
    h.deps.config.ready = () => false;
    const res = await h.call("GET", "/_emulator/health");
    expect(res.status).toBe(503);
    expect(res.body.status).toBe("starting");
  });

  it("serves the CA certificate at /_emulator/ca.pem, 404 when not serving TLS", async () => {
    const h = await harness();
    expectGraphError(await h.call("GET", "/_emulator/ca.pem"), 404);
    h.deps.config.caPem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const res = await h.call("GET", "/_emulator/ca.pem");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-pem-file");
    expect(res.text).toContain("BEGIN CERTIFICATE");
  });

  it("creates a tenant (201 with tenantId), lists and gets it", async () => {
    const h = await harness();
    const t = await newTenant(h);
    expect(t.id).toMatch(/^[0-9a-f-]{36}$/);
    const list = await h.call("GET", "/_emulator/tenants");
    expect(list.status).toBe(200);
    expect(list.body.value.map((x: any) => x.tenantId)).toContain(t.id);
    const one = await h.call("GET", `/_emulator/tenants/${t.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ tenantId: t.id, defaultDomain: t.domain });
    expect(one.body.domains).toContain(t.domain);
    expect((await h.call("GET", `/_emulator/tenants/${t.domain.toUpperCase()}`)).body.tenantId).toBe(t.id);
  });

  it("keeps a fixture-given tenant id and answers 409 for a second tenant with that id", async () => {
    const h = await harness();
    const id = "0a1b2c3d-1111-4222-8333-444455556666";
    const first = await h.call("POST", "/_emulator/tenants", { body: uniqueFixture((d) => { d.tenant.id = id; }) });
    expect(first.status).toBe(201);
    expect(first.body.tenantId).toBe(id);
    const second = await h.call("POST", "/_emulator/tenants", { body: uniqueFixture((d) => { d.tenant.id = id; }) });
    expectGraphError(second, 409);
    expect((await h.call("GET", "/_emulator/tenants")).body.value).toHaveLength(1);
  });

  it("refuses a domain that another tenant already owns (409) and creates nothing", async () => {
    const h = await harness();
    const a = await newTenant(h);
    const res = await h.call("POST", "/_emulator/tenants", { body: uniqueFixture((d) => { d.tenant.domains.push({ id: a.domain, authenticationType: "Managed" }); }) });
    expectGraphError(res, 409);
    expect(res.body.error.message).toContain(a.domain);
    expect((await h.call("GET", "/_emulator/tenants")).body.value).toHaveLength(1);
  });

  it("answers 404 for an unknown tenant on every tenant route", async () => {
    const h = await harness();
    const id = "00000000-0000-4000-8000-00000000dead";
    for (const [m, p] of [["GET", ""], ["GET", "/export"], ["POST", "/reset"], ["DELETE", ""], ["GET", "/clock"]] as const)
      expectGraphError(await h.call(m, `/_emulator/tenants/${id}${p}`), 404);
  });

  it("deletes a tenant: it disappears and its tokens stop working", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    const del = await h.call("DELETE", `/_emulator/tenants/${t.id}`);
    expect(del.status).toBe(204);
    expectGraphError(await h.call("GET", `/_emulator/tenants/${t.id}`), 404);
    expectGraphError(await h.call("GET", "/v1.0/users", { token }), 401, "InvalidAuthenticationToken");
  });

  it("answers unknown control-plane routes with a JSON 404", async () => {
    const h = await harness();
    const res = await h.call("GET", "/_emulator/nope");
    expectGraphError(res, 404);
  });
});

describe("control plane: invalid fixtures", () => {
  const cases: [string, (d: any) => void, string][] = [
    ["a missing displayName", (d) => { delete d.tenant.displayName; }, "tenant.displayName"],
    ["no domains", (d) => { d.tenant.domains = []; }, "tenant.domains"],
    ["a bad authenticationType", (d) => { d.tenant.domains[0].authenticationType = "Cloud"; }, "tenant.domains[0].authenticationType"],
    ["a user without password", (d) => { delete d.users[2].password; }, "users[2].password"],
    ["a user with a wrong type", (d) => { d.users[1].accountEnabled = "yes"; }, "users[1].accountEnabled"],
    ["an unknown property", (d) => { d.users[0].favouriteColour = "blue"; }, "users[0]"],
    ["a UPN in a foreign domain", (d) => { d.users[0].userPrincipalName = "x@elsewhere.example"; }, "users[0].userPrincipalName"],
    ["an unknown role", (d) => { d.users[0].roles = ["Chief Wizard"]; }, "users[0].roles[0]"],
    ["an unknown group", (d) => { d.users[3].groups = ["Nope"]; }, "users[3].groups[0]"],
    ["duplicate user ids", (d) => { d.users[1].id = d.users[0].id; }, "users[1].id"],
    ["duplicate UPNs", (d) => { d.users[1].userPrincipalName = d.users[0].userPrincipalName; }, "users[1].userPrincipalName"],
    ["duplicate domains", (d) => { d.tenant.domains.push({ ...d.tenant.domains[0] }); }, "tenant.domains[3].id"],
    ["two default domains", (d) => { d.tenant.domains.forEach((x: any) => { x.isDefault = true; }); }, "tenant.domains"],
    ["an unknown Graph permission", (d) => { d.applications[0].applicationPermissions = ["Everything.All"]; }, "applications[0].applicationPermissions[0]"],
    ["a confidential app without secret", (d) => { delete d.applications[0].clientSecret; }, "applications[0].clientSecret"],
    ["a role assignment to nobody", (d) => { d.roleAssignments = [{ role: "Global Reader", principal: "nobody" }]; }, "roleAssignments[0].principal"],
  ];
  for (const [label, mutate, field] of cases) {
    it(`rejects ${label} with 400 naming ${field}, and creates nothing`, async () => {
      const h = await harness();
      const res = await h.call("POST", "/_emulator/tenants", { body: uniqueFixture(mutate) });
      expectGraphError(res, 400);
      expect(res.body.error.message).toContain(field);
      expect((await h.call("GET", "/_emulator/tenants")).body.value).toHaveLength(0);
    });
  }

  it("rejects malformed JSON with 400", async () => {
    const h = await harness();
    const res = await h.call("POST", "/_emulator/tenants", { body: "{ not json" });
    expectGraphError(res, 400);
  });
});

describe("control plane: isolation", () => {
  it("keeps users, tokens and clocks of two tenants apart", async () => {
    const h = await harness();
    const a = await newTenant(h);
    const b = await newTenant(h, (d) => { d.users.push({ userPrincipalName: `onlyinb@${d.tenant.domains[1].id}`, displayName: "Only B", password: "TenantLab-Passw0rd!" }); });
    const tokenA = await appToken(h, a.id);
    const tokenB = await appToken(h, b.id);
    // A's token reads A: B's extra user is not there.
    expectGraphError(await h.call("GET", `/v1.0/users/${b.upn("onlyinb")}`, { token: tokenA }), 404, "Request_ResourceNotFound");
    expect((await h.call("GET", `/v1.0/users/${b.upn("onlyinb")}`, { token: tokenB })).status).toBe(200);
    // Changing a user in A leaves B's same-id user alone.
    await h.call("PATCH", `/v1.0/users/${a.upn("alice")}`, { token: tokenA, body: { jobTitle: "Changed in A" } });
    expect((await h.call("GET", `/v1.0/users/${b.upn("alice")}?$select=jobTitle`, { token: tokenB })).body.jobTitle).not.toBe("Changed in A");
    // A user of A cannot sign in at B.
    const cross = await h.call("POST", `/${b.id}/oauth2/v2.0/token`, { form: { grant_type: "password", client_id: "6b9fad2f-3c4e-4f60-9bac-1d2e3f4a5b6c", username: a.upn("alice"), password: "TenantLab-Passw0rd!", scope: "User.Read" } });
    expect(cross.body.error_codes).toEqual([50034]);
    // Logs are per tenant: A's sign-ins and audits are not in B's logs.
    await h.call("POST", "/v1.0/groups", { token: tokenA, body: { displayName: "Only in A", mailEnabled: false, mailNickname: "onlya", securityEnabled: true } });
    const auditsB = (await h.call("GET", "/v1.0/auditLogs/directoryAudits", { token: tokenB })).body.value;
    expect(auditsB).toEqual([]);
    const signInsB = (await h.call("GET", "/v1.0/auditLogs/signIns", { token: tokenB })).body.value;
    expect(signInsB.map((x: any) => x.userPrincipalName)).toEqual([a.upn("alice")]);
    expect((await h.call("GET", "/v1.0/auditLogs/signIns", { token: tokenA })).body.value).toEqual([]);
    // Clocks are per tenant.
    await h.call("POST", `/_emulator/tenants/${a.id}/clock`, { body: { advanceMinutes: 600 } });
    const clockA = Date.parse((await h.call("GET", `/_emulator/tenants/${a.id}/clock`)).body.now);
    const clockB = Date.parse((await h.call("GET", `/_emulator/tenants/${b.id}/clock`)).body.now);
    expect(clockA - clockB).toBe(600 * 60_000);
    // A's token has expired by A's clock; B's still works.
    expectGraphError(await h.call("GET", "/v1.0/users", { token: tokenA }), 401, "InvalidAuthenticationToken");
    expect((await h.call("GET", "/v1.0/users", { token: tokenB })).status).toBe(200);
  });

  it("does not let a token re-signed for another tenant in: the signature no longer verifies", async () => {
    const h = await harness();
    const a = await newTenant(h);
    const b = await newTenant(h);
    const token = await appToken(h, a.id);
    const [head, payload, sig] = token.split(".");
    const claims = decodeJwt(token);
    const forged = Buffer.from(JSON.stringify({ ...claims, tid: b.id, iss: String(claims.iss).replace(a.id, b.id) })).toString("base64url");
    expect(payload).not.toBe(forged);
    expectGraphError(await h.call("GET", "/v1.0/users", { token: `${head}.${forged}.${sig}` }), 401, "InvalidAuthenticationToken");
  });
});

describe("control plane: export, re-import and reset", () => {
  it("exports a document that re-imports to the same state", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    // Change things the seed did not have: a user, a group with members, a role assignment to a group.
    const u = await h.call("POST", "/v1.0/users", { token, body: { accountEnabled: true, displayName: "New Person", mailNickname: "newp", userPrincipalName: t.upn("newp"), passwordProfile: { password: "Another-Passw0rd!" } } });
    expect(u.status).toBe(201);
    const g = await h.call("POST", "/v1.0/groups", { token, body: { displayName: "Auditors", mailEnabled: false, mailNickname: "auditors", securityEnabled: true } });
    await h.call("POST", `/v1.0/groups/${g.body.id}/members/$ref`, { token, body: { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${u.body.id}` } });
    await h.call("POST", "/v1.0/roleManagement/directory/roleAssignments", { token, body: { roleDefinitionId: "f2ef992c-3afb-46b9-b7cf-a126ee74c451", principalId: g.body.id, directoryScopeId: "/" } });
    const exported = (await h.call("GET", `/_emulator/tenants/${t.id}/export`)).body;
    expect(JSON.stringify(exported)).not.toContain("TenantLab-Passw0rd!");
    expect(JSON.stringify(exported)).not.toContain("tenantlab-bootstrap-secret");
    expect(JSON.stringify(exported)).not.toContain("Another-Passw0rd!");

    const h2 = await harness();
    const created = await h2.call("POST", "/_emulator/tenants", { body: exported });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.tenantId).toBe(t.id);
    const again = (await h2.call("GET", `/_emulator/tenants/${t.id}/export`)).body;
    expect({ ...again, clock: undefined }).toEqual({ ...exported, clock: undefined });
    // Hashed secrets still work after the round trip.
    await userToken(h2, t.id, t.upn("newp"), "User.Read", "Another-Passw0rd!");
    // Role assignment ids survive too.
    const ra1 = (await h.call("GET", "/v1.0/roleManagement/directory/roleAssignments", { token })).body.value.map((a: any) => a.id).sort();
    const ra2 = (await h2.call("GET", "/v1.0/roleManagement/directory/roleAssignments", { token: await appToken(h2, t.id) })).body.value.map((a: any) => a.id).sort();
    expect(ra2).toEqual(ra1);
  });

  it("resets a tenant back to its seed", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    const before = (await h.call("GET", `/_emulator/tenants/${t.id}/export`)).body;
    await h.call("DELETE", `/v1.0/users/${t.upn("alice")}`, { token });
    await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { displayName: "Robert" } });
    expect((await h.call("GET", `/v1.0/users/${t.upn("alice")}`, { token })).status).toBe(404);
    const reset = await h.call("POST", `/_emulator/tenants/${t.id}/reset`);
    expect(reset.status).toBe(200);
    const after = (await h.call("GET", `/_emulator/tenants/${t.id}/export`)).body;
    expect({ ...after, clock: undefined }).toEqual({ ...before, clock: undefined });
    const token2 = await appToken(h, t.id);
    expect((await h.call("GET", `/v1.0/users/${t.upn("bob")}`, { token: token2 })).body.displayName).not.toBe("Robert");
  });

  it("drops logs on reset (they are not part of the seed)", async () => {
    const h = await harness();
    const t = await newTenant(h);
    await userToken(h, t.id, t.upn("alice"));
    expect(h.deps.tenants.require(t.id).state.signIns.length).toBeGreaterThan(0);
    await h.call("POST", `/_emulator/tenants/${t.id}/reset`);
    expect(h.deps.tenants.require(t.id).state.signIns).toHaveLength(0);
  });

  it("keeps a read-only app's permissions through export", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const doc = (await h.call("GET", `/_emulator/tenants/${t.id}/export`)).body;
    const app = doc.applications.find((a: any) => a.appId === READER_APP.appId);
    expect(app.applicationPermissions).toEqual(["User.Read.All"]);
    expect(app.clientSecretHash).toMatch(/^scrypt\$/);
    expect(app.clientSecret).toBeUndefined();
  });
});

describe("control plane: tenant clock", () => {
  it("reads, advances and sets the clock", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const start = Date.parse((await h.call("GET", `/_emulator/tenants/${t.id}/clock`)).body.now);
    expect(start).toBe(h.clock.now().getTime());
    const adv = await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 90 } });
    expect(adv.status).toBe(200);
    expect(Date.parse(adv.body.now) - start).toBe(90 * 60_000);
    const set = await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { now: "2030-05-01T12:00:00Z" } });
    expect(set.body.now).toBe("2030-05-01T12:00:00.000Z");
    expect((await h.call("GET", `/_emulator/tenants/${t.id}/clock`)).body.now).toBe("2030-05-01T12:00:00.000Z");
  });

  it("rejects a bad clock body with 400 naming the field", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const res = await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: "ten" } });
    expectGraphError(res, 400);
    expect(res.body.error.message).toContain("advanceMinutes");
    expectGraphError(await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { now: "yesterday" } }), 400);
  });

  it("makes token expiry follow the tenant clock", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    const claims = decodeJwt(token);
    expect(claims.iat).toBe(Math.floor(h.clock.now().getTime() / 1000));
    expect(Number(claims.exp) - Number(claims.iat)).toBeGreaterThanOrEqual(60 * 60);
    expect(Number(claims.exp) - Number(claims.iat)).toBeLessThanOrEqual(90 * 60);
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 30 } });
    expect((await h.call("GET", "/v1.0/users", { token })).status).toBe(200);
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 70 } });
    const res = await h.call("GET", "/v1.0/users", { token });
    expectGraphError(res, 401, "InvalidAuthenticationToken");
    expect(res.body.error.message).toMatch(/expired/i);
    // A token issued now carries the moved clock.
    const fresh = decodeJwt(await appToken(h, t.id));
    expect(Number(fresh.iat) * 1000).toBe(h.clock.now().getTime() + 100 * 60_000);
  });

  it("starts the tenant clock at the fixture's clock.now", async () => {
    const h = await harness();
    const t = await newTenant(h, (d) => { d.clock = { now: "2031-02-03T04:05:06Z" }; });
    expect((await h.call("GET", `/_emulator/tenants/${t.id}/clock`)).body.now).toBe("2031-02-03T04:05:06.000Z");
  });
});
