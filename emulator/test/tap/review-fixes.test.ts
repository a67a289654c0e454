/**
 * Rules added in the issue #3 review: TAP start in the past, per-user MFA moving from enabled to
 * enforced on registration (behavior.md 2.37), the per-user MFA endpoint's denial code, the password
 * reset operation behind the 202 `Location`, SMS sign-in with a voice-only number (2.31), the
 * plaintext-never-again rule across a TAP sign-in (sign-in log, outbox), and a check that the OpenAPI
 * validator used by the route tests really rejects a wrong body.
 */
import { describe, it, expect, beforeEach } from "vitest";
import { harness, appToken, userToken, expectGraphError, READER_APP, type Harness } from "../helpers";
import { expectSchema } from "../openapi";
import { liveState, tapTenant, TAP_PATH, USER } from "./support";
import { Browser, enterUsername, labels, startSignIn } from "../signin/support";
import { PASSWORD_METHOD_ID, PHONE_METHOD_IDS } from "../../src/domain/auth-methods";

let h: Harness;
beforeEach(async () => { h = await harness(); });

const tenantNow = async (tid: string) => new Date((await h.call("GET", `/_emulator/tenants/${tid}/clock`)).body.now);
const minutesFrom = (d: Date, m: number) => new Date(d.getTime() + m * 60_000).toISOString();

describe("TAP startDateTime", () => {
  it("refuses a start in the past with the service's 400 body", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    const now = await tenantNow(t.id);
    const res = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { startDateTime: minutesFrom(now, -60) } });
    expectGraphError(res, 400, "badRequest");
    expect(res.body.error.message).toBe("Invalid StartDateTime specified. It can not be a time in the past.");
    expect(res.body.error.innerError.message).toBe(res.body.error.message);
    // Nothing was created.
    expect((await h.call("GET", TAP_PATH(t.upn("bob")), { token })).body.value).toEqual([]);
  });

  it("accepts a start a moment ago (client clock skew) and one far in the future", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    const now = await tenantNow(t.id);
    const recent = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { startDateTime: minutesFrom(now, -2) } });
    expect(recent.status, JSON.stringify(recent.body)).toBe(201);
    expect(recent.body.methodUsabilityReason).toBe("EnabledByPolicy");
    const later = await h.call("POST", TAP_PATH(t.upn("bob")), { token, body: { startDateTime: minutesFrom(now, 60 * 24 * 30) } });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    expect(later.body).toMatchObject({ isUsable: false, methodUsabilityReason: "NotYetValid" });
  });
});

describe("TAP on the most privileged targets (behavior.md 1.23, 1.26)", () => {
  it("lets a Privileged Authentication Administrator act on a Global Administrator, not an Authentication Administrator", async () => {
    const t = await tapTenant(h);
    const pa = await userToken(h, t.id, t.upn("privauthadmin"));
    const aa = await userToken(h, t.id, t.upn("authadmin"));
    expect((await h.call("POST", TAP_PATH(USER.globalAdmin), { token: pa, body: {} })).status).toBe(201);
    for (const target of [USER.globalAdmin, USER.privAuthAdmin, USER.globalReader]) {
      const res = await h.call("POST", TAP_PATH(target), { token: aa, body: {} });
      expectGraphError(res, 403, "accessDenied");
      expect(res.body.error.message).toBe("Request Authorization failed");
      expect(res.body.error.innerError.message).toBe("Request Authorization failed");
    }
    // Reading the Global Administrator's pass is a sensitive action too.
    expectGraphError(await h.call("GET", TAP_PATH(USER.globalAdmin), { token: aa }), 403, "accessDenied");
  });
});

describe("per-user MFA: enabled becomes enforced once the user registers (behavior.md 2.37)", () => {
  const B = (id: string) => `/beta/users/${id}/authentication/requirements`;

  it("moves an enabled user to enforced when a phone is added for them", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    expect((await h.call("PATCH", B(USER.alice), { token, body: { perUserMfaState: "enabled" } })).status).toBe(204);
    // An email method is for SSPR only: not an MFA registration.
    expect((await h.call("POST", `/v1.0/users/${USER.alice}/authentication/emailMethods`, { token, body: { emailAddress: "alice@fabrikam.example" } })).status).toBe(201);
    expect((await h.call("GET", B(USER.alice), { token })).body.perUserMfaState).toBe("enabled");
    const phone = await h.call("POST", `/v1.0/users/${USER.alice}/authentication/phoneMethods`, { token, body: { phoneNumber: "+1 2065550142", phoneType: "mobile" } });
    expect(phone.status).toBe(201);
    expect((await h.call("GET", B(USER.alice), { token })).body.perUserMfaState).toBe("enforced");
  });

  it("moves an enabled user to enforced when they register an authenticator app themselves", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    // Signed in before per-user MFA was turned on (afterwards the password grant asks to enrol first).
    const alice = await userToken(h, t.id, t.upn("alice"));
    expect((await h.call("PATCH", B(USER.alice), { token, body: { perUserMfaState: "enabled" } })).status).toBe(204);
    const reg = await h.call("POST", "/v1.0/me/authentication/softwareOathMethods", { token: alice, body: {} });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    expect((await h.call("GET", B(USER.alice), { token })).body.perUserMfaState).toBe("enforced");
  });

  it("leaves disabled users disabled when they register a method", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    await h.call("POST", `/v1.0/users/${USER.alice}/authentication/phoneMethods`, { token, body: { phoneNumber: "+1 2065550142", phoneType: "mobile" } });
    expect((await h.call("GET", B(USER.alice), { token })).body.perUserMfaState).toBe("disabled");
  });

  it("denies callers without a Policy permission with the methods service's 403 accessDenied", async () => {
    const t = await tapTenant(h);
    const reader = await appToken(h, t.id, READER_APP);
    const res = await h.call("GET", B(USER.bob), { token: reader });
    expectGraphError(res, 403, "accessDenied");
    expect(res.body.error.message).toBe("Request Authorization failed");
    const alice = await userToken(h, t.id, t.upn("alice"));
    expectGraphError(await h.call("PATCH", B(USER.bob), { token: alice, body: { perUserMfaState: "enabled" } }), 403, "accessDenied");
  });
});

