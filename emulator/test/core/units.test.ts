import { describe, it, expect } from "vitest";
import { roleAssignmentId } from "../../src/domain/role-assignments";
import { serializeSignIn, wantsUnknownEnumMembers } from "../../src/graph/audit-logs.serialize";
import { parseFixture, seedTenant } from "../../src/fixture/seed";
import { exportTenant } from "../../src/fixture/export";
import { ManualClock } from "../../src/infra/clock";
import { cryptoIds } from "../../src/infra/ids";
import { scryptSecrets } from "../../src/infra/secrets";
import { orderBy, search } from "../../src/http/odata";
import { uniqueFixture } from "../helpers";

describe("unit: role assignment ids", () => {
  it("reproduces an id Entra issued (Global Administrator -> principal 4ab0b690-...)", () => {
    expect(roleAssignmentId("62e90394-69f5-4237-9190-012177145e10", "4ab0b690-479b-47ff-af8f-2576cf521872")).toBe("lAPpYvVpN0KRkAEhdxReEJC2sEqbR_9Hr48lds9SGHI-1");
  });
});

describe("unit: sign-in serializer", () => {
  const record = {
    id: "s1", createdDateTime: "2026-01-15T09:00:00.000Z", userId: "u", userType: "member", authenticationRequirement: "multiFactorAuthentication",
    authenticationDetails: [{ authenticationMethod: "Password" }], authenticationMethodsUsed: ["Password"], signInEventTypes: ["interactiveUser"],
    tokenIssuerType: "AzureAD", riskEventTypes: [], riskEventTypes_v2: [], status: { errorCode: 0, failureReason: null, additionalDetails: null, extra: 1 },
    location: { city: null, state: null, countryOrRegion: null, geoCoordinates: null },
    appliedConditionalAccessPolicies: [{ id: "p", displayName: "P", enforcedGrantControls: [], enforcedSessionControls: [], result: "reportOnlyNotApplied", includeRulesSatisfied: [] }],
  };

  it("keeps only v1.0 properties and hides evolvable enum members in v1.0", () => {
    const v1 = serializeSignIn(record, "v1.0", false);
    for (const k of ["userType", "authenticationRequirement", "authenticationDetails", "authenticationMethodsUsed", "signInEventTypes", "tokenIssuerType"]) expect(v1[k], k).toBeUndefined();
    expect(v1.appliedConditionalAccessPolicies).toEqual([{ id: "p", displayName: "P", enforcedGrantControls: [], enforcedSessionControls: [], result: "unknownFutureValue" }]);
    expect(v1.status).toEqual({ errorCode: 0, failureReason: null, additionalDetails: null });
    expect((v1.location as any).geoCoordinates).toEqual({ altitude: null, latitude: null, longitude: null });
    expect((serializeSignIn(record, "v1.0", true).appliedConditionalAccessPolicies as any)[0].result).toBe("reportOnlyNotApplied");
  });

  it("returns the stored beta shape under beta (without v1.0-only riskEventTypes)", () => {
    const beta = serializeSignIn(record, "beta", false);
    expect(beta.authenticationRequirement).toBe("multiFactorAuthentication");
    expect((beta.appliedConditionalAccessPolicies as any)[0]).toMatchObject({ result: "reportOnlyNotApplied", includeRulesSatisfied: [] });
    expect(beta.riskEventTypes).toBeUndefined();
  });

  it("reads the Prefer header's list of preferences", () => {
    expect(wantsUnknownEnumMembers("include-unknown-enum-members")).toBe(true);
    expect(wantsUnknownEnumMembers("odata.maxpagesize=5,  Include-Unknown-Enum-Members")).toBe(true);
    expect(wantsUnknownEnumMembers("odata.maxpagesize=5")).toBe(false);
    expect(wantsUnknownEnumMembers(undefined)).toBe(false);
  });
});

describe("unit: fixture seed and export", () => {
  it("seeds, exports and re-seeds to the same export", () => {
    const deps = { clock: new ManualClock(), ids: cryptoIds, secrets: scryptSecrets };
    const doc = uniqueFixture((d) => { d.roleAssignments = [{ role: "Reports Reader", principal: "Helpdesk" }]; });
    const first = seedTenant(parseFixture(doc), deps);
    const exported = exportTenant(first, deps.clock.now());
    expect(exported.roleAssignments).toEqual([{ role: "4a5d8f65-41da-4de4-8968-e035b65339cf", principal: "0f1e2d3c-0001-4000-8000-000000000004", directoryScopeId: "/" }]);
    const second = seedTenant(parseFixture(JSON.parse(JSON.stringify(exported))), deps);
    expect(exportTenant(second, deps.clock.now())).toEqual(exported);
    expect(second.roleAssignments.map((a) => a.id).sort()).toEqual(first.roleAssignments.map((a) => a.id).sort());
    expect(second.users.map((u) => u.passwordHash)).toEqual(first.users.map((u) => u.passwordHash));
  });

  it("lower-cases a fixture tenant id", () => {
    const deps = { clock: new ManualClock(), ids: cryptoIds, secrets: scryptSecrets };
    const state = seedTenant(parseFixture(uniqueFixture((d) => { d.tenant.id = "ABCDEF01-2345-4678-9ABC-DEF012345678"; })), deps);
    expect(state.id).toBe("abcdef01-2345-4678-9abc-def012345678");
  });
});

describe("unit: $orderby and $search helpers", () => {
  const rows = [{ n: "b", k: 2 }, { n: "A", k: 3 }, { n: null, k: 1 }];
  it("orders nulls first and strings case-insensitively", () => {
    expect(orderBy(rows, "n").map((r) => r.n)).toEqual([null, "A", "b"]);
    expect(orderBy(rows, "k desc").map((r) => r.k)).toEqual([3, 2, 1]);
  });
  it("matches word prefixes", () => {
    const people = [{ displayName: "Alice Newhire" }, { displayName: "Bob Member" }];
    expect(search(people, '"displayName:new"')).toEqual([{ displayName: "Alice Newhire" }]);
    expect(search(people, '"displayName:ice"')).toEqual([]);
  });
});
