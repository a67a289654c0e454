/**
 * Typed domain errors. Domain code throws `DomainError` with a literal `code`; the HTTP edge maps it
 * to the Graph envelope, the token endpoint's AADSTS shape, or an HTML page (see `http/error-catalogue.ts`).
 */
export type DomainErrorCode =
  | "badRequest"
  | "notFound"
  | "forbidden"
  | "unauthorized"
  | "conflict"
  | "notImplemented"
  | "methodNotAllowed"
  | "preconditionFailed";

export interface DomainErrorOptions {
  /** The exact Graph `error.code` to emit when it differs from the generic one for `code`. */
  graphCode?: string;
  /** Echo `message` inside `innerError` too (the authentication-methods service does this). */
  innerMessage?: boolean;
  /** Extra fields for `error.details` or diagnostics; never secrets. */
  details?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly options: DomainErrorOptions;
  constructor(code: DomainErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.options = options;
  }
}

export const badRequest = (message: string, options?: DomainErrorOptions) =>
  new DomainError("badRequest", message, options);
export const notFound = (message: string, options?: DomainErrorOptions) =>
  new DomainError("notFound", message, options);
export const forbidden = (message = "Insufficient privileges to complete the operation.", options?: DomainErrorOptions) =>
  new DomainError("forbidden", message, options);
export const conflict = (message: string, options?: DomainErrorOptions) =>
  new DomainError("conflict", message, options);

/** The directory's wording for an unknown object (Graph `Request_ResourceNotFound`). */
export const resourceNotFound = (id: string) =>
  notFound(`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`, {
    graphCode: "Request_ResourceNotFound",
  });
