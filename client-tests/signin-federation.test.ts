/**
 * Federated users in Chromium through MSAL Node: without a TAP they are sent to the domain's mock IdP
 * (labelled with its display name) and come back with `fed` in amr; with a usable TAP they finish at the
 * emulator without any redirect (behavior.md 1.34). Also MSAL Node's interactive flow (form_post to its
 * loopback server).
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { ConfidentialClientApplication, CryptoProvider, PublicClientApplication } from "@azure/msal-node";
import type { Browser, Page } from "playwright-core";
import { BOOTSTRAP, PASSWORD, PUBLIC_CLIENT, createTenant, emulator } from "./support/emulator";
import { appContext, appToken, graph, launchChromium } from "./support/signin-browser";

const REDIRECT = "http://localhost:3000/auth/callback";
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(tenantId: string, fill: (page: Page, seen: string[]) => Promise<void>) {
  const cca = new ConfidentialClientApplication({
    auth: { clientId: BOOTSTRAP.appId, clientSecret: BOOTSTRAP.secret, authority: `${emulator().url}/${tenantId}`, knownAuthorities: [emulator().authorityHost] },
  });
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const scopes = ["https://graph.microsoft.com/User.Read"];
  const url = await cca.getAuthCodeUrl({ scopes, redirectUri: REDIRECT, codeChallenge: challenge, codeChallengeMethod: "S256" });
  const { context, page, redirected } = await appContext(browser, "http://localhost:3000/");
  const seen: string[] = [];
  page.on("framenavigated", (f) => seen.push(f.url()));
  await page.goto(url);
  await fill(page, seen);
  const back = await redirected;
  await context.close();
  return { result: await cca.acquireTokenByCode({ code: back.searchParams.get("code")!, scopes, redirectUri: REDIRECT, codeVerifier: verifier }), seen };
}

describe("federated users", () => {
  it("go to the federated IdP without a TAP (amr fed)", async () => {
    const t = await createTenant();
    const fred = `fred@federated.${t.domain}`;
    const { result, seen } = await signIn(t.tenantId, async (page) => {
      await page.getByLabel("Email, phone, or Skype").fill(fred);
      await page.getByRole("button", { name: "Next" }).click();
      await expect(page.getByRole("heading", { name: "Contoso AD FS" }).count()).resolves.toBe(1);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
    });
    expect(seen.some((u) => u.includes("/_federation/"))).toBe(true);
    expect((result.idTokenClaims as any).amr).toContain("fed");
    expect(result.account!.username).toBe(fred);
  });

  it("finish at the emulator with a usable TAP, never visiting the IdP", async () => {
    const t = await createTenant();
    const fred = `fred@federated.${t.domain}`;
    const created = await graph("POST", `/v1.0/users/${fred}/authentication/temporaryAccessPassMethods`, await appToken(t.tenantId), { isUsableOnce: true });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { result, seen } = await signIn(t.tenantId, async (page) => {
      await page.getByLabel("Email, phone, or Skype").fill(fred);
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByLabel("Temporary Access Pass").fill(created.body.temporaryAccessPass);
      await page.getByRole("button", { name: "Sign in" }).click();
    });
    expect(seen.some((u) => u.includes("/_federation/"))).toBe(false);
    expect((result.idTokenClaims as any).amr).toEqual(["otp", "mfa"]);
  });
});

describe("MSAL Node interactive flow", () => {
  it("completes through response_mode=form_post to MSAL's loopback server", async () => {
    const t = await createTenant();
    const pca = new PublicClientApplication({
      auth: { clientId: PUBLIC_CLIENT.appId, authority: `${emulator().url}/${t.tenantId}`, knownAuthorities: [emulator().authorityHost] },
    });
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const result = await pca.acquireTokenInteractive({
      scopes: ["https://graph.microsoft.com/User.Read"],
      openBrowser: async (url) => {
        expect(new URL(url).searchParams.get("response_mode")).toBe("form_post");
        await page.goto(url);
        await page.getByLabel("Email, phone, or Skype").fill(t.upn("carol"));
        await page.getByRole("button", { name: "Next" }).click();
        await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
      },
      successTemplate: "signed in",
    });
    await context.close();
    expect(result.account!.username).toBe(t.upn("carol"));
  });
});
