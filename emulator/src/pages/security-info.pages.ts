/**
 * My Security Info: the user's registered sign-in methods with a "Delete" button for each (not the
 * password), and the "Add sign-in method" form offering only the kinds the policy allows. Plain forms,
 * no JavaScript; every control has a label.
 */
import { errorBlock, esc, hidden, page, type PageError } from "./layout";

export interface MethodRow {
  type: string;
  detail: string;
  /** The method id when the user may delete it (not for the password). */
  deleteId?: string;
}

export interface AddOption {
  value: string;
  label: string;
}

export interface SecurityInfoView {
  username: string;
  rows: MethodRow[];
  signOutHref: string;
  /** Form targets and the anti-forgery value every POST carries. */
  addHref?: string;
  deleteAction?: string;
  csrf?: string;
  addOptions?: AddOption[];
  status?: string | null;
  error?: PageError | null;
}

function deleteForm(v: SecurityInfoView, r: MethodRow): string {
  if (!r.deleteId || !v.deleteAction) return "";
  return `<form method="post" action="${esc(v.deleteAction)}" class="delete">${hidden({ methodId: r.deleteId, csrf: v.csrf })}<button type="submit" class="secondary" aria-label="Delete ${esc(r.type)} ${esc(r.detail)}">Delete</button></form>`;
}

function addSection(v: SecurityInfoView): string {
  if (!v.addHref || !v.addOptions) return "";
  if (!v.addOptions.length)
    return `<h2>Add sign-in method</h2><p>Your organization's policy does not allow you to add a sign-in method here.</p>`;
  const options = v.addOptions.map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`).join("");
  return `<h2>Add sign-in method</h2>
<form method="get" action="${esc(v.addHref)}" id="add-method"><label for="method">Which method would you like to add?</label>
<select id="method" name="method" required>${options}</select>
<button type="submit">Add</button></form>
<p class="muted">Security keys (FIDO2) can't be added on this page in the emulator: use POST /me/authentication/fido2Methods.</p>`;
}

export function securityInfoPage(v: SecurityInfoView): string {
  const rows = v.rows.map((r) => `<tr><td>${esc(r.type)}</td><td>${esc(r.detail)}</td><td>${deleteForm(v, r)}</td></tr>`).join("");
  const banner = v.rows.filter((r) => r.type !== "Password" && r.type !== "Temporary Access Pass").length === 0
    ? `<p role="status">Add a new sign-in method: you have no other registered methods.</p>`
    : "";
  const status = v.status ? `<p role="status" id="status">${esc(v.status)}</p>` : "";
  return page({
    title: "Security info",
    subtitle: `These are the methods you use to sign into your account or reset your password. Signed in as ${v.username}.`,
    body: `${errorBlock(v.error)}${status}${banner}<table><caption>Sign-in methods</caption><thead><tr><th scope="col">Method</th><th scope="col">Detail</th><th scope="col">Action</th></tr></thead><tbody>${rows}</tbody></table>
${addSection(v)}
<p><a href="${esc(v.signOutHref)}">Sign out</a></p>`,
  });
}
