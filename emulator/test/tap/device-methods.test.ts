/**
 * Software OATH (TOTP verified with otplib on the tenant clock), Microsoft Authenticator, FIDO2 and
 * Windows Hello for Business methods, the /me registration extensions, and the one-time-TAP window.
 */
import { describe, it, expect, beforeEach } from "vitest";
import { authenticator } from "otplib";
import { harness, appToken, userToken, expectGraphError, type Harness } from "../helpers";
import { expectSchema, expectCollection, expectResponse } from "../openapi";
import { liveState, tapTenant, USER } from "./support";
import { verifyTotp, requireMethod } from "../../src/domain/auth-methods";
import { requirePasswordlessWindow } from "../../src/graph/auth-methods-context";
import { createTap, redeemTap } from "../../src/domain/tap";
import { requireUser } from "../../src/domain/directory";
import { scryptSecrets } from "../../src/infra/secrets";
import type { UserPrincipal } from "../../src/domain/principal";

const codeAt = (secret: string, at: Date) => authenticator.clone({ epoch: at.getTime() }).generate(secret);

describe("verifyTotp", () => {
  const secret = "JBSWY3DPEHPK3PXP";
  const now = new Date("2026-01-15T09:00:10Z");
  it("accepts the code of the current step and one step either side", () => {
    expect(verifyTotp(secret, codeAt(secret, now), now)).toBe(true);
    expect(verifyTotp(secret, codeAt(secret, new Date(now.getTime() - 30_000)), now)).toBe(true);
    expect(verifyTotp(secret, codeAt(secret, new Date(now.getTime() + 30_000)), now)).toBe(true);
  });
  it("refuses codes two steps away, wrong codes and malformed input", () => {
    expect(verifyTotp(secret, codeAt(secret, new Date(now.getTime() - 90_000)), now)).toBe(false);
    const good = codeAt(secret, now);
    expect(verifyTotp(secret, String((Number(good) + 1) % 1_000_000).padStart(6, "0"), now)).toBe(false);
    expect(verifyTotp(secret, "12345", now)).toBe(false);
    expect(verifyTotp(secret, "abcdef", now)).toBe(false);
  });
  it("accepts lower-case and spaced secrets", () => {
    expect(verifyTotp("jbsw y3dp ehpk 3pxp", codeAt(secret, now), now)).toBe(true);
  });
});

let h: Harness;
beforeEach(async () => { h = await harness(); });
const U = (id: string, sub: string) => `/v1.0/users/${id}/authentication/${sub}`;

