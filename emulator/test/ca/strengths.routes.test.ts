/**
 * Authentication strengths through Graph: the three built-in strengths exactly as documented (TAP only
 * in the MFA strength, behavior.md 3.30-3.31), custom strengths CRUD, read-only built-ins, delete refused
 * while a policy uses a strength.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { harness, newTenant, appToken, expectGraphError, type Harness } from "../helpers";
import { expectCaCollection, expectCaSchema } from "./ca-openapi";
import { STRENGTH } from "./ca-kit";

const BASE = "/v1.0/policies/authenticationStrengthPolicies";
let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
let token: string;
beforeAll(async () => {
  h = await harness();
  t = await newTenant(h);
  token = await appToken(h, t.id);
});

const MFA = [
  "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush", "temporaryAccessPassOneTime", "temporaryAccessPassMultiUse",
  "password,microsoftAuthenticatorPush", "password,softwareOath", "password,hardwareOath", "password,x509CertificateSingleFactor",
  "password,x509CertificateMultiFactor", "password,sms", "password,voice", "federatedMultiFactor", "microsoftAuthenticatorPush,federatedSingleFactor",
  "softwareOath,federatedSingleFactor", "hardwareOath,federatedSingleFactor", "sms,federatedSingleFactor", "voice,federatedSingleFactor",
];

describe("authentication strengths", () => {
  it("lists the three built-in strengths with their documented combinations", async () => {
    const res = await h.call("GET", BASE, { token });
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#policies/authenticationStrengthPolicies");
    const [mfa, pwdless, phish] = res.body.value;
    expect(mfa).toMatchObject({ id: STRENGTH.mfa, displayName: "Multifactor authentication", policyType: "builtIn", requirementsSatisfied: "mfa", allowedCombinations: MFA, combinationConfigurations: [] });
    expect(pwdless).toMatchObject({ id: STRENGTH.passwordless, displayName: "Passwordless MFA", allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush"] });
    expect(phish).toMatchObject({ id: STRENGTH.phishing, displayName: "Phishing resistant MFA", allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"] });
    for (const s of [pwdless, phish]) expect(s.allowedCombinations.some((c: string) => c.startsWith("temporaryAccessPass"))).toBe(false);
    expectCaCollection(res.body, "microsoft.graph.authenticationStrengthPolicy");
  });

  it("gets one built-in strength by id", async () => {
    const res = await h.call("GET", `${BASE}/${STRENGTH.phishing}`, { token });
    expect(res.status).toBe(200);
    expectCaSchema(res.body, "microsoft.graph.authenticationStrengthPolicy");
  });

  it("built-in strengths are read-only", async () => {
    expectGraphError(await h.call("PATCH", `${BASE}/${STRENGTH.mfa}`, { token, body: { displayName: "Mine now" } }), 400, "BadRequest");
    expectGraphError(await h.call("DELETE", `${BASE}/${STRENGTH.mfa}`, { token }), 400, "BadRequest");
  });

  it("custom strength lifecycle: create 201, rename 204, change combinations 200, delete 204", async () => {
    const created = await h.call("POST", BASE, { token, body: { displayName: "Bootstrap and recovery", description: "TAP for onboarding", allowedCombinations: ["temporaryAccessPassOneTime", "fido2", "password, microsoftAuthenticatorPush"] } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ policyType: "custom", requirementsSatisfied: "mfa", allowedCombinations: ["temporaryAccessPassOneTime", "fido2", "password,microsoftAuthenticatorPush"] });
    expectCaSchema(created.body, "microsoft.graph.authenticationStrengthPolicy");
    const id = created.body.id;
    expect((await h.call("PATCH", `${BASE}/${id}`, { token, body: { displayName: "Bootstrap" } })).status).toBe(204);
    const upd = await h.call("POST", `${BASE}/${id}/updateAllowedCombinations`, { token, body: { allowedCombinations: ["fido2"] } });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ previousCombinations: ["temporaryAccessPassOneTime", "fido2", "password,microsoftAuthenticatorPush"], currentCombinations: ["fido2"] });
    const got = await h.call("GET", `${BASE}/${id}`, { token });
    expect(got.body).toMatchObject({ displayName: "Bootstrap", allowedCombinations: ["fido2"] });
    expect((await h.call("DELETE", `${BASE}/${id}`, { token })).status).toBe(204);
    expectGraphError(await h.call("GET", `${BASE}/${id}`, { token }), 404);
  });

  it("a custom strength with a single-factor combination doesn't satisfy MFA", async () => {
    const res = await h.call("POST", BASE, { token, body: { displayName: "Weak", allowedCombinations: ["password"] } });
    expect(res.body.requirementsSatisfied).toBe("none");
  });

  it("refuses unknown method modes and PATCH of combinations", async () => {
    expectGraphError(await h.call("POST", BASE, { token, body: { displayName: "Bad", allowedCombinations: ["password,carrierPigeon"] } }), 400, "BadRequest");
    const { body: s } = await h.call("POST", BASE, { token, body: { displayName: "Patchy", allowedCombinations: ["fido2"] } });
    expectGraphError(await h.call("PATCH", `${BASE}/${s.id}`, { token, body: { allowedCombinations: ["sms"] } }), 400, "BadRequest");
  });

  it("a strength used by a policy can't be deleted", async () => {
    const { body: s } = await h.call("POST", BASE, { token, body: { displayName: "In use", allowedCombinations: ["fido2"] } });
    const pol = await h.call("POST", "/v1.0/identity/conditionalAccess/policies", {
      token, body: { displayName: "uses strength", state: "disabled", conditions: { users: { includeUsers: ["None"] }, applications: { includeApplications: ["All"] } }, grantControls: { operator: "OR", authenticationStrength: { id: s.id } } },
    });
    expect(pol.status).toBe(201);
    expect(pol.body.grantControls.authenticationStrength).toMatchObject({ id: s.id, displayName: "In use", policyType: "custom" });
    expectGraphError(await h.call("DELETE", `${BASE}/${s.id}`, { token }), 400, "BadRequest");
  });

  it("the beta /identity/conditionalAccess/authenticationStrength/policies path lists the same strengths", async () => {
    const res = await h.call("GET", "/beta/identity/conditionalAccess/authenticationStrength/policies", { token });
    expect(res.status).toBe(200);
    expect(res.body.value.slice(0, 3).map((s: any) => s.id)).toEqual([STRENGTH.mfa, STRENGTH.passwordless, STRENGTH.phishing]);
    expectCaCollection(res.body, "beta.microsoft.graph.authenticationStrengthPolicy");
  });
});
