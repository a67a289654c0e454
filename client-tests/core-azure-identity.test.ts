/** Azure Identity 4.13 (ClientSecretCredential) against the emulator: authorityHost + disableInstanceDiscovery. */
import { beforeAll, describe, expect, it } from "vitest";
import { AuthenticationRequiredError, ClientSecretCredential } from "@azure/identity";
import { decodeJwt } from "jose";
import { BOOTSTRAP, createTenant, emulator } from "./support/emulator";

let tenantId: string;
beforeAll(async () => {
  tenantId = (await createTenant()).tenantId;
});

const credential = (secret = BOOTSTRAP.secret) =>
  new ClientSecretCredential(tenantId, BOOTSTRAP.appId, secret, { authorityHost: emulator().url, disableInstanceDiscovery: true });

describe("Azure Identity ClientSecretCredential", () => {
  it("gets a Graph token from the emulator with an expiry taken from expires_in", async () => {
    const token = await credential().getToken("https://graph.microsoft.com/.default");
    expect(token.tokenType).toBe("Bearer");
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 30 * 60_000);
    const claims = decodeJwt(token.token);
    expect(claims.tid).toBe(tenantId);
    expect(claims.iss).toBe(`${emulator().url}/${tenantId}/v2.0`);
  });

  it("reuses the cached token for a second getToken", async () => {
    const cred = credential();
    const first = await cred.getToken("https://graph.microsoft.com/.default");
    const second = await cred.getToken("https://graph.microsoft.com/.default");
    expect(second.token).toBe(first.token);
  });

  it("reports a wrong secret as invalid_client naming AADSTS7000215", async () => {
    // Identity wraps MSAL's ServerError for invalid_client in AuthenticationRequiredError (observed, clients.md §2).
    const error = await credential("wrong-secret").getToken("https://graph.microsoft.com/.default").catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationRequiredError);
    expect(String(error.message)).toContain("invalid_client");
    expect(String(error.message)).toContain("AADSTS7000215");
  });
});
