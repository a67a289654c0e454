/**
 * The migration readiness report: for each legacy method still enabled, whether the authentication
 * methods policy covers it for the same users; and who would lose which methods (and who would be left
 * with no usable registered MFA or SSPR method) if the policy moved to `migrationComplete` now.
 * Built only from `usableMethods`, so the report and the sign-in engine can never disagree.
 */
import type { TenantState } from "./state";
import type { AuthMethodKind } from "./method-kinds";
import type { DirectoryUser } from "./directory.types";
import { usableMethods, usableMethodsIn, type UsableMethods } from "./migration";
import { migrationState } from "./methods-policy";
import { isAdmin } from "./directory";
import {
  LEGACY_MFA_METHOD_KINDS, LEGACY_SSPR_METHOD_KINDS, enabledLegacyMethods, isSsprEnabledForUser, legacyHonoured,
} from "./legacy-policies";

/** New-policy configurations that can take over each method kind (behavior.md 2.8, 2.9). */
const CONFIGURATIONS_FOR: Partial<Record<AuthMethodKind, string[]>> = {
  voice: ["Voice"],
  sms: ["Sms"],
  microsoftAuthenticatorPush: ["MicrosoftAuthenticator"],
  softwareOath: ["SoftwareOath", "MicrosoftAuthenticator (isSoftwareOathEnabled)"],
  hardwareOath: ["HardwareOath (beta)"],
  email: ["Email"],
};

/** Kinds the emulator's policy cannot express or that never move: left out of coverage checks. */
const NOT_CHECKED: AuthMethodKind[] = ["hardwareOath", "securityQuestions"];

export interface LegacyMethodCoverage {
  policy: "mfa" | "sspr";
  method: string;
  mapsTo: string[];
  /** True when every in-scope user keeps every kind this legacy method gave them after completion. */
  coveredForSameUsers: boolean;
  /** Users (in the legacy method's scope) who would lose a kind, with the kinds they'd lose. */
  uncoveredUsers: { id: string; userPrincipalName: string; missing: AuthMethodKind[] }[];
  note?: string;
}

export interface UserLoss {
  id: string;
  userPrincipalName: string;
  /** Kinds allowed now and not after completion, per purpose. */
  loses: UsableMethods;
  /** Purposes for which the user has registered methods usable now but too few usable afterwards. */
  strandedFor: ("mfa" | "sspr")[];
}

export interface ReadinessReport {
  policyMigrationState: string | null;
  deprecationEnforced: boolean;
  legacyHonoured: boolean;
  legacyMethods: LegacyMethodCoverage[];
  usersLosingMethods: UserLoss[];
  strandedUsers: { mfa: string[]; sspr: string[] };
  readyToComplete: boolean;
}

/** Method kinds a user has registered, from their stored methods (phones by type; behavior.md 2.34). */
export function registeredKinds(state: TenantState, userId: string): AuthMethodKind[] {
  const kinds = new Set<AuthMethodKind>();
  for (const m of state.authMethods[userId]?.methods ?? []) {
    switch (m.kind) {
      case "phone":
        if (m.props.phoneType === "mobile") kinds.add("sms");
        kinds.add("voice");
        break;
      case "email": kinds.add("email"); break;
      case "softwareOath": kinds.add("softwareOath"); break;
      case "microsoftAuthenticator": kinds.add("microsoftAuthenticatorPush"); kinds.add("microsoftAuthenticatorPasswordless"); break;
      case "fido2": kinds.add("fido2"); break;
      case "windowsHelloForBusiness": kinds.add("windowsHelloForBusiness"); break;
    }
  }
  return [...kinds];
}

const minus = (a: AuthMethodKind[], b: AuthMethodKind[]) => a.filter((k) => !b.includes(k));

function coverage(state: TenantState, users: DirectoryUser[], policy: "mfa" | "sspr", method: string, kinds: AuthMethodKind[]): LegacyMethodCoverage {
  const checked = minus(kinds, NOT_CHECKED);
  const uncoveredUsers: LegacyMethodCoverage["uncoveredUsers"] = [];
  for (const u of users) {
    const after = usableMethodsIn(state, u.id, "migrationComplete")[policy];
    const missing = checked.filter((k) => !after.includes(k));
    if (missing.length) uncoveredUsers.push({ id: u.id, userPrincipalName: u.userPrincipalName, missing });
  }
  const mapsTo = [...new Set(kinds.flatMap((k) => CONFIGURATIONS_FOR[k] ?? []))];
  const out: LegacyMethodCoverage = { policy, method, mapsTo, coveredForSameUsers: uncoveredUsers.length === 0, uncoveredUsers };
  if (kinds.includes("securityQuestions")) {
    out.mapsTo = [];
    out.note = "Security questions are not part of the authentication methods policy: they stay in the SSPR policy after migration.";
  } else if (kinds.includes("hardwareOath"))
    out.note = "Hardware OATH tokens map to the beta-only HardwareOath configuration; no user can register one in the emulator, so their coverage is not checked.";
  return out;
}

/** The readiness report for moving to `migrationComplete` now. */
export function migrationReadiness(state: TenantState): ReadinessReport {
  const enabled = enabledLegacyMethods(state);
  const ssprUsers = state.users.filter((u) => isSsprEnabledForUser(state, u.id) && !isAdmin(state, u.id));
  const legacyMethods = [
    ...enabled.mfa.map((m) => coverage(state, state.users, "mfa", m, LEGACY_MFA_METHOD_KINDS[m])),
    ...enabled.sspr.map((m) => coverage(state, ssprUsers, "sspr", m, LEGACY_SSPR_METHOD_KINDS[m])),
  ];
  const usersLosingMethods: UserLoss[] = [];
  for (const u of state.users) {
    const now = usableMethods(state, u.id);
    const after = usableMethodsIn(state, u.id, "migrationComplete");
    const loses: UsableMethods = {
      signIn: minus(now.signIn, after.signIn), mfa: minus(now.mfa, after.mfa),
      sspr: minus(now.sspr, after.sspr), registration: minus(now.registration, after.registration),
    };
    const reg = registeredKinds(state, u.id);
    const strandedFor: UserLoss["strandedFor"] = [];
    const count = (list: AuthMethodKind[]) => reg.filter((k) => list.includes(k)).length;
    if (count(now.mfa) > 0 && count(after.mfa) === 0) strandedFor.push("mfa");
    const required = isAdmin(state, u.id) ? 2 : state.legacy.sspr.numberOfMethodsRequiredToReset;
    if (count(now.sspr) >= required && count(after.sspr) < required) strandedFor.push("sspr");
    if (Object.values(loses).some((l) => l.length) || strandedFor.length)
      usersLosingMethods.push({ id: u.id, userPrincipalName: u.userPrincipalName, loses, strandedFor });
  }
  const strandedUsers = {
    mfa: usersLosingMethods.filter((l) => l.strandedFor.includes("mfa")).map((l) => l.userPrincipalName),
    sspr: usersLosingMethods.filter((l) => l.strandedFor.includes("sspr")).map((l) => l.userPrincipalName),
  };
  return {
    policyMigrationState: migrationState(state),
    deprecationEnforced: state.legacy.deprecationEnforced,
    legacyHonoured: legacyHonoured(state),
    legacyMethods,
    usersLosingMethods,
    strandedUsers,
    readyToComplete: legacyMethods.every((m) => m.coveredForSameUsers) && !strandedUsers.mfa.length && !strandedUsers.sspr.length,
  };
}
