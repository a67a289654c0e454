import { ClientSecretCredential } from "@azure/identity";
import { AzureIdentityAuthenticationProvider } from "@microsoft/kiota-authentication-azure";
import { createGraphServiceClient, GraphRequestAdapter } from "@microsoft/msgraph-sdk";
import "@microsoft/msgraph-sdk-users"; // adds client.users

/** Kiota-based Microsoft Graph SDK (@microsoft/msgraph-sdk): typed users from the emulator. */
export async function kiotaUsers(origin = "https://localhost:8443", tenant = "7d3f8a2c-5b14-4e6a-9c21-3f0b8d6e4a15") {
  const credential = new ClientSecretCredential(tenant, "5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b", "tenantlab-bootstrap-secret", {
    authorityHost: origin,
    disableInstanceDiscovery: true,
  });
  const auth = new AzureIdentityAuthenticationProvider(
    credential,
    ["https://graph.microsoft.com/.default"],
    undefined,
    new Set([new URL(origin).hostname]), // allowedHosts (4th argument): "localhost", NO port; else no token is sent
  );
  const adapter = new GraphRequestAdapter(auth);
  adapter.baseUrl = `${origin}/v1.0`; // with the version, set before createGraphServiceClient
  const client = createGraphServiceClient(adapter);
  const page = await client.users.get({ queryParameters: { top: 5, select: ["id", "displayName", "userPrincipalName"] } });
  return page?.value ?? [];
}
