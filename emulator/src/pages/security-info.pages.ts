/** My Security Info: the user's registered sign-in methods (registration forms come later). */
import { esc, page } from "./layout";

export interface MethodRow {
  type: string;
  detail: string;
}

export function securityInfoPage(v: { username: string; rows: MethodRow[]; signOutHref: string }): string {
  const rows = v.rows.map((r) => `<tr><td>${esc(r.type)}</td><td>${esc(r.detail)}</td></tr>`).join("");
  const banner = v.rows.filter((r) => r.type !== "Password" && r.type !== "Temporary Access Pass").length === 0
    ? `<p role="status">Add a new sign-in method: you have no other registered methods.</p>`
    : "";
  return page({
    title: "Security info",
    subtitle: `These are the methods you use to sign into your account or reset your password. Signed in as ${v.username}.`,
    body: `${banner}<table><caption>Sign-in methods</caption><thead><tr><th scope="col">Method</th><th scope="col">Detail</th></tr></thead><tbody>${rows}</tbody></table>
<p><a href="${esc(v.signOutHref)}">Sign out</a></p>`,
  });
}
