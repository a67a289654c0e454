import { describe, it, expect } from "vitest";
import { harness, newTenant, appToken, userToken, expectGraphError, READER_APP, PUBLIC_APP } from "../helpers";
import { expectCollection, expectSchema, expectResponse } from "../openapi";
import { recordSignIn } from "../../src/domain/signin-log";

/**
 * Graph answers `initiatedBy.user: null` for app-initiated entries (doc example), but the PowerShell-flavoured
 * subset writes complex properties as bare $refs without `nullable`; validate without those nulls.
 */
const withoutNullInitiators = (a: any) => ({ ...a, initiatedBy: Object.fromEntries(Object.entries(a.initiatedBy).filter(([, v]) => v !== null)) });

async function setup() {
  const h = await harness();
  const t = await newTenant(h);
  const token = await appToken(h, t.id);
  return { h, t, token };
}

/** A sign-in with report-only Conditional Access results, as the CA engine will log them. */
function seedReportOnlySignIn(h: Awaited<ReturnType<typeof harness>>, tenantId: string) {
  const state = h.deps.tenants.require(tenantId).state;
  const user = state.users[0];
  return recordSignIn(state, h.deps.ids, h.deps.tenants.now(state), {
    user, app: { appId: PUBLIC_APP.appId, displayName: "tenantlab public client" }, ipAddress: "203.0.113.7", clientAppUsed: "Browser",
    isInteractive: true, errorCode: 0, conditionalAccessStatus: "success",
    authenticationRequirement: "multiFactorAuthentication",
    authenticationMethodsUsed: ["Password", "Temporary Access Pass"],
    appliedConditionalAccessPolicies: [
      { id: "p1", displayName: "Require MFA", enforcedGrantControls: ["Mfa"], enforcedSessionControls: [], result: "success", conditionsSatisfied: "application" },
      { id: "p2", displayName: "Report-only block", enforcedGrantControls: ["Block"], enforcedSessionControls: [], result: "reportOnlyFailure" },
      { id: "p3", displayName: "Report-only MFA", enforcedGrantControls: ["Mfa"], enforcedSessionControls: [], result: "reportOnlyInterrupted" },
    ],
  });
}

