/** Graph `user` JSON from a stored user. `/users` returns a default property subset unless `$select` asks for more. */
import type { DirectoryUser } from "../domain/directory.types";
import type { TenantState } from "../domain/state";

export const USER_DEFAULT_SELECT = [
  "businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone",
  "officeLocation", "preferredLanguage", "surname", "userPrincipalName",
] as const;

export function serializeUser(state: TenantState, u: DirectoryUser) {
  const domain = u.userPrincipalName.split("@").pop()!;
  return {
    "@odata.type": "#microsoft.graph.user",
    id: u.id,
    businessPhones: u.businessPhones,
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: u.mobilePhone,
    officeLocation: u.officeLocation,
    preferredLanguage: u.preferredLanguage,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    accountEnabled: u.accountEnabled,
    userType: u.userType,
    createdDateTime: u.createdDateTime,
    creationType: u.creationType,
    externalUserState: u.externalUserState,
    mailNickname: u.mailNickname,
    otherMails: u.otherMails,
    usageLocation: u.usageLocation,
    onPremisesImmutableId: u.onPremisesImmutableId,
    onPremisesSyncEnabled: null,
    lastPasswordChangeDateTime: u.lastPasswordChangeDateTime,
    signInSessionsValidFromDateTime: u.signInSessionsValidFromDateTime,
    passwordPolicies: null,
    identities: [{ signInType: "userPrincipalName", issuer: state.domains.find((d) => d.isInitial)?.id ?? domain, issuerAssignedId: u.userPrincipalName }],
  };
}
