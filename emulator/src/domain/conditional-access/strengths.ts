/**
 * Authentication strengths (behavior.md 3.30-3.35): the three read-only built-in strengths, custom ones
 * from the tenant, and the test "do the methods used in this sign-in satisfy this strength?".
 */
import type { TenantState } from "../state";
import type { AuthMethodKind } from "../method-kinds";
import type { AuthenticationStrengthPolicy } from "./types";

export const STRENGTH_ID = {
  mfa: "00000000-0000-0000-0000-000000000002",
  passwordlessMfa: "00000000-0000-0000-0000-000000000003",
  phishingResistantMfa: "00000000-0000-0000-0000-000000000004",
} as const;

/** authenticationMethodModes members (Graph enum), minus unknownFutureValue. */
export const AUTHENTICATION_METHOD_MODES = [
  "password", "voice", "hardwareOath", "softwareOath", "sms", "fido2", "windowsHelloForBusiness",
  "microsoftAuthenticatorPush", "deviceBasedPush", "temporaryAccessPassOneTime", "temporaryAccessPassMultiUse",
  "email", "x509CertificateSingleFactor", "x509CertificateMultiFactor", "federatedSingleFactor", "federatedMultiFactor",
  "qrCodePin",
] as const;
export type AuthenticationMethodMode = (typeof AUTHENTICATION_METHOD_MODES)[number];

// As the service returns them (examples/ca-whatif-evaluate-beta.json).
const BUILT_IN_DATE = "2021-12-01T08:00:00Z";

/**
 * The built-in strengths exactly as Graph lists them (GD authenticationstrengthroot-list-policies.md,
 * behavior.md 3.30). TAP (one-time and multi-use) is only in the MFA strength (3.31).
 */
export const BUILT_IN_STRENGTHS: readonly AuthenticationStrengthPolicy[] = [
  {
    id: STRENGTH_ID.mfa, createdDateTime: BUILT_IN_DATE, modifiedDateTime: BUILT_IN_DATE,
    displayName: "Multifactor authentication",
    description: "Combinations of methods that satisfy strong authentication, such as a password + SMS",
    policyType: "builtIn", requirementsSatisfied: "mfa",
    allowedCombinations: [
      "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush",
      "temporaryAccessPassOneTime", "temporaryAccessPassMultiUse",
      "password,microsoftAuthenticatorPush", "password,softwareOath", "password,hardwareOath",
      "password,x509CertificateSingleFactor", "password,x509CertificateMultiFactor", "password,sms", "password,voice",
      "federatedMultiFactor", "microsoftAuthenticatorPush,federatedSingleFactor", "softwareOath,federatedSingleFactor",
      "hardwareOath,federatedSingleFactor", "sms,federatedSingleFactor", "voice,federatedSingleFactor",
    ],
  },
  {
    id: STRENGTH_ID.passwordlessMfa, createdDateTime: BUILT_IN_DATE, modifiedDateTime: BUILT_IN_DATE,
    displayName: "Passwordless MFA",
    description: "Passwordless methods that satisfy strong authentication, such as Passwordless sign-in with the Microsoft Authenticator",
    policyType: "builtIn", requirementsSatisfied: "mfa",
    allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush"],
  },
  {
    id: STRENGTH_ID.phishingResistantMfa, createdDateTime: BUILT_IN_DATE, modifiedDateTime: BUILT_IN_DATE,
    displayName: "Phishing resistant MFA",
    description: "Phishing resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key",
    policyType: "builtIn", requirementsSatisfied: "mfa",
    allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
  },
];

/** At most 15 custom strengths per tenant (behavior.md 3.30). */
export const MAX_CUSTOM_STRENGTHS = 15;

export function allStrengths(state: TenantState): AuthenticationStrengthPolicy[] {
  return [...BUILT_IN_STRENGTHS, ...state.conditionalAccess.authenticationStrengths];
}

export function findStrength(state: TenantState, id: string): AuthenticationStrengthPolicy | undefined {
  const key = id.toLowerCase();
  return allStrengths(state).find((s) => s.id.toLowerCase() === key);
}

export interface SatisfiedOptions {
  /** Whether the TAP used was one-time; unknown (undefined) counts as both kinds. */
  tapIsUsableOnce?: boolean;
  /** Whether certificate-based authentication counted as multifactor (default: single factor). */
  x509MultiFactor?: boolean;
  /** Extra modes the caller knows were satisfied (e.g. federatedMultiFactor from a federated IdP). */
  extraModes?: readonly string[];
}

/** Translates the methods used in a sign-in into authenticationMethodModes. */
export function modesFromMethods(methods: readonly AuthMethodKind[], opts: SatisfiedOptions = {}): Set<string> {
  const modes = new Set<string>(opts.extraModes ?? []);
  for (const m of methods) {
    switch (m) {
      case "temporaryAccessPass":
        if (opts.tapIsUsableOnce !== false) modes.add("temporaryAccessPassOneTime");
        if (opts.tapIsUsableOnce !== true) modes.add("temporaryAccessPassMultiUse");
        break;
      case "microsoftAuthenticatorPasswordless": modes.add("deviceBasedPush"); break;
      case "x509Certificate": modes.add(opts.x509MultiFactor ? "x509CertificateMultiFactor" : "x509CertificateSingleFactor"); break;
      case "securityQuestions": break; // never an authentication factor for sign-in
      default: modes.add(m);
    }
  }
  return modes;
}

/** True when one allowed combination ("password,sms") is fully covered by `modes`. */
export function satisfiesCombination(combination: string, modes: ReadonlySet<string>): boolean {
  return combination.split(",").map((s) => s.trim()).every((m) => modes.has(m));
}

export function satisfiesStrength(strength: AuthenticationStrengthPolicy, modes: ReadonlySet<string>): boolean {
  return strength.allowedCombinations.some((c) => satisfiesCombination(c, modes));
}

/**
 * The built-in **Require MFA** grant: satisfied by anything the MFA strength accepts (TAP included,
 * behavior.md 1C; Windows Hello for Business, 3.36). SMS sign-in or password alone do not (3.31).
 */
export function satisfiesMfa(modes: ReadonlySet<string>): boolean {
  return satisfiesStrength(BUILT_IN_STRENGTHS[0], modes);
}
