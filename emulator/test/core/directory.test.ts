import { describe, it, expect } from "vitest";
import { harness, newTenant, appToken, userToken, expectGraphError, READER_APP } from "../helpers";
import { expectCollection, expectSchema, expectResponse } from "../openapi";

async function setup() {
  const h = await harness();
  const t = await newTenant(h);
  const token = await appToken(h, t.id);
  return { h, t, token };
}

describe("domains", () => {
  it("lists the tenant's domains in the domain schema", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("GET", "/v1.0/domains", { token });
    expect(res.status).toBe(200);
    // The subset's `state` is a bare $ref (PowerShell-flavoured OpenAPI drops nullable on complex types);
    // Graph returns `state: null`, so validate without it.
    const withoutState = { value: res.body.value.map(({ state, ...d }: any) => d) };
    expectCollection(withoutState, "microsoft.graph.domain");
    expectResponse("GET", "/domains", withoutState);
    const byId = Object.fromEntries(res.body.value.map((d: any) => [d.id, d]));
    const initial = t.doc.tenant.domains[0].id;
    const fed = t.doc.tenant.domains[2].id;
    expect(byId[t.domain]).toMatchObject({ authenticationType: "Managed", isDefault: true, isInitial: false, isVerified: true, isAdminManaged: true, isRoot: true, passwordNotificationWindowInDays: 14, passwordValidityPeriodInDays: 90, state: null });
    expect(byId[initial]).toMatchObject({ isInitial: true, isDefault: false });
    expect(byId[fed]).toMatchObject({ authenticationType: "Federated", isRoot: false });
    expect(byId[t.domain].supportedServices).toEqual(["Email", "OfficeCommunicationsOnline"]);
  });

  it("gets one domain by FQDN (case-insensitive) and 404s an unknown one", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("GET", `/v1.0/domains/${t.domain.toUpperCase()}`, { token });
    expect(res.body.id).toBe(t.domain);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#domains/$entity");
    const { state, ...rest } = res.body;
    expect(state).toBeNull();
    expectSchema(rest, "microsoft.graph.domain");
    expectGraphError(await h.call("GET", "/v1.0/domains/nope.example", { token }), 404, "Request_ResourceNotFound");
    expect((await h.call("GET", `/v1.0/domains('${t.domain}')`, { token })).body.id).toBe(t.domain);
  });

  it("needs Domain.* or Directory.* permissions", async () => {
    const { h, t } = await setup();
    expectGraphError(await h.call("GET", "/v1.0/domains", { token: await appToken(h, t.id, READER_APP) }), 403, "Authorization_RequestDenied");
  });
});

describe("organization", () => {
  it("returns the tenant as a one-item collection", async () => {
    const { h, t, token } = await setup();
    const res = await h.call("GET", "/v1.0/organization", { token });
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#organization");
    expect(res.body.value).toHaveLength(1);
    const org = res.body.value[0];
    expect(org).toMatchObject({ "@odata.type": "#microsoft.graph.organization", id: t.id, displayName: "Contoso", tenantType: "AAD", createdDateTime: h.clock.now().toISOString() });
    expect(org.verifiedDomains).toHaveLength(3);
    expect(org.verifiedDomains.find((d: any) => d.name === t.domain)).toEqual({ capabilities: "Email, OfficeCommunicationsOnline", isDefault: true, isInitial: false, name: t.domain, type: "Managed" });
  });

  it("gets the organization by tenant id and 404s another id", async () => {
    const { h, t, token } = await setup();
    expect((await h.call("GET", `/v1.0/organization/${t.id}`, { token })).body.id).toBe(t.id);
    expectGraphError(await h.call("GET", "/v1.0/organization/00000000-0000-4000-8000-000000000000", { token }), 404);
  });

  it("lets any signed-in user read it (User.Read) but not an app without Organization/Directory permissions", async () => {
    const { h, t } = await setup();
    expect((await h.call("GET", "/v1.0/organization", { token: await userToken(h, t.id, t.upn("alice"), "User.Read") })).status).toBe(200);
    expectGraphError(await h.call("GET", "/v1.0/organization", { token: await appToken(h, t.id, READER_APP) }), 403);
  });
});