describe("password reset operation", () => {
  it("serves the longRunningOperation the 202 Location points at", async () => {
    const t = await tapTenant(h);
    const admin = await userToken(h, t.id, t.upn("authadmin"));
    const reset = await h.call("POST", `/v1.0/users/${USER.alice}/authentication/methods/${PASSWORD_METHOD_ID}/resetPassword`, { token: admin, body: {} });
    expect(reset.status).toBe(202);
    const location = new URL(reset.headers.get("location")!);
    const op = await h.call("GET", location.pathname, { token: admin });
    expect(op.status, JSON.stringify(op.body)).toBe(200);
    expect(op.body).toMatchObject({ id: location.pathname.split("/").pop(), status: "succeeded", statusDetail: null });
    expect(op.body.resourceLocation).toMatch(new RegExp(`/v1.0/users/${USER.alice}/authentication/passwordMethods/${PASSWORD_METHOD_ID}$`));
    expect(op.body["@odata.context"]).toContain(`users('${USER.alice}')/authentication/operations/$entity`);
    expectSchema(op.body, "microsoft.graph.longRunningOperation");
    const list = await h.call("GET", `/v1.0/users/${USER.alice}/authentication/operations`, { token: admin });
    expect(list.body.value.map((o: any) => o.id)).toEqual([op.body.id]);
    expectGraphError(await h.call("GET", `/v1.0/users/${USER.alice}/authentication/operations/00000000-0000-4000-8000-000000000000`, { token: admin }), 404, "itemNotFound");
    // Operations are another user's data like the methods: a plain member cannot read them.
    const bob = await userToken(h, t.id, t.upn("bob"));
    expectGraphError(await h.call("GET", location.pathname, { token: bob }), 403, "accessDenied");
  });
});

describe("SMS sign-in and voice-only numbers (behavior.md 2.31)", () => {
  it("refuses enableSmsSignIn while the user has an office or alternate mobile phone", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    liveState(h, t.id).methodsPolicy.configurations.Sms = {
      id: "Sms", state: "enabled", includeTargets: [{ targetType: "group", id: "all_users", isUsableForSignIn: true }], excludeTargets: [],
    };
    const phones = `/v1.0/users/${USER.carol}/authentication/phoneMethods`;
    expect((await h.call("POST", phones, { token, body: { phoneNumber: "+1 4255550177", phoneType: "mobile" } })).status).toBe(201);
    expect((await h.call("POST", phones, { token, body: { phoneNumber: "+1 4255550178", phoneType: "office" } })).status).toBe(201);
    const enable = await h.call("POST", `${phones}/${PHONE_METHOD_IDS.mobile}/enableSmsSignIn`, { token });
    expectGraphError(enable, 400, "badRequest");
    expect(enable.body.error.message).toContain("voice-only");
    expect((await h.call("DELETE", `${phones}/${PHONE_METHOD_IDS.office}`, { token })).status).toBe(204);
    expect((await h.call("POST", `${phones}/${PHONE_METHOD_IDS.mobile}/enableSmsSignIn`, { token })).status).toBe(204);
    expect((await h.call("GET", `${phones}/${PHONE_METHOD_IDS.mobile}`, { token })).body.smsSignInState).toBe("ready");
  });
});

describe("the TAP value after a TAP sign-in", () => {
  it("appears in no sign-in log, outbox message, audit, export or state", async () => {
    const t = await tapTenant(h);
    const token = await appToken(h, t.id);
    const created = await h.call("POST", TAP_PATH(t.upn("alice")), { token, body: { isUsableOnce: false } });
    expect(created.status).toBe(201);
    const value = created.body.temporaryAccessPass as string;

    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const prompt = await enterUsername(b, page, t.upn("alice"));
    expect(labels(prompt.text)).toEqual(["Temporary Access Pass"]);
    expect((await b.submit(prompt, { accessPass: value })).status).toBe(302);
    // A wrong attempt is logged too; neither may carry a value.
    const again = await enterUsername(b, (await startSignIn(new Browser(h), t.id)).page, t.upn("alice"));
    await b.submit(again, { accessPass: `${value}x` });

    const signIns = await h.call("GET", "/v1.0/auditLogs/signIns", { token });
    expect(signIns.status).toBe(200);
    expect(signIns.body.value.length).toBeGreaterThan(0);
    const texts = [
      signIns.text,
      (await h.call("GET", `/_emulator/tenants/${t.id}/outbox`)).text,
      (await h.call("GET", "/v1.0/auditLogs/directoryAudits", { token })).text,
      (await h.call("GET", `/_emulator/tenants/${t.id}/export`)).text,
      JSON.stringify(liveState(h, t.id)),
    ];
    for (const text of texts) expect(text).not.toContain(value);
  });
});

describe("the OpenAPI check used by the route tests", () => {
  it("fails on a body that breaks the schema, so the route tests really assert", () => {
    expect(() => expectSchema({ id: "x", isUsable: "yes", lifetimeInMinutes: "sixty" }, "microsoft.graph.temporaryAccessPassAuthenticationMethod")).toThrow();
    expect(() => expectSchema({ id: "x", phoneType: "satellite" }, "microsoft.graph.phoneAuthenticationMethod")).toThrow();
  });
});
