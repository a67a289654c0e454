import type { Clock } from "./ports";

/**
 * Every tenant has its own clock: the process clock plus a persisted offset, so a test can move one
 * tenant forward in time (TAP expiry, token expiry, 10-minute windows) without touching the others.
 */
export interface TenantClockState {
  offsetMs: number;
}

export function tenantNow(clock: Clock, tenantClock: TenantClockState): Date {
  return new Date(clock.now().getTime() + tenantClock.offsetMs);
}

/** The offset that makes the tenant clock read `target` now. */
export function offsetFor(clock: Clock, target: Date): number {
  return target.getTime() - clock.now().getTime();
}

export const iso = (d: Date) => d.toISOString();
