/**
 * The `amr` claim and the method kinds a sign-in satisfied (behavior.md 5.7, 5.9). One place maps the
 * methods a person used to what tokens say and to what Conditional Access reads back on refresh.
 */
import type { AuthMethodKind } from "./method-kinds";

/** How the first factor was proved. `federated` = an assertion from the domain's federated IdP. */
export type FirstFactor = "password" | "temporaryAccessPass" | "federated" | "sms";

/** The second factors the hosted pages can run. */
export type SecondFactor = "softwareOath" | "sms" | "microsoftAuthenticatorPush";

const FIRST_AMR: Record<FirstFactor, string[]> = {
  password: ["pwd"],
  // [INFERRED] 5.9: a TAP is a one-time code that satisfies MFA on its own (1.31, 1.32).
  temporaryAccessPass: ["otp", "mfa"],
  federated: ["fed"],
  // SMS sign-in is a one-time passcode by text (5.7 `otp`); it is not MFA (2.32, 3.31).
  sms: ["otp"],
};

const SECOND_AMR: Record<SecondFactor, string> = {
  softwareOath: "otp",
  sms: "otp",
  // 5.7: `rsa` = proof of an RSA key, e.g. Microsoft Authenticator.
  microsoftAuthenticatorPush: "rsa",
};

/**
 * `amr` for a sign-in: TAP -> ["otp","mfa"], password -> ["pwd"], password + second factor ->
 * ["pwd","mfa", <second>] (behavior.md 5.9 [INFERRED]); federated -> ["fed"] (+ "mfa", <second>).
 */
export function amrFor(first: FirstFactor, second: SecondFactor | null = null): string[] {
  const base = [...FIRST_AMR[first]];
  if (!second) return base;
  const out = base.filter((v) => v !== "mfa");
  out.push("mfa");
  const extra = SECOND_AMR[second];
  if (!out.includes(extra)) out.push(extra);
  return out;
}

/** Method kinds satisfied by a sign-in, as the Conditional Access engine and strengths read them. */
export function satisfiedMethods(first: FirstFactor, second: SecondFactor | null = null): AuthMethodKind[] {
  const firstKind: AuthMethodKind = first === "temporaryAccessPass" ? "temporaryAccessPass" : first === "sms" ? "sms" : "password";
  return second ? [firstKind, second] : [firstKind];
}

/**
 * The method kinds a refresh token's original sign-in satisfied, recovered from its `amr` (refresh
 * tokens carry `amr`, not the method list). A TAP session is recognised by its pass id.
 */
export function methodsFromAmr(amr: string[], tapId: string | null): AuthMethodKind[] {
  if (tapId) return ["temporaryAccessPass"];
  const out: AuthMethodKind[] = [];
  if (amr.includes("pwd") || amr.includes("fed")) out.push("password");
  else if (amr.includes("otp") && !amr.includes("mfa")) out.push("sms");
  if (amr.includes("mfa")) {
    if (!out.length) out.push("password");
    out.push(amr.includes("rsa") ? "microsoftAuthenticatorPush" : "softwareOath");
  }
  return out;
}

/** Whether `amr` records a multifactor authentication. */
export const amrHasMfa = (amr: string[]) => amr.includes("mfa");
