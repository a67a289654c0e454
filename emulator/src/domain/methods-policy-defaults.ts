/**
 * A fresh real tenant's authentication methods policy, from Microsoft's documented GET example and
 * property defaults (behavior.md 1.1, 1.3, 2.1, 2.2, 2.23, 2.28, 2.29; surface.md §4). Every value is
 * Graph-shaped; `DELETE .../authenticationMethodConfigurations/{id}` restores these.
 */
import type { MethodConfigurationId } from "./method-kinds";

type Json = Record<string, unknown>;

export const POLICY_DISPLAY_NAME = "Authentication Methods Policy";
export const POLICY_DESCRIPTION =
  "The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings";
/** The doc example's version; the emulator does not bump it on changes (Microsoft never documents how it moves). */
export const POLICY_VERSION = "1.4";

/** The whole tenant as a method target (`all_users`). */
export const allUsersTarget = (extra: Json = {}): Json => ({ targetType: "group", id: "all_users", isRegistrationRequired: false, ...extra });

/** Authenticator feature defaults: "Microsoft managed" (`default`), shown as disabled today (behavior.md 2.28). */
const feature = (state: string): Json => ({
  state,
  includeTarget: { targetType: "group", id: "all_users" },
  excludeTarget: { targetType: "group", id: "00000000-0000-0000-0000-000000000000" },
});

/** `@odata.type` names per configuration id (surface.md §4.4). */
export const CONFIGURATION_TYPES: Record<MethodConfigurationId, string> = {
  Fido2: "fido2AuthenticationMethodConfiguration",
  MicrosoftAuthenticator: "microsoftAuthenticatorAuthenticationMethodConfiguration",
  Sms: "smsAuthenticationMethodConfiguration",
  TemporaryAccessPass: "temporaryAccessPassAuthenticationMethodConfiguration",
  Email: "emailAuthenticationMethodConfiguration",
  SoftwareOath: "softwareOathAuthenticationMethodConfiguration",
  Voice: "voiceAuthenticationMethodConfiguration",
  X509Certificate: "x509CertificateAuthenticationMethodConfiguration",
  // beta only (surface.md §4.4)
  HardwareOath: "hardwareOathAuthenticationMethodConfiguration",
};

/** One configuration's defaults. */
export function defaultMethodConfiguration(id: MethodConfigurationId): Json {
  switch (id) {
    case "Fido2":
      return {
        id, state: "disabled", isSelfServiceRegistrationAllowed: true, isAttestationEnforced: true,
        keyRestrictions: { isEnforced: false, enforcementType: "block", aaGuids: [] },
        includeTargets: [allUsersTarget()], excludeTargets: [],
      };
    case "MicrosoftAuthenticator":
      return {
        id, state: "disabled", isSoftwareOathEnabled: false,
        featureSettings: {
          displayAppInformationRequiredState: feature("default"),
          displayLocationInformationRequiredState: feature("default"),
          // beta only; number matching is always on and cannot be turned off (behavior.md 2.25, 2.26).
          numberMatchingRequiredState: feature("enabled"),
          companionAppAllowedState: feature("default"),
        },
        includeTargets: [allUsersTarget({ authenticationMode: "any" })], excludeTargets: [],
      };
    case "Sms":
      return { id, state: "enabled", includeTargets: [allUsersTarget({ isUsableForSignIn: true })], excludeTargets: [] };
    case "TemporaryAccessPass":
      return {
        id, state: "disabled", defaultLifetimeInMinutes: 60, defaultLength: 8, minimumLifetimeInMinutes: 60,
        maximumLifetimeInMinutes: 480, isUsableOnce: false, includeTargets: [allUsersTarget()], excludeTargets: [],
      };
    case "Email":
      return { id, state: "enabled", allowExternalIdToUseEmailOtp: "default", includeTargets: [], excludeTargets: [] };
    case "SoftwareOath":
      return { id, state: "disabled", includeTargets: [allUsersTarget()], excludeTargets: [] };
    case "Voice":
      return { id, state: "disabled", isOfficePhoneAllowed: false, includeTargets: [allUsersTarget()], excludeTargets: [] };
    case "HardwareOath":
      // Beta only; no properties beyond the base configuration.
      return { id, state: "disabled", includeTargets: [allUsersTarget()], excludeTargets: [] };
    case "X509Certificate":
      return {
        id, state: "disabled",
        certificateUserBindings: [
          { x509CertificateField: "PrincipalName", userProperty: "onPremisesUserPrincipalName", priority: 1, trustAffinityLevel: "low" },
          { x509CertificateField: "RFC822Name", userProperty: "userPrincipalName", priority: 2, trustAffinityLevel: "low" },
          { x509CertificateField: "SubjectKeyIdentifier", userProperty: "certificateUserIds", priority: 3, trustAffinityLevel: "high" },
        ],
        authenticationModeConfiguration: {
          x509CertificateAuthenticationDefaultMode: "x509CertificateSingleFactor",
          x509CertificateDefaultRequiredAffinityLevel: "low",
          rules: [],
        },
        crlValidationConfiguration: { state: "disabled", exemptedCertificateAuthoritiesSubjectKeyIdentifiers: [] },
        issuerHintsConfiguration: { state: "disabled" },
        certificateAuthorityScopes: [],
        includeTargets: [allUsersTarget()], excludeTargets: [],
      };
  }
}

export function defaultMethodConfigurations(): Record<string, Json> {
  return Object.fromEntries(
    (Object.keys(CONFIGURATION_TYPES) as MethodConfigurationId[]).map((id) => [id, defaultMethodConfiguration(id)]),
  );
}

/** The registration campaign's defaults: Microsoft managed, 1-day snooze, Authenticator for all users (2.23). */
export function defaultRegistrationCampaign(): Json {
  return {
    snoozeDurationInDays: 1,
    enforceRegistrationAfterAllowedSnoozes: true,
    state: "default",
    excludeTargets: [],
    includeTargets: [{ id: "all_users", targetType: "group", targetedAuthenticationMethod: "microsoftAuthenticator" }],
  };
}

/** The root policy of a fresh tenant; `lastModifiedDateTime` is set when the tenant is seeded. */
export function defaultPolicyRoot(): Json {
  return {
    id: "authenticationMethodsPolicy",
    displayName: POLICY_DISPLAY_NAME,
    description: POLICY_DESCRIPTION,
    lastModifiedDateTime: null,
    policyVersion: POLICY_VERSION,
    policyMigrationState: "preMigration",
    reconfirmationInDays: null,
    registrationEnforcement: { authenticationMethodsRegistrationCampaign: defaultRegistrationCampaign() },
    // beta only (surface.md §4.2); "default" = Microsoft managed: report suspicious activity is disabled (2.29).
    reportSuspiciousActivitySettings: { state: "default", includeTarget: { targetType: "group", id: "all_users" }, voiceReportingCode: 0 },
    // beta only; system-preferred MFA is Microsoft managed = enabled (2.29).
    systemCredentialPreferences: { state: "default", includeTargets: [{ targetType: "group", id: "all_users" }], excludeTargets: [] },
    microsoftAuthenticatorPlatformSettings: { enforceAppPIN: { includeTargets: [], excludeTargets: [] } },
  };
}
