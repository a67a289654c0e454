/**
 * What My Security Info may register and delete, and how: the page's method kinds are the ones
 * `usableMethods(state, userId).registration` allows the user now (issue #4, behavior.md 2.4-2.14),
 * intersected with what the page can register. Saving goes through the same domain functions as the
 * Graph `/me/authentication/...` routes, with the same audit entries ("User registered security info",
 * "User deleted security info") and the same rules (2.34 phones, 2.37 per-user MFA, 2.39 limits, 1.38
 * passwordless window). FIDO2 security keys are not offered here (WebAuthn needs script); register
 * them with `POST /me/authentication/fido2Methods` (an emulator extension).
 */
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "../../http/context";
import type { TenantState } from "../../domain/state";
import type { DirectoryUser } from "../../domain/directory.types";
import type { UserPrincipal } from "../../domain/principal";
import type { SsoSessionRecord } from "../../domain/signin-state.types";
import type { StoredMethod } from "../../domain/auth-methods.types";
import { usableMethods } from "../../domain/migration";
import {
  addDeviceMethod, addEmail, addPhone, isBase32Secret, normaliseBase32, removeMethod, verifyTotp, type PhoneType,
} from "../../domain/auth-methods";
import { deleteTap, storedTap } from "../../domain/tap";
import { userRoleTemplateIds } from "../../domain/directory";
import { DomainError } from "../../domain/errors";
import { auditMethodChange, quoted, requirePasswordlessWindow } from "../../graph/auth-methods-context";

/** The kinds the page can register (FIDO2, hardware OATH, security questions: not here). */
export type PageMethodKind = "microsoftAuthenticator" | "softwareOath" | "phone" | "email";

export const PAGE_KIND_LABEL: Record<PageMethodKind, string> = {
  microsoftAuthenticator: "Microsoft Authenticator",
  softwareOath: "Authenticator app (other authenticator app, verification codes)",
  phone: "Phone",
  email: "Email",
};

/** The audit labels the Graph routes use for the same kinds (kept identical on purpose). */
const AUDIT_LABEL: Record<StoredMethod["kind"], string> = {
  microsoftAuthenticator: "Microsoft Authenticator",
  softwareOath: "software OATH token",
  phone: "phone",
  email: "email",
  fido2: "FIDO2 security key",
  windowsHelloForBusiness: "Windows Hello for Business",
  password: "password",
};

export interface PageOffer {
  kinds: PageMethodKind[];
  /** Phone types the user may add: the mobile phone for SMS or voice, alternate mobile / office for voice only. */
  phoneTypes: PhoneType[];
}

/** The page's offer for the user now, from `usableMethods(...).registration`. */
export function pageOffer(state: TenantState, userId: string): PageOffer {
  const reg = new Set(usableMethods(state, userId).registration);
  const kinds: PageMethodKind[] = [];
  if (reg.has("microsoftAuthenticatorPush") || reg.has("microsoftAuthenticatorPasswordless")) kinds.push("microsoftAuthenticator");
  if (reg.has("softwareOath")) kinds.push("softwareOath");
  const phoneTypes: PhoneType[] = [];
  if (reg.has("sms") || reg.has("voice")) phoneTypes.push("mobile");
  if (reg.has("voice")) phoneTypes.push("alternateMobile", "office");
  if (phoneTypes.length) kinds.push("phone");
  if (reg.has("email")) kinds.push("email");
  return { kinds, phoneTypes };
}

/** A page form refused: shown on the page in the error region. */
export class PageRefusal extends Error {}

/** Refuses a kind (or phone type) the offer does not contain: forged POSTs end here. */
export function requireOffered(state: TenantState, userId: string, kind: string, phoneType?: string): PageMethodKind {
  const offer = pageOffer(state, userId);
  if (!offer.kinds.includes(kind as PageMethodKind))
    throw new PageRefusal(`You can't add this method: '${kind}' is not enabled for you by your organization's authentication methods policy.`);
  if (kind === "phone" && phoneType !== undefined && !offer.phoneTypes.includes(phoneType as PhoneType))
    throw new PageRefusal(`You can't add a phone of type '${phoneType}': it is not enabled for you by your organization's authentication methods policy.`);
  return kind as PageMethodKind;
}

