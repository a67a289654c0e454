/** A user's other authentication methods through Graph: /methods, password, phone, email (issue #3). */
import { describe, it, expect, beforeEach } from "vitest";
import { harness, appToken, userToken, expectGraphError, PASSWORD, type Harness } from "../helpers";
import { expectSchema, expectCollection, expectResponse } from "../openapi";
import { liveState, tapTenant, USER } from "./support";
import { PASSWORD_METHOD_ID, PHONE_METHOD_IDS, EMAIL_METHOD_ID } from "../../src/domain/auth-methods";

let h: Harness;
beforeEach(async () => { h = await harness(); });

async function setup() {
  const t = await tapTenant(h);
  const token = await appToken(h, t.id);
  const state = liveState(h, t.id);
  const enableSmsSignInPolicy = (targets = [{ targetType: "group", id: "all_users", isUsableForSignIn: true }]) => {
    state.methodsPolicy.configurations.Sms = { id: "Sms", state: "enabled", includeTargets: targets, excludeTargets: [] };
  };
  // Start from an Sms configuration that does not allow sign-in, whatever the default tenant says.
  state.methodsPolicy.configurations.Sms = { id: "Sms", state: "disabled", includeTargets: [{ targetType: "group", id: "all_users", isUsableForSignIn: false }], excludeTargets: [] };
  return { t, token, state, enableSmsSignInPolicy };
}
const U = (id: string, sub: string) => `/v1.0/users/${id}/authentication/${sub}`;

describe("GET /authentication/methods", () => {
  it("lists every method of bob with its @odata.type, password first with its fixed id", async () => {
    const { t, token } = await setup();
    await h.call("POST", U(USER.bob, "temporaryAccessPassMethods"), { token, body: {} });
    const res = await h.call("GET", U(t.upn("bob"), "methods"), { token });
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe(`https://localhost:8443/v1.0/$metadata#users('${USER.bob}')/authentication/methods`);
    expect(res.body.value.map((m: any) => m["@odata.type"])).toEqual([
      "#microsoft.graph.passwordAuthenticationMethod",
      "#microsoft.graph.phoneAuthenticationMethod",
      "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
      "#microsoft.graph.temporaryAccessPassAuthenticationMethod",
    ]);
    expect(res.body.value[0]).toMatchObject({ id: PASSWORD_METHOD_ID, password: null });
    expect(res.body.value[1]).toMatchObject({ id: PHONE_METHOD_IDS.mobile, phoneNumber: "+1 4255550111", phoneType: "mobile" });
    expect(res.body.value[3].temporaryAccessPass).toBeNull();
    expectResponse("GET", "/users/{user-id}/authentication/methods", res.body);
    for (const m of res.body.value) expectSchema(m, m["@odata.type"].slice(1));
  });

  it("lists carol's software OATH token without its secret, and gets a method by id", async () => {
    const { t, token } = await setup();
    const res = await h.call("GET", U(t.upn("carol"), "methods"), { token });
    const oath = res.body.value.find((m: any) => m["@odata.type"] === "#microsoft.graph.softwareOathAuthenticationMethod");
    expect(oath).toMatchObject({ secretKey: null });
    expect(JSON.stringify(res.body)).not.toContain("JBSWY3DPEHPK3PXP");
    const one = await h.call("GET", `${U(USER.carol, "methods")}/${oath.id}`, { token });
    expect(one.body).toMatchObject({ "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethod", id: oath.id });
    expectResponse("GET", "/users/{user-id}/authentication/methods/{authenticationMethod-id}", one.body);
    expectGraphError(await h.call("GET", `${U(USER.carol, "methods")}/00000000-0000-4000-8000-000000000000`, { token }), 404);
  });

  it("is readable by the user through /me and by nobody without a permission", async () => {
    const { t } = await setup();
    const bob = await userToken(h, t.id, t.upn("bob"));
    expect((await h.call("GET", "/v1.0/me/authentication/methods", { token: bob })).body.value.length).toBe(3);
    expectGraphError(await h.call("GET", U(USER.carol, "methods"), { token: bob }), 403, "accessDenied");
  });
});

