/**
 * The authentication methods policy, the legacy MFA/SSPR settings and the migration state as stored
 * (issue #4 owns this file). The policy is kept in its Graph shape so GET/PATCH stay faithful.
 */
import { defaultMethodConfigurations, defaultPolicyRoot } from "./methods-policy-defaults";

export type PolicyMigrationState = "preMigration" | "migrationInProgress" | "migrationComplete" | "unknownFutureValue";

export interface MethodsPolicyState {
  /** The root authenticationMethodsPolicy, Graph-shaped, without authenticationMethodConfigurations. */
  root: Record<string, unknown>;
  /** Method configurations keyed by canonical id (TemporaryAccessPass, Fido2, ...), Graph-shaped. */
  configurations: Record<string, Record<string, unknown>>;
  /**
   * The state the tenant started in (behavior.md 2.11): a tenant that started in `migrationInProgress`
   * may never move to `preMigration`. `null` for a tenant that never had legacy settings.
   */
  initialMigrationState?: PolicyMigrationState | null;
}

/**
 * Per-user MFA "service settings" (the legacy MFA portal, behavior.md 2.8 and 2.38). Tenant-wide: the
 * legacy MFA policy has no user or group targeting.
 */
export interface LegacyMfaSettings {
  /** "Call to phone" -> Voice calls. */
  callToPhone: boolean;
  /** "Text message to phone" -> SMS. */
  textMessageToPhone: boolean;
  /** "Notification through mobile app" -> Microsoft Authenticator (push). */
  notificationThroughMobileApp: boolean;
  /** "Verification code from mobile app or hardware token" -> software/hardware OATH, Authenticator OTP. */
  verificationCodeFromMobileAppOrHardwareToken: boolean;
  /** "Remember multifactor authentication on trusted devices": off, or 1-365 days. */
  rememberMfaOnTrustedDevices: { enabled: boolean; days: number };
  /** Trusted IPs: up to 50 IPv4 CIDR ranges whose sign-ins skip MFA. */
  trustedIps: string[];
  /** "Skip multifactor authentication for requests from federated users on my intranet". */
  skipMfaForFederatedUsersOnIntranet: boolean;
}

/** The SSPR "Authentication methods" blade (behavior.md 2.9, 2.10). */
export interface LegacySsprMethods {
  mobileAppNotification: boolean;
  mobileAppCode: boolean;
  email: boolean;
  mobilePhone: boolean;
  officePhone: boolean;
  securityQuestions: boolean;
}

export interface LegacySsprSettings {
  /** SSPR "Properties": enabled for nobody, one group, or everyone. */
  enabledFor: "none" | "selected" | "all";
  /** The group when `enabledFor` is `selected`. */
  selectedGroupId: string | null;
  /** Number of methods required to reset: 1 or 2. */
  numberOfMethodsRequiredToReset: 1 | 2;
  methods: LegacySsprMethods;
  /** Number of security questions a user must register (3-5). */
  securityQuestionsNumberToRegister: number;
  /** Number of security questions asked at reset (3-5, not more than the number to register). */
  securityQuestionsNumberToReset: number;
  /** Registration: require users to register when signing in. */
  requireRegistrationAtSignIn: boolean;
  /** Days before users are asked to reconfirm (0-730; 0 = never). */
  reconfirmationIntervalInDays: number;
}

export interface LegacyPoliciesState {
  /** Per-user MFA service settings ("legacy MFA portal"). */
  mfa: LegacyMfaSettings;
  /** SSPR authentication methods ("legacy SSPR portal"). */
  sspr: LegacySsprSettings;
  /** When true the tenant behaves as the real service after 2025-09-30 (behavior.md 2.15). */
  deprecationEnforced: boolean;
}

/** A fresh real tenant: the documented Graph defaults (behavior.md 2.1, 2.2, 1.1). */
export function defaultMethodsPolicy(): MethodsPolicyState {
  return { root: defaultPolicyRoot(), configurations: defaultMethodConfigurations(), initialMigrationState: "preMigration" };
}

/** A fresh tenant's legacy settings: the MFA service settings' defaults, SSPR off. */
export function defaultLegacyPolicies(): LegacyPoliciesState {
  return {
    mfa: {
      callToPhone: true,
      textMessageToPhone: true,
      notificationThroughMobileApp: true,
      verificationCodeFromMobileAppOrHardwareToken: true,
      rememberMfaOnTrustedDevices: { enabled: false, days: 90 },
      trustedIps: [],
      skipMfaForFederatedUsersOnIntranet: false,
    },
    sspr: {
      enabledFor: "none",
      selectedGroupId: null,
      numberOfMethodsRequiredToReset: 1,
      methods: { mobileAppNotification: false, mobileAppCode: false, email: true, mobilePhone: true, officePhone: false, securityQuestions: false },
      securityQuestionsNumberToRegister: 3,
      securityQuestionsNumberToReset: 3,
      requireRegistrationAtSignIn: true,
      reconfirmationIntervalInDays: 180,
    },
    deprecationEnforced: false,
  };
}
