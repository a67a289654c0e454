/**
 * zod schemas for PATCH bodies of the authentication methods policy and its method configurations
 * (surface.md §4; enums as Graph spells them). Unknown properties are refused with a 400 naming them;
 * beta-only properties are accepted only under /beta.
 */
import { z } from "zod";
import type { GraphVersion } from "../http/context";
import type { MethodConfigurationId } from "../domain/method-kinds";

const targetType = z.enum(["user", "group"]);
const baseTarget = {
  id: z.string().min(1),
  targetType: targetType.default("group"),
  isRegistrationRequired: z.boolean().default(false),
};
const methodTarget = z.strictObject(baseTarget);
const authenticatorTarget = z.strictObject({ ...baseTarget, authenticationMode: z.enum(["deviceBasedPush", "push", "any"]).default("any") });
// "Use for sign-in" is on by default (behavior.md 2.21).
const smsTarget = z.strictObject({ ...baseTarget, isUsableForSignIn: z.boolean().default(true) });
const passkeyTarget = z.strictObject({ ...baseTarget, allowedPasskeyProfiles: z.array(z.string()).optional() });
export const excludeTarget = z.strictObject({ id: z.string().min(1), targetType: targetType.default("group") });

const featureTarget = z.strictObject({ id: z.string().nullable(), targetType: z.enum(["group", "administrativeUnit", "role"]) });
const advancedConfigState = z.enum(["default", "enabled", "disabled"]);
const feature = z.strictObject({
  state: advancedConfigState.optional(),
  includeTarget: featureTarget.optional(),
  excludeTarget: featureTarget.optional(),
});

const common = {
  "@odata.type": z.string(),
  id: z.string().optional(),
  state: z.enum(["enabled", "disabled"]).optional(),
  excludeTargets: z.array(excludeTarget).optional(),
};
const int = z.number().int();

function configurationShape(id: MethodConfigurationId, version: GraphVersion): z.ZodRawShape {
  switch (id) {
    case "TemporaryAccessPass":
      return {
        ...common, includeTargets: z.array(methodTarget).optional(),
        defaultLifetimeInMinutes: int.optional(), defaultLength: int.optional(), minimumLifetimeInMinutes: int.optional(),
        maximumLifetimeInMinutes: int.optional(), isUsableOnce: z.boolean().optional(),
      };
    case "MicrosoftAuthenticator": {
      const features = {
        displayAppInformationRequiredState: feature.optional(),
        displayLocationInformationRequiredState: feature.optional(),
        // beta only (surface.md §4.4); number matching cannot be disabled (checked in the domain).
        ...(version === "beta" ? { numberMatchingRequiredState: feature.optional(), companionAppAllowedState: feature.optional() } : {}),
      };
      return {
        ...common, includeTargets: z.array(authenticatorTarget).optional(),
        featureSettings: z.strictObject(features).optional(), isSoftwareOathEnabled: z.boolean().optional(),
      };
    }
    case "Sms":
      return { ...common, includeTargets: z.array(smsTarget).optional() };
    case "Voice":
      return { ...common, includeTargets: z.array(methodTarget).optional(), isOfficePhoneAllowed: z.boolean().optional() };
    case "Email":
      return { ...common, includeTargets: z.array(methodTarget).optional(), allowExternalIdToUseEmailOtp: z.enum(["default", "enabled", "disabled"]).optional() };
    case "Fido2":
      return {
        ...common, includeTargets: z.array(passkeyTarget).optional(),
        isAttestationEnforced: z.boolean().optional(), isSelfServiceRegistrationAllowed: z.boolean().optional(),
        keyRestrictions: z.strictObject({
          isEnforced: z.boolean().optional(),
          enforcementType: z.enum(["allow", "block"]).optional(),
          aaGuids: z.array(z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "must be an AAGUID")).optional(),
        }).optional(),
      };
    case "SoftwareOath":
    case "HardwareOath":
      return { ...common, includeTargets: z.array(methodTarget).optional() };
    case "X509Certificate": {
      const affinity = z.enum(["low", "high"]);
      const mode = z.enum(["x509CertificateSingleFactor", "x509CertificateMultiFactor"]);
      return {
        ...common, includeTargets: z.array(methodTarget).optional(),
        certificateUserBindings: z.array(z.strictObject({
          x509CertificateField: z.string(), userProperty: z.string(), priority: int, trustAffinityLevel: affinity.optional(),
        })).optional(),
        authenticationModeConfiguration: z.strictObject({
          x509CertificateAuthenticationDefaultMode: mode.optional(),
          x509CertificateDefaultRequiredAffinityLevel: affinity.optional(),
          rules: z.array(z.strictObject({
            x509CertificateRuleType: z.enum(["issuerSubject", "policyOID", "issuerSubjectAndPolicyOID"]),
            identifier: z.string().nullable().optional(),
            issuerSubjectIdentifier: z.string().nullable().optional(),
            policyOidIdentifier: z.string().nullable().optional(),
            x509CertificateAuthenticationMode: mode,
            x509CertificateRequiredAffinityLevel: affinity.optional(),
          })).optional(),
        }).optional(),
        crlValidationConfiguration: z.strictObject({
          state: z.enum(["disabled", "enabled"]).optional(),
          exemptedCertificateAuthoritiesSubjectKeyIdentifiers: z.array(z.string()).optional(),
        }).optional(),
        issuerHintsConfiguration: z.strictObject({ state: z.enum(["disabled", "enabled"]) }).optional(),
        certificateAuthorityScopes: z.array(z.looseObject({})).optional(),
      };
    }
  }
}

