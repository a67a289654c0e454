/**
 * `grant_type=password` (ROPC): username + password for public or confidential clients.
 * Unknown user 50034, disabled 50057, wrong password 50126; then the same MFA / Conditional Access
 * checks as any non-interactive sign-in (a user who needs MFA fails with 50076, or 50079 with no method
 * to use). A TAP is not a password: ROPC needs the account's password ("accounts that don't have
 * passwords can't sign in with ROPC"), so a TAP value fails as a wrong password (50126). Users of a
 * federated domain cannot use ROPC (the password lives at their IdP): 50126 as well. Every attempt is logged.
 */
import type { GrantHandler } from "../grant-context";
import { OAuthError } from "../oauth-errors";
import { authenticateClient, requireParam } from "../client-auth";
import { findUser } from "../../domain/directory";
import { recordSignIn } from "../../domain/signin-log";
import { issueUserTokens } from "../issue-tokens";
import { checkNonInteractiveSignIn, PolicyRefusal } from "../signin-hooks";
import { domainOfUser } from "../../domain/directory";
import { clientIp } from "../../http/context";

export const passwordGrant: GrantHandler = async ({ c, deps, form, tenant, origin }) => {
  const username = requireParam(form, "username");
  const password = requireParam(form, "password");
  const record = tenant ?? deps.tenants.resolve(username.split("@").pop() ?? "");
  if (!record) throw new OAuthError(50034, [username, username.split("@").pop() ?? ""]);
  const state = record.state;
  const app = authenticateClient(state, form, deps.secrets);
  const now = deps.tenants.now(state);
  const ip = clientIp(c);
  const log = (errorCode: number, user: ReturnType<typeof findUser>, extra: Partial<Parameters<typeof recordSignIn>[3]> = {}) => {
    recordSignIn(state, deps.ids, now, {
      user: user ?? null, attemptedUpn: username, app: { appId: app.appId, displayName: app.displayName }, ipAddress: ip,
      userAgent: c.req.header("user-agent"), clientAppUsed: "Mobile Apps and Desktop clients", isInteractive: false, errorCode,
      authenticationDetails: [{ authenticationMethod: "Password", authenticationMethodDetail: "Password in the cloud", authenticationStepDateTime: now.toISOString(), authenticationStepRequirement: "Primary authentication", succeeded: errorCode !== 50126, authenticationStepResultDetail: errorCode === 50126 ? "Invalid username or password or Invalid on-premise username or password." : "Correct password" }],
      authenticationMethodsUsed: ["Password"],
      ...extra,
    });
    deps.tenants.touch(state);
  };
  const user = findUser(state, username);
  if (!user) {
    log(50034, undefined);
    throw new OAuthError(50034, [username, state.displayName]);
  }
  const federated = domainOfUser(state, user)?.authenticationType === "Federated";
  if (federated || !deps.secrets.verify(password, user.passwordHash)) {
    log(50126, user);
    throw new OAuthError(50126);
  }
  if (!user.accountEnabled) {
    log(50057, user);
    throw new OAuthError(50057);
  }
  let decision;
  try {
    decision = checkNonInteractiveSignIn({ deps, state, user, app, ipAddress: ip, clientAppType: "mobileAppsAndDesktopClients", now, satisfied: ["password"], scope: form.scope });
  } catch (e) {
    if (e instanceof PolicyRefusal) log(e.aadsts, user, e.decision);
    else if (e instanceof OAuthError) log(e.aadsts, user);
    throw e;
  }
  log(0, user, decision);
  return issueUserTokens(deps, origin, state, app, user, form.scope, {
    amr: ["pwd"], authTime: now, tapId: null, tapExpiresAt: null, sessionId: null,
  }, now);
};
