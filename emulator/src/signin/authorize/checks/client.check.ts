/** Rule: `client_id` is required (AADSTS900144) and must name an app (AADSTS700016); shown on a page. */
import { AuthorizeError, type AuthorizeCheck } from "./check";

export const clientCheck: AuthorizeCheck = (d) => {
  if (!d.params.client_id) throw new AuthorizeError(900144, ["client_id"], false);
  if (!d.app) throw new AuthorizeError(700016, [d.params.client_id, "the directory"], false);
  d.request.clientId = d.app.appId;
};
