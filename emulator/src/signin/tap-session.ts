/**
 * What a sign-in made with a Temporary Access Pass is bound to (behavior.md 1.36): its codes, tokens and
 * SSO session never outlive the pass. The pass must still be the user's (not deleted or replaced:
 * AADSTS50173) and unexpired by the tenant clock (AADSTS700082). One check for every grant and the session.
 */
import type { TenantState } from "../domain/state";
import { storedTap, tapExpiresAt } from "../domain/tap";

export type TapBinding = { ok: true; expiresAt: Date | null } | { ok: false; code: 50173 | 700082 };

/** For a sign-in bound to `tapId` (null: not a TAP sign-in), the pass's expiry, or why it no longer counts. */
export function tapBinding(state: TenantState, userId: string, tapId: string | null, now: Date): TapBinding {
  if (!tapId) return { ok: true, expiresAt: null };
  const tap = storedTap(state, userId);
  if (!tap || tap.id !== tapId) return { ok: false, code: 50173 };
  const expiresAt = tapExpiresAt(tap);
  return expiresAt <= now ? { ok: false, code: 700082 } : { ok: true, expiresAt };
}
