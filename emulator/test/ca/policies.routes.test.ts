/**
 * `/identity/conditionalAccess/policies` (and the `/policies/conditionalAccessPolicies` alias) through
 * Graph: shapes against Microsoft's examples and OpenAPI, status codes, partial update, server-side
 * validation, permissions and roles, audit entries.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { harness, newTenant, appToken, userToken, expectGraphError, READER_APP, type Harness } from "../helpers";
import { expectCaCollection, expectCaResponse, expectCaSchema, docCreateExample } from "./ca-openapi";
import { expectSchema } from "../openapi";
import { G, OFFICE_LOCATION, SEED_TAP_POLICY, STRENGTH } from "./ca-kit";

const BASE = "/v1.0/identity/conditionalAccess/policies";
const example = (name: string) => JSON.parse(readFileSync(path.resolve(__dirname, `../../../../shared/graph/examples/${name}`), "utf8"));

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
let token: string;
/** Delegated tokens, taken before the tests add enabled MFA policies that would apply to ROPC. */
const tokens: Record<string, string> = {};
beforeAll(async () => {
  h = await harness();
  t = await newTenant(h);
  token = await appToken(h, t.id);
  for (const who of ["caadmin", "globaladmin", "globalreader", "alice"]) tokens[who] = await userToken(h, t.id, t.upn(who));
});

const minimal = (over: Record<string, any> = {}) => ({
  displayName: "Require MFA for everyone",
  state: "enabled",
  conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] } },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
  ...over,
});
const create = (body: unknown, tok = token) => h.call("POST", BASE, { token: tok, body });

