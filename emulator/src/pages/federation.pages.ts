/** The mock federated IdP's sign-in page (an AD FS look-alike), labelled with the domain's IdP name. */
import { errorBlock, esc, field, hidden, page } from "./layout";

export function federatedLoginPage(v: { idpName: string; action: string; ctx: string; returnTo: string; username: string; error?: string | null }): string {
  return page({
    title: `${v.idpName}: Sign In`,
    heading: v.idpName,
    subtitle: "Sign in with your organizational account",
    body: `${errorBlock(v.error ? { code: null, message: v.error } : null)}<form method="post" action="${esc(v.action)}">${hidden({ ctx: v.ctx, returnTo: v.returnTo })}
${field({ id: "userNameInput", name: "UserName", label: "User name", value: v.username, autocomplete: "username" })}
${field({ id: "passwordInput", name: "Password", label: "Password", type: "password", autocomplete: "current-password", autofocus: true })}
<button type="submit" id="submitButton">Sign in</button></form>`,
  });
}
