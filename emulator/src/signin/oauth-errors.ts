/**
 * Entra's token-endpoint errors (behavior.md §4): one catalogue of AADSTS codes with their OAuth
 * `error` value and text, rendered in Entra's JSON shape (`error`, `error_description` starting
 * `AADSTSnnnnn:`, `error_codes`, `timestamp`, `trace_id`, `correlation_id`, `error_uri`).
 */
export interface AadstsEntry {
  error: string;
  status: number;
  text: string;
}

export const AADSTS = {
  50034: { error: "invalid_grant", status: 400, text: "The user account {0} does not exist in the {1} directory. To sign into this application, the account must be added to the directory." },
  50053: { error: "invalid_grant", status: 400, text: "Your account is locked because you've tried to sign in too many times with an incorrect user ID or password." },
  50055: { error: "invalid_grant", status: 400, text: "The password is expired." },
  50057: { error: "invalid_grant", status: 400, text: "The user account is disabled." },
  50058: { error: "interaction_required", status: 400, text: "A silent sign-in request was sent but no user is signed in." },
  50059: { error: "invalid_request", status: 400, text: "No tenant-identifying information found in either the request or implied by any provided credentials." },
  50076: { error: "interaction_required", status: 400, text: "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{0}'." },
  50079: { error: "interaction_required", status: 400, text: "Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '{0}'." },
  50126: { error: "invalid_grant", status: 400, text: "Error validating credentials due to invalid username or password." },
  50148: { error: "invalid_grant", status: 400, text: "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE." },
  50173: { error: "invalid_grant", status: 400, text: "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password." },
  53003: { error: "invalid_grant", status: 400, text: "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance." },
  53010: { error: "invalid_grant", status: 400, text: "Can't set up multifactor authentication methods because the organization requires this information to be set from specific locations or devices." },
  54005: { error: "invalid_grant", status: 400, text: "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token." },
  65001: { error: "invalid_grant", status: 400, text: "The user or administrator has not consented to use the application with ID '{0}'. Send an interactive authorization request for this user and resource." },
  70000: { error: "invalid_grant", status: 400, text: "The provided value for the 'code' parameter is not valid." },
  70008: { error: "invalid_grant", status: 400, text: "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource." },
  70011: { error: "invalid_scope", status: 400, text: "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid." },
  70016: { error: "authorization_pending", status: 400, text: "OAuth 2.0 device flow error. Authorization is pending. Continue polling." },
  70019: { error: "expired_token", status: 400, text: "Verification code expired." },
  70020: { error: "authorization_declined", status: 400, text: "The end user denied the authorization request." },
  90014: { error: "invalid_request", status: 400, text: "The required field '{0}' is missing from the credential. Ensure that you have all the necessary parameters for the login request." },
  130501: { error: "invalid_grant", status: 400, text: "Temporary Access Pass sign in was blocked due to User Credential Policy." },
  500011: { error: "invalid_resource", status: 400, text: "The resource principal named {0} was not found in the tenant named {1}." },
  700016: { error: "unauthorized_client", status: 400, text: "Application with identifier '{0}' was not found in the directory '{1}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant." },
  7000215: { error: "invalid_client", status: 401, text: "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{0}'." },
  7000218: { error: "invalid_client", status: 401, text: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." },
  700025: { error: "invalid_client", status: 401, text: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented." },
  // Certificate credentials (client_assertion); signin/client-certificates.ts.
  50027: { error: "invalid_request", status: 400, text: "JWT token is invalid or malformed." },
  90011: { error: "invalid_request", status: 400, text: "Unexpected client assertion type '{0}'." },
  700021: { error: "invalid_client", status: 401, text: "Client assertion application identifier '{0}' doesn't match 'client_id' parameter '{1}'. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ." },
  700023: { error: "invalid_client", status: 401, text: "Client assertion audience claim '{0}' does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ." },
  700024: { error: "invalid_client", status: 401, text: "Client assertion is not within its valid time range. Current time: {0}, assertion valid from {1}, expiry time of assertion {2}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ." },
  700027: { error: "invalid_client", status: 401, text: "{0}" },
  700082: { error: "invalid_grant", status: 400, text: "The refresh token has expired due to inactivity." },
  900144: { error: "invalid_request", status: 400, text: "The request body must contain the following parameter: '{0}'." },
  900971: { error: "invalid_request", status: 400, text: "No reply address provided." },
  50011: { error: "invalid_request", status: 400, text: "The redirect URI '{0}' specified in the request does not match the redirect URIs configured for the application '{1}'." },
  1002012: { error: "invalid_scope", status: 400, text: "The provided value for scope {0} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)." },
  70003: { error: "unsupported_grant_type", status: 400, text: "The app requested an unsupported grant type '{0}'." },
  90002: { error: "invalid_tenant", status: 400, text: "Tenant '{0}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud." },
  9002313: { error: "invalid_request", status: 400, text: "Invalid request. Request is malformed or invalid." },
  5000225: { error: "invalid_grant", status: 400, text: "This tenant has been blocked due to inactive subscription." },
  70002: { error: "invalid_client", status: 401, text: "The provided client is not supported for this feature. The client application must be marked as 'mobile.'" },
  7000112: { error: "unauthorized_client", status: 400, text: "Application '{0}' is disabled." },
  50196: { error: "invalid_grant", status: 400, text: "The server terminated an operation because it encountered a client request loop." },
  50132: { error: "invalid_grant", status: 400, text: "The session has been revoked. Please sign in again." },
  50074: { error: "interaction_required", status: 400, text: "Strong Authentication is required." },
  500121: { error: "invalid_grant", status: 400, text: "Authentication failed during strong authentication request." },
  700054: { error: "unsupported_response_type", status: 400, text: "response_type '{0}' is not enabled for the application." },
} satisfies Record<number, AadstsEntry>;

export type AadstsCode = keyof typeof AADSTS;

/** Thrown by the sign-in engine; rendered by the token endpoint or the hosted pages. */
export class OAuthError extends Error {
  readonly aadsts: AadstsCode;
  readonly error: string;
  readonly status: number;
  constructor(code: AadstsCode, args: string[] = [], overrides: { error?: string; status?: number } = {}) {
    const entry: AadstsEntry = AADSTS[code];
    super(`AADSTS${code}: ${entry.text.replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? "")}`);
    this.name = "OAuthError";
    this.aadsts = code;
    this.error = overrides.error ?? entry.error;
    this.status = overrides.status ?? entry.status;
  }
}

/** A plain OAuth error without an AADSTS code (e.g. unsupported_grant_type). */
export function oauthErrorBody(
  err: { error: string; message: string; codes: number[] },
  ids: { traceId: string; correlationId: string; timestamp: Date },
) {
  const ts = ids.timestamp.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  return {
    error: err.error,
    error_description: `${err.message}\r\nTrace ID: ${ids.traceId}\r\nCorrelation ID: ${ids.correlationId}\r\nTimestamp: ${ts}`,
    error_codes: err.codes,
    timestamp: ts,
    trace_id: ids.traceId,
    correlation_id: ids.correlationId,
    ...(err.codes[0] ? { error_uri: `https://login.microsoftonline.com/error?code=${err.codes[0]}` } : {}),
  };
}
