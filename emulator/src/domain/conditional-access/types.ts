/**
 * Conditional Access objects as stored (issue #5 owns this file), in their Graph shapes so that
 * GET returns exactly what was written and scanners read the same fields as in a real tenant.
 */
export interface ConditionalAccessState {
  policies: Record<string, unknown>[];
  namedLocations: Record<string, unknown>[];
  /** Custom authentication strengths (the built-in ones are constants in code). */
  authenticationStrengths: Record<string, unknown>[];
}

export function emptyConditionalAccess(): ConditionalAccessState {
  return { policies: [], namedLocations: [], authenticationStrengths: [] };
}
