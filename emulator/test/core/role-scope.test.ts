/**
 * Only tenant-wide role assignments (directoryScopeId "/") count as the user's directory roles: they
 * make the `wids` claim and satisfy role checks; application-scoped ones do not.
 */
import { describe, it, expect } from "vitest";
import { decodeJwt } from "jose";
import { harness, newTenant, appToken, userToken, expectGraphError } from "../helpers";
import { userRoleTemplateIds } from "../../src/domain/directory";

const USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const APP_ADMIN = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
const BOOTSTRAP_OBJECT_ID = "22222222-0000-4000-8000-000000000001";

describe("role scope: wids and role checks", () => {
  it("leaves application-scoped assignments out of wids and role checks", async () => {
    const h = await harness();
    const t = await newTenant(h, (doc) => {
      doc.roleAssignments = [
        { role: "User Administrator", principal: t0(doc, "alice"), directoryScopeId: `/${BOOTSTRAP_OBJECT_ID}` },
        { role: "Application Administrator", principal: t0(doc, "bob"), directoryScopeId: "/" },
      ];
    });
    const alice = decodeJwt(await userToken(h, t.id, t.upn("alice")));
    expect(alice.wids).not.toContain(USER_ADMIN);
    const bob = decodeJwt(await userToken(h, t.id, t.upn("bob")));
    expect(bob.wids).toContain(APP_ADMIN);
    const state = h.deps.tenants.store.get(t.id)!.state;
    const aliceId = state.users.find((u) => u.userPrincipalName === t.upn("alice"))!.id;
    expect(userRoleTemplateIds(state, aliceId)).not.toContain(USER_ADMIN);
    // A User Administrator scoped to one app cannot create users tenant-wide.
    const created = await h.call("POST", "/v1.0/users", {
      token: await userToken(h, t.id, t.upn("alice")),
      body: { accountEnabled: true, displayName: "X", mailNickname: "x", userPrincipalName: `x@${t.domain}`, passwordProfile: { password: "TenantLab-Passw0rd!" } },
    });
    expectGraphError(created, 403, "Authorization_RequestDenied");
  });

  it("an administrative-unit-scoped assignment made through Graph does not change wids", async () => {
    const h = await harness();
    const t = await newTenant(h);
    const state = h.deps.tenants.store.get(t.id)!.state;
    const carol = state.users.find((u) => u.userPrincipalName === t.upn("carol"))!;
    state.roleAssignments.push({ id: "ra-au-test", roleDefinitionId: USER_ADMIN, principalId: carol.id, directoryScopeId: "/administrativeUnits/00000000-0000-4000-8000-00000000aaaa" });
    const wids = decodeJwt(await userToken(h, t.id, t.upn("carol"))).wids as string[];
    expect(wids).not.toContain(USER_ADMIN);
    // And the app-only view of role assignments still lists it (it exists, it is just scoped).
    const list = await h.call("GET", `/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '${carol.id}'`, { token: await appToken(h, t.id) });
    expect(list.status).toBe(200);
    expect(list.body.value.map((a: any) => a.directoryScopeId)).toContain("/administrativeUnits/00000000-0000-4000-8000-00000000aaaa");
  });
});

/** The UPN of a default-fixture user in a (renamed) fixture document. */
function t0(doc: Record<string, any>, local: string): string {
  return doc.users.find((u: any) => u.userPrincipalName.startsWith(`${local}@`)).userPrincipalName;
}
