/** My Security Info's registration forms, one per method kind (plain forms, labelled controls). */
import { errorBlock, esc, field, hidden, page, type PageError } from "./layout";

export interface AddFormView {
  action: string;
  csrf: string;
  /** The campaign interaction this registration continues, if any. */
  campaign: string | null;
  backHref: string;
  error: PageError | null;
}

const back = (v: AddFormView) => `<p><a href="${esc(v.backHref)}">Back to security info</a></p>`;
const common = (v: AddFormView, method: string) => hidden({ method, csrf: v.csrf, campaign: v.campaign });

/** Authenticator app with verification codes (software OATH): the secret as text and as an otpauth:// URI. */
export function softwareOathForm(v: AddFormView & { secret: string; otpauthUri: string }): string {
  return page({
    title: "Set up your authenticator app",
    body: `${errorBlock(v.error)}<p>Add an account in your authenticator app and enter this secret key, or open the link below on your phone.</p>
<p>Secret key: <code id="secret">${esc(v.secret)}</code></p>
<p>Link: <code id="otpauth">${esc(v.otpauthUri)}</code></p>
<form method="post" action="${esc(v.action)}">${common(v, "softwareOath")}${hidden({ secret: v.secret })}
<p>Enter the 6-digit code the app shows.</p>
${field({ id: "otc", name: "code", label: "Code", autocomplete: "one-time-code", autofocus: true })}
<button type="submit">Verify</button></form>${back(v)}`,
  });
}

/** Microsoft Authenticator: the device name stands in for the app's QR-code pairing. */
export function authenticatorForm(v: AddFormView): string {
  return page({
    title: "Set up Microsoft Authenticator",
    body: `${errorBlock(v.error)}<p>In the emulator, Microsoft Authenticator is paired by naming the device the app runs on.</p>
<form method="post" action="${esc(v.action)}">${common(v, "microsoftAuthenticator")}
${field({ id: "deviceName", name: "displayName", label: "Device name", autofocus: true })}
<button type="submit">Add</button></form>${back(v)}`,
  });
}

const PHONE_TYPE_LABEL: Record<string, string> = { mobile: "Mobile", alternateMobile: "Alternate mobile", office: "Office" };

export function phoneForm(v: AddFormView & { phoneTypes: string[] }): string {
  const options = v.phoneTypes.map((t) => `<option value="${esc(t)}">${esc(PHONE_TYPE_LABEL[t] ?? t)}</option>`).join("");
  return page({
    title: "Phone",
    body: `${errorBlock(v.error)}<p>Enter the number in the format +{country code} {number}, for example +1 4255550123.</p>
<form method="post" action="${esc(v.action)}">${common(v, "phone")}
${field({ id: "phoneNumber", name: "phoneNumber", label: "Phone number", type: "tel", autocomplete: "tel", autofocus: true })}
<label for="phoneType">Phone type</label><select id="phoneType" name="phoneType" required>${options}</select>
<button type="submit">Add</button></form>${back(v)}`,
  });
}

export function emailForm(v: AddFormView): string {
  return page({
    title: "Email",
    body: `${errorBlock(v.error)}<form method="post" action="${esc(v.action)}">${common(v, "email")}
${field({ id: "emailAddress", name: "emailAddress", label: "Email address", type: "email", autocomplete: "email", autofocus: true })}
<button type="submit">Add</button></form>${back(v)}`,
  });
}
