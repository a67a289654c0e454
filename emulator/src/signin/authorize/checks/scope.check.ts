/** Rule: `scope` is required (AADSTS900144); `nonce` is kept to be echoed in the ID token only when sent. */
import { AuthorizeError, type AuthorizeCheck } from "./check";

export const scopeCheck: AuthorizeCheck = (d) => {
  const scope = d.params.scope?.trim();
  if (!scope) throw new AuthorizeError(900144, ["scope"], true);
  d.request.scope = scope;
  d.request.nonce = d.params.nonce || null;
};
