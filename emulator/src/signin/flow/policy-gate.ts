/**
 * What happens once a factor is proved (behavior.md 3.4-3.6, 4.6): a disabled account stops
 * (AADSTS50057); Conditional Access is evaluated with the methods satisfied so far; block stops
 * (53003, or 53010 for the "register security information" user action); MFA or an authentication
 * strength that is not yet met leads to the second-factor step, or to 50079 when the user has no method
 * that could satisfy it; legacy per-user MFA asks for a second factor too. Otherwise the sign-in is done.
 */
import { evaluateConditionalAccess } from "../../domain/conditional-access/evaluate";
import { findUser } from "../../domain/directory";
import { amrFor, amrHasMfa } from "../../domain/amr";
import { firstFactorSatisfies, perUserMfaRequired, secondFactorOptions } from "../../domain/signin-rules";
import { caContext, failFlow, tenantState, type FlowCtx } from "./flow-context";
import type { Interaction } from "./interaction";
import { startChallenge } from "./second-factor";
import { policyRequiresMfa } from "../signin-hooks";

/**
 * Decides the next step after a factor. `interactive: false` (prompt=none) only decides: it never
 * sends an SMS or a push for a second factor that cannot be shown anyway.
 */
export function afterFactor(fx: FlowCtx, itx: Interaction, opts: { interactive?: boolean } = {}): void {
  const state = tenantState(fx, itx);
  const user = findUser(state, itx.userId!);
  if (!user) return failFlow(fx, itx, 50034, [itx.username ?? "", state.displayName]);
  if (!user.accountEnabled) return failFlow(fx, itx, 50057);
  const evaluation = evaluateConditionalAccess(state, caContext(fx, itx));
  itx.lastEvaluation = evaluation;
  if (evaluation.outcome.kind === "block") return failFlow(fx, itx, itx.userAction ? 53010 : 53003);
  const perUser = perUserMfaRequired(state, user.id);
  itx.mfaRequired = itx.mfaRequired || perUser || policyRequiresMfa(evaluation);
  const amr = amrFor(itx.first!, itx.second);
  let needSecond = false;
  let combos: string[][] | null = null;
  if (evaluation.outcome.kind === "mfa") {
    combos = evaluation.outcome.allowedCombinations;
    // A TAP satisfies "require MFA" and the MFA strength on its own (1.32, 3.31); guard in case the
    // engine reports MFA for a first factor that already satisfies it.
    needSecond = !(itx.second === null && firstFactorSatisfies(itx.first!, combos));
  }
  if (perUser && !amrHasMfa(amr)) needSecond = true;
  if (!needSecond) {
    itx.step = itx.purpose.kind === "device" ? "deviceConfirm" : "done";
    itx.error = null;
    return;
  }
  // A second factor was already done and policy still wants more: nothing the pages can offer.
  if (itx.second) return failFlow(fx, itx, 50074);
  const options = secondFactorOptions(state, user.id, itx.first!, combos);
  itx.allowedCombinations = combos;
  itx.secondOptions = options;
  if (!options.length) return failFlow(fx, itx, 50079, [itx.appId ?? "My Security Info"]);
  if (opts.interactive === false) {
    itx.step = "secondFactor";
    return;
  }
  startChallenge(fx, itx, options[0]);
}
