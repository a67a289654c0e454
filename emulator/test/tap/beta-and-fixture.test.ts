/** Beta per-user requirements and sign-in preferences; fixture seeding and export of methods. */
import { describe, it, expect, beforeEach } from "vitest";
import { authenticator } from "otplib";
import { harness, appToken, userToken, expectGraphError, type Harness } from "../helpers";
import { expectResponse, expectSchema } from "../openapi";
import { liveState, tapTenant, USER } from "./support";
import { redeemTap } from "../../src/domain/tap";
import { requireMethod, verifyTotp } from "../../src/domain/auth-methods";
import { scryptSecrets } from "../../src/infra/secrets";

let h: Harness;
beforeEach(async () => { h = await harness(); });
const B = (id: string, sub: string) => `/beta/users/${id}/authentication/${sub}`;

describe("beta /authentication/requirements (per-user MFA)", () => {
  it("reads disabled by default, PATCHes to enforced with 204, and is absent from v1.0", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    const read = await h.call("GET", B(USER.bob, "requirements"), { token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ perUserMfaState: "disabled" });
    expectSchema(read.body, "beta.microsoft.graph.strongAuthenticationRequirements");
    const patch = await h.call("PATCH", B(USER.bob, "requirements"), { token, body: { perUserMfaState: "enforced" } });
    expect(patch.status).toBe(204);
    expect((await h.call("GET", B(t.upn("bob"), "requirements"), { token })).body.perUserMfaState).toBe("enforced");
    expectGraphError(await h.call("PATCH", B(USER.bob, "requirements"), { token, body: { perUserMfaState: "sometimes" } }), 400);
    expectGraphError(await h.call("GET", `/v1.0/users/${USER.bob}/authentication/requirements`, { token }), 400);
  });

  it("needs Policy.ReadWrite.AuthenticationMethod and an authentication admin role to write", async () => {
    const t = await tapTenant(h);
    const alice = await userToken(h, t.id, t.upn("alice"));
    expectGraphError(await h.call("PATCH", B(USER.bob, "requirements"), { token: alice, body: { perUserMfaState: "enabled" } }), 403);
    const reader = await userToken(h, t.id, t.upn("globalreader"));
    expect((await h.call("GET", B(USER.bob, "requirements"), { token: reader })).status).toBe(200);
    expectGraphError(await h.call("PATCH", B(USER.bob, "requirements"), { token: reader, body: { perUserMfaState: "enabled" } }), 403);
    const authAdmin = await userToken(h, t.id, t.upn("authadmin"));
    expect((await h.call("PATCH", B(USER.bob, "requirements"), { token: authAdmin, body: { perUserMfaState: "enabled" } })).status).toBe(204);
    expectGraphError(await h.call("PATCH", B(USER.globalAdmin, "requirements"), { token: authAdmin, body: { perUserMfaState: "enabled" } }), 403);
  });
});

describe("beta /authentication/signInPreferences", () => {
  it("shows the default derived from registered methods, PATCHes with 204 and audits the change", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    const read = await h.call("GET", B(USER.bob, "signInPreferences"), { token });
    expect(read.body).toMatchObject({ isSystemPreferredAuthenticationMethodEnabled: null, userPreferredMethodForSecondaryAuthentication: "push" });
    expect((await h.call("GET", B(USER.alice, "signInPreferences"), { token })).body).not.toHaveProperty("userPreferredMethodForSecondaryAuthentication");
    expectResponse("GET", "/beta/users/{user-id}/authentication/signInPreferences", read.body);
    expect((await h.call("PATCH", B(USER.bob, "signInPreferences"), { token, body: { userPreferredMethodForSecondaryAuthentication: "oath" } })).status).toBe(204);
    const again = await h.call("GET", B(USER.bob, "signInPreferences"), { token });
    expect(again.body.userPreferredMethodForSecondaryAuthentication).toBe("oath");
    expectResponse("GET", "/beta/users/{user-id}/authentication/signInPreferences", again.body);
    expectGraphError(await h.call("PATCH", B(USER.bob, "signInPreferences"), { token, body: { userPreferredMethodForSecondaryAuthentication: "carrierPigeon" } }), 400);
    expect(liveState(h, t.id).audits.some((a) => a.activityDisplayName === "PATCH UserAuthMethod.PatchSignInPreferencesAsync")).toBe(true);
  });
});

