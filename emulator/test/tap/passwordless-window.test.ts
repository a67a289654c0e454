/**
 * behavior.md 1.38 over HTTP: a session that signed in with a one-time TAP (token claim `xms_tap`) may
 * register a FIDO2 key or turn on SMS sign-in for itself only within 10 minutes of that sign-in.
 * The session token is minted the way the sign-in engine mints it, with the TAP redeemed first.
 */
import { describe, it, expect, beforeEach } from "vitest";
import { harness, expectGraphError, ORIGIN, type Harness } from "../helpers";
import { liveState, tapTenant, USER } from "./support";
import { createTap, redeemTap } from "../../src/domain/tap";
import { requireUser } from "../../src/domain/directory";
import { userAccessToken } from "../../src/signin/tokens";
import { GRAPH_PERMISSIONS, OIDC_SCOPES } from "../../src/domain/permissions";
import { PHONE_METHOD_IDS } from "../../src/domain/auth-methods";

let h: Harness;
beforeEach(async () => { h = await harness(); });

async function tapSession(isUsableOnce: boolean) {
  const t = await tapTenant(h);
  const state = liveState(h, t.id);
  state.methodsPolicy.configurations.Sms = { id: "Sms", state: "enabled", includeTargets: [{ targetType: "group", id: "all_users", isUsableForSignIn: true }], excludeTargets: [] };
  const user = requireUser(state, USER.bob);
  const now = h.deps.tenants.now(state);
  const { tap, value } = createTap(state, user, { isUsableOnce, lifetimeInMinutes: 480 }, now, h.deps);
  expect(redeemTap(state, USER.bob, value, now, h.deps.secrets).ok).toBe(true);
  const token = await userAccessToken(h.deps.keys, {
    origin: ORIGIN, state, user, clientId: "6b9fad2f-3c4e-4f60-9bac-1d2e3f4a5b6c", audience: "https://graph.microsoft.com",
    scopes: GRAPH_PERMISSIONS.filter((p) => !OIDC_SCOPES.has(p)), amr: ["pwd", "mfa"], authTime: now, now,
    expiresAt: new Date(now.getTime() + 8 * 60 * 60_000), ids: h.deps.ids, tapId: tap.id, confidential: false,
  });
  const advance = (advanceMinutes: number) => h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes } });
  return { token, advance };
}

const fido2 = (token: string) => h.call("POST", "/v1.0/me/authentication/fido2Methods", { token, body: { displayName: "YubiKey" } });
const enableSms = (token: string) => h.call("POST", `/v1.0/me/authentication/phoneMethods/${PHONE_METHOD_IDS.mobile}/enableSmsSignIn`, { token });

describe("one-time TAP session", () => {
  it("registers a FIDO2 key and enables SMS sign-in within 10 minutes", async () => {
    const { token, advance } = await tapSession(true);
    await advance(9);
    expect((await fido2(token)).status).toBe(201);
    expect((await enableSms(token)).status).toBe(204);
  });

  it("is refused with 403 accessDenied after the window, while other methods still register", async () => {
    const { token, advance } = await tapSession(true);
    await advance(11);
    const late = await fido2(token);
    expectGraphError(late, 403, "accessDenied");
    expect(late.body.error.message).toMatch(/within 10 minutes of signing in with a one-time Temporary Access Pass/);
    expectGraphError(await enableSms(token), 403, "accessDenied");
    expect((await h.call("POST", "/v1.0/me/authentication/microsoftAuthenticatorMethods", { token, body: { displayName: "Phone" } })).status).toBe(201);
  });
});

describe("multi-use TAP session", () => {
  it("has no registration window", async () => {
    const { token, advance } = await tapSession(false);
    await advance(60);
    expect((await fido2(token)).status).toBe(201);
  });
});
