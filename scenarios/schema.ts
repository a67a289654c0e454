/**
 * The scenario format: a declarative rehearsal (for trainers and CI) of a procedure against a fresh
 * tenant — Graph calls, token requests, control-plane calls and clock moves, each with expectations.
 * Values may use placeholders: {{tenantId}}, {{domain}}, {{upn:alice}} (alice@<tenant domain>),
 * {{userId:alice}}, {{name}} for anything saved by an earlier step.
 */
import { z } from "zod";

const expectSchema = z.strictObject({
  status: z.number().int().optional(),
  /** A subset the JSON body must contain (deep, arrays matched item by item). */
  body: z.unknown().optional(),
  /** Dotted paths that must exist and not be null, e.g. "body.temporaryAccessPass". */
  present: z.array(z.string()).optional(),
  /** Dotted paths that must be null or absent. */
  absent: z.array(z.string()).optional(),
});

export const stepSchema = z.strictObject({
  name: z.string().optional(),
  /** Get a token: for a user (ROPC through the public client) or for an app (client credentials). */
  token: z
    .union([
      z.strictObject({ user: z.string(), password: z.string().optional(), scope: z.string().optional() }),
      z.strictObject({ app: z.string(), secret: z.string() }),
    ])
    .optional(),
  /** Any HTTP call on the emulator: Graph, token endpoint (form), control plane. */
  request: z
    .strictObject({
      method: z.enum(["GET", "POST", "PATCH", "PUT", "DELETE"]),
      path: z.string(),
      /** Name of a saved token to send as Bearer. */
      token: z.string().optional(),
      body: z.unknown().optional(),
      form: z.record(z.string(), z.string()).optional(),
      headers: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  /** Move this tenant's clock. */
  clock: z.union([z.strictObject({ advanceMinutes: z.number() }), z.strictObject({ now: z.string() })]).optional(),
  expect: expectSchema.optional(),
  /** Save values from the response: name -> dotted path ("body.id", "body.access_token"). A token step saves its access token under the given string. */
  save: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string(),
  description: z.string().optional(),
  /** Fixture path relative to the repo root (default fixtures/contoso.json); domains are made unique per run. */
  fixture: z.string().optional(),
  steps: z.array(stepSchema).min(1),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioStep = z.infer<typeof stepSchema>;
