/** $filter expressions nested beyond OData's recursion limit are a 400, never a stack overflow (500). */
import { describe, it, expect } from "vitest";
import { harness, newTenant, appToken, expectGraphError } from "../helpers";
import { compileFilter } from "../../src/http/odata-filter";

describe("$filter nesting limit", () => {
  it("answers thousands of nested parentheses or nots with 400 BadRequest", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    const parens = "(".repeat(5000) + "id eq 'x'" + ")".repeat(5000);
    const nots = "not ".repeat(20000) + "(id eq 'x')";
    for (const f of [parens, nots]) {
      const res = await h.call("GET", `/v1.0/users?$filter=${encodeURIComponent(f)}`, { token });
      expectGraphError(res, 400, "BadRequest");
      expect(res.body.error.message).toContain("nested");
    }
  });

  it("still accepts reasonable nesting", () => {
    const f = compileFilter("(".repeat(50) + "displayName eq 'A'" + ")".repeat(50) + " and not (not (userType eq 'Member'))");
    expect(f({ displayName: "a", userType: "Member" })).toBe(true);
    expect(f({ displayName: "b", userType: "Member" })).toBe(false);
  });
});

describe("user property lengths", () => {
  it("refuses a displayName over 256 characters and a mailNickname over 64, naming the property", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    const base = { accountEnabled: true, displayName: "Long", mailNickname: "long", userPrincipalName: `long@${t.domain}`, passwordProfile: { password: "TenantLab-Passw0rd!" } };
    const longName = await h.call("POST", "/v1.0/users", { token, body: { ...base, displayName: "x".repeat(257) } });
    expectGraphError(longName, 400, "BadRequest");
    expect(longName.body.error.message).toContain("displayName");
    const longNick = await h.call("PATCH", `/v1.0/users/${t.upn("alice")}`, { token, body: { mailNickname: "n".repeat(65) } });
    expectGraphError(longNick, 400, "BadRequest");
    expect(longNick.body.error.message).toContain("mailNickname");
    expect((await h.call("POST", "/v1.0/users", { token, body: { ...base, displayName: "x".repeat(256) } })).status).toBe(201);
  });
});
