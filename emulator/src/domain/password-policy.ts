/**
 * Entra's password rule for cloud users (Microsoft's password-policy reference): 8-256 characters and
 * three of the four classes lower case, upper case, digits, symbols. Used by user creation and update and
 * by the admin password reset, so every way of setting a password applies the same rule.
 */
import type { Ids } from "./ports";

export function meetsComplexity(password: string): boolean {
  if (password.length < 8 || password.length > 256) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}

/** Letters and digits without look-alikes (0/O, 1/l/I), as a temporary password is read to a user. */
const TEMPORARY_PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** A random 12-character temporary password that satisfies the rule (drawn again until it does). */
export function temporaryPassword(ids: Ids): string {
  for (;;) {
    const candidate = ids.fromAlphabet(TEMPORARY_PASSWORD_ALPHABET, 12);
    if (meetsComplexity(candidate)) return candidate;
  }
}
