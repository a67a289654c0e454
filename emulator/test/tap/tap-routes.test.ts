/** TAP through Graph: create/list/get/delete, usability on the tenant clock, replacement, errors, audit. */
import { describe, it, expect, beforeEach } from "vitest";
import { harness, appToken, userToken, expectGraphError, type Harness } from "../helpers";
import { expectSchema, expectCollection, expectResponse } from "../openapi";
import { redeemTap } from "../../src/domain/tap";
import { scryptSecrets } from "../../src/infra/secrets";
import { liveState, setTapPolicy, tapTenant, TAP_PATH, USER } from "./support";

const TAP_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethod";
const LIST_TEMPLATE = "/users/{user-id}/authentication/temporaryAccessPassMethods";
const ITEM_TEMPLATE = "/users/{user-id}/authentication/temporaryAccessPassMethods/{temporaryAccessPassAuthenticationMethod-id}";

let h: Harness;
beforeEach(async () => { h = await harness(); });

async function setup(policy: Record<string, unknown> = {}) {
  const t = await tapTenant(h, policy);
  const token = await appToken(h, t.id);
  // Moving the tenant clock also ages tokens, so callers re-acquire one after advancing.
  const advance = (advanceMinutes: number) => h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes } });
  const now = async () => new Date((await h.call("GET", `/_emulator/tenants/${t.id}/clock`)).body.now);
  return { t, token, advance, now, state: liveState(h, t.id) };
}

describe("creating a TAP", () => {
  it("returns 201 with the pass value once, in the documented shape", async () => {
    const { t, token } = await setup();
    const res = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { lifetimeInMinutes: 120, isUsableOnce: true } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      "@odata.type": TAP_TYPE, lifetimeInMinutes: 120, isUsableOnce: true, isUsable: true, methodUsabilityReason: "EnabledByPolicy",
    });
    expect(res.body["@odata.context"]).toBe(`https://localhost:8443/v1.0/$metadata#users('${USER.bob}')/authentication/temporaryAccessPassMethods/$entity`);
    expect(res.body.temporaryAccessPass).toMatch(/^.{8}$/);
    expect(res.body.startDateTime).toBe(res.body.createdDateTime);
    expectSchema(res.body, "microsoft.graph.temporaryAccessPassAuthenticationMethod");
    expectResponse("POST", LIST_TEMPLATE, res.body);
  });

  it("points Location and @odata.context at the origin the client used behind a proxy", async () => {
    const { t, token } = await setup();
    const headers = { "x-forwarded-host": "tenantlab.example:9443", "x-forwarded-proto": "https" };
    const res = await h.call("POST", TAP_PATH(t.upn("bob")), { token, headers, body: { lifetimeInMinutes: 60 } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get("location")).toBe(`https://tenantlab.example:9443/v1.0/users/${USER.bob}/authentication/temporaryAccessPassMethods/${res.body.id}`);
    expect(res.body["@odata.context"]).toMatch(/^https:\/\/tenantlab\.example:9443\/v1\.0\/\$metadata#/);
  });

  it("accepts an empty body and takes lifetime and one-time use from the policy", async () => {
    const { t, token } = await setup({ defaultLifetimeInMinutes: 90, isUsableOnce: true, defaultLength: 16 });
    const res = await h.call("POST", TAP_PATH(t.upn("bob")), { token });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ lifetimeInMinutes: 90, isUsableOnce: true });
    expect(res.body.temporaryAccessPass).toHaveLength(16);
  });

  it("rejects a lifetime outside the policy range with the observed error body", async () => {
    const { t, token } = await setup();
    const res = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { lifetimeInMinutes: 600 } });
    expectGraphError(res, 400, "badRequest");
    expect(res.body.error.message).toBe("Invalid LifetimeInMinutes specified. The valid range between 60 and 480.");
    expect(res.body.error.innerError.message).toBe(res.body.error.message);
    expect(res.body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it("names the tenant's own range when the policy changed", async () => {
    const { t, token } = await setup({ minimumLifetimeInMinutes: 30, maximumLifetimeInMinutes: 1440 });
    const res = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { lifetimeInMinutes: 20 } });
    expectGraphError(res, 400, "badRequest");
    expect(res.body.error.message).toBe("Invalid LifetimeInMinutes specified. The valid range between 30 and 1440.");
    expect((await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { lifetimeInMinutes: 1440 } })).status).toBe(201);
  });

  it("refuses a multi-use pass when the policy forces one-time passes", async () => {
    const { t, token } = await setup({ isUsableOnce: true });
    const res = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { isUsableOnce: false } });
    expectGraphError(res, 400, "badRequest");
  });

  it("refuses an external guest with the documented text", async () => {
    const { t, token } = await setup();
    const res = await h.call("POST", TAP_PATH(USER.guest), { token, body: {} });
    expectGraphError(res, 400, "badRequest");
    expect(res.body.error.message).toBe("Temporary Access Pass cannot be added to an external guest user.");
  });

  it("refuses a user outside the TAP policy", async () => {
    const { t, token } = await setup({ state: "disabled" });
    const res = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: {} });
    expectGraphError(res, 400, "badRequest");
    expect(res.body.error.message).toMatch(/^Converged UserCredentialPolicy does not allow creating/);
  });

  it("rejects malformed bodies with a 400 naming the property", async () => {
    const { t, token } = await setup();
    const wrongType = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { lifetimeInMinutes: "sixty" } });
    expectGraphError(wrongType, 400);
    expect(wrongType.body.error.message).toContain("lifetimeInMinutes");
    const unknown = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { length: 12 } });
    expectGraphError(unknown, 400);
    expectGraphError(await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: "{nope" }), 400);
    expectGraphError(await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { startDateTime: "tomorrow" } }), 400);
  });

  it("answers 404 for an unknown user", async () => {
    const { token } = await setup();
    expectGraphError(await h.call("POST", TAP_PATH("nobody@nowhere.example"), { token, body: {} }), 404, "Request_ResourceNotFound");
  });
});

