/**
 * The emulator's certificate authority and server certificate, made with node-forge on first start and
 * kept in the data dir (`ca.pem`, `ca-key.pem`, `server.pem`, `server-key.pem`), so clients trust the CA
 * once (`NODE_EXTRA_CA_CERTS=<dataDir>/ca.pem`) and keep trusting it across restarts. The server
 * certificate is re-issued (by the same CA) when the wanted host names change.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { generateKeyPairSync, X509Certificate, randomBytes } from "node:crypto";
import path from "node:path";
import forge from "node-forge";

export interface TlsMaterial {
  caPem: string;
  caPath: string;
  certPem: string;
  keyPem: string;
}

export const DEFAULT_SAN_DNS = ["localhost", "tenantlab"];
export const DEFAULT_SAN_IPS = ["127.0.0.1", "::1"];

function newKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return { privateKeyPem: privateKey, forgePrivate: forge.pki.privateKeyFromPem(privateKey), forgePublic: forge.pki.publicKeyFromPem(publicKey) };
}

function serial() {
  // Positive serial number: clear the top bit.
  const b = randomBytes(16);
  b[0] &= 0x7f;
  return b.toString("hex");
}

function createCa() {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.forgePublic;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600_000);
  const attrs = [{ name: "commonName", value: "tenantlab local CA" }, { name: "organizationName", value: "tenantlab" }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(keys.forgePrivate, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

function createServerCert(caCertPem: string, caKeyPem: string, dns: string[], ips: string[]) {
  const ca = forge.pki.certificateFromPem(caCertPem);
  const caKey = forge.pki.privateKeyFromPem(caKeyPem);
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.forgePublic;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  // Under 398 days: browsers refuse longer-lived server certificates.
  cert.validity.notAfter = new Date(Date.now() + 397 * 24 * 3600_000);
  cert.setSubject([{ name: "commonName", value: dns[0] ?? "localhost" }]);
  cert.setIssuer(ca.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [...dns.map((value) => ({ type: 2, value })), ...ips.map((ip) => ({ type: 7, ip }))] },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

/** True when the certificate is still valid for 30 days and covers every wanted name. */
function serverCertFits(certPem: string, dns: string[], ips: string[]): boolean {
  try {
    const x = new X509Certificate(certPem);
    if (new Date(x.validTo).getTime() < Date.now() + 30 * 24 * 3600_000) return false;
    const san = x.subjectAltName ?? "";
    return dns.every((d) => san.includes(`DNS:${d}`)) && ips.every((ip) => x.checkIP(ip) !== undefined);
  } catch {
    return false;
  }
}

export function loadOrCreateTls(dataDir: string, extraDns: string[] = []): TlsMaterial {
  const dir = path.join(dataDir, "tls");
  mkdirSync(dir, { recursive: true });
  const f = (n: string) => path.join(dir, n);
  if (!existsSync(f("ca.pem")) || !existsSync(f("ca-key.pem"))) {
    const ca = createCa();
    writeFileSync(f("ca-key.pem"), ca.keyPem, { mode: 0o600 });
    writeFileSync(f("ca.pem"), ca.certPem);
  }
  const caPem = readFileSync(f("ca.pem"), "utf8");
  const dns = [...new Set([...DEFAULT_SAN_DNS, ...extraDns])];
  if (!existsSync(f("server.pem")) || !existsSync(f("server-key.pem")) || !serverCertFits(readFileSync(f("server.pem"), "utf8"), dns, DEFAULT_SAN_IPS)) {
    const server = createServerCert(caPem, readFileSync(f("ca-key.pem"), "utf8"), dns, DEFAULT_SAN_IPS);
    writeFileSync(f("server-key.pem"), server.keyPem, { mode: 0o600 });
    writeFileSync(f("server.pem"), server.certPem);
  }
  return { caPem, caPath: f("ca.pem"), certPem: readFileSync(f("server.pem"), "utf8"), keyPem: readFileSync(f("server-key.pem"), "utf8") };
}
