/** The token endpoint's grants, by `grant_type` (both spellings of the device-code grant are accepted). */
import type { GrantHandler } from "../grant-context";
import { clientCredentialsGrant } from "./client-credentials.grant";
import { passwordGrant } from "./password.grant";
import { refreshTokenGrant } from "./refresh-token.grant";
import { authorizationCodeGrant } from "./authorization-code.grant";
import { deviceCodeGrant } from "./device-code.grant";

export const GRANTS: Record<string, GrantHandler> = {
  client_credentials: clientCredentialsGrant,
  password: passwordGrant,
  refresh_token: refreshTokenGrant,
  authorization_code: authorizationCodeGrant,
  device_code: deviceCodeGrant,
  "urn:ietf:params:oauth:grant-type:device_code": deviceCodeGrant,
};