describe("software OATH tokens", () => {
  it("verifies carol's fixture secret against codes computed at the tenant's time", async () => {
    const t = await tapTenant(h);
    const state = liveState(h, t.id);
    const now = h.deps.tenants.now(state);
    const m = requireMethod(state, USER.carol, "softwareOath", "5c1b7c2e-0b0b-4b7e-9a51-000000000012");
    expect(verifyTotp(m.secret!, codeAt("JBSWY3DPEHPK3PXP", now), now)).toBe(true);
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 60 } });
    const later = h.deps.tenants.now(state);
    expect(verifyTotp(m.secret!, codeAt("JBSWY3DPEHPK3PXP", now), later)).toBe(false);
    expect(verifyTotp(m.secret!, codeAt("JBSWY3DPEHPK3PXP", later), later)).toBe(true);
  });

  it("registers a token through /me (extension), returning the secret once", async () => {
    const t = await tapTenant(h);
    const alice = await userToken(h, t.id, t.upn("alice"));
    const created = await h.call("POST", "/v1.0/me/authentication/softwareOathMethods", { token: alice, body: {} });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body["@odata.type"]).toBe("#microsoft.graph.softwareOathAuthenticationMethod");
    expect(created.body.secretKey).toMatch(/^[A-Z2-7]{32}$/);
    expectSchema(created.body, "microsoft.graph.softwareOathAuthenticationMethod");
    const state = liveState(h, t.id);
    const now = h.deps.tenants.now(state);
    expect(verifyTotp(requireMethod(state, USER.alice, "softwareOath", created.body.id).secret!, codeAt(created.body.secretKey, now), now)).toBe(true);
    const list = await h.call("GET", "/v1.0/me/authentication/softwareOathMethods", { token: alice });
    expect(list.body.value).toEqual([expect.objectContaining({ id: created.body.id, secretKey: null })]);
    expectResponse("GET", "/users/{user-id}/authentication/softwareOathMethods", list.body);
    const given = await h.call("POST", "/v1.0/me/authentication/softwareOathMethods", { token: alice, body: { secretKey: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" } });
    expect(given.body.secretKey).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expectGraphError(await h.call("POST", "/v1.0/me/authentication/softwareOathMethods", { token: alice, body: { secretKey: "not base32!" } }), 400);
  });

  it("gets and deletes a token as an admin; the extension is not on /users", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    const id = "5c1b7c2e-0b0b-4b7e-9a51-000000000012";
    const one = await h.call("GET", `${U(USER.carol, "softwareOathMethods")}/${id}`, { token });
    expectResponse("GET", "/users/{user-id}/authentication/softwareOathMethods/{softwareOathAuthenticationMethod-id}", one.body);
    expect((await h.call("DELETE", `${U(USER.carol, "softwareOathMethods")}/${id}`, { token })).status).toBe(204);
    expect((await h.call("GET", U(USER.carol, "softwareOathMethods"), { token })).body.value).toEqual([]);
    expect((await h.call("POST", U(USER.carol, "softwareOathMethods"), { token, body: {} })).status).toBeGreaterThanOrEqual(400);
  });
});

describe("Microsoft Authenticator, FIDO2 and Windows Hello for Business", () => {
  it("lists bob's fixture Authenticator and registers more through /me", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    const list = await h.call("GET", U(USER.bob, "microsoftAuthenticatorMethods"), { token });
    expect(list.body.value).toEqual([expect.objectContaining({ "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod", displayName: "Bob's iPhone" })]);
    expectResponse("GET", "/users/{user-id}/authentication/microsoftAuthenticatorMethods", list.body);
    const alice = await userToken(h, t.id, t.upn("alice"));
    const created = await h.call("POST", "/v1.0/me/authentication/microsoftAuthenticatorMethods", { token: alice, body: { displayName: "Pixel 9" } });
    expect(created.status).toBe(201);
    expectSchema(created.body, "microsoft.graph.microsoftAuthenticatorAuthenticationMethod");
    expectGraphError(await h.call("POST", "/v1.0/me/authentication/microsoftAuthenticatorMethods", { token: alice, body: {} }), 400);
    const one = await h.call("GET", `${U(USER.alice, "microsoftAuthenticatorMethods")}/${created.body.id}`, { token });
    expectResponse("GET", "/users/{user-id}/authentication/microsoftAuthenticatorMethods/{microsoftAuthenticatorAuthenticationMethod-id}", one.body);
    expect((await h.call("DELETE", `/v1.0/me/authentication/microsoftAuthenticatorMethods/${created.body.id}`, { token: alice })).status).toBe(204);
  });

  it("registers a FIDO2 key through /me and reads it back in the fido2 schema", async () => {
    const t = await tapTenant(h);
    const alice = await userToken(h, t.id, t.upn("alice"));
    const created = await h.call("POST", "/v1.0/me/authentication/fido2Methods", { token: alice, body: { displayName: "YubiKey 5", model: "YubiKey 5 NFC", aaGuid: "cb69481e-8ff7-4039-93ec-0a2729a154a8" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ "@odata.type": "#microsoft.graph.fido2AuthenticationMethod", attestationLevel: "notAttested", attestationCertificates: [] });
    expectSchema(created.body, "microsoft.graph.fido2AuthenticationMethod");
    const token = await appToken(h, t.id);
    const list = await h.call("GET", U(USER.alice, "fido2Methods"), { token });
    expectCollection(list.body, "microsoft.graph.fido2AuthenticationMethod");
    expectResponse("GET", "/users/{user-id}/authentication/fido2Methods", list.body);
    expectResponse("GET", "/users/{user-id}/authentication/fido2Methods/{fido2AuthenticationMethod-id}",
      (await h.call("GET", `${U(USER.alice, "fido2Methods")}/${created.body.id}`, { token })).body);
    expect((await h.call("DELETE", `${U(USER.alice, "fido2Methods")}/${created.body.id}`, { token })).status).toBe(204);
  });

  it("serves Windows Hello for Business keys seeded by a fixture", async () => {
    const t = await tapTenant(h, {}, (doc) => {
      doc.users.find((u: any) => u.userPrincipalName.startsWith("alice@")).authenticationMethods = [
        { "@odata.type": "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod", id: "6d1f3b1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b", displayName: "ALICE-LAPTOP", keyStrength: "normal" },
      ];
    });
    const token = await appToken(h, t.id);
    const list = await h.call("GET", U(USER.alice, "windowsHelloForBusinessMethods"), { token });
    expect(list.body.value[0]).toMatchObject({ "@odata.type": "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod", displayName: "ALICE-LAPTOP", keyStrength: "normal" });
    expectResponse("GET", "/users/{user-id}/authentication/windowsHelloForBusinessMethods", list.body);
    const path = `${U(USER.alice, "windowsHelloForBusinessMethods")}/6d1f3b1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b`;
    expectResponse("GET", "/users/{user-id}/authentication/windowsHelloForBusinessMethods/{windowsHelloForBusinessAuthenticationMethod-id}", (await h.call("GET", path, { token })).body);
    expect((await h.call("DELETE", path, { token })).status).toBe(204);
  });

  it("forbids registering methods for oneself without a write scope", async () => {
    const t = await tapTenant(h);
    const readOnly = await userToken(h, t.id, t.upn("alice"), "https://graph.microsoft.com/UserAuthenticationMethod.Read");
    expectGraphError(await h.call("POST", "/v1.0/me/authentication/fido2Methods", { token: readOnly, body: { displayName: "key" } }), 403, "accessDenied");
  });
});

