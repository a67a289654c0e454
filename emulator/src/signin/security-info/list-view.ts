/** My Security Info's list view: the user's methods (with delete ids), the add offer and a status line. */
import type { TenantState } from "../../domain/state";
import { findUser } from "../../domain/directory";
import { storedTap, tapExpiresAt } from "../../domain/tap";
import { securityInfoPage, type MethodRow } from "../../pages/security-info.pages";
import type { PageError } from "../../pages/layout";
import { csrfToken, type SecurityInfoAccess } from "./gate";
import { PAGE_KIND_LABEL, pageOffer } from "./registration";

const KIND_LABEL: Record<string, string> = {
  phone: "Phone",
  email: "Email",
  softwareOath: "Authenticator app",
  microsoftAuthenticator: "Microsoft Authenticator",
  fido2: "Security key",
  windowsHelloForBusiness: "Windows Hello for Business",
  password: "Password",
};

function rows(state: TenantState, userId: string): MethodRow[] {
  const out: MethodRow[] = [{ type: "Password", detail: "Last updated " + (findUser(state, userId)?.lastPasswordChangeDateTime ?? "") }];
  const tap = storedTap(state, userId);
  if (tap) out.push({ type: "Temporary Access Pass", detail: `Expires ${tapExpiresAt(tap).toISOString()}`, deleteId: tap.id });
  for (const m of state.authMethods[userId]?.methods ?? []) {
    if (m.kind === "password") continue;
    const detail = String(m.props.phoneNumber ?? m.props.emailAddress ?? m.props.displayName ?? m.props.model ?? "");
    out.push({ type: KIND_LABEL[m.kind] ?? m.kind, detail, deleteId: m.id });
  }
  return out;
}

export const STATUS: Record<string, string> = {
  microsoftAuthenticator: "Microsoft Authenticator was added.",
  softwareOath: "Authenticator app was added.",
  phone: "Phone was added.",
  email: "Email was added.",
};

/** The list page (also used to show a refused delete). */
export function renderSecurityInfo(a: SecurityInfoAccess, extra: { status?: string | null; error?: PageError | null } = {}): string {
  const offer = pageOffer(a.state, a.user.id);
  return securityInfoPage({
    username: a.user.userPrincipalName,
    rows: rows(a.state, a.user.id),
    signOutHref: `/${a.segment}/oauth2/v2.0/logout`,
    addHref: `/${a.segment}/mysecurityinfo/add`,
    deleteAction: `/${a.segment}/mysecurityinfo/delete`,
    csrf: csrfToken(a.session),
    addOptions: offer.kinds.map((k) => ({ value: k, label: PAGE_KIND_LABEL[k] })),
    ...extra,
  });
}

