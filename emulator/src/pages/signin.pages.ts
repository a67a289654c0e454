/**
 * The sign-in steps a person knows: username, Temporary Access Pass, password, second factor (code or
 * Authenticator number matching), device-code confirmation. Each takes a view model and returns HTML.
 */
import { errorBlock, esc, field, hidden, page, type PageError } from "./layout";

export interface StepView {
  /** Where the step's form posts (the engine's login endpoint). */
  action: string;
  ctx: string;
  appName: string | null;
  error?: PageError | null;
}

const form = (v: StepView, step: string, inner: string) =>
  `<form method="post" action="${esc(v.action)}">${hidden({ ctx: v.ctx, step })}${inner}</form>`;

export function usernamePage(v: StepView & { username?: string }): string {
  return page({
    title: "Sign in to your account",
    heading: "Sign in",
    subtitle: v.appName ? `to continue to ${v.appName}` : undefined,
    body: errorBlock(v.error) + form(v, "username", `${field({ id: "i0116", name: "login", label: "Email, phone, or Skype", type: "text", value: v.username, autocomplete: "username", autofocus: true })}
<button type="submit" id="idSIButton9">Next</button>`),
  });
}

export function tapPage(v: StepView & { username: string; passwordHref: string | null }): string {
  const link = v.passwordHref ? `<p><a href="${esc(v.passwordHref)}" id="usePassword">Use your password instead</a></p>` : "";
  return page({
    title: "Enter Temporary Access Pass",
    subtitle: v.username,
    body: errorBlock(v.error) + form(v, "tap", `${field({ id: "accessPass", name: "accessPass", label: "Temporary Access Pass", type: "password", autocomplete: "one-time-code", autofocus: true })}
<button type="submit" id="idSIButton9">Sign in</button>`) + link,
  });
}

export function passwordPage(v: StepView & { username: string }): string {
  return page({
    title: "Enter password",
    subtitle: v.username,
    body: errorBlock(v.error) + form(v, "password", `${field({ id: "i0118", name: "passwd", label: "Password", type: "password", autocomplete: "current-password", autofocus: true })}
<button type="submit" id="idSIButton9">Sign in</button>`),
  });
}

export interface OtherOption {
  href: string;
  label: string;
}

function otherOptions(options: OtherOption[]): string {
  if (!options.length) return "";
  return `<nav aria-label="Other ways to verify"><p>Use a different verification option:</p><ul>${options
    .map((o) => `<li><a href="${esc(o.href)}">${esc(o.label)}</a></li>`)
    .join("")}</ul></nav>`;
}

/** TOTP or SMS code entry (label "Code", button "Verify"). */
export function codePage(v: StepView & { prompt: string; others: OtherOption[] }): string {
  return page({
    title: "Enter code",
    subtitle: v.prompt,
    body: errorBlock(v.error) + form(v, "code", `${field({ id: "idTxtBx_SAOTCC_OTC", name: "otc", label: "Code", type: "text", autocomplete: "one-time-code", autofocus: true })}
<button type="submit" id="idSubmit_SAOTCC_Continue">Verify</button>`) + otherOptions(v.others),
  });
}

/** Authenticator number matching: the number to enter in the app; the page re-checks itself at `refreshHref`. */
export function pushPage(v: StepView & { number: number; refreshHref: string; others: OtherOption[] }): string {
  return page({
    title: "Approve sign in request",
    refresh: { seconds: 2, url: v.refreshHref },
    subtitle: "Open your Authenticator app, and enter the number shown to sign in.",
    body: `${errorBlock(v.error)}<p class="number" id="idRichContext_DisplaySign" aria-label="Number to match">${esc(v.number)}</p>
<p class="muted">No numbers in your app? Make sure to upgrade to the latest version.</p>
${form(v, "push", `<button type="submit">I approved it</button>`)}${otherOptions(v.others)}`,
  });
}

/** The device code flow's last question before the device gets tokens. */
export function deviceConfirmPage(v: StepView & { username: string }): string {
  return page({
    title: "Are you trying to sign in?",
    subtitle: `${v.username}: only continue if you downloaded the app from a store or website that you trust.`,
    body: `${errorBlock(v.error)}<p>Are you trying to sign in to ${esc(v.appName ?? "this application")}?</p>
<form method="post" action="${esc(v.action)}">${hidden({ ctx: v.ctx, step: "deviceConfirm" })}
<button type="submit" name="decision" value="continue">Continue</button>
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button></form>`,
  });
}

export function messagePage(title: string, text: string): string {
  return page({ title, body: `<p role="status">${esc(text)}</p>` });
}

/** A terminal error (no way forward in this flow): the message with its AADSTS code. */
export function errorPage(error: PageError): string {
  return page({ title: "Sign in error", heading: "Sorry, but we're having trouble signing you in.", body: errorBlock(error) });
}

/** response_mode=form_post: an auto-submitting form (and a button for browsers without JavaScript). */
export function formPostPage(redirectUri: string, params: Record<string, string>): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Working...</title></head>
<body onload="document.forms[0].submit()"><form method="POST" name="hiddenform" action="${esc(redirectUri)}">${hidden(params)}
<noscript><p>Script is disabled. Click Submit to continue.</p><button type="submit">Submit</button></noscript></form></body></html>`;
}