describe("reading a TAP", () => {
  it("never returns the value again (list, get, /methods)", async () => {
    const { t, token } = await setup();
    const created = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: {} });
    const list = await h.call("GET", TAP_PATH(t.upn("bob")), { token });
    expect(list.status).toBe(200);
    expect(list.body.value).toHaveLength(1);
    expect(list.body.value[0]).toMatchObject({ "@odata.type": TAP_TYPE, id: created.body.id, temporaryAccessPass: null });
    expectCollection(list.body, "microsoft.graph.temporaryAccessPassAuthenticationMethod");
    expectResponse("GET", LIST_TEMPLATE, list.body);
    const one = await h.call("GET", `${TAP_PATH(USER.bob)}/${created.body.id}`, { token });
    expect(one.status).toBe(200);
    expect(one.body.temporaryAccessPass).toBeNull();
    expectResponse("GET", ITEM_TEMPLATE, one.body);
    const all = await h.call("GET", `/v1.0/users/${USER.bob}/authentication/methods`, { token });
    expect(JSON.stringify(all.body)).not.toContain(created.body.temporaryAccessPass);
  });

  it("lists nothing for a user without a pass, and 404s an unknown id", async () => {
    const { t, token } = await setup();
    const list = await h.call("GET", TAP_PATH(t.upn("carol")), { token });
    expect(list.body.value).toEqual([]);
    expectGraphError(await h.call("GET", `${TAP_PATH(t.upn("carol"))}/6f1967b7-15e8-4935-ac26-d50770ed07a7`, { token }), 404, "itemNotFound");
  });

  it("refuses query options on the list", async () => {
    const { t, token } = await setup();
    expectGraphError(await h.call("GET", `${TAP_PATH(t.upn("bob"))}?$top=1`, { token }), 400);
  });

  it("matches static segments case-insensitively and accepts key syntax", async () => {
    const { t, token } = await setup();
    const created = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: {} });
    const res = await h.call("GET", `/v1.0/users('${USER.bob}')/authentication/temporaryaccesspassmethods('${created.body.id}')`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.id).toBe(created.body.id);
  });

  it("adds lastUsedDateTime on beta", async () => {
    const { t, token } = await setup();
    await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: {} });
    const res = await h.call("GET", `/beta/users/${USER.bob}/authentication/temporaryAccessPassMethods`, { token });
    expect(res.body.value[0]).toHaveProperty("lastUsedDateTime", null);
    expect(res.body.value[0].methodUsabilityReason).toBe("EnabledByPolicy");
  });
});

