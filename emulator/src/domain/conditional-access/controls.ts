/**
 * Grant and session controls of a policy that applies (behavior.md 3.26-3.36): which controls are
 * required, which are already met by the sign-in, and whether the unmet ones could be met by the user
 * acting (MFA, a strength, password change, terms of use) or not at all (block, device state).
 */
import type { TenantState } from "../state";
import type { CaGrantControls } from "./types";
import { findStrength, satisfiesMfa, satisfiesStrength, STRENGTH_ID } from "./strengths";

export interface DeviceFacts {
  isCompliant?: boolean;
  /** `AzureAD` (joined), `ServerAD` (hybrid joined), `Workplace` (registered). */
  trustType?: string | null;
}

export interface GrantInputs {
  modes: ReadonlySet<string>;
  device: DeviceFacts | null;
  passwordChanged: boolean;
  acceptedTermsOfUse: readonly string[];
  /** Skip the policy's authentication strength (the registration exception, behavior.md 3.33). */
  ignoreStrength: boolean;
}

export type GrantStatus = "satisfied" | "interactionRequired" | "failed";

export interface GrantCheck {
  status: GrantStatus;
  /** builtInControls plus `authenticationStrength:<id>`, `termsOfUse:<id>`, `custom:<id>`. */
  required: string[];
  enforcedGrantControls: string[];
  /** Unmet controls the user could satisfy by acting (in the same keys as `required`). */
  unmetInteractive: string[];
  /** Unmet controls no prompt can satisfy (block, compliant device...). */
  unmetNonInteractive: string[];
  /** The strength this policy requires (unless ignored), and whether it is already satisfied. */
  strength: { id: string; satisfied: boolean; allowedCombinations: string[] } | null;
}

const DISPLAY: Record<string, string> = {
  block: "Block",
  mfa: "Require multifactor authentication",
  compliantDevice: "Require device to be marked as compliant",
  domainJoinedDevice: "Require Microsoft Entra hybrid joined device",
  approvedApplication: "Require approved client app",
  compliantApplication: "Require app protection policy",
  passwordChange: "Require password change",
  riskRemediation: "Require risk remediation",
};

interface Item { key: string; display: string; satisfied: boolean; interactive: boolean }

/**
 * Evaluates a policy's grant controls. AND needs every control, OR any one (3.26-3.27). A block
 * control is never satisfied (3.4). Returns `satisfied` when no grant control is configured.
 */
export function evaluateGrant(state: TenantState, grant: CaGrantControls | null, input: GrantInputs): GrantCheck {
  const items: Item[] = [];
  let strength: GrantCheck["strength"] = null;
  for (const control of grant?.builtInControls ?? []) {
    const display = DISPLAY[control] ?? control;
    switch (control) {
      case "block": items.push({ key: control, display, satisfied: false, interactive: false }); break;
      case "mfa": items.push({ key: control, display, satisfied: satisfiesMfa(input.modes), interactive: true }); break;
      case "compliantDevice": items.push({ key: control, display, satisfied: input.device?.isCompliant === true, interactive: false }); break;
      case "domainJoinedDevice": items.push({ key: control, display, satisfied: input.device?.trustType === "ServerAD", interactive: false }); break;
      case "passwordChange": items.push({ key: control, display, satisfied: input.passwordChanged, interactive: true }); break;
      case "riskRemediation": items.push({ key: control, display, satisfied: false, interactive: true }); break;
      // App protection and approved client apps need Intune-managed apps, which the emulator has none of.
      default: items.push({ key: control, display, satisfied: false, interactive: false });
    }
  }
  if (grant?.authenticationStrength && !input.ignoreStrength) {
    const s = findStrength(state, grant.authenticationStrength.id) ?? findStrength(state, STRENGTH_ID.mfa)!;
    const satisfied = satisfiesStrength(s, input.modes);
    strength = { id: s.id, satisfied, allowedCombinations: s.allowedCombinations };
    items.push({ key: `authenticationStrength:${s.id}`, display: "Require authentication strength", satisfied, interactive: true });
  }
  for (const id of grant?.termsOfUse ?? [])
    items.push({ key: `termsOfUse:${id}`, display: "Require terms of use", satisfied: input.acceptedTermsOfUse.includes(id), interactive: true });
  for (const id of grant?.customAuthenticationFactors ?? [])
    items.push({ key: `custom:${id}`, display: id, satisfied: false, interactive: true });

  const unmet = items.filter((i) => !i.satisfied);
  let status: GrantStatus;
  if (items.length === 0) status = "satisfied";
  else if ((grant?.operator ?? "OR") === "AND") {
    status = unmet.length === 0 ? "satisfied" : unmet.some((i) => !i.interactive) ? "failed" : "interactionRequired";
  } else {
    status = unmet.length < items.length ? "satisfied" : unmet.some((i) => i.interactive) ? "interactionRequired" : "failed";
  }
  return {
    status,
    required: items.map((i) => i.key),
    enforcedGrantControls: items.map((i) => i.display),
    unmetInteractive: status === "satisfied" ? [] : unmet.filter((i) => i.interactive).map((i) => i.key),
    unmetNonInteractive: status === "satisfied" ? [] : unmet.filter((i) => !i.interactive).map((i) => i.key),
    strength,
  };
}

const SESSION_DISPLAY: Record<string, string> = {
  applicationEnforcedRestrictions: "Use app enforced restrictions",
  cloudAppSecurity: "Use Conditional Access App Control",
  signInFrequency: "Sign-in frequency",
  persistentBrowser: "Persistent browser session",
  secureSignInSession: "Require token protection for sign-in sessions",
};

/** Display names of the session controls a policy turns on (applied after every grant, 3.5). */
export function enforcedSessionControls(session: Record<string, unknown> | null): string[] {
  if (!session) return [];
  const out: string[] = [];
  for (const [key, display] of Object.entries(SESSION_DISPLAY)) {
    const v = session[key] as { isEnabled?: boolean } | null | undefined;
    if (v && v.isEnabled !== false) out.push(display);
  }
  if (session.disableResilienceDefaults === true) out.push("Disable resilience defaults");
  return out;
}
