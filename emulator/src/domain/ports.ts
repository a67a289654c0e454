/**
 * The interfaces the domain needs from the outside world. They are defined here and implemented
 * outside `domain/` (see `infra/`), so every rule can be tested with a frozen clock and fixed ids.
 */

/** The process-wide time source. Tenant clocks are offsets over it (see `tenantNow`). */
export interface Clock {
  now(): Date;
}

/** Id and secret generation: cryptographically secure in production, predictable in tests if wanted. */
export interface Ids {
  uuid(): string;
  /** `bytes` random bytes as base64url (for opaque codes and tokens). */
  opaque(bytes?: number): string;
  /** A random integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** A random string of `length` characters drawn from `alphabet`, uniformly. */
  fromAlphabet(alphabet: string, length: number): string;
}

/** One-way salted hashing for passwords, client secrets, TAP values and refresh tokens. */
export interface Secrets {
  hash(plain: string): string;
  verify(plain: string, hashed: string): boolean;
  /** A deterministic (unsalted) digest, for looking up opaque tokens by value without storing them. */
  digest(plain: string): string;
}

/** Everything a domain operation may need besides the tenant state itself. */
export interface DomainDeps {
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
}
