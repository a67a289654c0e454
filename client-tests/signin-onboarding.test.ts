/**
 * The onboarding story, end to end with real clients: an Authentication Administrator issues a one-time
 * TAP through Graph; the new user signs in with it at the hosted page in Chromium through an MSAL Node
 * auth-code flow; registers an authenticator app with the TAP session's token; the TAP is then unusable;
 * the next sign-in needs password + TOTP; the sign-in log shows both sign-ins with their CA results.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { ConfidentialClientApplication, CryptoProvider } from "@azure/msal-node";
import { authenticator } from "otplib";
import type { Browser } from "playwright-core";
import { BOOTSTRAP, PASSWORD, createTenant, emulator } from "./support/emulator";
import { appContext, appToken, graph, launchChromium, userTokenByPassword } from "./support/signin-browser";

const REDIRECT = "http://localhost:3000/auth/callback";
const SCOPES = ["https://graph.microsoft.com/User.Read", "https://graph.microsoft.com/UserAuthenticationMethod.ReadWrite"];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function authCodeSignIn(cca: ConfidentialClientApplication, fill: (page: import("playwright-core").Page) => Promise<void>) {
  const crypto = new CryptoProvider();
  const { verifier, challenge } = await crypto.generatePkceCodes();
  const url = await cca.getAuthCodeUrl({ scopes: SCOPES, redirectUri: REDIRECT, codeChallenge: challenge, codeChallengeMethod: "S256", state: "onboarding" });
  const { context, page, redirected } = await appContext(browser, "http://localhost:3000/");
  await page.goto(url);
  await fill(page);
  const back = await redirected;
  await context.close();
  expect(back.searchParams.get("state")).toBe("onboarding");
  return cca.acquireTokenByCode({ code: back.searchParams.get("code")!, scopes: SCOPES, redirectUri: REDIRECT, codeVerifier: verifier });
}

describe("onboarding with a one-time Temporary Access Pass", () => {
  it("TAP sign-in in Chromium, authenticator registration, then password + TOTP, all in the sign-in log", async () => {
    const t = await createTenant();
    const alice = t.upn("alice");
    const app = await appToken(t.tenantId);
    // A policy that requires MFA for the new user everywhere: a TAP satisfies it, a password alone does not.
    const aliceId = (await graph("GET", `/v1.0/users/${alice}`, app)).body.id;
    const policy = await graph("POST", "/v1.0/identity/conditionalAccess/policies", app, {
      displayName: "New hires need MFA", state: "enabled",
      conditions: { users: { includeUsers: [aliceId] }, applications: { includeApplications: ["All"] }, clientAppTypes: ["all"] },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);

    // 1. The Authentication Administrator issues a one-time pass.
    const admin = await userTokenByPassword(t.tenantId, t.upn("authadmin"));
    const created = await graph("POST", `/v1.0/users/${alice}/authentication/temporaryAccessPassMethods`, admin, { isUsableOnce: true, lifetimeInMinutes: 60 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const pass: string = created.body.temporaryAccessPass;

    // 2. The user signs in with it at the hosted page (MSAL Node auth code + PKCE).
    const cca = new ConfidentialClientApplication({
      auth: { clientId: BOOTSTRAP.appId, clientSecret: BOOTSTRAP.secret, authority: `${emulator().url}/${t.tenantId}`, knownAuthorities: [emulator().authorityHost] },
    });
    const tapResult = await authCodeSignIn(cca, async (page) => {
      await page.getByLabel("Email, phone, or Skype").fill(alice);
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByLabel("Temporary Access Pass").fill(pass);
      await expect(page.getByRole("link", { name: "Use your password instead" }).count()).resolves.toBe(1);
      await page.getByRole("button", { name: "Sign in" }).click();
    });
    expect(tapResult.idTokenClaims).toMatchObject({ preferred_username: alice });
    expect((tapResult.idTokenClaims as any).amr).toContain("mfa");

    // 3. With the TAP session's token the user registers an authenticator app.
    const oath = await graph("POST", "/v1.0/me/authentication/softwareOathMethods", tapResult.accessToken, {});
    expect(oath.status, JSON.stringify(oath.body)).toBe(201);
    const secret: string = oath.body.secretKey;

    // 4. The one-time pass is now unusable.
    const taps = await graph("GET", `/v1.0/users/${alice}/authentication/temporaryAccessPassMethods`, admin);
    expect(taps.body.value[0]).toMatchObject({ isUsable: false, methodUsabilityReason: "OneTimeUsed" });

    // 5. The next sign-in needs password + TOTP.
    const second = await authCodeSignIn(cca, async (page) => {
      await page.getByLabel("Email, phone, or Skype").fill(alice);
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByLabel("Code", { exact: true }).fill(authenticator.generate(secret));
      await page.getByRole("button", { name: "Verify" }).click();
    });
    expect((second.idTokenClaims as any).amr).toEqual(["pwd", "mfa", "otp"]);

    // 6. The sign-in log shows both sign-ins with their Conditional Access results (authenticationDetails is beta).
    const logs = await graph("GET", `/beta/auditLogs/signIns?$filter=userPrincipalName eq '${alice}'`, app);
    expect(logs.status, JSON.stringify(logs.body)).toBe(200);
    const ok = logs.body.value.filter((s: any) => s.status.errorCode === 0 && s.isInteractive);
    expect(ok.length).toBeGreaterThanOrEqual(2);
    const [pwdTotp, tap] = ok; // newest first
    for (const s of [pwdTotp, tap]) {
      expect(s.conditionalAccessStatus).toBe("success");
      expect(s.appliedConditionalAccessPolicies.find((p: any) => p.id === policy.body.id)).toMatchObject({ result: "success" });
    }
    expect(tap.authenticationDetails[0].authenticationMethod).toBe("Temporary Access Pass");
    expect(pwdTotp.authenticationDetails.map((d: any) => d.authenticationMethod)).toEqual(["Password", "OATH verification code"]);
    expect(pwdTotp.authenticationRequirement).toBe("multiFactorAuthentication");
  });
});