describe("passwordless registration window after a one-time TAP sign-in (behavior.md 1.38)", () => {
  async function tapSession(isUsableOnce: boolean) {
    const t = await tapTenant(h);
    const state = liveState(h, t.id);
    const now = h.deps.tenants.now(state);
    const { tap, value } = createTap(state, requireUser(state, USER.alice), { isUsableOnce }, now, h.deps);
    expect(redeemTap(state, USER.alice, value, now, scryptSecrets).ok).toBe(true);
    const principal: UserPrincipal = {
      kind: "user", tenantId: t.id, userId: USER.alice, appId: "x", scopes: [], roleTemplateIds: [], amr: ["pwd"], issuedAt: now, authTime: now, tapId: tap.id,
    };
    return { state, now, principal, user: requireUser(state, USER.alice) };
  }
  const at = (d: Date, min: number) => new Date(d.getTime() + min * 60_000);

  it("allows registration within 10 minutes of the sign-in and refuses it after, with a 403", async () => {
    const { state, now, principal, user } = await tapSession(true);
    expect(() => requirePasswordlessWindow(state, principal, user, at(now, 10))).not.toThrow();
    try {
      requirePasswordlessWindow(state, principal, user, at(now, 11));
      expect.unreachable();
    } catch (e: any) {
      expect(e.code).toBe("forbidden");
      expect(e.options.graphCode).toBe("accessDenied");
      expect(e.message).toMatch(/within 10 minutes/);
    }
  });

  it("does not limit a multi-use TAP session, nor an admin acting on the user", async () => {
    const multi = await tapSession(false);
    expect(() => requirePasswordlessWindow(multi.state, multi.principal, multi.user, at(multi.now, 120))).not.toThrow();
    const once = await tapSession(true);
    const admin = { ...once.principal, userId: USER.globalAdmin };
    expect(() => requirePasswordlessWindow(once.state, admin, once.user, at(once.now, 120))).not.toThrow();
  });
});
