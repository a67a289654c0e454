/**
 * Salted hashing with scrypt. The cost is deliberately low (N=1024): these are emulator credentials,
 * and test suites create hundreds of users; the point is that no plaintext is ever stored.
 * Format: `scrypt$<N>$<salt b64url>$<hash b64url>`.
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import type { Secrets } from "../domain/ports";

const N = 1024;
const KEYLEN = 32;

export const scryptSecrets: Secrets = {
  hash(plain) {
    const salt = randomBytes(16);
    const hash = scryptSync(plain, salt, KEYLEN, { N });
    return `scrypt$${N}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
  },
  verify(plain, hashed) {
    const parts = hashed.split("$");
    if (parts.length !== 4 || parts[0] !== "scrypt") return false;
    const n = Number(parts[1]);
    if (!Number.isInteger(n) || n < 2 || n > 1 << 20) return false;
    const expected = Buffer.from(parts[3], "base64url");
    const actual = scryptSync(plain, Buffer.from(parts[2], "base64url"), expected.length || KEYLEN, { N: n });
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  },
  digest(plain) {
    return createHash("sha256").update(plain).digest("base64url");
  },
};
