/**
 * The frame every hosted page shares: plain HTML that works without JavaScript, one form per step,
 * labels tied to inputs (so assistive technology and Playwright's getByLabel find them), errors in a
 * `role="alert"` region with their AADSTS code. Pages render only; the sign-in engine decides.
 */

/** Escapes text for HTML element and attribute content. */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export interface PageError {
  code: number | null;
  message: string;
}

const STYLE = `body{font-family:Segoe UI,Helvetica,Arial,sans-serif;background:#f2f2f2;margin:0}
main{max-width:440px;margin:48px auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:0 0 16px}label{display:block;margin:12px 0 4px}
input[type=text],input[type=password],input[type=email],input[type=tel]{width:100%;box-sizing:border-box;padding:6px;font-size:15px}
button{margin-top:20px;padding:6px 24px;background:#0067b8;color:#fff;border:0;font-size:15px}
button.secondary{background:#ccc;color:#000}.alert{color:#e81123;margin:8px 0}.number{font-size:48px;font-weight:600;text-align:center}
.muted{color:#666;font-size:13px}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px;border-bottom:1px solid #ddd}`;

/** The error region: the message and, when there is one, the AADSTS code the real page also shows. */
export function errorBlock(error: PageError | null | undefined): string {
  if (!error) return "";
  const code = error.code ? `AADSTS${error.code}: ` : "";
  return `<div class="alert" role="alert" id="error"><p>${esc(code + error.message.replace(/^AADSTS\d+:\s*/, ""))}</p>${error.code ? `<p class="muted">Error code: ${error.code}</p>` : ""}</div>`;
}

/**
 * `refresh` re-requests `url` every `seconds` (a page that checks itself without script). The URL is
 * explicit: a page answered to a POST would otherwise reload its bare form target without its context.
 */
export function page(opts: { title: string; heading?: string; body: string; refresh?: { seconds: number; url: string }; subtitle?: string }): string {
  const refresh = opts.refresh ? `<meta http-equiv="refresh" content="${opts.refresh.seconds};url=${esc(opts.refresh.url)}">` : "";
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${esc(opts.title)}</title><style>${STYLE}</style></head>
<body><main><p class="muted">tenantlab · emulated Microsoft Entra ID</p>
<h1>${esc(opts.heading ?? opts.title)}</h1>${opts.subtitle ? `<p>${esc(opts.subtitle)}</p>` : ""}
${opts.body}
</main></body></html>`;
}

/** Hidden fields carried by every form of a flow. */
export function hidden(fields: Record<string, string | null | undefined>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join("");
}

/** A labelled input: `<label for>` + `<input id>`, the accessible pairing. */
export function field(opts: { id: string; name: string; label: string; type?: string; value?: string; autocomplete?: string; autofocus?: boolean }): string {
  return `<label for="${esc(opts.id)}">${esc(opts.label)}</label>
<input id="${esc(opts.id)}" name="${esc(opts.name)}" type="${esc(opts.type ?? "text")}" value="${esc(opts.value ?? "")}"${opts.autocomplete ? ` autocomplete="${esc(opts.autocomplete)}"` : ""}${opts.autofocus ? " autofocus" : ""} required>`;
}
