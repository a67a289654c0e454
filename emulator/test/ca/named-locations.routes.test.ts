/**
 * `/identity/conditionalAccess/namedLocations`: IP (IPv4/IPv6 CIDR, trusted) and country locations,
 * `@odata.type` required on the location and each range, delete rules, audit, OpenAPI shapes.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { harness, newTenant, appToken, userToken, expectGraphError, type Harness } from "../helpers";
import { expectCaCollection, expectCaSchema, expectCaResponse } from "./ca-openapi";
import { OFFICE_LOCATION } from "./ca-kit";

const BASE = "/v1.0/identity/conditionalAccess/namedLocations";
const example = (name: string) => JSON.parse(readFileSync(path.resolve(__dirname, `../../../../shared/graph/examples/${name}`), "utf8"));

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
let token: string;
let caToken: string;
beforeAll(async () => {
  h = await harness();
  t = await newTenant(h);
  token = await appToken(h, t.id);
  caToken = await userToken(h, t.id, t.upn("caadmin"));
});

const ip = (over: Record<string, any> = {}) => ({
  "@odata.type": "#microsoft.graph.ipNamedLocation",
  displayName: "Branch",
  isTrusted: false,
  ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "192.0.2.0/24" }],
  ...over,
});
const post = (body: unknown) => h.call("POST", BASE, { token, body });

describe("named locations: CRUD", () => {
  it("lists the default tenant's trusted office network", async () => {
    const res = await h.call("GET", BASE, { token });
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual([{
      "@odata.type": "#microsoft.graph.ipNamedLocation", id: OFFICE_LOCATION, displayName: "Contoso office network",
      createdDateTime: expect.any(String), modifiedDateTime: expect.any(String), isTrusted: true,
      ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "203.0.113.0/24" }, { "@odata.type": "#microsoft.graph.iPv6CidrRange", cidrAddress: "2001:db8:1::/48" }],
    }]);
    expectCaCollection(res.body, "microsoft.graph.ipNamedLocation");
    expectCaResponse("GET", "/identity/conditionalAccess/namedLocations", res.body);
  });

  it("creates the documented IP location (IPv4 and IPv6, host bits allowed): 201", async () => {
    const doc = example("named-location-create-ip.json");
    const res = await post(doc.request.body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { id, createdDateTime, modifiedDateTime, "@odata.context": ctx, ...rest } = res.body;
    const { id: _i, createdDateTime: _c, modifiedDateTime: _m, "@odata.context": _x, ...expected } = doc.response.body;
    expect(rest).toEqual(expected);
    expect(ctx).toBe("https://localhost:8443/v1.0/$metadata#identity/conditionalAccess/namedLocations/$entity");
    expect(createdDateTime).toBe(modifiedDateTime);
    expect(res.headers.get("location")).toContain(`/namedLocations/${id}`);
    expectCaSchema(res.body, "microsoft.graph.ipNamedLocation");
    const got = await h.call("GET", `${BASE}/${id}`, { token });
    expect(got.body.ipRanges).toEqual(expected.ipRanges);
  });

  it("creates the documented country location with the default lookup method", async () => {
    const res = await post(example("named-location-create-country.json").request.body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ "@odata.type": "#microsoft.graph.countryNamedLocation", countriesAndRegions: ["US", "GB"], includeUnknownCountriesAndRegions: true, countryLookupMethod: "clientIpAddress" });
    expectCaSchema(res.body, "microsoft.graph.countryNamedLocation");
  });

  it("PATCH needs @odata.type, answers 204 and changes only what is sent", async () => {
    const { body: loc } = await post(ip({ displayName: "to patch" }));
    expectGraphError(await h.call("PATCH", `${BASE}/${loc.id}`, { token, body: { isTrusted: true } }), 400, "BadRequest");
    const res = await h.call("PATCH", `${BASE}/${loc.id}`, { token, body: { "@odata.type": "#microsoft.graph.ipNamedLocation", isTrusted: true } });
    expect(res.status).toBe(204);
    const got = await h.call("GET", `${BASE}/${loc.id}`, { token });
    expect(got.body).toMatchObject({ isTrusted: true, displayName: "to patch", ipRanges: loc.ipRanges });
  });

  it("PATCH can't change the kind of location", async () => {
    const { body: loc } = await post(ip({ displayName: "kind" }));
    const res = await h.call("PATCH", `${BASE}/${loc.id}`, { token, body: { "@odata.type": "#microsoft.graph.countryNamedLocation", countriesAndRegions: ["FR"] } });
    expectGraphError(res, 400, "BadRequest");
  });

  it("DELETE of an unused, untrusted location answers 204", async () => {
    const { body: loc } = await post(ip({ displayName: "to delete" }));
    expect((await h.call("DELETE", `${BASE}/${loc.id}`, { token })).status).toBe(204);
    expectGraphError(await h.call("GET", `${BASE}/${loc.id}`, { token }), 404);
  });

  it("DELETE of a location a policy uses is refused, then allowed once the policy no longer uses it", async () => {
    const { body: loc } = await post(ip({ displayName: "in use" }));
    const { body: pol } = await h.call("POST", "/v1.0/identity/conditionalAccess/policies", {
      token, body: { displayName: "uses branch", state: "disabled", conditions: { users: { includeUsers: ["None"] }, applications: { includeApplications: ["All"] }, locations: { includeLocations: [loc.id] } }, grantControls: { operator: "OR", builtInControls: ["block"] } },
    });
    const refused = await h.call("DELETE", `${BASE}/${loc.id}`, { token });
    expectGraphError(refused, 400, "BadRequest");
    expect(refused.body.error.message).toContain(pol.id);
    await h.call("DELETE", `/v1.0/identity/conditionalAccess/policies/${pol.id}`, { token });
    expect((await h.call("DELETE", `${BASE}/${loc.id}`, { token })).status).toBe(204);
  });

  it("the seeded office network can't be deleted while trusted and used", async () => {
    expectGraphError(await h.call("DELETE", `${BASE}/${OFFICE_LOCATION}`, { token }), 400, "BadRequest");
  });

  it("a trusted location must be untrusted before it is deleted (3.21)", async () => {
    const { body: loc } = await post(ip({ displayName: "trusted", isTrusted: true }));
    expectGraphError(await h.call("DELETE", `${BASE}/${loc.id}`, { token }), 400, "BadRequest");
    await h.call("PATCH", `${BASE}/${loc.id}`, { token, body: { "@odata.type": "#microsoft.graph.ipNamedLocation", isTrusted: false } });
    expect((await h.call("DELETE", `${BASE}/${loc.id}`, { token })).status).toBe(204);
  });

  it("audits Add, Update and Delete named location", async () => {
    const { body: loc } = await h.call("POST", BASE, { token: caToken, body: ip({ displayName: "audited" }) });
    await h.call("PATCH", `${BASE}/${loc.id}`, { token: caToken, body: { "@odata.type": "#microsoft.graph.ipNamedLocation", displayName: "audited 2" } });
    await h.call("DELETE", `${BASE}/${loc.id}`, { token: caToken });
    const names = h.deps.tenants.require(t.id).state.audits.filter((a) => a.targetResources[0]?.id === loc.id).map((a) => [a.activityDisplayName, a.category]);
    expect(names).toEqual([["Add named location", "Policy"], ["Update named location", "Policy"], ["Delete named location", "Policy"]]);
  });
});

describe("named locations: validation (400)", () => {
  const bad: [string, Record<string, any>, RegExp][] = [
    ["a missing @odata.type", { displayName: "x", ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "192.0.2.0/24" }] }, /@odata.type/],
    ["an unknown @odata.type", ip({ "@odata.type": "#microsoft.graph.placeNamedLocation" }), /Unsupported/],
    ["a range without @odata.type", ip({ ipRanges: [{ cidrAddress: "192.0.2.0/24" }] }), /ipRanges\[0\]/],
    ["a range that isn't CIDR", ip({ ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "192.0.2.1" }] }), /not a valid CIDR/],
    ["an IPv4 octet out of range", ip({ ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "192.0.256.0/24" }] }), /not a valid CIDR/],
    ["a malformed IPv6 range", ip({ ipRanges: [{ "@odata.type": "#microsoft.graph.iPv6CidrRange", cidrAddress: "2001:db8:::1/64" }] }), /not a valid CIDR/],
    ["an IPv6 address typed as IPv4", ip({ ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "2001:db8::/32" }] }), /does not match/],
    ["a mask of /8 or wider (3.21)", ip({ ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "10.0.0.0/8" }] }), /greater than \/8/],
    ["an IPv4 prefix over 32", ip({ ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "192.0.2.0/33" }] }), /not a valid CIDR/],
    ["no ranges", ip({ ipRanges: [] }), /at least one/],
    ["no displayName", ip({ displayName: undefined }), /displayName/],
    ["a country code that isn't two letters", { "@odata.type": "#microsoft.graph.countryNamedLocation", displayName: "c", countriesAndRegions: ["USA"] }, /two-letter/],
    ["a country location without countries", { "@odata.type": "#microsoft.graph.countryNamedLocation", displayName: "c" }, /countriesAndRegions/],
    ["an IP property on a country location", { "@odata.type": "#microsoft.graph.countryNamedLocation", displayName: "c", countriesAndRegions: ["US"], isTrusted: true }, /isTrusted/],
  ];
  for (const [name, body, message] of bad) {
    it(`refuses ${name}`, async () => {
      const res = await post(body);
      expectGraphError(res, 400, "BadRequest");
      expect(res.body.error.message).toMatch(message);
    });
  }

  it("a Global Reader can list but not create", async () => {
    const gr = await userToken(h, t.id, t.upn("globalreader"));
    expect((await h.call("GET", BASE, { token: gr })).status).toBe(200);
    expectGraphError(await h.call("POST", BASE, { token: gr, body: ip() }), 403);
  });
});
