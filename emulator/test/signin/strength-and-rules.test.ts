import { describe, it, expect, beforeEach } from "vitest";
import { harness, newTenant, PASSWORD, type Harness } from "../helpers";
import { Browser, addCaPolicy, alertText, authorizeUrl, createTap, enterUsername, labels, redirectParams, startSignIn, tenantState, userId } from "./support";
import { amrFor, methodsFromAmr, satisfiedMethods } from "../../src/domain/amr";
import { devicePlatformOf, looksLikePhoneNumber, tapFailureCode } from "../../src/domain/signin-rules";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
});

const strengthPolicy = (uid: string, strengthId: string) => ({
  displayName: `Strength ${strengthId.slice(-1)}`,
  conditions: { users: { includeUsers: [uid] }, applications: { includeApplications: ["All"] }, clientAppTypes: ["all"] },
  grantControls: { operator: "OR", builtInControls: [], authenticationStrength: { id: strengthId } },
});

describe("authentication strengths at sign-in", () => {
  it("lets a TAP satisfy the built-in MFA strength, while a password needs a second factor", async () => {
    await addCaPolicy(h, t.id, strengthPolicy(userId(h, t.id, t.upn("alice")), "00000000-0000-0000-0000-000000000002"));
    await addCaPolicy(h, t.id, strengthPolicy(userId(h, t.id, t.upn("carol")), "00000000-0000-0000-0000-000000000002"));
    const tap = await createTap(h, t.id, t.upn("alice"));
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    expect((await b.submit(await enterUsername(b, page, t.upn("alice")), { accessPass: tap.value })).status).toBe(302);
    const c = new Browser(h);
    const start = await startSignIn(c, t.id);
    const second = await c.submit(await enterUsername(c, start.page, t.upn("carol")), { passwd: PASSWORD });
    expect(labels(second.text)).toEqual(["Code"]);
  });

  it("does not let a TAP satisfy the phishing-resistant strength (AADSTS50079 without a qualifying method)", async () => {
    await addCaPolicy(h, t.id, strengthPolicy(userId(h, t.id, t.upn("alice")), "00000000-0000-0000-0000-000000000004"));
    const tap = await createTap(h, t.id, t.upn("alice"));
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const res = await b.submit(await enterUsername(b, page, t.upn("alice")), { accessPass: tap.value });
    expect(res.status).toBe(400);
    expect(alertText(res.text)).toContain("AADSTS50079");
  });

  it("answers prompt=none with interaction_required without sending anything when MFA is now needed", async () => {
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    await b.submit(await enterUsername(b, page, t.upn("bob")), { passwd: PASSWORD });
    await addCaPolicy(h, t.id, { displayName: "MFA", conditions: { users: { includeUsers: [userId(h, t.id, t.upn("bob"))] }, applications: { includeApplications: ["All"] }, clientAppTypes: ["all"] }, grantControls: { operator: "OR", builtInControls: ["mfa"] } });
    const before = tenantState(h, t.id).outbox.length;
    const res = await b.get(authorizeUrl(t.id, { prompt: "none" }));
    expect(redirectParams(res.location).error).toBe("interaction_required");
    expect(tenantState(h, t.id).outbox.length).toBe(before);
    // The interrupted attempt is in the sign-in log with the code the app received.
    expect((tenantState(h, t.id).signIns.at(-1) as any).status.errorCode).toBe(50076);
  });
});

describe("pure sign-in rules", () => {
  it("maps methods to amr (behavior 5.9) and back", () => {
    expect(amrFor("temporaryAccessPass")).toEqual(["otp", "mfa"]);
    expect(amrFor("password")).toEqual(["pwd"]);
    expect(amrFor("password", "softwareOath")).toEqual(["pwd", "mfa", "otp"]);
    expect(amrFor("federated", "microsoftAuthenticatorPush")).toEqual(["fed", "mfa", "rsa"]);
    expect(methodsFromAmr(["pwd", "mfa", "rsa"], null)).toEqual(["password", "microsoftAuthenticatorPush"]);
    expect(methodsFromAmr(["otp", "mfa"], "tap-id")).toEqual(["temporaryAccessPass"]);
    expect(satisfiedMethods("sms")).toEqual(["sms"]);
  });

  it("maps TAP refusals as behavior 4.4 decides", () => {
    expect(tapFailureCode("oneTimeUsed")).toBe(130501);
    expect(tapFailureCode("notEnabledForUser")).toBe(130501);
    expect(tapFailureCode("multiUseBlockedByPolicy")).toBe(130501);
    expect(tapFailureCode("wrongValue")).toBe(50126);
    expect(tapFailureCode("expired")).toBe(50126);
    expect(tapFailureCode("notYetValid")).toBe(50126);
  });

  it("recognises phone numbers and device platforms", () => {
    expect(looksLikePhoneNumber("+1 425 555 0111")).toBe(true);
    expect(looksLikePhoneNumber("alice@contoso.com")).toBe(false);
    expect(devicePlatformOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64)")).toBe("windows");
    expect(devicePlatformOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)")).toBe("iOS");
    expect(devicePlatformOf(undefined)).toBe("unknown");
  });
});
