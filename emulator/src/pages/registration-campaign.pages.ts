/** The registration campaign's interstitial and its "all set" page (behavior.md 2C). No JavaScript. */
import { errorBlock, esc, hidden, page, type PageError } from "./layout";

export function campaignPage(v: { action: string; ctx: string; username: string; skipAllowed: boolean; error: PageError | null }): string {
  const skip = v.skipAllowed
    ? `<button type="submit" name="decision" value="skip" class="secondary">Skip for now</button>`
    : `<p class="muted">Your organization requires you to set this up now.</p>`;
  return page({
    title: "Improve your sign-in",
    subtitle: v.username,
    body: `${errorBlock(v.error)}<p>Your organization asks you to set up the Microsoft Authenticator app: approve sign-in requests on your phone instead of typing codes.</p>
<form method="post" action="${esc(v.action)}">${hidden({ ctx: v.ctx })}
<button type="submit" name="decision" value="next">Next</button>
${skip}</form>`,
  });
}

/** After registering from the campaign: continue to the application that was being signed in to. */
export function campaignDonePage(v: { action: string; ctx: string; appName: string | null }): string {
  return page({
    title: "You're all set",
    body: `<p role="status">Microsoft Authenticator was added to your sign-in methods.</p>
<form method="post" action="${esc(v.action)}">${hidden({ ctx: v.ctx })}
<p>Continue to ${esc(v.appName ?? "the application")}.</p><button type="submit" name="decision" value="continue">Continue</button></form>`,
  });
}