describe("auditLogs/directoryAudits", () => {
  it("lists audit entries newest first in the directoryAudit schema, gets one by id", async () => {
    const { h, t, token } = await setup();
    await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { jobTitle: "One" } });
    h.clock.advanceMinutes(1);
    await h.call("POST", "/v1.0/groups", { token, body: { displayName: "Later", mailEnabled: false, mailNickname: "later", securityEnabled: true } });
    const res = await h.call("GET", "/v1.0/auditLogs/directoryAudits", { token });
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#auditLogs/directoryAudits");
    const validated = { ...res.body, value: res.body.value.map(withoutNullInitiators) };
    expectCollection(validated, "microsoft.graph.directoryAudit");
    expectResponse("GET", "/auditLogs/directoryAudits", validated);
    expect(res.body.value.map((a: any) => a.activityDisplayName)).toEqual(["Add group", "Update user"]);
    expect(res.body.value[0].initiatedBy).toMatchObject({ user: null, app: { appId: "5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b" } });
    const one = await h.call("GET", `/v1.0/auditLogs/directoryAudits/${res.body.value[1].id}`, { token });
    expect(one.body.activityDisplayName).toBe("Update user");
    expectSchema(withoutNullInitiators(one.body), "microsoft.graph.directoryAudit");
    expectGraphError(await h.call("GET", "/v1.0/auditLogs/directoryAudits/nope", { token }), 404);
  });

  it("keeps the same-instant entries in reverse order and filters, pages them", async () => {
    const { h, t, token } = await setup();
    for (const title of ["a", "b", "c"]) await h.call("PATCH", `/v1.0/users/${t.upn("bob")}`, { token, body: { jobTitle: title } });
    const add = await h.call("POST", `/v1.0/groups/0f1e2d3c-0001-4000-8000-000000000004/members/$ref`, { token, body: { "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/11111111-0000-4000-8000-000000000012" } });
    expect(add.status).toBe(204);
    const filtered = await h.call("GET", `/v1.0/auditLogs/directoryAudits?$filter=${encodeURIComponent("activityDisplayName eq 'Update user'")}&$top=2`, { token });
    expect(filtered.body.value).toHaveLength(2);
    expect(filtered.body["@odata.nextLink"]).toContain("$skiptoken=");
    const rest = await h.call("GET", new URL(filtered.body["@odata.nextLink"]).pathname + new URL(filtered.body["@odata.nextLink"]).search, { token });
    expect(rest.body.value).toHaveLength(1);
    const byTime = await h.call("GET", `/v1.0/auditLogs/directoryAudits?$filter=${encodeURIComponent(`activityDateTime ge ${h.clock.now().toISOString().replace(".000", "")}`)}`, { token });
    expect(byTime.body.value).toHaveLength(4);
    const byInitiator = await h.call("GET", `/v1.0/auditLogs/directoryAudits?$filter=${encodeURIComponent("category eq 'GroupManagement'")}`, { token });
    expect(byInitiator.body.value[0].targetResources.map((r: any) => r.type)).toEqual(["User", "Group"]);
  });

  it("needs AuditLog.Read.All and, delegated, a report-reading role", async () => {
    const { h, t } = await setup();
    expectGraphError(await h.call("GET", "/v1.0/auditLogs/directoryAudits", { token: await appToken(h, t.id, READER_APP) }), 403, "Authorization_RequestDenied");
    expectGraphError(await h.call("GET", "/v1.0/auditLogs/directoryAudits", { token: await userToken(h, t.id, t.upn("alice")) }), 403, "Authorization_RequestDenied");
    expect((await h.call("GET", "/v1.0/auditLogs/directoryAudits", { token: await userToken(h, t.id, t.upn("globalreader")) })).status).toBe(200);
  });
});

