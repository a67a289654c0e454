/**
 * The token signing key (RS256). Generated on first start and kept in the data dir so tokens stay
 * verifiable across restarts; in memory mode a fresh key per process. Published as a JWKS with `kid`.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from "jose";

export interface SigningKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKeys> {
  const { d, p, q, dp, dq, qi, ...pub } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint(pub));
  const privateKey = (await importJWK({ ...jwk, alg: "RS256" }, "RS256")) as CryptoKey;
  const publicKey = (await importJWK({ ...pub, alg: "RS256" }, "RS256")) as CryptoKey;
  return { kid, privateKey, publicKey, publicJwk: { ...pub, kid, use: "sig", alg: "RS256" } };
}

/** A new RSA private key as a JWK whose `kid` is the public key's thumbprint. */
async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const { d, p, q, dp, dq, qi, ...pub } = jwk;
  jwk.kid = await calculateJwkThumbprint(pub);
  return jwk;
}

export async function generateSigningKeys(): Promise<SigningKeys> {
  return fromPrivateJwk(await newPrivateJwk());
}

/** Loads `<dataDir>/signing-key.json`, creating it on first start. */
export async function loadOrCreateSigningKeys(dataDir: string): Promise<SigningKeys> {
  const file = path.join(dataDir, "signing-key.json");
  if (existsSync(file)) return fromPrivateJwk(JSON.parse(readFileSync(file, "utf8")) as JWK);
  const jwk = await newPrivateJwk();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return fromPrivateJwk(jwk);
}
