import { ConfidentialClientApplication } from "@azure/msal-node";

/** MSAL Node: an app-only Graph token for the bootstrap app, from the emulator instead of Entra ID. */
export async function msalNodeAppToken(origin = "https://localhost:8443", tenant = "7d3f8a2c-5b14-4e6a-9c21-3f0b8d6e4a15") {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: "5a8f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
      clientSecret: "tenantlab-bootstrap-secret",
      authority: `${origin}/${tenant}`, // tenant GUID or a verified domain (contoso.com)
      knownAuthorities: [new URL(origin).host], // "localhost:8443": host AND port, or MSAL asks login.microsoftonline.com
    },
  });
  const result = await app.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
  return result!.accessToken;
}
