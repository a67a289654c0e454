/**
 * Azure Identity ClientCertificateCredential against the emulator: the app's public certificate is in the
 * fixture (`applications[].certificates`), the credential signs a PS256 client_assertion with the key.
 * Also MSAL Node's confidential client with `clientCertificate` (RS256-compatible path, x5t#S256).
 */
import { beforeAll, describe, expect, it } from "vitest";
import forge from "node-forge";
import { ClientCertificateCredential } from "@azure/identity";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { Client } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { decodeJwt } from "jose";
import { createTenant, emulator } from "./support/emulator";

const CERT_APP = "4d3c2b1a-0f9e-4d8c-9b7a-6f5e4d3c2b1a";

function selfSigned(cn: string) {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = "0a";
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  cert.setSubject([{ name: "commonName", value: cn }]);
  cert.setIssuer([{ name: "commonName", value: cn }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const keyPem = forge.pki.privateKeyToPem(keys.privateKey);
  const thumbprintSha256 = forge.md.sha256.create().update(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes()).digest().toHex();
  return { certPem, keyPem, thumbprintSha256 };
}

let tenantId: string;
let registered: ReturnType<typeof selfSigned>;
let other: ReturnType<typeof selfSigned>;
beforeAll(async () => {
  registered = selfSigned("tenantlab client-test daemon");
  other = selfSigned("unregistered");
  tenantId = (
    await createTenant((doc) => {
      doc.applications.push({ appId: CERT_APP, displayName: "Certificate daemon", certificates: [registered.certPem], applicationPermissions: ["User.Read.All"] });
    })
  ).tenantId;
});

const credential = (pem: string) =>
  new ClientCertificateCredential(tenantId, CERT_APP, { certificate: pem }, { authorityHost: emulator().url, disableInstanceDiscovery: true });

describe("Azure Identity ClientCertificateCredential", () => {
  it("gets an app-only Graph token with the app's permissions and lists users with it", async () => {
    const cred = credential(`${registered.keyPem}\n${registered.certPem}`);
    const token = await cred.getToken("https://graph.microsoft.com/.default");
    const claims = decodeJwt(token.token);
    expect(claims).toMatchObject({ tid: tenantId, azp: CERT_APP, roles: ["User.Read.All"], idtyp: "app" });
    const client = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(cred, { scopes: ["https://graph.microsoft.com/.default"] }),
      baseUrl: emulator().url,
      customHosts: new Set([emulator().hostname]),
    });
    const page = await client.api("/users").top(2).get();
    expect(page.value.length).toBe(2);
  });

  it("reports a certificate the app does not have as invalid_client AADSTS700027", async () => {
    const error = await credential(`${other.keyPem}\n${other.certPem}`).getToken("https://graph.microsoft.com/.default").catch((e) => e);
    expect(String(error?.message)).toContain("invalid_client");
    expect(String(error?.message)).toContain("AADSTS700027");
  });
});

describe("MSAL Node clientCertificate", () => {
  it("acquires a client-credentials token with a certificate (thumbprintSha256 + private key)", async () => {
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: CERT_APP,
        authority: `${emulator().url}/${tenantId}`,
        knownAuthorities: [emulator().authorityHost],
        clientCertificate: { thumbprintSha256: registered.thumbprintSha256, privateKey: registered.keyPem },
      },
    });
    const result = await app.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
    expect(decodeJwt(result!.accessToken)).toMatchObject({ tid: tenantId, azp: CERT_APP });
  });
});
