/**
 * MSAL Node's device-code flow against the emulator: the callback completes the device login page with
 * plain HTTP form posts (as a person at another browser would), MSAL polls until approval, and
 * acquireTokenSilent later refreshes with the refresh token.
 */
import { describe, it, expect } from "vitest";
import { PublicClientApplication } from "@azure/msal-node";
import { PASSWORD, PUBLIC_CLIENT, createTenant, emulator } from "./support/emulator";
import { submitForm } from "./support/signin-browser";

async function completeDeviceLogin(verificationUri: string, userCode: string, username: string) {
  expect(verificationUri.startsWith(emulator().url)).toBe(true);
  const entry = await (await fetch(verificationUri)).text();
  expect(entry).toContain("Enter code");
  const usernamePage = await submitForm(entry, { otc: userCode });
  const passwordPage = await submitForm(usernamePage, { login: username });
  const confirm = await submitForm(passwordPage, { passwd: PASSWORD });
  expect(confirm).toContain("Are you trying to sign in");
  const done = await submitForm(confirm, { decision: "continue" });
  expect(done).toContain("You have signed in");
}

describe("MSAL Node device code flow", () => {
  it("gets tokens after the person signs in at /devicelogin, then refreshes silently", async () => {
    const t = await createTenant();
    const pca = new PublicClientApplication({
      auth: { clientId: PUBLIC_CLIENT.appId, authority: `${emulator().url}/${t.tenantId}`, knownAuthorities: [emulator().authorityHost] },
    });
    const scopes = ["https://graph.microsoft.com/User.Read"];
    let message = "";
    const result = await pca.acquireTokenByDeviceCode({
      scopes,
      deviceCodeCallback: (resp) => {
        message = resp.message;
        // Completed in the background while MSAL polls (authorization_pending until then).
        void completeDeviceLogin(resp.verificationUri, resp.userCode, t.upn("carol"));
      },
    });
    expect(message).toContain("/devicelogin");
    expect(result!.account!.username).toBe(t.upn("carol"));
    const me = await fetch(`${emulator().url}/v1.0/me`, { headers: { authorization: `Bearer ${result!.accessToken}` } });
    expect((await me.json()).userPrincipalName).toBe(t.upn("carol"));

    const refreshed = await pca.acquireTokenSilent({ account: result!.account!, scopes, forceRefresh: true });
    expect(refreshed.fromCache).toBe(false);
    expect(refreshed.accessToken).not.toBe(result!.accessToken);
  });
});
