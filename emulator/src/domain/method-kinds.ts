/**
 * The authentication method kinds the rules talk about, shared by the methods policy, the migration
 * function, Conditional Access (authentication strengths) and the sign-in engine.
 */
export type AuthMethodKind =
  | "password"
  | "temporaryAccessPass"
  | "sms"
  | "voice"
  | "email"
  | "microsoftAuthenticatorPush"
  | "microsoftAuthenticatorPasswordless"
  | "softwareOath"
  | "hardwareOath"
  | "fido2"
  | "windowsHelloForBusiness"
  | "x509Certificate"
  | "securityQuestions";

/**
 * Method configuration ids of the authentication methods policy (Graph spelling). `HardwareOath` exists
 * only in Graph beta (surface.md §1, §4.4): v1.0 neither lists nor serves it (`V1_METHOD_CONFIGURATION_IDS`).
 */
export const METHOD_CONFIGURATION_IDS = [
  "Fido2", "MicrosoftAuthenticator", "Sms", "TemporaryAccessPass", "Email", "SoftwareOath", "Voice", "X509Certificate", "HardwareOath",
] as const;
export type MethodConfigurationId = (typeof METHOD_CONFIGURATION_IDS)[number];

/** The configurations Graph v1.0 knows (beta adds `HardwareOath`). */
export const V1_METHOD_CONFIGURATION_IDS: readonly MethodConfigurationId[] = METHOD_CONFIGURATION_IDS.filter((id) => id !== "HardwareOath");

/** The canonical configuration id for any casing (`temporaryAccessPass`, `FIDO2`...), or undefined. */
export function canonicalMethodConfigurationId(id: string): MethodConfigurationId | undefined {
  return METHOD_CONFIGURATION_IDS.find((m) => m.toLowerCase() === id.toLowerCase());
}
