/**
 * MSAL Node 7 against the emulator, configured only as the README says (authority on the emulator's
 * origin + knownAuthorities host:port): client credentials with its in-memory cache, ROPC on the public
 * client and a silent refresh through the refresh_token grant.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ConfidentialClientApplication, PublicClientApplication, ServerError } from "@azure/msal-node";
import { decodeJwt } from "jose";
import { BOOTSTRAP, PASSWORD, PUBLIC_CLIENT, createTenant, emulator } from "./support/emulator";

const GRAPH_DEFAULT = ["https://graph.microsoft.com/.default"];
let tenant: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  tenant = await createTenant();
});

const authority = () => `${emulator().url}/${tenant.tenantId}`;

describe("MSAL Node ConfidentialClientApplication", () => {
  it("gets an app-only Graph token carrying the app's permissions as roles", async () => {
    const cca = new ConfidentialClientApplication({
      auth: { clientId: BOOTSTRAP.appId, clientSecret: BOOTSTRAP.secret, authority: authority(), knownAuthorities: [emulator().authorityHost] },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    expect(result?.fromCache).toBe(false);
    expect(result?.tenantId === "" || result?.tenantId === tenant.tenantId).toBe(true);
    const claims = decodeJwt(result!.accessToken);
    expect(claims.tid).toBe(tenant.tenantId);
    expect(claims.azp).toBe(BOOTSTRAP.appId);
    expect(claims.roles).toContain("User.ReadWrite.All");
    expect(claims.scp).toBeUndefined();
    expect(result!.expiresOn!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
  });

  it("answers the second call for the same scope from its cache", async () => {
    const cca = new ConfidentialClientApplication({
      auth: { clientId: BOOTSTRAP.appId, clientSecret: BOOTSTRAP.secret, authority: authority(), knownAuthorities: [emulator().authorityHost] },
    });
    const first = await cca.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    const second = await cca.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    expect(second?.fromCache).toBe(true);
    expect(second?.accessToken).toBe(first?.accessToken);
  });

  it("surfaces a wrong client secret as ServerError invalid_client with AADSTS7000215", async () => {
    const cca = new ConfidentialClientApplication({
      auth: { clientId: BOOTSTRAP.appId, clientSecret: "not-the-secret", authority: authority(), knownAuthorities: [emulator().authorityHost] },
    });
    const error = await cca.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.errorCode).toBe("invalid_client");
    expect(error.errorMessage).toContain("AADSTS7000215");
  });
});

describe("MSAL Node PublicClientApplication", () => {
  const pca = () =>
    new PublicClientApplication({ auth: { clientId: PUBLIC_CLIENT.appId, authority: authority(), knownAuthorities: [emulator().authorityHost] } });

  it("signs a user in with username and password (ROPC) and returns an account", async () => {
    const result = await pca().acquireTokenByUsernamePassword({ scopes: ["User.Read"], username: tenant.upn("alice"), password: PASSWORD });
    expect(result?.account?.username).toBe(tenant.upn("alice"));
    expect(result?.account?.tenantId).toBe(tenant.tenantId);
    expect(result?.account?.homeAccountId).toBe(`${result?.account?.localAccountId}.${tenant.tenantId}`);
    const claims = decodeJwt(result!.accessToken);
    expect(claims.scp).toContain("User.Read");
    expect(claims.upn).toBe(tenant.upn("alice"));
    expect(claims.amr).toEqual(["pwd"]);
  });

  it("refreshes silently with forceRefresh through the refresh_token grant", async () => {
    const app = pca();
    const first = await app.acquireTokenByUsernamePassword({ scopes: ["User.Read"], username: tenant.upn("bob"), password: PASSWORD });
    // MSAL caches the token under the scopes the response named; asking for exactly those is a cache hit.
    const granted = first!.scopes.filter((s) => !["openid", "profile", "offline_access", "email"].includes(s.toLowerCase()));
    const cached = await app.acquireTokenSilent({ account: first!.account!, scopes: granted });
    expect(cached.fromCache).toBe(true);
    expect(cached.accessToken).toBe(first!.accessToken);
    const refreshed = await app.acquireTokenSilent({ account: first!.account!, scopes: granted, forceRefresh: true });
    expect(refreshed.fromCache).toBe(false);
    expect(refreshed.accessToken).not.toBe(first!.accessToken);
    expect(decodeJwt(refreshed.accessToken).oid).toBe(first!.account!.localAccountId);
  });

  it("rejects a wrong password with AADSTS50126", async () => {
    const error = await pca()
      .acquireTokenByUsernamePassword({ scopes: ["User.Read"], username: tenant.upn("alice"), password: "wrong-password" })
      .catch((e) => e);
    expect(error.errorCode).toBe("invalid_grant");
    expect(error.errorMessage).toContain("AADSTS50126");
  });
});
