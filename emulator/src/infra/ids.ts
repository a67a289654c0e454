/** Cryptographically secure ids and random values (node:crypto). */
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import type { Ids } from "../domain/ports";

export const cryptoIds: Ids = {
  uuid: () => randomUUID(),
  opaque: (bytes = 32) => randomBytes(bytes).toString("base64url"),
  int: (min, max) => randomInt(min, max + 1),
  fromAlphabet(alphabet, length) {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[randomInt(0, alphabet.length)];
    return out;
  },
};
