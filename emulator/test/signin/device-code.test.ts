import { describe, it, expect, beforeEach } from "vitest";
import { harness, newTenant, PASSWORD, PUBLIC_APP, type Harness } from "../helpers";
import { Browser, addCaPolicy, alertText, blockFor, buttons, claims, enterUsername, labels, userId } from "./support";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
});

async function deviceCode(seg = t.id) {
  const res = await h.call("POST", `/${seg}/oauth2/v2.0/devicecode`, { form: { client_id: PUBLIC_APP.appId, scope: "User.Read offline_access openid profile" } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const poll = (deviceCodeValue: string, grant = "urn:ietf:params:oauth:grant-type:device_code", seg = t.id) =>
  h.call("POST", `/${seg}/oauth2/v2.0/token`, { form: { grant_type: grant, client_id: PUBLIC_APP.appId, device_code: deviceCodeValue } });

/** Enters the code at /devicelogin and signs in with a password; returns the confirmation page. */
async function signInOnDevicePage(b: Browser, userCode: string, upn = t.upn("carol")) {
  const entry = await b.get("/devicelogin");
  expect(labels(entry.text)).toEqual(["Enter code"]);
  const username = await b.submit(entry, { otc: userCode.toLowerCase() });
  const pwd = await enterUsername(b, username, upn);
  return b.submit(pwd, { passwd: PASSWORD });
}

describe("device code flow", () => {
  it("returns user_code, device_code, a verification_uri on the emulator, expires_in 900, interval 5 and a message", async () => {
    const body = await deviceCode();
    expect(body.user_code).toMatch(/^[A-Z0-9]{9}$/);
    expect(body.device_code.length).toBeGreaterThan(40);
    expect(body.verification_uri).toBe("https://localhost:8443/devicelogin");
    expect(body.expires_in).toBe(900);
    expect(body.interval).toBe(5);
    expect(body.message).toContain(body.user_code);
  });

  it("answers authorization_pending (AADSTS70016) until the person has signed in and confirmed, then issues tokens once", async () => {
    const body = await deviceCode();
    const pending = await poll(body.device_code, "device_code");
    expect(pending.status).toBe(400);
    expect(pending.body.error).toBe("authorization_pending");
    expect(pending.body.error_codes).toEqual([70016]);
    const b = new Browser(h);
    const confirm = await signInOnDevicePage(b, body.user_code);
    expect(buttons(confirm.text)).toEqual(["Continue", "Cancel"]);
    expect((await poll(body.device_code)).body.error).toBe("authorization_pending");
    const done = await b.submit(confirm, { decision: "continue" });
    expect(done.text).toContain("You have signed in");
    const tok = await poll(body.device_code);
    expect(tok.status, JSON.stringify(tok.body)).toBe(200);
    expect(claims(tok.body.access_token).preferred_username).toBe(t.upn("carol"));
    expect(tok.body.refresh_token).toBeTypeOf("string");
    expect((await poll(body.device_code)).status).toBe(400);
  });

  it("answers authorization_declined (AADSTS70020) when the person cancels", async () => {
    const body = await deviceCode();
    const b = new Browser(h);
    const confirm = await signInOnDevicePage(b, body.user_code);
    await b.submit(confirm, { decision: "cancel" });
    const res = await poll(body.device_code);
    expect(res.body.error).toBe("authorization_declined");
    expect(res.body.error_codes).toEqual([70020]);
  });

  it("answers expired_token (AADSTS70019) after 15 minutes of tenant time, and the page refuses the old code", async () => {
    const body = await deviceCode();
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 16 } });
    const res = await poll(body.device_code);
    expect(res.body.error).toBe("expired_token");
    const b = new Browser(h);
    const entry = await b.get(`/${t.id}/devicelogin`);
    const refused = await b.submit(entry, { otc: body.user_code });
    expect(alertText(refused.text)).toContain("AADSTS70019");
  });

  it("passes on a Conditional Access block to the poller (AADSTS53003)", async () => {
    await addCaPolicy(h, t.id, blockFor(userId(h, t.id, t.upn("carol"))));
    const body = await deviceCode();
    const page = await signInOnDevicePage(new Browser(h), body.user_code);
    expect(alertText(page.text)).toContain("AADSTS53003");
    const res = await poll(body.device_code);
    expect(res.body.error_codes).toEqual([53003]);
  });

  it("works for /organizations: the tenant comes from the user", async () => {
    const body = await deviceCode("organizations");
    const b = new Browser(h);
    await b.submit(await signInOnDevicePage(b, body.user_code), { decision: "continue" });
    const tok = await poll(body.device_code, "device_code", "organizations");
    expect(tok.status, JSON.stringify(tok.body)).toBe(200);
    expect(claims(tok.body.access_token).tid).toBe(t.id);
  });

  it("refuses an unknown device code and a code entered wrongly", async () => {
    expect((await poll("not-a-code")).body.error).toBe("invalid_grant");
    const b = new Browser(h);
    const res = await b.submit(await b.get("/devicelogin"), { otc: "ZZZZZZZZZ" });
    expect(res.status).toBe(400);
    expect(alertText(res.text)).toContain("didn't work");
  });
});
