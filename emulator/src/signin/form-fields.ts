/** The string fields of a form-encoded request body (file parts dropped), as the sign-in endpoints read them. */
import type { Context } from "hono";

export async function formFields(c: Context): Promise<Record<string, string>> {
  // No prototype: a missing field reads as undefined even when named like an Object method ("constructor").
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === "string") out[k] = v;
  return out;
}