describe("usability on the tenant clock and the current policy", () => {
  it("goes NotYetValid -> EnabledByPolicy -> Expired as the tenant clock moves", async () => {
    const { t, token, advance, now } = await setup();
    const start = new Date((await now()).getTime() + 30 * 60_000).toISOString();
    const created = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { startDateTime: start, lifetimeInMinutes: 60 } });
    expect(created.body).toMatchObject({ isUsable: false, methodUsabilityReason: "NotYetValid" });
    expect(new Date(created.body.startDateTime).toISOString()).toBe(start);
    const read = async () => (await h.call("GET", TAP_PATH(t.upn("bob")), { token: await appToken(h, t.id) })).body.value[0];
    expect(await read()).toMatchObject({ isUsable: false, methodUsabilityReason: "NotYetValid" });
    await advance(30);
    expect(await read()).toMatchObject({ isUsable: true, methodUsabilityReason: "EnabledByPolicy" });
    await advance(59);
    expect((await read()).isUsable).toBe(true);
    await advance(1);
    expect(await read()).toMatchObject({ isUsable: false, methodUsabilityReason: "Expired" });
  });

  it("reports OneTimeUsed after a one-time pass was redeemed", async () => {
    const { t, token, state, now } = await setup();
    const created = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { isUsableOnce: true } });
    expect(redeemTap(state, USER.bob, created.body.temporaryAccessPass, await now(), scryptSecrets).ok).toBe(true);
    const res = await h.call("GET", `${TAP_PATH(USER.bob)}/${created.body.id}`, { token });
    expect(res.body).toMatchObject({ isUsable: false, methodUsabilityReason: "OneTimeUsed" });
  });

  it("reports DisabledByPolicy once the policy changes, and recovers when it changes back", async () => {
    const { t, token, state } = await setup();
    await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { isUsableOnce: false } });
    const read = async () => (await h.call("GET", TAP_PATH(t.upn("bob")), { token })).body.value[0];
    setTapPolicy(state, { isUsableOnce: true });
    expect(await read()).toMatchObject({ isUsable: false, methodUsabilityReason: "DisabledByPolicy" });
    setTapPolicy(state, { isUsableOnce: false, state: "disabled" });
    expect((await read()).methodUsabilityReason).toBe("DisabledByPolicy");
    setTapPolicy(state, { state: "enabled" });
    expect((await read()).methodUsabilityReason).toBe("EnabledByPolicy");
  });
});

describe("one pass per user", () => {
  it("replaces a valid pass with the new one", async () => {
    const { t, token, state, now } = await setup();
    const first = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: {} });
    const second = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: {} });
    expect(second.body.id).not.toBe(first.body.id);
    const list = await h.call("GET", TAP_PATH(t.upn("bob")), { token });
    expect(list.body.value.map((x: any) => x.id)).toEqual([second.body.id]);
    expectGraphError(await h.call("GET", `${TAP_PATH(USER.bob)}/${first.body.id}`, { token }), 404);
    expect(redeemTap(state, USER.bob, first.body.temporaryAccessPass, await now(), scryptSecrets).ok).toBe(false);
  });

  it("replaces an expired pass", async () => {
    const { t, token, advance } = await setup();
    await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { lifetimeInMinutes: 60 } });
    await advance(120);
    const fresh = await appToken(h, t.id);
    expect((await h.call("GET", TAP_PATH(t.upn("bob")), { token: fresh })).body.value[0].methodUsabilityReason).toBe("Expired");
    const second = await h.call("POST", TAP_PATH(t.upn("bob")), { token: fresh, body: {} });
    const list = await h.call("GET", TAP_PATH(t.upn("bob")), { token: fresh });
    expect(list.body.value).toHaveLength(1);
    expect(list.body.value[0]).toMatchObject({ id: second.body.id, methodUsabilityReason: "EnabledByPolicy" });
  });
});

