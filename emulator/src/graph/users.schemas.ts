/**
 * Request bodies and validation rules of `/users` writes: required properties for create, the properties
 * PATCH may change, read-only ones, what a user may change on their own profile, and Entra's password rule.
 */
import { z } from "zod";
import { GraphHttpError } from "../http/graph-errors";

export const UPN = /^[A-Za-z0-9'._\-!#^~]+@[A-Za-z0-9.-]+$/;
const optionalProps = {
  givenName: z.string().nullable().optional(),
  surname: z.string().nullable().optional(),
  jobTitle: z.string().nullable().optional(),
  mail: z.string().nullable().optional(),
  mobilePhone: z.string().nullable().optional(),
  businessPhones: z.array(z.string()).optional(),
  officeLocation: z.string().nullable().optional(),
  preferredLanguage: z.string().nullable().optional(),
  usageLocation: z.string().nullable().optional(),
  onPremisesImmutableId: z.string().regex(/^[^$_]+$/, "must not contain '$' or '_'").nullable().optional(),
  otherMails: z.array(z.string()).optional(),
};
const passwordProfile = z.strictObject({
  password: z.string().min(1).optional(),
  forceChangePasswordNextSignIn: z.boolean().optional(),
  forceChangePasswordNextSignInWithMfa: z.boolean().optional(),
});
export const createUserBody = z.looseObject({
  accountEnabled: z.boolean(),
  // Graph's user limits: displayName up to 256 characters, mailNickname up to 64.
  displayName: z.string().min(1).max(256),
  mailNickname: z.string().min(1).max(64),
  userPrincipalName: z.string().regex(UPN, "the userPrincipalName contains characters that are not allowed"),
  passwordProfile: passwordProfile.extend({ password: z.string().min(1) }),
  ...optionalProps,
});
export { meetsComplexity } from "../domain/password-policy";
export const weakPassword = () =>
  new GraphHttpError(400, "Request_BadRequest", "The specified password does not comply with password complexity requirements. Please provide a different password.");

/** Properties PATCH may change; anything else the stored user has (hashes, tags, ids) is never writable. */
export const UPDATABLE = [
  "accountEnabled", "displayName", "mailNickname", "userPrincipalName", "givenName", "surname", "jobTitle", "mail", "mobilePhone",
  "businessPhones", "officeLocation", "preferredLanguage", "usageLocation", "onPremisesImmutableId", "otherMails", "userType",
] as const;
/** What a user may change on their own profile with User.ReadWrite (no sign-in or identity properties). */
export const SELF_FORBIDDEN = ["accountEnabled", "userPrincipalName", "userType", "passwordProfile", "onPremisesImmutableId", "mailNickname", "mail", "otherMails"];
export const READ_ONLY = ["id", "createdDateTime", "creationType", "externalUserState", "lastPasswordChangeDateTime", "signInSessionsValidFromDateTime", "identities"];

export const updateUserBody = z.looseObject({
  accountEnabled: z.boolean().optional(),
  displayName: z.string().min(1).max(256).optional(),
  mailNickname: z.string().min(1).max(64).optional(),
  userPrincipalName: z.string().regex(UPN).optional(),
  passwordProfile: passwordProfile.optional(),
  userType: z.enum(["Member", "Guest"]).optional(),
  ...optionalProps,
});