describe("Conditional Access policies: CRUD", () => {
  it("lists the seeded policies in Graph shape", async () => {
    const res = await h.call("GET", BASE, { token });
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#identity/conditionalAccess/policies");
    expect(res.body.value.map((p: any) => p.displayName)).toContain("Combined Security Info Registration with TAP");
    expectCaCollection(res.body, "microsoft.graph.conditionalAccessPolicy");
    expectCaResponse("GET", "/identity/conditionalAccess/policies", res.body);
  });

  it("supports $filter on state", async () => {
    const res = await h.call("GET", `${BASE}?$filter=state eq 'enabledForReportingButNotEnforced'`, { token });
    expect(res.status).toBe(200);
    expect(res.body.value.map((p: any) => p.id)).toContain(SEED_TAP_POLICY);
    expect(res.body.value.every((p: any) => p.state === "enabledForReportingButNotEnforced")).toBe(true);
  });

  it("the documented create example validates only once nulls are allowed (subset lacks nullable)", () => {
    expect(() => expectSchema(docCreateExample(), "microsoft.graph.conditionalAccessPolicy")).toThrow();
    expectCaSchema(docCreateExample(), "microsoft.graph.conditionalAccessPolicy");
  });

  it("creates the documented example: 201, every collection [] and unset complex conditions null", async () => {
    const doc = example("ca-policy-create.json");
    const res = await create(doc.request.body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get("location")).toBe(`https://localhost:8443/v1.0/identity/conditionalAccess/policies/${res.body.id}`);
    const expected = doc.response.body;
    expect(res.body).toMatchObject({
      displayName: expected.displayName, state: "enabled", modifiedDateTime: null, sessionControls: null,
      conditions: { ...expected.conditions, userRiskLevels: [], servicePrincipalRiskLevels: [] },
      grantControls: { ...expected.grantControls, authenticationStrength: null },
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.createdDateTime).toBe("2026-01-15T09:00:00.000Z");
    expectCaSchema(res.body, "microsoft.graph.conditionalAccessPolicy");
    const got = await h.call("GET", `${BASE}/${res.body.id}`, { token });
    expect(got.status).toBe(200);
    expect(got.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#identity/conditionalAccess/policies/$entity");
    expect({ ...got.body, "@odata.context": undefined }).toEqual({ ...res.body, "@odata.context": undefined });
  });

  it("PATCH is partial and answers 204 (documented update example)", async () => {
    const { body: p } = await create(minimal({ displayName: "to patch" }));
    const res = await h.call("PATCH", `${BASE}/${p.id}`, { token, body: example("ca-policy-update.json").request.body });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const got = await h.call("GET", `${BASE}/${p.id}`, { token });
    expect(got.body.conditions.signInRiskLevels).toEqual(["high", "medium", "low"]);
    expect(got.body.conditions.users.includeUsers).toEqual(["All"]);
    expect(got.body.conditions.applications.includeApplications).toEqual(["All"]);
    expect(got.body.grantControls.builtInControls).toEqual(["mfa"]);
    expect(got.body.modifiedDateTime).toBe("2026-01-15T09:00:00.000Z");
  });

  it("PATCH of the state to report-only and back", async () => {
    const { body: p } = await create(minimal({ displayName: "state flip" }));
    expect((await h.call("PATCH", `${BASE}/${p.id}`, { token, body: { state: "enabledForReportingButNotEnforced" } })).status).toBe(204);
    expect((await h.call("GET", `${BASE}/${p.id}`, { token })).body.state).toBe("enabledForReportingButNotEnforced");
  });

  it("DELETE answers 204 and the policy is gone (404)", async () => {
    const { body: p } = await create(minimal({ displayName: "to delete" }));
    expect((await h.call("DELETE", `${BASE}/${p.id}`, { token })).status).toBe(204);
    expectGraphError(await h.call("GET", `${BASE}/${p.id}`, { token }), 404);
    expectGraphError(await h.call("DELETE", `${BASE}/${p.id}`, { token }), 404);
  });

  it("the beta alias /policies/conditionalAccessPolicies reads and writes the same policies", async () => {
    const res = await h.call("POST", "/beta/policies/conditionalAccessPolicies", { token, body: minimal({ displayName: "via alias" }) });
    expect(res.status).toBe(201);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/beta/$metadata#policies/conditionalAccessPolicies/$entity");
    const list = await h.call("GET", BASE, { token });
    expect(list.body.value.some((p: any) => p.id === res.body.id)).toBe(true);
    const beta = await h.call("GET", `/beta/identity/conditionalAccess/policies/${SEED_TAP_POLICY}`, { token });
    expect(beta.status).toBe(200);
    expectCaSchema(beta.body, "beta.microsoft.graph.conditionalAccessPolicy");
  });

  it("OData key syntax and case-insensitive segments work", async () => {
    const res = await h.call("GET", `/v1.0/identity/conditionalaccess/policies('${SEED_TAP_POLICY}')`, { token });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(SEED_TAP_POLICY);
  });

  it("an authentication strength grant is returned expanded (TAP in the MFA strength)", async () => {
    const res = await create(minimal({ displayName: "strength", grantControls: { operator: "OR", authenticationStrength: { id: STRENGTH.mfa } } }));
    expect(res.status).toBe(201);
    expect(res.body.grantControls.builtInControls).toEqual([]);
    expect(res.body.grantControls.authenticationStrength).toMatchObject({ id: STRENGTH.mfa, displayName: "Multifactor authentication", policyType: "builtIn" });
    expect(res.body.grantControls.authenticationStrength.allowedCombinations).toContain("temporaryAccessPassOneTime");
    expectCaSchema(res.body, "microsoft.graph.conditionalAccessPolicy");
  });

  it("guest conditions and session controls round-trip", async () => {
    const res = await create(minimal({
      displayName: "guests",
      conditions: {
        users: { includeGuestsOrExternalUsers: { guestOrExternalUserTypes: "b2bCollaborationGuest,b2bCollaborationMember", externalTenants: { "@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", membershipKind: "all" } } },
        applications: { includeApplications: ["All"] },
        platforms: { includePlatforms: ["all"], excludePlatforms: ["iOS"] },
      },
      sessionControls: { signInFrequency: { value: 4, type: "hours", isEnabled: true } },
    }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.conditions.users.includeGuestsOrExternalUsers).toEqual({
      guestOrExternalUserTypes: "b2bCollaborationGuest,b2bCollaborationMember",
      externalTenants: { "@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", membershipKind: "all" },
    });
    expect(res.body.sessionControls.signInFrequency).toMatchObject({ value: 4, type: "hours", isEnabled: true });
    expectCaSchema(res.body, "microsoft.graph.conditionalAccessPolicy");
  });
});

describe("Conditional Access policies: server-side validation (400)", () => {
  const bad: [string, Record<string, any>, RegExp][] = [
    ["apps and user actions together", minimal({ conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"], includeUserActions: ["urn:user:registersecurityinfo"] } } }), /^1012: /],
    ["an unknown user action", minimal({ conditions: { users: { includeUsers: ["All"] }, applications: { includeUserActions: ["urn:user:registersomething"] } } }), /user action/],
    ["register device with anything but MFA", minimal({ conditions: { users: { includeUsers: ["All"] }, applications: { includeUserActions: ["urn:user:registerdevice"] } }, grantControls: { operator: "OR", builtInControls: ["compliantDevice"] } }), /Register or join devices/],
    ["register device with a client app condition", minimal({ conditions: { users: { includeUsers: ["All"] }, applications: { includeUserActions: ["urn:user:registerdevice"] }, clientAppTypes: ["browser"] } }), /client apps/],
    ["mfa and an authentication strength together (3.28)", minimal({ grantControls: { operator: "OR", builtInControls: ["mfa"], authenticationStrength: { id: STRENGTH.mfa } } }), /authenticationStrength/],
    ["block combined with mfa", minimal({ grantControls: { operator: "OR", builtInControls: ["block", "mfa"] } }), /block/],
    ["passwordChange without a user risk condition (3.29)", minimal({ grantControls: { operator: "AND", builtInControls: ["mfa", "passwordChange"] } }), /user risk/],
    ["passwordChange under OR", minimal({ conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] }, userRiskLevels: ["high"] }, grantControls: { operator: "OR", builtInControls: ["mfa", "passwordChange"] } }), /AND/],
    ["no grant and no session control", minimal({ grantControls: null }), /grant control or a session control/],
    ["no user rule", minimal({ conditions: { users: {}, applications: { includeApplications: ["All"] } } }), /user rule/],
    ["no application rule", minimal({ conditions: { users: { includeUsers: ["All"] }, applications: {} } }), /application rule/],
    ["a location that doesn't exist", minimal({ conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] }, locations: { includeLocations: ["6f6f6f6f-0000-4000-8000-000000000000"] } } }), /named location/],
    ["a strength that doesn't exist", minimal({ grantControls: { operator: "OR", authenticationStrength: { id: "6f6f6f6f-0000-4000-8000-000000000000" } } }), /does not exist/],
    ["a user id that isn't a GUID", minimal({ conditions: { users: { includeUsers: ["alice"] }, applications: { includeApplications: ["All"] } } }), /includeUsers/],
    ["externalTenants with only internal guests", minimal({ conditions: { users: { includeGuestsOrExternalUsers: { guestOrExternalUserTypes: "internalGuest", externalTenants: { membershipKind: "all" } } }, applications: { includeApplications: ["All"] } } }), /internalGuest/],
    ["an unknown guest type", minimal({ conditions: { users: { includeGuestsOrExternalUsers: { guestOrExternalUserTypes: "aliens" } }, applications: { includeApplications: ["All"] } } }), /^1007: /],
    ["an unknown state", minimal({ state: "on" }), /^1007: .*state/],
    ["an unknown grant control", minimal({ grantControls: { operator: "OR", builtInControls: ["retinaScan"] } }), /builtInControls/],
    ["an unknown property", minimal({ colour: "blue" }), /colour/],
    ["a sign-in frequency of 24 hours", minimal({ sessionControls: { signInFrequency: { isEnabled: true, type: "hours", value: 24 } } }), /between 1 and 23/],
    ["a sign-in frequency without a value", minimal({ sessionControls: { signInFrequency: { isEnabled: true, type: "days" } } }), /type .* and a value/],
    ["a missing displayName", { state: "enabled", conditions: minimal().conditions, grantControls: minimal().grantControls }, /displayName/],
  ];
  for (const [name, body, message] of bad) {
    it(`refuses ${name}`, async () => {
      const res = await create(body);
      expectGraphError(res, 400, "BadRequest");
      expect(res.body.error.message).toMatch(message);
    });
  }

  it("refuses malformed JSON", async () => {
    expectGraphError(await h.call("POST", BASE, { token, body: '{"displayName": "x",}' }), 400);
  });

  it("refuses a PATCH that would break a rule (and leaves the policy unchanged)", async () => {
    const { body: p } = await create(minimal({ displayName: "patch guard" }));
    const res = await h.call("PATCH", `${BASE}/${p.id}`, { token, body: { grantControls: { operator: "OR", builtInControls: ["block", "mfa"] } } });
    expectGraphError(res, 400, "BadRequest");
    expect((await h.call("GET", `${BASE}/${p.id}`, { token })).body.grantControls.builtInControls).toEqual(["mfa"]);
  });

  it("accepts what the rules allow: register device + MFA, passwordChange done right, a report-only user action", async () => {
    expect((await create(minimal({ displayName: "device reg", conditions: { users: { includeUsers: ["All"] }, applications: { includeUserActions: ["urn:user:registerdevice"] } } }))).status).toBe(201);
    expect((await create(minimal({
      displayName: "risky users", conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] }, userRiskLevels: ["high"] },
      grantControls: { operator: "AND", builtInControls: ["mfa", "passwordChange"] },
    }))).status).toBe(201);
    expect((await create(minimal({
      displayName: "register", state: "enabledForReportingButNotEnforced",
      conditions: { users: { includeUsers: ["All"] }, applications: { includeUserActions: ["urn:user:registersecurityinfo"] }, locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted", OFFICE_LOCATION] } },
    }))).status).toBe(201);
  });
});

