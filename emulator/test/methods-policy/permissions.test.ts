/**
 * Who may read and change the authentication methods policy (surface.md §4.1, §9; behavior.md 1.9):
 * GET needs Policy.Read.All / Policy.Read.AuthenticationMethod / Policy.ReadWrite.AuthenticationMethod,
 * PATCH/DELETE need Policy.ReadWrite.AuthenticationMethod; delegated callers also need a role.
 */
import { describe, expect, it } from "vitest";
import { harness, expectGraphError, appToken, userToken, READER_APP } from "../helpers";
import { CONFIGS, POLICY, TAP_TYPE, policyTenant } from "./support";

const SCOPE = (s: string) => `https://graph.microsoft.com/${s} openid profile`;
const patchTap = { "@odata.type": TAP_TYPE, isUsableOnce: false };

describe("application callers", () => {
  it("refuses an app without a policy permission (403 Authorization_RequestDenied)", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const token = await appToken(h, t.id, READER_APP);
    expectGraphError(await h.call("GET", POLICY, { token }), 403, "Authorization_RequestDenied");
    expectGraphError(await h.call("GET", `${CONFIGS}/TemporaryAccessPass`, { token }), 403, "Authorization_RequestDenied");
    expectGraphError(await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token, body: patchTap }), 403, "Authorization_RequestDenied");
    expectGraphError(await h.call("DELETE", `${CONFIGS}/TemporaryAccessPass`, { token }), 403, "Authorization_RequestDenied");
  });

  it("answers 401 without a token", async () => {
    const h = await harness();
    await policyTenant(h);
    const res = await h.call("GET", POLICY);
    expect(res.status).toBe(401);
  });
});

describe("delegated callers", () => {
  it("lets an Authentication Policy Administrator read and change the policy", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const token = await userToken(h, t.id, t.upn("authpolicyadmin"));
    expect((await h.call("GET", POLICY, { token })).status).toBe(200);
    expect((await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token, body: patchTap })).status).toBe(204);
    expect((await h.call("PATCH", POLICY, { token, body: { reconfirmationInDays: 10 } })).status).toBe(200);
    expect((await h.call("DELETE", `${CONFIGS}/Voice`, { token })).status).toBe(204);
    expect(t.state().audits.at(-1)?.initiatedBy.user?.userPrincipalName).toBe(t.upn("authpolicyadmin"));
  });

  it("lets a Global Administrator change the policy", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const token = await userToken(h, t.id, t.upn("globaladmin"));
    expect((await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token, body: patchTap })).status).toBe(204);
  });

  it("lets a Global Reader and a Security Reader read but not change the policy", async () => {
    const h = await harness();
    const t = await policyTenant(h, (doc) => {
      doc.users.find((u: any) => u.userPrincipalName.startsWith("carol@")).roles = ["Security Reader"];
    });
    for (const who of ["globalreader", "carol"]) {
      const token = await userToken(h, t.id, t.upn(who));
      expect((await h.call("GET", POLICY, { token })).status, who).toBe(200);
      expect((await h.call("GET", `${CONFIGS}/Fido2`, { token })).status, who).toBe(200);
      expectGraphError(await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token, body: patchTap }), 403, "Authorization_RequestDenied");
      expectGraphError(await h.call("PATCH", POLICY, { token, body: { reconfirmationInDays: 10 } }), 403, "Authorization_RequestDenied");
    }
  });

  it("refuses users without a suitable role, even with the permission", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    for (const who of ["alice", "authadmin", "caadmin"]) {
      const token = await userToken(h, t.id, t.upn(who));
      expectGraphError(await h.call("GET", POLICY, { token }), 403, "Authorization_RequestDenied");
      expectGraphError(await h.call("DELETE", `${CONFIGS}/Sms`, { token }), 403, "Authorization_RequestDenied");
    }
  });

  it("refuses writes with a read-only scope, even for an Authentication Policy Administrator", async () => {
    const h = await harness();
    const t = await policyTenant(h);
    const token = await userToken(h, t.id, t.upn("authpolicyadmin"), SCOPE("Policy.Read.All"));
    expect((await h.call("GET", POLICY, { token })).status).toBe(200);
    expectGraphError(await h.call("PATCH", `${CONFIGS}/TemporaryAccessPass`, { token, body: patchTap }), 403, "Authorization_RequestDenied");
    const narrow = await userToken(h, t.id, t.upn("authpolicyadmin"), SCOPE("Policy.Read.AuthenticationMethod"));
    expect((await h.call("GET", `${CONFIGS}/Sms`, { token: narrow })).status).toBe(200);
    const none = await userToken(h, t.id, t.upn("authpolicyadmin"), SCOPE("User.Read"));
    expectGraphError(await h.call("GET", POLICY, { token: none }), 403, "Authorization_RequestDenied");
  });
});
