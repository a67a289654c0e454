/**
 * Rule: only the authorization code flow is served (`response_type=code`); implicit types are refused
 * as for an app without implicit grant enabled (AADSTS700054). `response_mode` is query (default),
 * fragment or form_post; anything else falls back to the default.
 */
import { AuthorizeError, type AuthorizeCheck } from "./check";

export const responseTypeCheck: AuthorizeCheck = (d) => {
  const mode = d.params.response_mode;
  d.request.responseMode = mode === "fragment" || mode === "form_post" ? mode : "query";
  d.request.state = d.params.state ?? null;
  const type = d.params.response_type;
  if (!type) throw new AuthorizeError(900144, ["response_type"], true);
  if (type !== "code") throw new AuthorizeError(700054, [type], true);
};
