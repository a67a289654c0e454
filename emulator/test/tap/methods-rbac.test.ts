/**
 * Permissions on the other method families: the same role rules as the TAP (behavior.md 1.23-1.26 via
 * the Authentication Administrator "non-admin" rule), plus the granular UserAuthMethod-<X> permissions.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { harness, appToken, userToken, expectGraphError, READER_APP, type Harness } from "../helpers";
import { tapTenant, USER } from "./support";

const FAMILIES = ["methods", "phoneMethods", "emailMethods", "softwareOathMethods", "microsoftAuthenticatorMethods", "fido2Methods", "windowsHelloForBusinessMethods", "passwordMethods"];

let h: Harness;
let t: Awaited<ReturnType<typeof tapTenant>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await harness();
  t = await tapTenant(h);
  for (const who of ["globaladmin", "privauthadmin", "authadmin", "globalreader", "alice"]) tokens[who] = await userToken(h, t.id, t.upn(who));
  tokens.app = await appToken(h, t.id);
  tokens.readerApp = await appToken(h, t.id, READER_APP);
});

const list = (token: string, user: string, family: string) => h.call("GET", `/v1.0/users/${user}/authentication/${family}`, { token });

describe("reading methods of others", () => {
  const cases: [string, string, number][] = [
    ["globaladmin", USER.authPolicyAdmin, 200], ["privauthadmin", USER.authPolicyAdmin, 200],
    ["authadmin", USER.bob, 200], ["authadmin", USER.authPolicyAdmin, 403],
    ["globalreader", USER.authPolicyAdmin, 200], ["alice", USER.bob, 403], ["app", USER.bob, 200], ["readerApp", USER.bob, 403],
  ];
  for (const family of FAMILIES)
    for (const [who, target, status] of cases)
      it(`${who} lists ${family} of ${target === USER.bob ? "a member" : "an admin"} -> ${status}`, async () => {
        const res = await list(tokens[who], target, family);
        if (status === 403) expectGraphError(res, 403, "accessDenied");
        else expect(res.status, JSON.stringify(res.body)).toBe(200);
      });
});

describe("changing methods of others", () => {
  it("lets an Authentication Administrator add a phone to a member but not to an admin", async () => {
    const body = { phoneNumber: "+1 2065550100", phoneType: "mobile" };
    expect((await h.call("POST", `/v1.0/users/${USER.carol}/authentication/phoneMethods`, { token: tokens.authadmin, body })).status).toBe(201);
    expectGraphError(await h.call("POST", `/v1.0/users/${USER.authPolicyAdmin}/authentication/phoneMethods`, { token: tokens.authadmin, body }), 403, "accessDenied");
    expect((await h.call("POST", `/v1.0/users/${USER.authPolicyAdmin}/authentication/phoneMethods`, { token: tokens.privauthadmin, body })).status).toBe(201);
  });

  it("never lets a Global Reader write", async () => {
    expectGraphError(await h.call("DELETE", `/v1.0/users/${USER.bob}/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7`, { token: tokens.globalreader }), 403);
    expectGraphError(await h.call("POST", `/v1.0/users/${USER.bob}/authentication/emailMethods`, { token: tokens.globalreader, body: { emailAddress: "b@fabrikam.example" } }), 403);
  });

  it("accepts the granular permission of the family and refuses another family's", async () => {
    const phoneOnly = await userToken(h, t.id, t.upn("privauthadmin"), "https://graph.microsoft.com/UserAuthMethod-Phone.Read.All");
    expect((await list(phoneOnly, USER.bob, "phoneMethods")).status).toBe(200);
    expectGraphError(await list(phoneOnly, USER.bob, "fido2Methods"), 403);
    expectGraphError(await list(phoneOnly, USER.bob, "methods"), 403);
    const passkey = await userToken(h, t.id, t.upn("privauthadmin"), "https://graph.microsoft.com/UserAuthMethod-Passkey.Read.All");
    expect((await list(passkey, USER.bob, "fido2Methods")).status).toBe(200);
  });
});
