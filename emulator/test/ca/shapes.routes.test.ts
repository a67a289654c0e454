/**
 * Field-by-field response shapes against what the service returns: Microsoft's examples
 * (shared/graph/examples/ca-*.json) and the members real tenants send that the old examples lack
 * (`authenticationStrength@odata.context`, `deletedDateTime`, beta-only members), plus a GET-modify-POST
 * round trip as backup tools do it.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { harness, newTenant, appToken, expectGraphError, type Harness } from "../helpers";
import { expectCaSchema } from "./ca-openapi";
import { SEED_TAP_POLICY, STRENGTH, U } from "./ca-kit";

const example = (name: string) => JSON.parse(readFileSync(path.resolve(__dirname, `../../../../shared/graph/examples/${name}`), "utf8"));

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
let token: string;
beforeAll(async () => {
  h = await harness();
  t = await newTenant(h);
  token = await appToken(h, t.id);
});

const strengthPolicy = {
  displayName: "Phishing-resistant for all", state: "enabledForReportingButNotEnforced",
  conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] } },
  grantControls: { operator: "OR", authenticationStrength: { id: STRENGTH.phishing } },
};

describe("policy shape: v1.0", () => {
  it("has the documented members in the documented order, no description unless set, deletedDateTime null", async () => {
    const docBody = example("ca-policy-create.json").response.body;
    const res = await h.call("POST", "/v1.0/identity/conditionalAccess/policies", { token, body: example("ca-policy-create.json").request.body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // Every member of Microsoft's example is there, with the same value where it isn't generated.
    for (const k of Object.keys(docBody).filter((k) => !k.startsWith("@odata"))) expect(res.body, k).toHaveProperty(k);
    expect(Object.keys(res.body)).toEqual(["@odata.context", "id", "templateId", "displayName", "createdDateTime", "modifiedDateTime", "state", "deletedDateTime", "sessionControls", "conditions", "grantControls"]);
    expect(res.body.deletedDateTime).toBeNull();
    expect(res.body.conditions.users).toMatchObject(docBody.conditions.users);
    expect(res.body.conditions.applications).toMatchObject(docBody.conditions.applications);
    expect(res.body.conditions).not.toHaveProperty("times");
    expect(res.body.grantControls).toMatchObject(docBody.grantControls);
    expectCaSchema(res.body, "microsoft.graph.conditionalAccessPolicy");
  });

  it("keeps a description that was set", async () => {
    const res = await h.call("POST", "/v1.0/identity/conditionalAccess/policies", { token, body: { ...strengthPolicy, displayName: "described", description: "why" } });
    expect(res.body.description).toBe("why");
  });

  it("every grant carries authenticationStrength@odata.context before the (expanded) strength", async () => {
    const created = await h.call("POST", "/v1.0/identity/conditionalAccess/policies", { token, body: strengthPolicy });
    const { id } = created.body;
    const got = await h.call("GET", `/v1.0/identity/conditionalAccess/policies/${id}`, { token });
    const grant = got.body.grantControls;
    expect(grant["authenticationStrength@odata.context"]).toBe(`https://localhost:8443/v1.0/$metadata#identity/conditionalAccess/policies('${id}')/grantControls/authenticationStrength/$entity`);
    expect(Object.keys(grant).slice(-2)).toEqual(["authenticationStrength@odata.context", "authenticationStrength"]);
    expect(grant.authenticationStrength).toMatchObject({ id: STRENGTH.phishing, policyType: "builtIn", allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"] });
    const list = await h.call("GET", "/v1.0/identity/conditionalAccess/policies", { token });
    const seeded = list.body.value.find((p: any) => p.id === SEED_TAP_POLICY);
    expect(seeded.grantControls).toMatchObject({ "authenticationStrength@odata.context": expect.stringContaining(`policies('${SEED_TAP_POLICY}')/grantControls/authenticationStrength/$entity`), authenticationStrength: null });
    const alias = await h.call("GET", `/beta/policies/conditionalAccessPolicies/${id}`, { token });
    expect(alias.body.grantControls["authenticationStrength@odata.context"]).toContain(`/beta/$metadata#policies/conditionalAccessPolicies('${id}')/grantControls`);
  });
});

describe("policy shape: beta", () => {
  it("adds partialEnablementStrategy and the beta-only conditions as null, in the service's order", async () => {
    const res = await h.call("GET", `/beta/identity/conditionalAccess/policies/${SEED_TAP_POLICY}`, { token });
    expect(res.status).toBe(200);
    const doc = example("ca-whatif-evaluate-beta.json").response.body.value[0];
    expect(Object.keys(res.body.conditions)).toEqual(Object.keys(doc.conditions));
    expect(Object.keys(res.body.conditions.applications)).toEqual(Object.keys(doc.conditions.applications));
    expect(Object.keys(res.body.conditions.users)).toEqual(Object.keys(doc.conditions.users));
    expect(res.body).toMatchObject({ deletedDateTime: null, partialEnablementStrategy: null });
    expect(res.body.conditions).toMatchObject({ clients: null, times: null, deviceStates: null });
    expect(res.body.conditions.applications).toMatchObject({ networkAccess: null, globalSecureAccess: null });
    expectCaSchema(res.body, "microsoft.graph.conditionalAccessPolicy");
  });

  it("a policy read on beta can be posted back as is (GET-modify-POST), annotations and read-only members included", async () => {
    const created = await h.call("POST", "/beta/identity/conditionalAccess/policies", { token, body: strengthPolicy });
    const copy = { ...created.body, displayName: "copy" };
    delete copy["@odata.context"];
    const res = await h.call("POST", "/beta/identity/conditionalAccess/policies", { token, body: copy });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.id).not.toBe(created.body.id);
    expect(res.body.conditions).toEqual(created.body.conditions);
    expect(res.body.grantControls.authenticationStrength.id).toBe(STRENGTH.phishing);
  });
});

describe("What If result shape", () => {
  it("items have exactly the documented members, in the documented order", async () => {
    const doc = example("ca-whatif-evaluate-beta.json");
    const body = structuredClone(doc.request.body);
    body.signInIdentity.userId = U.alice;
    const res = await h.call("POST", "/beta/identity/conditionalAccess/evaluate", { token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/beta/$metadata#Collection(microsoft.graph.whatIfAnalysisResult)");
    const all = await h.call("POST", "/beta/identity/conditionalAccess/evaluate", { token, body: { ...body, appliedPoliciesOnly: false } });
    const item = all.body.value[0];
    const docItem = doc.response.body.value[0];
    expect(Object.keys(item)).toEqual(Object.keys(docItem));
    expect(Object.keys(item.conditions)).toEqual(Object.keys(docItem.conditions));
    expect(Object.keys(item.grantControls)).toEqual(Object.keys(docItem.grantControls));
  });

  it("the built-in MFA strength expanded in a result equals the documented one", async () => {
    const created = await h.call("POST", "/v1.0/identity/conditionalAccess/policies", {
      token,
      body: { ...strengthPolicy, displayName: "ua strength", conditions: { users: { includeUsers: ["All"] }, applications: { includeUserActions: ["urn:user:registersecurityinfo"] } }, grantControls: { operator: "OR", authenticationStrength: { id: STRENGTH.mfa } } },
    });
    const doc = example("ca-whatif-evaluate-beta.json");
    const body = { ...structuredClone(doc.request.body), appliedPoliciesOnly: false };
    body.signInIdentity.userId = U.alice;
    const res = await h.call("POST", "/beta/identity/conditionalAccess/evaluate", { token, body });
    const item = res.body.value.find((p: any) => p.id === created.body.id);
    expect(item.grantControls).toEqual(doc.response.body.value[2].grantControls);
  });

  it("refuses an ipAddress that isn't an IP address (400)", async () => {
    const res = await h.call("POST", "/beta/identity/conditionalAccess/evaluate", {
      token,
      body: {
        signInIdentity: { "@odata.type": "#microsoft.graph.userSignIn", userId: U.alice },
        signInContext: { "@odata.type": "#microsoft.graph.applicationContext", includeApplications: ["00000002-0000-0ff1-ce00-000000000000"] },
        signInConditions: { clientAppType: "browser", devicePlatform: "windows", ipAddress: "not-an-ip" },
      },
    });
    expectGraphError(res, 400, "BadRequest");
    expect(res.body.error.message).toContain("ipAddress");
  });
});

describe("country named locations: codes", () => {
  const post = (countriesAndRegions: string[]) =>
    h.call("POST", "/v1.0/identity/conditionalAccess/namedLocations", { token, body: { "@odata.type": "#microsoft.graph.countryNamedLocation", displayName: `c ${countriesAndRegions.join(" ")}`, countriesAndRegions } });

  it("accepts ISO 3166 codes (any case, stored upper case)", async () => {
    const res = await post(["us", "GB", "AX"]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.countriesAndRegions).toEqual(["US", "GB", "AX"]);
  });

  for (const code of ["QQ", "ZZ", "EU", "U1"]) {
    it(`refuses '${code}', which isn't a country or region (400)`, async () => {
      const res = await post(["US", code]);
      expectGraphError(res, 400, "BadRequest");
      expect(res.body.error.message).toContain("countriesAndRegions");
    });
  }
});
