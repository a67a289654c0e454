/**
 * `$ref` bodies for adding members (`POST .../members/$ref`): `{"@odata.id": "<graph URL>/directoryObjects/{id}"}`.
 * Graph accepts any URL whose last segment (or key) is the object id, e.g. `.../users/{id}` or
 * `.../directoryObjects('{id}')`; the host is not checked (clients send graph.microsoft.com).
 */
import { z } from "zod";
import type { Context } from "hono";
import { parseJson } from "../http/json-body";
import { GraphHttpError } from "../http/graph-errors";
import { safeDecode } from "./graph-module";

const refBody = z.looseObject({ "@odata.id": z.string().min(1) });

/** The object id a directory-object URL names, or null when the URL is not such a reference. */
export function refIdFromUrl(url: string): string | null {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, "").split("?")[0];
  const key = /\('?([^'()]+)'?\)$/.exec(path)?.[1] ?? path.split("/").filter(Boolean).pop();
  if (!key || !/(directoryObjects|users|groups|servicePrincipals)(\/|\()/i.test(path)) return null;
  return safeDecode(key).toLowerCase();
}

/** The object id named by a `$ref` body; 400 when the body or the URL is not a reference. */
export async function readRefId(c: Context): Promise<string> {
  const body = await parseJson(c, refBody);
  const id = refIdFromUrl(body["@odata.id"]);
  if (!id) throw new GraphHttpError(400, "BadRequest", `Invalid value specified for property '@odata.id': '${body["@odata.id"]}' is not a reference to a directory object.`);
  return id;
}