describe("deleting a TAP", () => {
  it("answers 204, after which the pass is gone and can never be redeemed", async () => {
    const { t, token, state, now } = await setup();
    const created = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: {} });
    const del = await h.call("DELETE", `${TAP_PATH(t.upn("bob"))}/${created.body.id}`, { token });
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect((await h.call("GET", TAP_PATH(t.upn("bob")), { token })).body.value).toEqual([]);
    expect(redeemTap(state, USER.bob, created.body.temporaryAccessPass, await now(), scryptSecrets)).toEqual({ ok: false, reason: "noPass" });
    expectGraphError(await h.call("DELETE", `${TAP_PATH(t.upn("bob"))}/${created.body.id}`, { token }), 404);
  });

  it("lets a user read and delete their own pass through /me", async () => {
    const { t, token } = await setup();
    const created = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: {} });
    const bob = await userToken(h, t.id, t.upn("bob"));
    const mine = await h.call("GET", "/v1.0/me/authentication/temporaryAccessPassMethods", { token: bob });
    expect(mine.status).toBe(200);
    expect(mine.body.value[0]).toMatchObject({ id: created.body.id, temporaryAccessPass: null });
    expect((await h.call("DELETE", `/v1.0/me/authentication/temporaryAccessPassMethods/${created.body.id}`, { token: bob })).status).toBe(204);
  });
});

describe("audit", () => {
  it("records create and delete with initiator, target and the documented names, never the value", async () => {
    const { t, token, state } = await setup();
    const admin = await userToken(h, t.id, t.upn("authadmin"));
    const created = await h.call("POST", TAP_PATH(t.upn("bob")), { token: admin, body: {} });
    await h.call("DELETE", `${TAP_PATH(t.upn("bob"))}/${created.body.id}`, { token: admin });
    const entries = state.audits.filter((a) => a.loggedByService === "Authentication Methods");
    const add = entries.find((a) => a.activityDisplayName === "Admin registered security info");
    const del = entries.find((a) => a.activityDisplayName === "Admin deleted security info");
    expect(add).toMatchObject({
      category: "UserManagement", result: "success", resultReason: "Admin registered temporary access pass method for user", operationType: "Add",
      initiatedBy: { user: { id: USER.authAdmin, userPrincipalName: t.upn("authadmin") } },
      targetResources: [{ id: USER.bob, type: "User", userPrincipalName: t.upn("bob") }],
    });
    expect(del).toMatchObject({ category: "UserManagement", operationType: "Delete", targetResources: [{ id: USER.bob }] });
    expect(JSON.stringify(state.audits)).not.toContain(created.body.temporaryAccessPass);
    const api = await h.call("GET", "/v1.0/auditLogs/directoryAudits?$filter=loggedByService eq 'Authentication Methods'", { token });
    expect(api.status, JSON.stringify(api.body)).toBe(200);
    expect(api.body.value.map((a: any) => a.activityDisplayName)).toEqual(expect.arrayContaining(["Admin registered security info", "Admin deleted security info"]));
  });

  it("records an app caller as the initiator", async () => {
    const { t, token, state } = await setup();
    await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: {} });
    const add = state.audits.find((a) => a.activityDisplayName === "Admin registered security info");
    expect(add?.initiatedBy.app?.appId).toBe("5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b");
  });
});
