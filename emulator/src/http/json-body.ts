/**
 * Reads and validates a JSON body with zod. Malformed JSON and wrong types become Graph 400s that name
 * the field, never 500s.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { GraphHttpError } from "./graph-errors";

export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) throw new GraphHttpError(400, "BadRequest", "Empty Payload. JSON content expected.");
  try {
    return JSON.parse(text);
  } catch {
    throw new GraphHttpError(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
}

/** Describes the first zod issue the way Graph words a bad property. */
export function describeZodIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys")
    return `Invalid property '${issue.keys[0]}'${path ? ` of '${path}'` : ""}: this property is not defined for the resource.`;
  return path ? `Invalid value specified for property '${path}': ${issue.message}.` : `Invalid request body: ${issue.message}.`;
}

export async function parseJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const raw = await readJson(c);
  const result = schema.safeParse(raw);
  if (!result.success) throw new GraphHttpError(400, "BadRequest", describeZodIssue(result.error));
  return result.data;
}
