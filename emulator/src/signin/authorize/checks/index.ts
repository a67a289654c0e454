/** The /authorize checks, in order: the first two decide whether later errors may be redirected. */
import type { AuthorizeCheck } from "./check";
import { clientCheck } from "./client.check";
import { redirectUriCheck } from "./redirect-uri.check";
import { responseTypeCheck } from "./response-type.check";
import { scopeCheck } from "./scope.check";
import { pkceCheck } from "./pkce.check";
import { promptCheck } from "./prompt.check";

export const AUTHORIZE_CHECKS: readonly AuthorizeCheck[] = [clientCheck, redirectUriCheck, responseTypeCheck, scopeCheck, pkceCheck, promptCheck];
