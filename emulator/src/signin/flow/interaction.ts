/**
 * An in-flight interactive sign-in: who is signing in, to what, which step they are at and what they
 * have proved so far. The engine moves it through
 * username -> (tap | password | federation | smsSignIn code) -> [second factor] -> done,
 * with Conditional Access evaluated after the first factor (behavior.md 3.6) and again after the second.
 */
import type { FirstFactor, SecondFactor } from "../../domain/amr";
import type { CaEvaluation, UserAction } from "../../domain/conditional-access/evaluate";

/** The validated /authorize request an interaction answers. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  responseMode: "query" | "fragment" | "form_post";
  scope: string;
  state: string | null;
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: "S256" | null;
  prompt: string | null;
  loginHint: string | null;
  domainHint: string | null;
}

export type InteractionPurpose =
  | { kind: "authorize"; request: AuthorizeRequest }
  | { kind: "device"; deviceCodeDigest: string; clientId: string }
  | { kind: "securityInfo" };

/** `federation` = the user is sent to the domain's federated IdP; `done` = authenticated, ready to answer. */
export type Step = "username" | "tap" | "password" | "federation" | "smsSignIn" | "secondFactor" | "deviceConfirm" | "done" | "failed";

export interface Challenge {
  method: SecondFactor | "smsSignIn";
  /** Outbox message (SMS code or push request). */
  messageId: string | null;
  /** Digest of the SMS code sent. */
  codeDigest: string | null;
  numberToMatch: number | null;
}

/** One authentication step for the sign-in log's authenticationDetails. */
export interface StepDetail {
  authenticationStepDateTime: string;
  authenticationMethod: string;
  authenticationMethodDetail: string | null;
  succeeded: boolean;
  authenticationStepResultDetail: string;
  authenticationStepRequirement: string;
}

export interface Interaction {
  id: string;
  /** The tenant, once known (from the URL, the username or the device code). */
  tenantId: string | null;
  /** The `{tenant}` segment the flow's URLs use. */
  segment: string;
  purpose: InteractionPurpose;
  /** The app signed in to (appId); null for My Security Info (a user action). */
  appId: string | null;
  userAction: UserAction | null;
  /** Process-clock instant after which the interaction is forgotten. */
  expiresAtMs: number;
  step: Step;
  userId: string | null;
  username: string | null;
  first: FirstFactor | null;
  second: SecondFactor | null;
  /** The pass the session is bound to, when the first factor was a TAP. */
  tapId: string | null;
  tapExpiresAt: string | null;
  tapConsumed: boolean;
  /** Whether MFA was required by policy (sign-in log authenticationRequirement). */
  mfaRequired: boolean;
  /** Strength combinations the second factor must complete, null = any MFA method. */
  allowedCombinations: string[][] | null;
  secondOptions: SecondFactor[];
  challenge: Challenge | null;
  details: StepDetail[];
  lastEvaluation: CaEvaluation | null;
  /** Instant of first-factor authentication (tenant clock, ISO). */
  authTime: string | null;
  /** An existing SSO session this interaction steps up (its digest), if any. */
  sessionDigest: string | null;
  /** `domain_hint` naming a federated domain: go straight to its IdP (the user is named there). */
  federationDomain: string | null;
  error: { code: number | null; message: string } | null;
}

/** How long a person may take to finish signing in (process clock). */
export const INTERACTION_MINUTES = 60;

export function newInteraction(init: Pick<Interaction, "id" | "tenantId" | "segment" | "purpose" | "appId" | "userAction" | "expiresAtMs">): Interaction {
  return {
    ...init,
    step: "username",
    userId: null,
    username: null,
    first: null,
    second: null,
    tapId: null,
    tapExpiresAt: null,
    tapConsumed: false,
    mfaRequired: false,
    allowedCombinations: null,
    secondOptions: [],
    challenge: null,
    details: [],
    lastEvaluation: null,
    authTime: null,
    sessionDigest: null,
    federationDomain: null,
    error: null,
  };
}
