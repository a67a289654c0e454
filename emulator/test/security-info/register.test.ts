import { describe, it, expect, beforeEach } from "vitest";
import { harness, newTenant, userToken, type Harness } from "../helpers";
import { Browser, addCaPolicy, alertText, createTap, labels, tenantNow, tenantState, totp, userId } from "../signin/support";
import { pageOffer } from "../../src/signin/security-info/registration";
import { audits, formFor, offeredKinds, openWithPassword, openWithTap, patchPolicy, send } from "./support";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
});

async function graphMethods(upn: string): Promise<any[]> {
  const token = await userToken(h, t.id, upn);
  const res = await h.call("GET", "/v1.0/me/authentication/methods", { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.value;
}

/** Opens the add form of `kind` from the list page's "Add sign-in method" form. */
async function openAdd(b: Browser, list: Awaited<ReturnType<typeof openWithPassword>>, kind: string) {
  const page = await send(b, formFor(list, "/mysecurityinfo/add"), { method: kind });
  expect(page.status, page.text).toBe(200);
  return page;
}

describe("My Security Info: Add sign-in method", () => {
  it("offers exactly the kinds usableMethods allows the user (legacy MFA + SSPR in preMigration)", async () => {
    const list = await openWithPassword(new Browser(h), t.id, t.upn("alice"));
    expect(list.text).toContain("Add sign-in method");
    expect(labels(list.text)).toContain("Which method would you like to add?");
    const expected = pageOffer(tenantState(h, t.id), userId(h, t.id, t.upn("alice"))).kinds;
    expect(offeredKinds(list)).toEqual(expected);
    expect(offeredKinds(list).sort()).toEqual(["email", "microsoftAuthenticator", "phone", "softwareOath"]);
    // The password has no Delete button; FIDO2 is not offered on the page and the page says so.
    expect(list.text).not.toMatch(/aria-label="Delete Password/);
    expect(list.text).toContain("Security keys (FIDO2) can't be added on this page");
  });

  it("registers an authenticator app after verifying a code against the tenant clock; Graph and the audit log show it", async () => {
    // Move only this tenant's clock: a code computed from the process clock would be wrong.
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 180 } });
    const b = new Browser(h);
    const form = await openAdd(b, await openWithPassword(b, t.id, t.upn("alice")), "softwareOath");
    expect(labels(form.text)).toEqual(["Code"]);
    const secret = /<code id="secret">([A-Z2-7]+)<\/code>/.exec(form.text)![1];
    expect(form.text).toContain(`otpauth://totp/`);
    expect(form.text).toContain(`secret=${secret}`);
    const verify = formFor(form, "/mysecurityinfo/add");
    const wrong = await send(b, verify, { code: totp(secret, new Date()) });
    expect(wrong.status).toBe(400);
    expect(alertText(wrong.text)).toContain("code you entered is not valid");
    expect((await graphMethods(t.upn("alice"))).some((m) => m["@odata.type"] === "#microsoft.graph.softwareOathAuthenticationMethod")).toBe(false);

    const ok = await send(b, formFor(wrong, "/mysecurityinfo/add"), { code: totp(secret, tenantNow(h, t.id)) });
    expect(ok.status, ok.text).toBe(303);
    const list = await b.follow(ok);
    expect(list.text).toContain("Authenticator app was added.");
    const methods = await graphMethods(t.upn("alice"));
    expect(methods.map((m) => m["@odata.type"])).toContain("#microsoft.graph.softwareOathAuthenticationMethod");
    const registered = await audits(h, t.id, "User registered security info");
    expect(registered.some((a) => a.resultReason === "User registered software OATH token method" && a.targetResources[0].userPrincipalName === t.upn("alice"))).toBe(true);
  });

  it("registers Microsoft Authenticator, a phone and an email through the same rules as Graph", async () => {
    const b = new Browser(h);
    const list = await openWithPassword(b, t.id, t.upn("alice"));
    const auth = await openAdd(b, list, "microsoftAuthenticator");
    expect(labels(auth.text)).toEqual(["Device name"]);
    expect((await send(b, formFor(auth, "/mysecurityinfo/add"), { displayName: "Alice's Pixel" })).status).toBe(303);

    const phone = await openAdd(b, list, "phone");
    expect(labels(phone.text)).toEqual(["Phone number", "Phone type"]);
    const bad = await send(b, formFor(phone, "/mysecurityinfo/add"), { phoneNumber: "4255550123", phoneType: "mobile" });
    expect(bad.status).toBe(400);
    expect(alertText(bad.text)).toContain("Invalid phone number");
    // The domain rule of 2.34: an alternate mobile needs a mobile first.
    const alt = await send(b, formFor(phone, "/mysecurityinfo/add"), { phoneNumber: "+1 4255550999", phoneType: "alternateMobile" });
    expect(alertText(alt.text)).toContain("alternate mobile phone can only be added");
    expect((await send(b, formFor(phone, "/mysecurityinfo/add"), { phoneNumber: "+1 4255550123", phoneType: "mobile" })).status).toBe(303);

    const email = await openAdd(b, list, "email");
    expect(labels(email.text)).toEqual(["Email address"]);
    expect((await send(b, formFor(email, "/mysecurityinfo/add"), { emailAddress: "alice.private@example.com" })).status).toBe(303);
    const again = await send(b, formFor(email, "/mysecurityinfo/add"), { emailAddress: "other@example.com" });
    expect(again.status).toBe(400);
    expect(alertText(again.text)).toContain("already has an email");

    const methods = await graphMethods(t.upn("alice"));
    const byType = (type: string) => methods.filter((m) => m["@odata.type"] === `#microsoft.graph.${type}`);
    expect(byType("microsoftAuthenticatorAuthenticationMethod")[0].displayName).toBe("Alice's Pixel");
    expect(byType("phoneAuthenticationMethod")[0]).toMatchObject({ id: "3179e48a-750b-4051-897c-87b9720928f7", phoneNumber: "+1 4255550123", phoneType: "mobile" });
    expect(byType("emailAuthenticationMethod")[0].emailAddress).toBe("alice.private@example.com");
    expect((await audits(h, t.id, "User registered security info")).length).toBe(3);
  });

  it("deletes a method (and the TAP) with the Graph self-delete's audit entry", async () => {
    const tap = await createTap(h, t.id, t.upn("bob"));
    const b = new Browser(h);
    const list = await openWithPassword(b, t.id, t.upn("bob"));
    const del = formFor(list, "/mysecurityinfo/delete", "Delete Phone +1 4255550111");
    const after = await b.follow(await send(b, del));
    expect(after.text).toContain("The method was deleted.");
    expect(after.text).not.toContain("+1 4255550111");
    expect((await graphMethods(t.upn("bob"))).some((m) => m["@odata.type"] === "#microsoft.graph.phoneAuthenticationMethod")).toBe(false);
    const deleted = await audits(h, t.id, "User deleted security info");
    expect(deleted.map((a) => a.resultReason)).toContain("User deleted phone method");

    const tapDelete = formFor(after, "/mysecurityinfo/delete", "Delete Temporary Access Pass");
    expect(tapDelete.hidden.methodId).toBe(tap.id);
    const done = await b.follow(await send(b, tapDelete));
    expect(done.text).not.toContain("Temporary Access Pass");
    expect((await audits(h, t.id, "User deleted security info")).map((a) => a.resultReason)).toContain("User deleted temporary access pass method");
  });

  it("refuses a forged delete of the password and a form without the session's anti-forgery value", async () => {
    const b = new Browser(h);
    const list = await openWithPassword(b, t.id, t.upn("bob"));
    const del = formFor(list, "/mysecurityinfo/delete", "Delete Phone");
    const pwd = await send(b, del, { methodId: "28c10230-6103-485e-b985-444c60001490" });
    expect(pwd.status).toBe(400);
    expect(alertText(pwd.text)).toContain("not found");
    const forged = await b.request("POST", `/${t.id}/mysecurityinfo/delete`, { methodId: del.hidden.methodId });
    expect(forged.status).toBe(400);
    expect(alertText(forged.text)).toContain("did not come from your security info page");
    expect((await graphMethods(t.upn("bob"))).some((m) => m["@odata.type"] === "#microsoft.graph.phoneAuthenticationMethod")).toBe(true);
  });
});