export function configurationPatchSchema(id: MethodConfigurationId, version: GraphVersion) {
  return z.strictObject(configurationShape(id, version));
}

const campaignIncludeTarget = z.strictObject({
  id: z.string().min(1),
  targetType: targetType,
  // "The value must be microsoftAuthenticator" (behavior.md 2.23).
  targetedAuthenticationMethod: z.literal("microsoftAuthenticator").default("microsoftAuthenticator"),
});
const includeTarget = z.strictObject({ id: z.string().min(1), targetType });

export function rootPatchSchema(version: GraphVersion) {
  const campaign = z.strictObject({
    snoozeDurationInDays: int.min(0).max(14).optional(),
    state: advancedConfigState.optional(),
    includeTargets: z.array(campaignIncludeTarget).optional(),
    excludeTargets: z.array(excludeTarget).optional(),
    ...(version === "beta" ? { enforceRegistrationAfterAllowedSnoozes: z.boolean().optional() } : {}),
  });
  const beta = version === "beta"
    ? {
        reportSuspiciousActivitySettings: z.strictObject({
          state: advancedConfigState.optional(),
          includeTarget: includeTarget.optional(),
          voiceReportingCode: int.min(0).max(9).nullable().optional(),
        }).optional(),
        systemCredentialPreferences: z.strictObject({
          state: advancedConfigState.optional(),
          includeTargets: z.array(includeTarget).optional(),
          excludeTargets: z.array(excludeTarget).optional(),
        }).optional(),
        microsoftAuthenticatorPlatformSettings: z.strictObject({
          enforceAppPIN: z.strictObject({ includeTargets: z.array(includeTarget).optional(), excludeTargets: z.array(excludeTarget).optional() }).optional(),
        }).optional(),
      }
    : {};
  return z.strictObject({
    id: z.string().optional(),
    displayName: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    lastModifiedDateTime: z.string().nullable().optional(),
    policyVersion: z.string().nullable().optional(),
    // Validated by the state machine, so a bad value gets the state machine's message.
    policyMigrationState: z.unknown().optional(),
    reconfirmationInDays: int.min(0).max(730).nullable().optional(),
    registrationEnforcement: z.strictObject({ authenticationMethodsRegistrationCampaign: campaign.optional() }).optional(),
    authenticationMethodConfigurations: z.unknown().optional(),
    ...beta,
  });
}
