/**
 * The default tenant's two registration policies (behavior.md 3.17, issue #5) evaluated for a member,
 * an excluded Global Administrator, a break-glass account and a guest, inside and outside the trusted
 * office network, first as seeded (report-only) and then switched on.
 */
import { describe, it, expect } from "vitest";
import { evaluateConditionalAccess } from "../../src/domain/conditional-access/evaluate";
import type { TenantState } from "../../src/domain/state";
import { defaultState, ctx, U, IP, SEED_TAP_POLICY, SEED_GUEST_POLICY, OFFICE_LOCATION } from "./ca-kit";

const REGISTER = { appId: null, userAction: "urn:user:registersecurityinfo" as const };

function run(state: TenantState, userId: string, ipAddress: string, satisfied: ("password" | "temporaryAccessPass")[] = ["password"]) {
  const e = evaluateConditionalAccess(state, ctx({ ...REGISTER, userId, ipAddress, satisfied }));
  const byId = Object.fromEntries(e.policies.map((p) => [p.id, p]));
  return { e, tap: byId[SEED_TAP_POLICY], guest: byId[SEED_GUEST_POLICY] };
}

describe("seeded registration policies (report-only)", () => {
  it("the default tenant carries the trusted office network and both policies", () => {
    const s = defaultState();
    const office = s.conditionalAccess.namedLocations.find((l) => l.id === OFFICE_LOCATION);
    expect(office).toMatchObject({ "@odata.type": "#microsoft.graph.ipNamedLocation", isTrusted: true });
    expect(s.conditionalAccess.policies.map((p) => [p.displayName, p.state])).toEqual([
      ["Combined Security Info Registration with TAP", "enabledForReportingButNotEnforced"],
      ["Combined Security Info Registration on Trusted Networks", "enabledForReportingButNotEnforced"],
    ]);
  });

  const cases: [string, string, string, string, string][] = [
    // who, userId, ip, TAP-policy result, guest-policy result
    ["member outside the office", U.alice, IP.untrusted4, "reportOnlyInterrupted", "reportOnlyNotApplied"],
    ["member inside the office (IPv4)", U.alice, IP.trusted4, "reportOnlyNotApplied", "reportOnlyNotApplied"],
    ["member inside the office (IPv6)", U.alice, IP.trusted6, "reportOnlyNotApplied", "reportOnlyNotApplied"],
    ["Global Administrator outside (excluded by role)", U.globaladmin, IP.untrusted4, "reportOnlyNotApplied", "reportOnlyNotApplied"],
    ["Global Administrator inside", U.globaladmin, IP.trusted4, "reportOnlyNotApplied", "reportOnlyNotApplied"],
    ["break-glass account outside (excluded)", U.breakglass1, IP.untrusted4, "reportOnlyNotApplied", "reportOnlyNotApplied"],
    ["break-glass account inside", U.breakglass1, IP.trusted4, "reportOnlyNotApplied", "reportOnlyNotApplied"],
    ["guest outside the office", U.gina, IP.untrusted4, "reportOnlyNotApplied", "reportOnlyFailure"],
    ["guest inside the office", U.gina, IP.trusted4, "reportOnlyNotApplied", "reportOnlyNotApplied"],
  ];
  for (const [who, userId, ip, tapResult, guestResult] of cases) {
    it(`${who}: ${tapResult} / ${guestResult}, never enforced`, () => {
      const { e, tap, guest } = run(defaultState(), userId, ip);
      expect(tap.result).toBe(tapResult);
      expect(guest.result).toBe(guestResult);
      expect(e.outcome.kind).toBe("allow");
      expect(e.conditionalAccessStatus).toBe("notApplied");
    });
  }

  it("reasons: the admin and break-glass accounts fail on users, the office IP on location", () => {
    expect(run(defaultState(), U.globaladmin, IP.untrusted4).tap.notAppliedReason).toBe("users");
    expect(run(defaultState(), U.breakglass1, IP.untrusted4).tap.notAppliedReason).toBe("users");
    expect(run(defaultState(), U.alice, IP.trusted4).tap.notAppliedReason).toBe("location");
    expect(run(defaultState(), U.gina, IP.untrusted4).tap.notAppliedReason).toBe("users");
    expect(run(defaultState(), U.alice, IP.untrusted4).guest.notAppliedReason).toBe("users");
  });

  it("a member who signed in with a TAP would satisfy the TAP policy (reportOnlySuccess)", () => {
    expect(run(defaultState(), U.alice, IP.untrusted4, ["temporaryAccessPass"]).tap.result).toBe("reportOnlySuccess");
  });
});

describe("seeded registration policies switched on", () => {
  const enabled = () => {
    const s = defaultState();
    for (const p of s.conditionalAccess.policies) p.state = "enabled";
    return s;
  };
  it("a member outside the office must do MFA to register", () => {
    const { e, tap } = run(enabled(), U.alice, IP.untrusted4);
    expect(tap.result).toBe("failure");
    expect(e.outcome).toMatchObject({ kind: "mfa", policyIds: [SEED_TAP_POLICY], allowedCombinations: null });
    expect(e.conditionalAccessStatus).toBe("failure");
  });
  it("a member with a TAP registers outside the office", () => {
    const { e, tap } = run(enabled(), U.alice, IP.untrusted4, ["temporaryAccessPass"]);
    expect(tap.result).toBe("success");
    expect(e.outcome.kind).toBe("allow");
    expect(e.conditionalAccessStatus).toBe("success");
  });
  it("a member inside the office registers with just a password", () => {
    const { e } = run(enabled(), U.alice, IP.trusted4);
    expect(e.outcome.kind).toBe("allow");
    expect(e.conditionalAccessStatus).toBe("notApplied");
  });
  it("an excluded Global Administrator and a break-glass account are never prompted", () => {
    expect(run(enabled(), U.globaladmin, IP.untrusted4).e.outcome.kind).toBe("allow");
    expect(run(enabled(), U.breakglass1, IP.untrusted6).e.outcome.kind).toBe("allow");
  });
  it("a guest outside the office is blocked, inside allowed", () => {
    const out = run(enabled(), U.gina, IP.untrusted4);
    expect(out.guest.result).toBe("failure");
    expect(out.e.outcome).toMatchObject({ kind: "block", policyIds: [SEED_GUEST_POLICY] });
    expect(run(enabled(), U.gina, IP.trusted6).e.outcome.kind).toBe("allow");
  });
  it("the policies target only the registration action, not app sign-ins", () => {
    const e = evaluateConditionalAccess(enabled(), ctx({ userId: U.gina, ipAddress: IP.untrusted4 }));
    expect(e.policies.map((p) => p.notAppliedReason)).toEqual(["users", "userActions"]);
    expect(e.outcome.kind).toBe("allow");
  });
});
