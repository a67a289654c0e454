/**
 * Custom authentication strengths: create, rename, change combinations, delete (GD
 * authenticationstrengthroot-post-policies.md, authenticationstrengthpolicy-update.md,
 * authenticationstrengthpolicy-updateallowedcombinations.md; behavior.md 3.30). Built-in strengths are
 * read-only; a strength used by a policy can't be deleted.
 */
import { z } from "zod";
import type { TenantState } from "../state";
import { badRequest } from "../errors";
import type { AuthenticationStrengthPolicy } from "./types";
import { AUTHENTICATION_METHOD_MODES, BUILT_IN_STRENGTHS, MAX_CUSTOM_STRENGTHS } from "./strengths";

const fail = (message: string) => badRequest(message, { graphCode: "BadRequest", innerMessage: true });

const readOnly = {
  id: z.unknown().optional(), createdDateTime: z.unknown().optional(), modifiedDateTime: z.unknown().optional(),
  policyType: z.unknown().optional(), requirementsSatisfied: z.unknown().optional(), combinationConfigurations: z.array(z.unknown()).optional(),
};

export const strengthCreateSchema = z.strictObject({
  displayName: z.string().min(1),
  description: z.string().nullable().optional(),
  allowedCombinations: z.array(z.string()).min(1),
  ...readOnly,
});
export const strengthPatchSchema = z.strictObject({
  displayName: z.string().min(1).optional(),
  description: z.string().nullable().optional(),
  allowedCombinations: z.array(z.string()).optional(),
  ...readOnly,
});
export const updateCombinationsSchema = z.strictObject({ allowedCombinations: z.array(z.string()).min(1) });

/** Each combination is a comma-joined set of authenticationMethodModes; normalized without spaces. */
export function normalizeCombinations(list: string[]): string[] {
  const out: string[] = [];
  for (const raw of list) {
    const modes = raw.split(",").map((m) => m.trim()).filter(Boolean);
    if (!modes.length) throw fail(`Invalid allowed combination '${raw}'.`);
    for (const m of modes)
      if (!(AUTHENTICATION_METHOD_MODES as readonly string[]).includes(m)) throw fail(`Invalid authentication method mode '${m}' in combination '${raw}'.`);
    const combo = modes.join(",");
    if (!out.includes(combo)) out.push(combo);
  }
  return out;
}

/** Built-in combinations need "mfa" as requirement only when every combination is multifactor. */
function requirementOf(combos: string[]): "mfa" | "none" {
  const mfa = BUILT_IN_STRENGTHS[0].allowedCombinations;
  return combos.every((c) => mfa.includes(c)) ? "mfa" : "none";
}

export function createStrength(state: TenantState, body: z.infer<typeof strengthCreateSchema>, id: string, nowIso: string): AuthenticationStrengthPolicy {
  if (state.conditionalAccess.authenticationStrengths.length >= MAX_CUSTOM_STRENGTHS)
    throw fail(`A tenant can have at most ${MAX_CUSTOM_STRENGTHS} custom authentication strengths.`);
  checkUniqueName(state, body.displayName, null);
  const allowedCombinations = normalizeCombinations(body.allowedCombinations);
  return {
    id, createdDateTime: nowIso, modifiedDateTime: nowIso, displayName: body.displayName, description: body.description ?? null,
    policyType: "custom", requirementsSatisfied: requirementOf(allowedCombinations), allowedCombinations,
  };
}

function checkUniqueName(state: TenantState, name: string, selfId: string | null) {
  const clash = [...BUILT_IN_STRENGTHS, ...state.conditionalAccess.authenticationStrengths]
    .some((s) => s.id !== selfId && s.displayName.toLowerCase() === name.toLowerCase());
  if (clash) throw fail(`An authentication strength named '${name}' already exists.`);
}

export function requireCustom(strength: AuthenticationStrengthPolicy) {
  if (strength.policyType === "builtIn") throw fail("Built-in authentication strengths can't be modified or deleted.");
}

/** PATCH changes displayName and description; combinations go through updateAllowedCombinations. */
export function patchStrength(state: TenantState, s: AuthenticationStrengthPolicy, body: z.infer<typeof strengthPatchSchema>, nowIso: string) {
  requireCustom(s);
  if (body.allowedCombinations !== undefined)
    throw fail("allowedCombinations can't be updated with PATCH; use the updateAllowedCombinations action.");
  if (body.displayName !== undefined) { checkUniqueName(state, body.displayName, s.id); s.displayName = body.displayName; }
  if (body.description !== undefined) s.description = body.description;
  s.modifiedDateTime = nowIso;
}

/** The updateAllowedCombinations action; returns an `updateAllowedCombinationsResult`. */
export function updateCombinations(state: TenantState, s: AuthenticationStrengthPolicy, combos: string[], nowIso: string) {
  requireCustom(s);
  const before = s.allowedCombinations;
  s.allowedCombinations = normalizeCombinations(combos);
  s.requirementsSatisfied = requirementOf(s.allowedCombinations);
  s.modifiedDateTime = nowIso;
  return {
    additionalInformation: null,
    conditionalAccessReferences: policiesUsingStrength(state, s.id),
    currentCombinations: [...s.allowedCombinations],
    previousCombinations: before,
  };
}

export function policiesUsingStrength(state: TenantState, id: string): string[] {
  const key = id.toLowerCase();
  return state.conditionalAccess.policies.filter((p) => p.grantControls?.authenticationStrength?.id.toLowerCase() === key).map((p) => p.id);
}

export function checkStrengthDeletable(state: TenantState, s: AuthenticationStrengthPolicy) {
  requireCustom(s);
  const users = policiesUsingStrength(state, s.id);
  if (users.length) throw fail(`The authentication strength '${s.displayName}' is used by Conditional Access policies (${users.join(", ")}) and can't be deleted.`);
}
