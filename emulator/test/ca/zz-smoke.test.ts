import { it, expect } from "vitest";
import { defaultState, ctx, U, IP } from "./ca-kit";
import { evaluateConditionalAccess } from "../../src/domain/conditional-access/evaluate";
it("smoke", () => {
  const s = defaultState();
  const r = evaluateConditionalAccess(s, ctx({ appId: null, userAction: "urn:user:registersecurityinfo" }));
  console.log(JSON.stringify(r, null, 1));
  expect(s.conditionalAccess.policies.length).toBe(2);
});
