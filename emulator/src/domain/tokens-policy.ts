/**
 * Token lifetimes (behavior.md §5): access tokens live a random 60-90 minutes, ID tokens 1 hour,
 * refresh tokens 90 days. Tokens from a TAP sign-in never outlive the pass (rule 1.36, 5.6).
 */
import type { Ids } from "./ports";

export const ID_TOKEN_LIFETIME_SECONDS = 3600;
export const REFRESH_TOKEN_LIFETIME_SECONDS = 90 * 24 * 3600;

export interface TokenLifetimes {
  accessExpiresAt: Date;
  idExpiresAt: Date;
  refreshExpiresAt: Date;
}

/** Lifetimes for tokens issued at `now`, capped at `capAt` (the TAP's expiry) when given. */
export function tokenLifetimes(now: Date, ids: Ids, capAt?: Date | null): TokenLifetimes {
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  const cap = (d: Date) => (capAt && capAt.getTime() < d.getTime() ? new Date(capAt) : d);
  return {
    accessExpiresAt: cap(at(ids.int(60, 90) * 60)),
    idExpiresAt: cap(at(ID_TOKEN_LIFETIME_SECONDS)),
    refreshExpiresAt: cap(at(REFRESH_TOKEN_LIFETIME_SECONDS)),
  };
}
