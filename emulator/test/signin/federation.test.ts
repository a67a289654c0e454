import { describe, it, expect, beforeEach } from "vitest";
import { harness, newTenant, PASSWORD, PUBLIC_APP, type Harness } from "../helpers";
import { Browser, alertText, claims, createTap, enterUsername, labels, redeemCode, redirectParams, startSignIn } from "./support";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
let fedDomain: string;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
  fedDomain = t.doc.tenant.domains.find((d: any) => d.authenticationType === "Federated").id;
});

const fred = () => `fred@${fedDomain}`;

describe("federated domains", () => {
  it("sends a federated user to the domain's mock IdP, labelled with its display name; amr contains fed", async () => {
    const b = new Browser(h);
    const { page, verifier } = await startSignIn(b, t.id);
    const redirect = await b.submit(page, { login: fred() });
    expect(redirect.status).toBe(302);
    expect(redirect.location).toMatch(new RegExp(`^/_federation/${fedDomain.replace(/\./g, "\\.")}/login\\?`));
    const idp = await b.get(redirect.location!);
    expect(idp.text).toContain("Contoso AD FS");
    expect(labels(idp.text)).toEqual(["User name", "Password"]);
    const wrong = await b.submit(idp, { UserName: fred(), Password: "nope" });
    expect(alertText(wrong.text)).toContain("Incorrect user ID or password");
    const back = await b.submit(wrong, { UserName: fred(), Password: PASSWORD });
    expect(back.status).toBe(303);
    const res = await b.follow(back);
    expect(res.status, res.text).toBe(302);
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, verifier);
    expect(claims(tok.body.access_token).amr).toContain("fed");
  });

  it("lets a federated user with a usable TAP sign in at the emulator without any redirect", async () => {
    const tap = await createTap(h, t.id, fred());
    const b = new Browser(h);
    const { page, verifier } = await startSignIn(b, t.id);
    const tapPage = await b.submit(page, { login: fred() });
    expect(tapPage.status).toBe(200);
    expect(labels(tapPage.text)).toEqual(["Temporary Access Pass"]);
    const res = await b.submit(tapPage, { accessPass: tap.value });
    expect(res.status).toBe(302);
    expect(res.location!.startsWith("http://localhost:3000/")).toBe(true);
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, verifier);
    expect(claims(tok.body.access_token).amr).toEqual(["otp", "mfa"]);
  });

  it("sends the TAP holder to the IdP when they choose their password instead", async () => {
    await createTap(h, t.id, fred());
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const tapPage = await enterUsername(b, page, fred());
    const href = /href="([^"]+)" id="usePassword"/.exec(tapPage.text)![1].replace(/&amp;/g, "&");
    const res = await b.get(href);
    expect(res.location).toContain("/_federation/");
  });

  it("goes straight to the IdP with a domain_hint naming the federated domain", async () => {
    const { page } = await startSignIn(new Browser(h), t.id, { domain_hint: fedDomain });
    expect(page.text).toContain("Contoso AD FS");
    expect(labels(page.text)).toEqual(["User name", "Password"]);
  });

  it("refuses ROPC for federated users (the password is at their IdP)", async () => {
    const res = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, { form: { grant_type: "password", client_id: PUBLIC_APP.appId, username: fred(), password: PASSWORD, scope: "User.Read" } });
    expect(res.status).toBe(400);
    expect(res.body.error_codes).toEqual([50126]);
  });
});
