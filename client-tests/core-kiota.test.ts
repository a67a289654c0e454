/**
 * The Kiota-based Graph SDK (@microsoft/msgraph-sdk) against the emulator: allowedHosts as the 4th
 * argument, baseUrl with the version, CAE left on (so the token endpoint sees `claims` with xms_cc),
 * typed users, and ODataError for a 404.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ClientSecretCredential } from "@azure/identity";
import { AzureIdentityAuthenticationProvider } from "@microsoft/kiota-authentication-azure";
import { createGraphServiceClient, GraphRequestAdapter, type GraphServiceClient } from "@microsoft/msgraph-sdk";
import "@microsoft/msgraph-sdk-users";
import { BOOTSTRAP, createTenant, emulator } from "./support/emulator";

let tenant: Awaited<ReturnType<typeof createTenant>>;
let client: GraphServiceClient;

beforeAll(async () => {
  tenant = await createTenant();
  const credential = new ClientSecretCredential(tenant.tenantId, BOOTSTRAP.appId, BOOTSTRAP.secret, {
    authorityHost: emulator().url,
    disableInstanceDiscovery: true,
  });
  const auth = new AzureIdentityAuthenticationProvider(credential, ["https://graph.microsoft.com/.default"], undefined, new Set([emulator().hostname]));
  const adapter = new GraphRequestAdapter(auth);
  adapter.baseUrl = `${emulator().url}/v1.0`;
  client = createGraphServiceClient(adapter);
});

describe("Kiota Graph SDK", () => {
  it("lists users as typed objects", async () => {
    const page = await client.users.get({ queryParameters: { top: 100, select: ["id", "displayName", "userPrincipalName", "accountEnabled"] } });
    const users = page?.value ?? [];
    expect(users).toHaveLength(tenant.doc.users.length);
    const alice = users.find((u) => u.userPrincipalName === tenant.upn("alice"));
    expect(alice?.displayName).toBeTypeOf("string");
    expect(alice?.id).toMatch(/^[0-9a-f-]{36}$/);
    const dave = users.find((u) => u.userPrincipalName === tenant.upn("dave"));
    expect(dave?.accountEnabled).toBe(false);
  });

  it("gets one user by userPrincipalName with typed dates", async () => {
    const alice = await client.users.byUserId(tenant.upn("alice")).get({ queryParameters: { select: ["id", "createdDateTime", "userPrincipalName"] } });
    expect(alice?.userPrincipalName).toBe(tenant.upn("alice"));
    expect(alice?.createdDateTime).toBeInstanceOf(Date);
  });

  it("throws an ODataError carrying the Graph error for an unknown user", async () => {
    const error = await client.users.byUserId("00000000-0000-0000-0000-00000000dead").get().catch((e) => e);
    // In this SDK version the thrown ODataError is a parsed model, not an Error instance (clients.md §4).
    expect(error.responseStatusCode).toBe(404);
    expect(error.errorEscaped?.code).toBe("Request_ResourceNotFound");
    expect(error.errorEscaped?.innerError?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.errorEscaped?.innerError?.date).toBeInstanceOf(Date);
  });
});