describe("Conditional Access policies: permissions and roles", () => {
  it("an app without Policy.Read.All is refused (403)", async () => {
    const reader = await appToken(h, t.id, READER_APP);
    expectGraphError(await h.call("GET", BASE, { token: reader }), 403, "Authorization_RequestDenied");
  });

  it("a Conditional Access Administrator can create, a Global Administrator too", async () => {
    const ca = tokens.caadmin;
    expect((await create(minimal({ displayName: "by CA admin" }), ca)).status).toBe(201);
    const ga = tokens.globaladmin;
    expect((await create(minimal({ displayName: "by GA" }), ga)).status).toBe(201);
  });

  it("a Global Reader can read but not write", async () => {
    const gr = tokens.globalreader;
    expect((await h.call("GET", BASE, { token: gr })).status).toBe(200);
    expectGraphError(await create(minimal(), gr), 403);
    expectGraphError(await h.call("DELETE", `${BASE}/${SEED_TAP_POLICY}`, { token: gr }), 403);
  });

  it("a user without a role can't read policies", async () => {
    const alice = tokens.alice;
    expectGraphError(await h.call("GET", BASE, { token: alice }), 403);
  });
});

describe("Conditional Access policies: audit", () => {
  it("records Add, Update and Delete conditional access policy", async () => {
    const ca = tokens.caadmin;
    const { body: p } = await create(minimal({ displayName: "audited" }), ca);
    await h.call("PATCH", `${BASE}/${p.id}`, { token: ca, body: { state: "disabled" } });
    await h.call("DELETE", `${BASE}/${p.id}`, { token: ca });
    const audits = h.deps.tenants.require(t.id).state.audits.filter((a) => a.targetResources[0]?.id === p.id);
    expect(audits.map((a) => a.activityDisplayName)).toEqual(["Add conditional access policy", "Update conditional access policy", "Delete conditional access policy"]);
    expect(audits[0]).toMatchObject({ category: "Policy", loggedByService: "Conditional Access", result: "success" });
    expect(audits[0].initiatedBy.user?.id).toBe("11111111-0000-4000-8000-000000000005");
  });

  it("group ids in conditions are kept as given", async () => {
    const res = await create(minimal({ displayName: "groups", conditions: { users: { includeGroups: [G.allStaff], excludeGroups: [G.breakGlass] }, applications: { includeApplications: ["All"] } } }));
    expect(res.body.conditions.users).toMatchObject({ includeGroups: [G.allStaff], excludeGroups: [G.breakGlass], includeUsers: [] });
  });
});
