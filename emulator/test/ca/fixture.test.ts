/**
 * The Conditional Access fixture section: Graph-shaped named locations, strengths and policies, friendly
 * references (UPN, group and role names, location and strength names) resolved to ids, errors naming
 * the field, and an export that re-imports to the same state.
 */
import { describe, it, expect } from "vitest";
import { exportTenant } from "../../src/fixture/export";
import { harness, uniqueFixture } from "../helpers";
import { defaultDoc, defaultState, seed, G, ROLE_GA, STRENGTH, U } from "./ca-kit";

const withCa = (extra: Record<string, any>) => ({ ...defaultDoc(), ...extra });

describe("Conditional Access fixture section", () => {
  it("resolves friendly references to ids", () => {
    const s = seed(withCa({
      namedLocations: [...defaultDoc().namedLocations, { "@odata.type": "#microsoft.graph.countryNamedLocation", displayName: "Home countries", countriesAndRegions: ["us", "GB"] }],
      authenticationStrengthPolicies: [{ displayName: "Bootstrap", allowedCombinations: ["temporaryAccessPassOneTime", "fido2"] }],
      conditionalAccessPolicies: [
        {
          displayName: "friendly", state: "enabled",
          conditions: {
            users: { includeUsers: ["alice@contoso.com"], includeGroups: ["TAP Pilot"], excludeRoles: ["Global Administrator"] },
            applications: { includeApplications: ["All"] },
            locations: { includeLocations: ["Home countries"], excludeLocations: ["Contoso office network"] },
          },
          grantControls: { operator: "OR", authenticationStrength: { id: "Bootstrap" } },
        },
        {
          displayName: "builtin strength by name", state: "disabled",
          conditions: { users: { includeUsers: ["None"] }, applications: { includeApplications: ["All"] } },
          grantControls: { authenticationStrength: { id: "Phishing resistant MFA" } },
        },
      ],
    }));
    const [p, q] = s.conditionalAccess.policies.slice(0, 2);
    expect(p.conditions.users).toMatchObject({ includeUsers: [U.alice], includeGroups: [G.tapPilot], excludeRoles: [ROLE_GA] });
    const home = s.conditionalAccess.namedLocations.find((l) => l.displayName === "Home countries")!;
    expect(home).toMatchObject({ countriesAndRegions: ["US", "GB"], countryLookupMethod: "clientIpAddress" });
    expect(p.conditions.locations).toEqual({ includeLocations: [home.id], excludeLocations: ["3c5a1b2d-0005-4000-8000-000000000001"] });
    expect(p.grantControls?.authenticationStrength?.id).toBe(s.conditionalAccess.authenticationStrengths[0].id);
    expect(q.grantControls?.authenticationStrength?.id).toBe(STRENGTH.phishing);
  });

  it("an export re-imports to the same Conditional Access state", () => {
    const s = seed(withCa({ authenticationStrengthPolicies: [{ displayName: "Bootstrap", allowedCombinations: ["temporaryAccessPassOneTime"] }] }));
    s.conditionalAccess.policies[0].grantControls = { operator: "OR", builtInControls: [], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: { id: s.conditionalAccess.authenticationStrengths[0].id } };
    const doc = exportTenant(s, new Date("2026-01-15T09:00:00Z")) as Record<string, any>;
    const again = seed(JSON.parse(JSON.stringify(doc)));
    expect(again.conditionalAccess).toEqual(s.conditionalAccess);
  });

  it("the default tenant's export round-trips too", () => {
    const s = defaultState();
    const again = seed(JSON.parse(JSON.stringify(exportTenant(s, new Date("2026-01-15T09:00:00Z")))));
    expect(again.conditionalAccess).toEqual(s.conditionalAccess);
  });

  const bad: [string, Record<string, any>, RegExp][] = [
    ["a named location without @odata.type", { namedLocations: [{ displayName: "x", ipRanges: [] }] }, /namedLocations\[0\].*@odata.type/],
    ["an invalid CIDR", { namedLocations: [{ "@odata.type": "#microsoft.graph.ipNamedLocation", displayName: "x", ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "1.2.3/24" }] }] }, /namedLocations\[0\].*CIDR/],
    ["an unknown user", { conditionalAccessPolicies: [{ displayName: "x", state: "enabled", conditions: { users: { includeUsers: ["nobody@contoso.com"] }, applications: { includeApplications: ["All"] } }, grantControls: { builtInControls: ["mfa"] } }] }, /conditionalAccessPolicies\[0\]\.conditions\.users\.includeUsers\[0\].*unknown user/],
    ["an unknown role", { conditionalAccessPolicies: [{ displayName: "x", state: "enabled", conditions: { users: { includeRoles: ["Chief Wizard"] }, applications: { includeApplications: ["All"] } }, grantControls: { builtInControls: ["mfa"] } }] }, /includeRoles\[0\].*unknown directory role/],
    ["a policy breaking a service rule", { conditionalAccessPolicies: [{ displayName: "x", state: "enabled", conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"], includeUserActions: ["urn:user:registersecurityinfo"] } }, grantControls: { builtInControls: ["mfa"] } }] }, /conditionalAccessPolicies\[0\].*1012/],
    ["a bad state", { conditionalAccessPolicies: [{ displayName: "x", state: "sometimes", conditions: { users: { includeUsers: ["All"] } }, grantControls: { builtInControls: ["mfa"] } }] }, /conditionalAccessPolicies\[0\]\.state/],
  ];
  for (const [name, extra, message] of bad) {
    it(`refuses ${name}, naming the field`, async () => {
      const h = await harness();
      const res = await h.call("POST", "/_emulator/tenants", { body: uniqueFixture((d) => Object.assign(d, extra)) });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  }
});
