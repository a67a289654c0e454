/**
 * Microsoft Graph JS client 3 against the emulator: token through TokenCredentialAuthenticationProvider
 * with customHosts, paging with PageIterator over @odata.nextLink (on the emulator's origin), GraphError.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ClientSecretCredential } from "@azure/identity";
import { Client, GraphError, PageIterator, type PageCollection } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { BOOTSTRAP, createTenant, emulator } from "./support/emulator";

let tenant: Awaited<ReturnType<typeof createTenant>>;
let client: Client;

beforeAll(async () => {
  tenant = await createTenant();
  const credential = new ClientSecretCredential(tenant.tenantId, BOOTSTRAP.appId, BOOTSTRAP.secret, {
    authorityHost: emulator().url,
    disableInstanceDiscovery: true,
  });
  client = Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: ["https://graph.microsoft.com/.default"] }),
    baseUrl: emulator().url,
    customHosts: new Set([emulator().hostname]),
  });
});

describe("Graph JS client", () => {
  it("reads every user through PageIterator, following nextLinks on the emulator's origin", async () => {
    const first: PageCollection = await client.api("/users").select("id,userPrincipalName").top(4).get();
    expect(first["@odata.nextLink"]).toMatch(new RegExp(`^${emulator().url}/v1\\.0/users\\?`));
    const upns: string[] = [];
    const iterator = new PageIterator(client, first, (user: { userPrincipalName: string }) => {
      upns.push(user.userPrincipalName);
      return true;
    });
    await iterator.iterate();
    expect(iterator.isComplete()).toBe(true);
    expect(upns).toHaveLength(tenant.doc.users.length);
    expect(new Set(upns).size).toBe(upns.length);
    expect(upns).toContain(tenant.upn("alice"));
  });

  it("returns plain JSON with @odata.context and the users' Graph properties", async () => {
    const alice = await client.api(`/users/${tenant.upn("alice")}`).get();
    expect(alice["@odata.context"]).toContain("$metadata#users/$entity");
    expect(alice.userPrincipalName).toBe(tenant.upn("alice"));
    expect(alice.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("throws GraphError with the status, code and request id for an unknown user", async () => {
    const error = await client.api("/users/00000000-0000-0000-0000-00000000dead").get().catch((e) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe("Request_ResourceNotFound");
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
