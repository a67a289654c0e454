/**
 * The migration state machine through PATCH /policies/authenticationMethodsPolicy (behavior.md 2.3,
 * 2.11, 2.12): from preMigration anywhere; inProgress <-> complete always; back to preMigration only for
 * a tenant that started in preMigration. Refusals are Graph 400s and change nothing.
 */
import { describe, expect, it } from "vitest";
import { harness, expectGraphError } from "../helpers";
import { POLICY, policyTenant } from "./support";

type State = "preMigration" | "migrationInProgress" | "migrationComplete";

async function tenantIn(start: State | null, startedIn?: "preMigration" | "migrationInProgress" | null) {
  const h = await harness();
  const t = await policyTenant(h, (doc) => {
    doc.authenticationMethodsPolicy.policyMigrationState = start;
    if (startedIn !== undefined) doc.legacy.startedInMigrationState = startedIn;
  });
  const move = (to: unknown) => h.call("PATCH", POLICY, { token: t.token, body: { policyMigrationState: to } });
  const current = async () => (await h.call("GET", POLICY, { token: t.token })).body.policyMigrationState;
  return { h, t, move, current };
}

describe("a tenant that started in preMigration", () => {
  it.each<[State, State]>([
    ["preMigration", "migrationInProgress"],
    ["preMigration", "migrationComplete"],
    ["migrationInProgress", "migrationComplete"],
    ["migrationComplete", "migrationInProgress"],
    ["migrationInProgress", "preMigration"],
    ["migrationComplete", "preMigration"],
    ["preMigration", "preMigration"],
  ])("moves from %s to %s", async (from, to) => {
    const { move, current } = await tenantIn(from, "preMigration");
    const res = await move(to);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.policyMigrationState).toBe(to);
    expect(await current()).toBe(to);
  });

  it("accepts the reference text's 'premigration' spelling and answers preMigration", async () => {
    const { move } = await tenantIn("migrationInProgress", "preMigration");
    const res = await move("premigration");
    expect(res.status).toBe(200);
    expect(res.body.policyMigrationState).toBe("preMigration");
  });

  it("walks the whole documented path forward and back", async () => {
    const { move, current } = await tenantIn("preMigration");
    for (const s of ["migrationInProgress", "migrationComplete", "migrationInProgress", "preMigration"]) {
      expect((await move(s)).status).toBe(200);
      expect(await current()).toBe(s);
    }
  });
});

describe("a tenant that started in migrationInProgress", () => {
  it("moves between migrationInProgress and migrationComplete", async () => {
    const { move, current } = await tenantIn("migrationInProgress");
    expect((await move("migrationComplete")).status).toBe(200);
    expect((await move("migrationInProgress")).status).toBe(200);
    expect(await current()).toBe("migrationInProgress");
  });

  it.each<State>(["migrationInProgress", "migrationComplete"])("may not go back to preMigration from %s", async (from) => {
    const { move, current } = await tenantIn(from, "migrationInProgress");
    const res = await move("preMigration");
    expectGraphError(res, 400, "badRequest");
    expect(res.body.error.message).toMatch(/started in 'migrationInProgress' cannot go back to 'preMigration'/);
    expect(await current()).toBe(from);
  });
});

describe("a tenant without legacy policies (null)", () => {
  it("may move to migrationInProgress or migrationComplete but not to preMigration", async () => {
    const { move, current } = await tenantIn(null);
    expect(await current()).toBeNull();
    const back = await move("preMigration");
    expectGraphError(back, 400, "badRequest");
    expect(back.body.error.message).toMatch(/never had legacy MFA and SSPR policies/);
    expect((await move("migrationComplete")).status).toBe(200);
    expectGraphError(await move("preMigration"), 400, "badRequest");
  });
});

describe("invalid values", () => {
  it.each(["unknownFutureValue", "complete", null, 3])("refuses %j with a Graph 400 and changes nothing", async (value) => {
    const { move, current } = await tenantIn("preMigration");
    const res = await move(value);
    expectGraphError(res, 400, "badRequest");
    expect(res.body.error.message).toContain("policyMigrationState");
    expect(await current()).toBe("preMigration");
  });

  it("applies nothing from a PATCH whose migration state is refused", async () => {
    const { h, t, current } = await tenantIn("migrationInProgress", "migrationInProgress");
    const res = await h.call("PATCH", POLICY, { token: t.token, body: { reconfirmationInDays: 77, policyMigrationState: "preMigration" } });
    expectGraphError(res, 400);
    expect((await h.call("GET", POLICY, { token: t.token })).body.reconfirmationInDays).toBeNull();
    expect(await current()).toBe("migrationInProgress");
  });

  it("records the transition in the audit log", async () => {
    const { move, t } = await tenantIn("preMigration");
    await move("migrationInProgress");
    expect(t.state().audits.at(-1)?.targetResources[0].modifiedProperties).toContainEqual({
      displayName: "policyMigrationState", oldValue: '"preMigration"', newValue: '"migrationInProgress"',
    });
  });
});
