/**
 * The /authorize request is validated by an ordered list of small named checks (one file each). An error
 * knows whether it may be sent back to the app: until the client and its redirect URI are verified,
 * errors are shown on a page and never redirected (an open redirector otherwise).
 */
import type { DirectoryApplication } from "../../../domain/directory.types";
import type { AadstsCode } from "../../oauth-errors";
import type { AuthorizeRequest } from "../../flow/interaction";

export class AuthorizeError extends Error {
  constructor(
    readonly code: AadstsCode,
    readonly args: string[],
    /** True once the redirect URI is trusted: the error goes back to the app. */
    readonly redirectable: boolean,
    /** The OAuth `error` value when it differs from the catalogue's (e.g. login_required). */
    readonly oauthError?: string,
  ) {
    super(`AADSTS${code}`);
  }
}

/** What the checks fill in, step by step. */
export interface AuthorizeDraft {
  params: Record<string, string>;
  /** Apps with this client id (one per tenant holding it; /common searches all). */
  app: DirectoryApplication | null;
  request: Partial<AuthorizeRequest>;
}

export type AuthorizeCheck = (d: AuthorizeDraft) => void;
