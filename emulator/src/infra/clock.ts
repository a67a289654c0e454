/** Clock implementations: the system clock for the server, a manual one for tests. */
import type { Clock } from "../domain/ports";

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; tests freeze time with it. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = "2026-01-15T09:00:00.000Z") {
    this.current = new Date(start).getTime();
  }
  now() {
    return new Date(this.current);
  }
  set(at: Date | string) {
    this.current = new Date(at).getTime();
  }
  advanceMinutes(minutes: number) {
    this.current += minutes * 60_000;
  }
}
