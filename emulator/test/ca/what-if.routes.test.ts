/**
 * The beta What If API answered by the shared engine: Microsoft's documented request (example 3, the
 * register-security-info user action), both request shapes, appliedPoliciesOnly, the first unmet
 * condition as the reason, and agreement with evaluateConditionalAccess on the same tenant.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { harness, newTenant, appToken, expectGraphError, type Harness } from "../helpers";
import { expectCaResponse, expectCaSchema } from "./ca-openapi";
import { evaluateConditionalAccess } from "../../src/domain/conditional-access/evaluate";
import { U, IP, APP, SEED_TAP_POLICY, SEED_GUEST_POLICY, ctx } from "./ca-kit";

const PATH = "/beta/identity/conditionalAccess/evaluate";
const docRequest = () => JSON.parse(readFileSync(path.resolve(__dirname, "../../../../shared/graph/examples/ca-whatif-evaluate-beta.json"), "utf8")).request.body;

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
let token: string;
beforeAll(async () => {
  h = await harness();
  t = await newTenant(h);
  token = await appToken(h, t.id);
});

const body2025 = (userId: string, ipAddress: string, over: Record<string, any> = {}) => ({
  signInIdentity: { "@odata.type": "#microsoft.graph.userSignIn", userId },
  signInContext: { "@odata.type": "#microsoft.graph.userActionContext", userAction: "registerSecurityInformation" },
  signInConditions: { devicePlatform: "windows", clientAppType: "browser", ipAddress },
  appliedPoliciesOnly: false,
  ...over,
});
const row = (res: any, id: string) => res.body.value.find((p: any) => p.id === id);

describe("What If (beta evaluate)", () => {
  it("answers Microsoft's documented request with whatIfAnalysisResult items", async () => {
    const req = docRequest();
    req.signInIdentity.userId = U.alice;
    const res = await h.call("POST", PATH, { token, body: req });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/beta/$metadata#Collection(microsoft.graph.whatIfAnalysisResult)");
    // appliedPoliciesOnly: true in the example; alice outside the office: only the TAP policy applies.
    expect(res.body.value.map((p: any) => [p.displayName, p.policyApplies, p.analysisReasons])).toEqual([["Combined Security Info Registration with TAP", true, "notSet"]]);
    expect(res.body.value[0].grantControls.builtInControls).toEqual(["mfa"]);
    for (const item of res.body.value) expectCaSchema(item, "beta.microsoft.graph.conditionalAccessPolicy");
  });

  it("also accepts the microsoft.graph.evaluate spelling and validates against the OpenAPI response", async () => {
    const res = await h.call("POST", "/beta/identity/conditionalAccess/microsoft.graph.evaluate", { token, body: body2025(U.gina, IP.untrusted4) });
    expect(res.status).toBe(200);
    expectCaResponse("POST", "/beta/identity/conditionalAccess/microsoft.graph.evaluate", res.body);
  });

  it("lists policies that don't apply with their first unmet condition", async () => {
    const member = await h.call("POST", PATH, { token, body: body2025(U.alice, IP.trusted4) });
    expect(row(member, SEED_TAP_POLICY)).toMatchObject({ policyApplies: false, analysisReasons: "location" });
    expect(row(member, SEED_GUEST_POLICY)).toMatchObject({ policyApplies: false, analysisReasons: "users" });
    const admin = await h.call("POST", PATH, { token, body: body2025(U.globaladmin, IP.untrusted6) });
    expect(row(admin, SEED_TAP_POLICY)).toMatchObject({ policyApplies: false, analysisReasons: "users" });
    const guest = await h.call("POST", PATH, { token, body: body2025(U.gina, IP.untrusted6) });
    expect(row(guest, SEED_GUEST_POLICY)).toMatchObject({ policyApplies: true, analysisReasons: "notSet", grantControls: { builtInControls: ["block"] } });
  });

  it("an application context doesn't match the user-action policies", async () => {
    const res = await h.call("POST", PATH, { token, body: body2025(U.alice, IP.untrusted4, { signInContext: { "@odata.type": "#microsoft.graph.applicationContext", includeApplications: [APP.bootstrap] } }) });
    expect(res.body.value.map((p: any) => p.analysisReasons)).toEqual(["userActions", "users"]);
  });

  it("without an IP address a location policy doesn't apply (3.43)", async () => {
    const res = await h.call("POST", PATH, { token, body: body2025(U.alice, "", { signInConditions: { devicePlatform: "windows", clientAppType: "browser" } }) });
    expect(row(res, SEED_TAP_POLICY)).toMatchObject({ policyApplies: false, analysisReasons: "location" });
  });

  it("accepts the 2024 OpenAPI request shape and answers with reasons[]", async () => {
    const res = await h.call("POST", PATH, {
      token,
      body: {
        conditionalAccessWhatIfSubject: { "@odata.type": "#microsoft.graph.userSubject", userId: U.alice },
        conditionalAccessContext: { "@odata.type": "#microsoft.graph.whatIfUserActionContext", userAction: "registerSecurityInformation" },
        conditionalAccessWhatIfConditions: { ipAddress: IP.trusted4, devicePlatform: "iOS", clientAppType: "mobileAppsAndDesktopClients" },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toContain("Collection(microsoft.graph.conditionalAccessWhatIfPolicy)");
    expect(row(res, SEED_TAP_POLICY)).toMatchObject({ policyApplies: false, reasons: ["location"] });
    expectCaResponse("POST", "/beta/identity/conditionalAccess/microsoft.graph.evaluate", res.body);
  });

  it("agrees with the engine the sign-in uses, policy by policy", async () => {
    const state = h.deps.tenants.require(t.id).state;
    for (const [userId, ip] of [[U.alice, IP.untrusted4], [U.gina, IP.untrusted6], [U.breakglass1, IP.untrusted4], [U.alice, IP.trusted6]]) {
      const res = await h.call("POST", PATH, { token, body: body2025(userId, ip) });
      const engine = evaluateConditionalAccess(state, ctx({ userId, ipAddress: ip, appId: null, userAction: "urn:user:registersecurityinfo", satisfied: [] }));
      expect(res.body.value.map((p: any) => [p.id, p.policyApplies, p.analysisReasons])).toEqual(engine.policies.map((p) => [p.id, p.applies, p.whatIfReason]));
    }
  });

  it("is beta only", async () => {
    expectGraphError(await h.call("POST", "/v1.0/identity/conditionalAccess/evaluate", { token, body: body2025(U.alice, IP.trusted4) }), 400);
  });

  it("refuses a request without conditions (400) and an unknown user (404)", async () => {
    const { signInConditions: _omit, ...noConditions } = body2025(U.alice, IP.trusted4);
    expectGraphError(await h.call("POST", PATH, { token, body: noConditions }), 400, "BadRequest");
    expectGraphError(await h.call("POST", PATH, { token, body: body2025("99999999-0000-4000-8000-000000000000", IP.trusted4) }), 404);
    expectGraphError(await h.call("POST", PATH, { token, body: body2025(U.alice, IP.trusted4, { signInContext: { userAction: "dance" } }) }), 400);
  });
});
