/**
 * Which methods a user may use right now, from the migration state, the legacy MFA/SSPR settings and
 * the authentication methods policy (issue #4 owns and completes this file; the signature is used by the
 * sign-in engine, My Security Info, the registration campaign and the scenario runner and must stay).
 */
import type { TenantState } from "./state";
import type { AuthMethodKind } from "./method-kinds";
import { isMethodEnabledForUser } from "./methods-policy";

export interface UsableMethods {
  /** Methods the user may sign in with (first factor or passwordless). */
  signIn: AuthMethodKind[];
  /** Methods that may satisfy a second factor (MFA). */
  mfa: AuthMethodKind[];
  /** Methods usable for self-service password reset. */
  sspr: AuthMethodKind[];
  /** Methods the user may register (My Security Info). */
  registration: AuthMethodKind[];
}

/** Placeholder until issue #4: only the new policy, no legacy union. */
export function usableMethods(state: TenantState, userId: string): UsableMethods {
  const on = (id: string) => isMethodEnabledForUser(state, id, userId);
  const mfa: AuthMethodKind[] = [];
  if (on("MicrosoftAuthenticator")) mfa.push("microsoftAuthenticatorPush");
  if (on("SoftwareOath")) mfa.push("softwareOath");
  if (on("Sms")) mfa.push("sms");
  if (on("Voice")) mfa.push("voice");
  if (on("Fido2")) mfa.push("fido2");
  const signIn: AuthMethodKind[] = ["password"];
  if (on("TemporaryAccessPass")) signIn.push("temporaryAccessPass");
  return { signIn, mfa, sspr: [], registration: [...mfa, ...(on("Email") ? (["email"] as AuthMethodKind[]) : [])] };
}