describe("My Security Info follows the methods policy after migration", () => {
  async function completeMigrationWithoutEmail() {
    await patchPolicy(h, t.id, { "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethodConfiguration", state: "enabled" }, "SoftwareOath");
    await patchPolicy(h, t.id, { "@odata.type": "#microsoft.graph.emailAuthenticationMethodConfiguration", state: "disabled" }, "Email");
    await patchPolicy(h, t.id, { policyMigrationState: "migrationInProgress" });
    await patchPolicy(h, t.id, { policyMigrationState: "migrationComplete" });
  }

  it("does not offer a kind the policy disables after migrationComplete, and refuses a forged POST for it", async () => {
    const b = new Browser(h);
    const before = await openWithPassword(b, t.id, t.upn("alice"));
    expect(offeredKinds(before)).toContain("email");
    // The anti-forgery value of this session, from a genuine form (the forged POST below is otherwise perfect).
    const csrf = formFor(await openAdd(b, before, "phone"), "/mysecurityinfo/add").hidden.csrf;
    await completeMigrationWithoutEmail();

    const list = await b.get(`/${t.id}/mysecurityinfo`);
    expect(offeredKinds(list)).not.toContain("email");
    expect(offeredKinds(list)).toContain("softwareOath");
    expect(offeredKinds(list)).toEqual(pageOffer(tenantState(h, t.id), userId(h, t.id, t.upn("alice"))).kinds);

    const viaGet = await b.get(`/${t.id}/mysecurityinfo/add?method=email`);
    expect(viaGet.status).toBe(400);
    expect(alertText(viaGet.text)).toContain("not enabled for you");
    const forged = await b.request("POST", `/${t.id}/mysecurityinfo/add`, { method: "email", emailAddress: "x@example.com", csrf });
    expect(forged.status).toBe(400);
    expect(alertText(forged.text)).toContain("not enabled for you");
    expect((await graphMethods(t.upn("alice"))).some((m) => m["@odata.type"] === "#microsoft.graph.emailAuthenticationMethod")).toBe(false);
  });

  it("refuses a phone type the policy does not allow (office needs voice)", async () => {
    await completeMigrationWithoutEmail();
    await patchPolicy(h, t.id, { "@odata.type": "#microsoft.graph.smsAuthenticationMethodConfiguration", state: "enabled", includeTargets: [{ targetType: "group", id: "all_users", isUsableForSignIn: false }] }, "Sms");
    await patchPolicy(h, t.id, { "@odata.type": "#microsoft.graph.voiceAuthenticationMethodConfiguration", state: "disabled" }, "Voice");
    const b = new Browser(h);
    const list = await openWithPassword(b, t.id, t.upn("alice"));
    const phone = await openAdd(b, list, "phone");
    expect([...phone.text.matchAll(/<option value="([^"]+)">/g)].map((m) => m[1])).toEqual(["mobile"]);
    const res = await send(b, formFor(phone, "/mysecurityinfo/add"), { phoneNumber: "+1 4255550100", phoneType: "office" });
    expect(res.status).toBe(400);
    expect(alertText(res.text)).toContain("type 'office'");
  });
});

describe("My Security Info's gate and windows", () => {
  it("sends a form without a session to sign-in, and blocks the forms with AADSTS53010 when CA blocks the user action", async () => {
    const anon = await new Browser(h).request("POST", `/${t.id}/mysecurityinfo/add`, { method: "email", emailAddress: "x@example.com" });
    expect(anon.status).toBe(200);
    expect(labels(anon.text)).toEqual(["Email, phone, or Skype"]);

    const b = new Browser(h);
    const list = await openWithPassword(b, t.id, t.upn("alice"));
    await addCaPolicy(h, t.id, {
      displayName: "Block registration",
      conditions: { users: { includeUsers: [userId(h, t.id, t.upn("alice"))] }, applications: { includeUserActions: ["urn:user:registersecurityinfo"] }, clientAppTypes: ["all"] },
      grantControls: { operator: "OR", builtInControls: ["block"] },
    });
    const res = await send(b, formFor(list, "/mysecurityinfo/add"), { method: "email" });
    expect(res.status).toBe(400);
    expect(alertText(res.text)).toContain("AADSTS53010");
  });

  it("applies the one-time-TAP 10-minute window to passwordless-only Authenticator registration", async () => {
    await patchPolicy(h, t.id, {
      "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration", state: "enabled",
      includeTargets: [{ targetType: "group", id: "all_users", authenticationMode: "deviceBasedPush" }],
    }, "MicrosoftAuthenticator");
    await patchPolicy(h, t.id, { policyMigrationState: "migrationInProgress" });
    await patchPolicy(h, t.id, { policyMigrationState: "migrationComplete" });
    const tap = await createTap(h, t.id, t.upn("alice"));
    const b = new Browser(h);
    const list = await openWithTap(b, t.id, t.upn("alice"), tap.value);
    expect(offeredKinds(list)).toContain("microsoftAuthenticator");
    const form = await openAdd(b, list, "microsoftAuthenticator");
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 11 } });
    const late = await send(b, formFor(form, "/mysecurityinfo/add"), { displayName: "Phone" });
    expect(late.status).toBe(400);
    expect(alertText(late.text)).toContain("within 10 minutes");

    const b2 = new Browser(h);
    const tap2 = await createTap(h, t.id, t.upn("alice"));
    const list2 = await openWithTap(b2, t.id, t.upn("alice"), tap2.value);
    const ok = await send(b2, formFor(await openAdd(b2, list2, "microsoftAuthenticator"), "/mysecurityinfo/add"), { displayName: "Phone" });
    expect(ok.status, ok.text).toBe(303);
  });
});