describe("password methods", () => {
  it("lists the password method and resets a password with 202 and a Location", async () => {
    const { t, token } = await setup();
    const list = await h.call("GET", U(USER.alice, "passwordMethods"), { token });
    expect(list.body.value).toEqual([expect.objectContaining({ "@odata.type": "#microsoft.graph.passwordAuthenticationMethod", id: PASSWORD_METHOD_ID, password: null })]);
    expectResponse("GET", "/users/{user-id}/authentication/passwordMethods", list.body);
    expectResponse("GET", "/users/{user-id}/authentication/passwordMethods/{passwordAuthenticationMethod-id}",
      (await h.call("GET", `${U(USER.alice, "passwordMethods")}/${PASSWORD_METHOD_ID}`, { token })).body);

    const admin = await userToken(h, t.id, t.upn("authadmin"));
    const reset = await h.call("POST", `${U(USER.alice, "passwordMethods")}/${PASSWORD_METHOD_ID}/resetPassword`, { token: admin, body: { newPassword: "Brand-New-Passw0rd!" } });
    expect(reset.status).toBe(202);
    expect(reset.headers.get("location")).toMatch(new RegExp(`/v1.0/users/${USER.alice}/authentication/operations/[0-9a-f-]{36}$`));
    await userToken(h, t.id, t.upn("alice"), undefined, "Brand-New-Passw0rd!");

    const generated = await h.call("POST", `${U(USER.alice, "methods")}/${PASSWORD_METHOD_ID}/resetPassword`, { token: admin });
    expect(generated.status).toBe(202);
    expect(generated.body.newPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(generated.body.newPassword).toMatch(/[a-z]/);
    expect(generated.body.newPassword).toMatch(/[A-Z]/);
    await userToken(h, t.id, t.upn("alice"), undefined, generated.body.newPassword);

    // The same complexity rule as creating a user: 8+ characters but only lower case and digits is refused.
    const weak = await h.call("POST", `${U(USER.alice, "passwordMethods")}/${PASSWORD_METHOD_ID}/resetPassword`, { token: admin, body: { newPassword: "lowercase123" } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("badRequest");
  });

  it("refuses a reset of one's own password, an app caller, and an admin target for an Authentication Administrator", async () => {
    const { t, token } = await setup();
    const alice = await userToken(h, t.id, t.upn("alice"));
    expectGraphError(await h.call("POST", `/v1.0/me/authentication/methods/${PASSWORD_METHOD_ID}/resetPassword`, { token: alice, body: {} }), 403, "accessDenied");
    expectGraphError(await h.call("POST", `${U(USER.alice, "methods")}/${PASSWORD_METHOD_ID}/resetPassword`, { token, body: {} }), 403, "accessDenied");
    const admin = await userToken(h, t.id, t.upn("authadmin"));
    expectGraphError(await h.call("POST", `${U(USER.globalAdmin, "methods")}/${PASSWORD_METHOD_ID}/resetPassword`, { token: admin, body: {} }), 403);
    // The old password still works after the refused attempts.
    await userToken(h, t.id, t.upn("alice"), undefined, PASSWORD);
  });
});

describe("phone methods", () => {
  it("adds phones with the fixed id of their type and the documented rules", async () => {
    const { t, token } = await setup();
    const alt = await h.call("POST", U(USER.bob, "phoneMethods"), { token, body: { phoneNumber: "+1 2065550123", phoneType: "alternateMobile" } });
    expect(alt.status, JSON.stringify(alt.body)).toBe(201);
    expect(alt.body).toMatchObject({ "@odata.type": "#microsoft.graph.phoneAuthenticationMethod", id: PHONE_METHOD_IDS.alternateMobile, phoneType: "alternateMobile", smsSignInState: "notSupported" });
    expectResponse("POST", "/users/{user-id}/authentication/phoneMethods", alt.body);
    const office = await h.call("POST", U(USER.bob, "phoneMethods"), { token, body: { phoneNumber: "+1 2065550199x123", phoneType: "office" } });
    expect(office.body.id).toBe(PHONE_METHOD_IDS.office);
    expectGraphError(await h.call("POST", U(USER.bob, "phoneMethods"), { token, body: { phoneNumber: "+1 2065550100", phoneType: "mobile" } }), 400, "badRequest");
    expectGraphError(await h.call("POST", U(USER.carol, "phoneMethods"), { token, body: { phoneNumber: "+1 2065550100", phoneType: "alternateMobile" } }), 400);
    expectGraphError(await h.call("POST", U(USER.carol, "phoneMethods"), { token, body: { phoneNumber: "2065550100", phoneType: "mobile" } }), 400);
    expectGraphError(await h.call("POST", U(USER.carol, "phoneMethods"), { token, body: { phoneNumber: "+1 2065550100", phoneType: "mobile", smsSignInState: "ready" } }), 400);
    const list = await h.call("GET", U(t.upn("bob"), "phoneMethods"), { token });
    expect(list.body.value).toHaveLength(3);
    expectCollection(list.body, "microsoft.graph.phoneAuthenticationMethod");
    expectResponse("GET", "/users/{user-id}/authentication/phoneMethods", list.body);
  });

  it("updates the number (204) but not the type, and deletes (204)", async () => {
    const { token } = await setup();
    const path = `${U(USER.bob, "phoneMethods")}/${PHONE_METHOD_IDS.mobile}`;
    expect((await h.call("PATCH", path, { token, body: { phoneNumber: "+44 2079460000", phoneType: "mobile" } })).status).toBe(204);
    const one = await h.call("GET", path, { token });
    expect(one.body.phoneNumber).toBe("+44 2079460000");
    expectResponse("GET", "/users/{user-id}/authentication/phoneMethods/{phoneAuthenticationMethod-id}", one.body);
    expectGraphError(await h.call("PATCH", path, { token, body: { phoneType: "office" } }), 400);
    expect((await h.call("DELETE", path, { token })).status).toBe(204);
    expectGraphError(await h.call("GET", path, { token }), 404);
  });

  it("does not let users update their own phone, but lets them add and delete one", async () => {
    const { t } = await setup();
    const carol = await userToken(h, t.id, t.upn("carol"));
    const created = await h.call("POST", "/v1.0/me/authentication/phoneMethods", { token: carol, body: { phoneNumber: "+1 2065550177", phoneType: "mobile" } });
    expect(created.status).toBe(201);
    expectGraphError(await h.call("PATCH", `/v1.0/me/authentication/phoneMethods/${created.body.id}`, { token: carol, body: { phoneNumber: "+1 2065550178" } }), 403, "accessDenied");
    expect((await h.call("DELETE", `/v1.0/me/authentication/phoneMethods/${created.body.id}`, { token: carol })).status).toBe(204);
  });

  it("enables SMS sign-in only for a mobile phone of a user the policy enables, with a unique number", async () => {
    const { token, enableSmsSignInPolicy } = await setup();
    const mobile = `${U(USER.bob, "phoneMethods")}/${PHONE_METHOD_IDS.mobile}`;
    const state = async () => (await h.call("GET", mobile, { token })).body.smsSignInState;
    expect(await state()).toBe("notAllowedByPolicy");
    expectGraphError(await h.call("POST", `${mobile}/enableSmsSignIn`, { token }), 400, "badRequest");
    enableSmsSignInPolicy();
    expect(await state()).toBe("notEnabled");
    expect((await h.call("POST", `${mobile}/enableSmsSignIn`, { token })).status).toBe(204);
    expect(await state()).toBe("ready");

    const office = await h.call("POST", U(USER.bob, "phoneMethods"), { token, body: { phoneNumber: "+1 2065550199", phoneType: "office" } });
    expectGraphError(await h.call("POST", `${U(USER.bob, "phoneMethods")}/${office.body.id}/enableSmsSignIn`, { token }), 400);

    // Carol takes the same number: hers cannot be enabled, and shows as not unique.
    await h.call("POST", U(USER.carol, "phoneMethods"), { token, body: { phoneNumber: "+1 4255550111", phoneType: "mobile" } });
    const carolMobile = `${U(USER.carol, "phoneMethods")}/${PHONE_METHOD_IDS.mobile}`;
    expect((await h.call("GET", carolMobile, { token })).body.smsSignInState).toBe("phoneNumberNotUnique");
    expectGraphError(await h.call("POST", `${carolMobile}/enableSmsSignIn`, { token }), 400);

    expect((await h.call("POST", `${mobile}/disableSmsSignIn`, { token })).status).toBe(204);
    expect(await state()).toBe("notEnabled");
    expect((await h.call("POST", `${carolMobile}/microsoft.graph.enableSmsSignIn`, { token })).status).toBe(204);
  });
});

describe("email methods", () => {
  it("creates the one email method with its fixed id, updates and deletes it", async () => {
    const { t, token } = await setup();
    const created = await h.call("POST", U(USER.alice, "emailMethods"), { token, body: { emailAddress: "alice@fabrikam.example" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ "@odata.type": "#microsoft.graph.emailAuthenticationMethod", id: EMAIL_METHOD_ID, emailAddress: "alice@fabrikam.example" });
    expectResponse("POST", "/users/{user-id}/authentication/emailMethods", created.body);
    expectGraphError(await h.call("POST", U(USER.alice, "emailMethods"), { token, body: { emailAddress: "x@fabrikam.example" } }), 400);
    const path = `${U(USER.alice, "emailMethods")}/${EMAIL_METHOD_ID}`;
    expect((await h.call("PATCH", path, { token, body: { emailAddress: "alice2@fabrikam.example" } })).status).toBe(204);
    const list = await h.call("GET", U(USER.alice, "emailMethods"), { token });
    expect(list.body.value[0].emailAddress).toBe("alice2@fabrikam.example");
    expectResponse("GET", "/users/{user-id}/authentication/emailMethods", list.body);
    expectResponse("GET", "/users/{user-id}/authentication/emailMethods/{emailAuthenticationMethod-id}", (await h.call("GET", path, { token })).body);
    const alice = await userToken(h, t.id, t.upn("alice"));
    expectGraphError(await h.call("PATCH", `/v1.0/me/authentication/emailMethods/${EMAIL_METHOD_ID}`, { token: alice, body: { emailAddress: "me@fabrikam.example" } }), 403);
    expect((await h.call("DELETE", path, { token })).status).toBe(204);
    expect((await h.call("GET", U(USER.alice, "emailMethods"), { token })).body.value).toEqual([]);
    expectGraphError(await h.call("POST", U(USER.alice, "emailMethods"), { token, body: { emailAddress: "not-an-email" } }), 400);
  });
});

describe("audit of method changes", () => {
  it("writes Admin/User registered and deleted security info entries", async () => {
    const { t, token, state } = await setup();
    await h.call("POST", U(USER.alice, "emailMethods"), { token, body: { emailAddress: "alice@fabrikam.example" } });
    const carol = await userToken(h, t.id, t.upn("carol"));
    await h.call("POST", "/v1.0/me/authentication/phoneMethods", { token: carol, body: { phoneNumber: "+1 2065550177", phoneType: "mobile" } });
    const names = state.audits.filter((a) => a.loggedByService === "Authentication Methods").map((a) => [a.activityDisplayName, a.resultReason]);
    expect(names).toContainEqual(["Admin registered security info", "Admin registered email method for user"]);
    expect(names).toContainEqual(["User registered security info", "User registered phone method"]);
  });
});
