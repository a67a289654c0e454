import { describe, it, expect } from "vitest";
import { harness, newTenant, appToken } from "../helpers";

/** Odd inputs across every core route: whatever they are, the answer is a Graph-shaped 4xx, never a 500. */
describe("robustness: no input produces a 500", () => {
  const bodies: unknown[] = ["", "null", "[]", "42", "\"text\"", "{", "{\"a\":", { "@odata.id": 5 }, { displayName: { nested: true } }, { requests: "nope" }, { requests: [null] }, { requests: [{ id: 1 }] }, { roleDefinitionId: [], principalId: {} }, { passwordProfile: null }, { accountEnabled: null }, { "members@odata.bind": "x" }];
  const paths: [string, string][] = [
    ["POST", "/v1.0/users"], ["PATCH", "/v1.0/users/11111111-0000-4000-8000-000000000011"], ["PATCH", "/v1.0/me"],
    ["POST", "/v1.0/groups"], ["PATCH", "/v1.0/groups/0f1e2d3c-0001-4000-8000-000000000004"],
    ["POST", "/v1.0/groups/0f1e2d3c-0001-4000-8000-000000000004/members/$ref"],
    ["POST", "/v1.0/roleManagement/directory/roleAssignments"], ["POST", "/v1.0/$batch"], ["POST", "/beta/$batch"],
    ["POST", "/_emulator/tenants"],
  ];

  it("answers bad bodies on every write route without a 500, errors in the Graph envelope", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    for (const [method, path] of paths)
      for (const body of bodies) {
        const res = await h.call(method, path, { token, body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } });
        expect(res.status, `${method} ${path} ${JSON.stringify(body)} -> ${res.text.slice(0, 200)}`).toBeLessThan(500);
        // Unknown properties on PATCH are ignored (204); everything else here is malformed.
        if (res.status !== 204) expect(res.body?.error?.code, `${method} ${path} ${JSON.stringify(body)}`).toBeTypeOf("string");
      }
  });

  it("answers odd URLs and query options with 4xx", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    const urls = [
      "/v1.0/users?$filter=%27", "/v1.0/users?$filter=((((", "/v1.0/users?$top=-1", "/v1.0/users?$top=1e3", "/v1.0/users?$skiptoken=bz0tMQ",
      "/v1.0/users?$orderby=,", "/v1.0/users('')", "/v1.0/users/%25", "/v1.0/groups/%E0%A4%A/members", "/v1.0/directoryRoles/roleTemplateId=",
      "/v1.0/directoryRoles(roleTemplateId='x')/members", "/v1.0/roleManagement/directory/roleAssignments/%2F", "/v1.0/auditLogs/signIns/%00",
      "/v1.0/domains/..", "/v1.0/users?$select=,,,", "/v1.0/users?$count=1", "/v1.0/users?$expand=manager", "/v1.0/roleManagement/directory/roleAssignments?$expand=nope",
      "/beta/organization/x", "/v1.0/$batch", "/_emulator/tenants/%E0/clock",
    ];
    for (const url of urls) {
      const res = await h.call("GET", url, { token });
      expect(res.status, `${url} -> ${res.text.slice(0, 200)}`).toBeLessThan(500);
    }
  });

  it("answers a malformed percent-escape in a method, configuration or control-plane id with 404, not a 500", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const token = await appToken(h, t.id);
    const alice = `/v1.0/users/${t.upn("alice")}/authentication`;
    const calls: [string, string][] = [
      ["GET", `${alice}/methods/%25zz`], ["GET", `${alice}/operations/%25zz`], ["GET", `${alice}/phoneMethods/%25zz`],
      ["GET", `${alice}/fido2Methods/%25zz`], ["GET", `${alice}/temporaryAccessPassMethods/%25zz`], ["DELETE", `${alice}/temporaryAccessPassMethods/%25zz`],
      ["GET", "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/%25zz"],
      ["GET", `/_emulator/tenants/${t.id}/legacy/users/%25zz`],
    ];
    for (const [method, url] of calls) {
      const res = await h.call(method, url, { token });
      expect(res.status, `${method} ${url} -> ${res.text.slice(0, 200)}`).toBe(404);
      expect(res.body.error.code, url).toMatch(/NotFound$/i);
    }
  });
});