describe("fixture seeding and export", () => {
  it("seeds methods in Graph shape, including a TAP given in plain text (stored hashed)", async () => {
    const t = await tapTenant(h, {}, (doc) => {
      const alice = doc.users.find((u: any) => u.userPrincipalName.startsWith("alice@"));
      alice.authenticationMethods = [
        { "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethod", value: "Fixture-TAP-123", lifetimeInMinutes: 120, isUsableOnce: false },
        { "@odata.type": "#microsoft.graph.emailAuthenticationMethod", emailAddress: "alice@fabrikam.example" },
        { "@odata.type": "#microsoft.graph.phoneAuthenticationMethod", phoneNumber: "+1 2065550100", phoneType: "mobile", smsSignInState: "ready" },
        { "@odata.type": "#microsoft.graph.fido2AuthenticationMethod", displayName: "Key", model: "YubiKey 5" },
      ];
      alice.perUserMfaState = "enforced";
    });
    const state = liveState(h, t.id);
    expect(JSON.stringify(state)).not.toContain("Fixture-TAP-123");
    expect(redeemTap(state, USER.alice, "Fixture-TAP-123", h.deps.tenants.now(state), scryptSecrets).ok).toBe(true);
    const token = await appToken(h, t.id);
    const methods = await h.call("GET", `/v1.0/users/${USER.alice}/authentication/methods`, { token });
    expect(methods.body.value.map((m: any) => m["@odata.type"].split(".").pop())).toEqual([
      "passwordAuthenticationMethod", "emailAuthenticationMethod", "phoneAuthenticationMethod", "fido2AuthenticationMethod", "temporaryAccessPassAuthenticationMethod",
    ]);
    expect((await h.call("GET", B(USER.alice, "requirements"), { token })).body.perUserMfaState).toBe("enforced");
  });

  it("exports methods so that a re-import yields the same methods and working TOTP codes", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    const created = await h.call("POST", `/v1.0/users/${USER.bob}/authentication/temporaryAccessPassMethods`, { token, body: { isUsableOnce: true } });
    await h.call("PATCH", B(USER.bob, "signInPreferences"), { token, body: { isSystemPreferredAuthenticationMethodEnabled: true } });
    const exported = (await h.call("GET", `/_emulator/tenants/${t.id}/export`)).body;
    const bob = exported.users.find((u: any) => u.id === USER.bob);
    const carol = exported.users.find((u: any) => u.id === USER.carol);
    expect(carol.authenticationMethods).toEqual([expect.objectContaining({ secretKey: "JBSWY3DPEHPK3PXP" })]);
    expect(bob.authenticationMethods.find((m: any) => m.valueHash)).not.toHaveProperty("value");
    expect(JSON.stringify(exported)).not.toContain(created.body.temporaryAccessPass);

    // The same domains cannot coexist in one emulator: re-import into a second one.
    const h2 = await harness();
    const again = await h2.call("POST", "/_emulator/tenants", { body: exported });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const copy = h2.deps.tenants.resolve(again.body.tenantId)!.state;
    const original = liveState(h, t.id);
    expect(copy.authMethods[USER.bob]).toEqual(original.authMethods[USER.bob]);
    expect(copy.authMethods[USER.carol]).toEqual(original.authMethods[USER.carol]);
    const now = h2.deps.tenants.now(copy);
    const oath = requireMethod(copy, USER.carol, "softwareOath", "5c1b7c2e-0b0b-4b7e-9a51-000000000012");
    expect(verifyTotp(oath.secret!, authenticator.clone({ epoch: now.getTime() }).generate("JBSWY3DPEHPK3PXP"), now)).toBe(true);
    expect(redeemTap(copy, USER.bob, created.body.temporaryAccessPass, now, scryptSecrets).ok).toBe(true);
  });

  it("rejects bad method entries with a 400 naming the field", async () => {
    const bad = async (entry: Record<string, unknown>) => {
      const doc = (await import("../helpers")).uniqueFixture((d) => {
        d.users.find((u: any) => u.userPrincipalName.startsWith("alice@")).authenticationMethods = [entry];
      });
      return h.call("POST", "/_emulator/tenants", { body: doc });
    };
    const phone = await bad({ "@odata.type": "#microsoft.graph.phoneAuthenticationMethod", phoneNumber: "555-1234", phoneType: "mobile" });
    expect(phone.status).toBe(400);
    expect(phone.body.error.message).toContain("authenticationMethods");
    expect((await bad({ "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethod", secretKey: "nope" })).status).toBe(400);
    expect((await bad({ "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethod" })).status).toBe(400);
    expect((await bad({ "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethod", value: "x", lifetimeInMinutes: 5 })).status).toBe(400);
  });
});
