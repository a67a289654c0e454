/**
 * Rule: `prompt` login | none | select_account | consent are accepted (consent is implied: apps in the
 * fixture are consented); other values are ignored like any unknown parameter. `login_hint` and
 * `domain_hint` are carried to the username step.
 */
import type { AuthorizeCheck } from "./check";

const KNOWN = new Set(["login", "none", "select_account", "consent", "create"]);

export const promptCheck: AuthorizeCheck = (d) => {
  const prompt = d.params.prompt?.trim() || null;
  d.request.prompt = prompt && KNOWN.has(prompt) ? prompt : null;
  d.request.loginHint = d.params.login_hint?.trim() || null;
  d.request.domainHint = d.params.domain_hint?.trim() || null;
};