describe("auditLogs/signIns", () => {
  it("lists sign-ins newest first in the v1.0 signIn schema, without beta-only properties", async () => {
    const { h, t, token } = await setup();
    await h.call("POST", `/${t.id}/oauth2/v2.0/token`, { form: { grant_type: "password", client_id: PUBLIC_APP.appId, username: t.upn("alice"), password: "wrong", scope: "User.Read" } });
    h.clock.advanceMinutes(1);
    await userToken(h, t.id, t.upn("bob"));
    const res = await h.call("GET", "/v1.0/auditLogs/signIns", { token });
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/v1.0/$metadata#auditLogs/signIns");
    expectCollection(res.body, "microsoft.graph.signIn");
    expectResponse("GET", "/auditLogs/signIns", res.body);
    expect(res.body.value.map((s: any) => [s.userPrincipalName, s.status.errorCode])).toEqual([[t.upn("bob"), 0], [t.upn("alice"), 50126]]);
    for (const s of res.body.value)
      for (const beta of ["authenticationRequirement", "authenticationDetails", "authenticationMethodsUsed", "signInEventTypes", "userType", "tokenIssuerType"])
        expect(s[beta], beta).toBeUndefined();
    const one = await h.call("GET", `/v1.0/auditLogs/signIns/${res.body.value[1].id}`, { token });
    expect(one.body.status.errorCode).toBe(50126);
    expectSchema(one.body, "microsoft.graph.signIn");
    expectGraphError(await h.call("GET", "/v1.0/auditLogs/signIns/nope", { token }), 404);
  });

  it("returns the beta shape under /beta", async () => {
    const { h, t, token } = await setup();
    await userToken(h, t.id, t.upn("alice"));
    const res = await h.call("GET", "/beta/auditLogs/signIns", { token });
    expect(res.body["@odata.context"]).toBe("https://localhost:8443/beta/$metadata#auditLogs/signIns");
    expectCollection(res.body, "beta.microsoft.graph.signIn");
    expectResponse("GET", "/beta/auditLogs/signIns", res.body);
    expect(res.body.value[0]).toMatchObject({ authenticationRequirement: "singleFactorAuthentication", signInEventTypes: ["nonInteractiveUser"], userType: "member" });
    expect(res.body.value[0].authenticationDetails[0].authenticationMethod).toBe("Password");
  });

  it("maps report-only policy results to unknownFutureValue in v1.0 unless Prefer: include-unknown-enum-members", async () => {
    const { h, t, token } = await setup();
    const record = seedReportOnlySignIn(h, t.id);
    const plain = await h.call("GET", `/v1.0/auditLogs/signIns/${record.id}`, { token });
    expect(plain.body.appliedConditionalAccessPolicies.map((p: any) => p.result)).toEqual(["success", "unknownFutureValue", "unknownFutureValue"]);
    expect(plain.body.appliedConditionalAccessPolicies[0].conditionsSatisfied).toBeUndefined();
    expect(plain.headers.get("preference-applied")).toBeNull();
    expectSchema(plain.body, "microsoft.graph.signIn");
    const prefer = await h.call("GET", "/v1.0/auditLogs/signIns", { token, headers: { Prefer: "odata.maxpagesize=10, include-unknown-enum-members" } });
    expect(prefer.body.value[0].appliedConditionalAccessPolicies.map((p: any) => p.result)).toEqual(["success", "reportOnlyFailure", "reportOnlyInterrupted"]);
    expect(prefer.headers.get("preference-applied")).toBe("include-unknown-enum-members");
    expectCollection(prefer.body, "microsoft.graph.signIn");
    const beta = await h.call("GET", `/beta/auditLogs/signIns/${record.id}`, { token });
    expect(beta.body.appliedConditionalAccessPolicies.map((p: any) => p.result)).toEqual(["success", "reportOnlyFailure", "reportOnlyInterrupted"]);
    expect(beta.body.appliedConditionalAccessPolicies[0].conditionsSatisfied).toBe("application");
    expect(beta.body.authenticationMethodsUsed).toEqual(["Password", "Temporary Access Pass"]);
    expectSchema(beta.body, "beta.microsoft.graph.signIn");
  });

  it("filters sign-ins and pages them with $top and $skiptoken", async () => {
    const { h, t, token } = await setup();
    for (const who of ["alice", "bob", "carol"]) await userToken(h, t.id, t.upn(who));
    const page = await h.call("GET", "/v1.0/auditLogs/signIns?$top=2", { token });
    expect(page.body.value).toHaveLength(2);
    const next = new URL(page.body["@odata.nextLink"]);
    expect(next.origin).toBe("https://localhost:8443");
    const rest = await h.call("GET", next.pathname + next.search, { token });
    expect(rest.body.value).toHaveLength(1);
    const carol = await h.call("GET", `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(`startswith(userPrincipalName,'carol')`)}`, { token });
    expect(carol.body.value).toHaveLength(1);
    expectGraphError(await h.call("GET", "/v1.0/auditLogs/signIns?$top=1001", { token }), 400);
  });

  it("needs AuditLog.Read.All and, delegated, a report-reading role", async () => {
    const { h, t } = await setup();
    expectGraphError(await h.call("GET", "/v1.0/auditLogs/signIns", { token: await appToken(h, t.id, READER_APP) }), 403, "Authorization_RequestDenied");
    expectGraphError(await h.call("GET", "/v1.0/auditLogs/signIns", { token: await userToken(h, t.id, t.upn("caadmin")) }), 403, "Authorization_RequestDenied");
    expect((await h.call("GET", "/v1.0/auditLogs/signIns", { token: await userToken(h, t.id, t.upn("globaladmin")) })).status).toBe(200);
  });
});
