/** The token endpoint's grants, by `grant_type` (both spellings of the device-code grant are accepted). */
import type { GrantHandler } from "../grant-context";
import { clientCredentialsGrant } from "./client-credentials.grant";
import { passwordGrant } from "./password.grant";
import { refreshTokenGrant } from "./refresh-token.grant";

export const GRANTS: Record<string, GrantHandler> = {
  client_credentials: clientCredentialsGrant,
  password: passwordGrant,
  refresh_token: refreshTokenGrant,
};
