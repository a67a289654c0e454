import { ClientSecretCredential } from "@azure/identity";
import { Client } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";

/** Microsoft Graph JS client (v3): list users from the emulator. */
export async function graphClientUsers(origin = "https://localhost:8443", tenant = "7d3f8a2c-5b14-4e6a-9c21-3f0b8d6e4a15") {
  const credential = new ClientSecretCredential(tenant, "5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b", "tenantlab-bootstrap-secret", {
    authorityHost: origin,
    disableInstanceDiscovery: true,
  });
  const client = Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: ["https://graph.microsoft.com/.default"] }),
    baseUrl: origin, // origin only: the client adds /v1.0 (or defaultVersion: "beta")
    customHosts: new Set([new URL(origin).hostname]), // "localhost", NO port; without it no token is sent
  });
  const page = await client.api("/users").select("id,displayName,userPrincipalName").top(5).get();
  return page.value as { id: string; displayName: string; userPrincipalName: string }[];
}
