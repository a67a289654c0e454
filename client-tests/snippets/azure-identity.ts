import { ClientSecretCredential } from "@azure/identity";

/** Azure Identity: any TokenCredential works the same way; ClientSecretCredential shown. */
export async function azureIdentityToken(origin = "https://localhost:8443", tenant = "7d3f8a2c-5b14-4e6a-9c21-3f0b8d6e4a15") {
  const credential = new ClientSecretCredential(tenant, "5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b", "tenantlab-bootstrap-secret", {
    authorityHost: origin, // or the AZURE_AUTHORITY_HOST environment variable
    disableInstanceDiscovery: true, // required: trusts authorityHost instead of asking the public cloud
  });
  const token = await credential.getToken("https://graph.microsoft.com/.default");
  return token.token;
}