/** The delegated principal the page acts as: the SSO session's user (for audits and the 1.38 window). */
export function sessionPrincipal(state: TenantState, session: SsoSessionRecord, now: Date): UserPrincipal {
  return {
    kind: "user", tenantId: state.id, userId: session.userId, appId: "", scopes: [], roleTemplateIds: userRoleTemplateIds(state, session.userId),
    amr: session.amr, issuedAt: now, authTime: session.authTime ? new Date(session.authTime) : null, tapId: session.tapId,
  };
}

export interface RegisterInput {
  kind: string;
  displayName?: string;
  secret?: string;
  code?: string;
  phoneNumber?: string;
  phoneType?: string;
  emailAddress?: string;
}

/** Turns a domain refusal (Graph 400 text) into a page refusal with the same message. */
function asRefusal<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof DomainError) throw new PageRefusal(e.message);
    throw e;
  }
}

/**
 * Registers one method for the signed-in user through the shared domain functions; writes the
 * "User registered security info" audit entry. Throws PageRefusal with a message for the page.
 */
export function registerFromPage(
  c: Context<AppEnv>, deps: AppDeps, state: TenantState, user: DirectoryUser, principal: UserPrincipal, input: RegisterInput, now: Date,
): StoredMethod {
  const kind = requireOffered(state, user.id, input.kind, input.kind === "phone" ? input.phoneType ?? "" : undefined);
  const method = asRefusal(() => {
    switch (kind) {
      case "softwareOath": {
        const secret = input.secret ?? "";
        if (!isBase32Secret(secret)) throw new PageRefusal("The secret key is not valid. Start again.");
        // Verified against the tenant clock before saving, as the real page asks for a first code.
        if (!verifyTotp(secret, input.code ?? "", now)) throw new PageRefusal("The code you entered is not valid. Enter the current code from your authenticator app.");
        return addDeviceMethod(state, user.id, "softwareOath", AUDIT_LABEL.softwareOath, { id: deps.ids.uuid(), props: {}, secret: normaliseBase32(secret) }, now);
      }
      case "microsoftAuthenticator": {
        // 1.38: when Authenticator is enabled for this user only as passwordless phone sign-in
        // (mode deviceBasedPush), registering it is a passwordless registration: the one-time-TAP window applies.
        const reg = usableMethods(state, user.id).registration;
        if (reg.includes("microsoftAuthenticatorPasswordless") && !reg.includes("microsoftAuthenticatorPush"))
          requirePasswordlessWindow(state, principal, user, now);
        const displayName = (input.displayName ?? "").trim();
        if (!displayName) throw new PageRefusal("Enter the name of the device the app is on.");
        return addDeviceMethod(state, user.id, "microsoftAuthenticator", AUDIT_LABEL.microsoftAuthenticator, {
          id: deps.ids.uuid(), props: { displayName, deviceTag: "SoftwareTokenActivated", phoneAppVersion: "6.2401.0119" },
        }, now);
      }
      case "phone":
        return addPhone(state, user.id, { phoneNumber: (input.phoneNumber ?? "").trim(), phoneType: input.phoneType as PhoneType }, now);
      case "email": {
        const address = (input.emailAddress ?? "").trim();
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) throw new PageRefusal("Enter a valid email address.");
        return addEmail(state, user.id, address, now);
      }
    }
  });
  auditMethodChange(c, deps, state, principal, now, user, "registered", AUDIT_LABEL[method.kind]);
  return method;
}

/**
 * Deletes one of the user's methods (never the password) with the Graph self-delete's audit entry
 * "User deleted security info"; the TAP too (behavior.md 1.42: the user can delete it).
 */
export function deleteFromPage(
  c: Context<AppEnv>, deps: AppDeps, state: TenantState, user: DirectoryUser, principal: UserPrincipal, methodId: string, now: Date,
): void {
  const id = methodId.toLowerCase();
  const tap = storedTap(state, user.id);
  if (tap && tap.id.toLowerCase() === id) {
    deleteTap(state, user.id, tap.id);
    auditMethodChange(c, deps, state, principal, now, user, "deleted", "temporary access pass", [
      { displayName: "TemporaryAccessPass.Id", oldValue: quoted(tap.id), newValue: null },
    ]);
    return;
  }
  const method = (state.authMethods[user.id]?.methods ?? []).find((m) => m.id.toLowerCase() === id && m.kind !== "password");
  if (!method) throw new PageRefusal("That method was not found. It may have been deleted already.");
  removeMethod(state, user.id, method);
  auditMethodChange(c, deps, state, principal, now, user, "deleted", AUDIT_LABEL[method.kind]);
}
