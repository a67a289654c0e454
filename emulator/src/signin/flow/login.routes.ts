/**
 * The hosted sign-in pages' endpoint, `/{tenant}/login`: GET shows the interaction's current step (and
 * takes the "Use your password instead" / other-verification links, the federated IdP's return and the
 * push page's refresh); POST takes each step's form. Plain forms, no JavaScript needed.
 */
import { Hono, type Context } from "hono";
import type { AppDeps, AppEnv } from "../../http/context";
import { errorPage } from "../../pages/signin.pages";
import { OAuthError } from "../oauth-errors";
import { verifyAssertion } from "../federation/assertion";
import { pendingRegistry } from "./pending-registry";
import { tenantState, type FlowCtx } from "./flow-context";
import { respond } from "./respond";
import { federationCompleted, submitPassword, submitSmsSignInCode, submitTap, submitUsername, usePassword } from "./first-factor";
import { checkPush, chooseMethod, submitSecondFactorCode } from "./second-factor";
import { confirmDevice } from "./complete";
import { formFields } from "../form-fields";

const expiredPage = (c: Context<AppEnv>) =>
  c.html(errorPage({ code: null, message: "Your sign-in session has expired or is unknown. Go back to the application and start again." }), 400);

async function guarded(c: Context<AppEnv>, run: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof OAuthError) return c.html(errorPage({ code: e.aadsts, message: e.message }), 400);
    throw e;
  }
}

export function loginRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const registry = pendingRegistry(deps);

  app.get("/:tenant/login", (c) =>
    guarded(c, async () => {
      const q = c.req.query();
      const itx = registry.interaction(q.ctx);
      if (!itx) return expiredPage(c);
      const fx: FlowCtx = { c, deps };
      if (q.use === "password") usePassword(fx, itx);
      else if (q.method) chooseMethod(fx, itx, q.method);
      else if (q.assertion) {
        const state = tenantState(fx, itx);
        const claims = await verifyAssertion(deps, q.assertion, { tenantId: state.id, ctx: itx.id, now: deps.tenants.now(state) });
        const domain = claims && state.domains.find((d) => d.id.toLowerCase() === claims.domain);
        if (!claims || !domain) return c.html(errorPage({ code: 50126, message: "The federated identity provider's assertion is not valid." }), 400);
        if (!itx.tenantId) itx.tenantId = state.id;
        federationCompleted(fx, itx, claims.upn, domain.federatedIdpDisplayName ?? domain.id);
      } else if (itx.step === "secondFactor") checkPush(fx, itx);
      return respond(fx, itx);
    }),
  );

  app.post("/:tenant/login", (c) =>
    guarded(c, async () => {
      const form = await formFields(c);
      const str = (k: string) => form[k] ?? "";
      const itx = registry.interaction(str("ctx"));
      if (!itx) return expiredPage(c);
      const fx: FlowCtx = { c, deps };
      // A form from an older step (back button, double submit) just shows the current step again.
      switch (str("step")) {
        case "username":
          submitUsername(fx, itx, str("login"));
          break;
        case "tap":
          submitTap(fx, itx, str("accessPass"));
          break;
        case "password":
          submitPassword(fx, itx, str("passwd"));
          break;
        case "code":
          if (itx.step === "smsSignIn") submitSmsSignInCode(fx, itx, str("otc"));
          else submitSecondFactorCode(fx, itx, str("otc"));
          break;
        case "push":
          checkPush(fx, itx);
          break;
        case "deviceConfirm": {
          const answered = confirmDevice(fx, itx, str("decision"));
          if (answered) return answered;
          break;
        }
      }
      return respond(fx, itx);
    }),
  );
  return app;
}
