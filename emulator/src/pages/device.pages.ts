/** The device login page (`/devicelogin`): enter the code shown on the device. */
import { errorBlock, esc, field, page, type PageError } from "./layout";

export function deviceCodeEntryPage(v: { action: string; error?: PageError | null; code?: string }): string {
  return page({
    title: "Enter code",
    subtitle: "Enter the code displayed on your app or device.",
    body: `${errorBlock(v.error)}<form method="post" action="${esc(v.action)}">${field({ id: "otc", name: "otc", label: "Enter code", value: v.code, autofocus: true })}
<button type="submit" id="idSIButton9">Next</button></form>`,
  });
}
