/**
 * The device authorization grant (RFC 8628) as Entra serves it: `POST /{tenant}/oauth2/v2.0/devicecode`
 * returns user_code, device_code, verification_uri (the emulator's own /devicelogin page), expires_in 900,
 * interval 5 and message; the person enters the code at /devicelogin (or /{tenant}/devicelogin), signs
 * in with the normal steps and confirms; the device polls the token endpoint meanwhile.
 */
import { Hono, type Context } from "hono";
import type { AppDeps, AppEnv } from "../../http/context";
import { requestOrigin } from "../../http/context";
import { findApplication } from "../../domain/directory";
import { deviceCodeEntryPage } from "../../pages/device.pages";
import { OAuthError } from "../oauth-errors";
import { oauthErrorResponse } from "../oauth-response";
import { resolveTenantSegment } from "../tenant-segment";
import { deviceNow, pendingRegistry } from "../flow/pending-registry";
import { INTERACTION_MINUTES, newInteraction } from "../flow/interaction";
import { respond } from "../flow/respond";
import { formFields } from "../form-fields";

export const DEVICE_CODE_SECONDS = 900;
export const DEVICE_POLL_INTERVAL = 5;
/** Unambiguous characters for codes people type. */
const USER_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function deviceCodeRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const registry = pendingRegistry(deps);

  app.post("/:tenant/oauth2/v2.0/devicecode", async (c) => {
    try {
      const form = await formFields(c);
      const tenant = resolveTenantSegment(deps, c.req.param("tenant"));
      const clientId = form.client_id;
      if (!clientId) throw new OAuthError(900144, ["client_id"]);
      const states = tenant ? [tenant.state] : deps.tenants.list();
      if (!states.some((s) => findApplication(s, clientId))) throw new OAuthError(700016, [clientId, tenant?.state.id ?? "the directory"]);
      if (!form.scope?.trim()) throw new OAuthError(900144, ["scope"]);
      const deviceCode = deps.ids.opaque(48);
      const userCode = deps.ids.fromAlphabet(USER_CODE_ALPHABET, 9);
      const now = tenant ? deps.tenants.now(tenant.state) : deps.clock.now();
      registry.putDevice({
        digest: deps.secrets.digest(deviceCode),
        userCode,
        clientId,
        scope: form.scope.trim(),
        tenantId: tenant?.state.id ?? null,
        segment: tenant ? c.req.param("tenant") : "organizations",
        expiresAt: new Date(now.getTime() + DEVICE_CODE_SECONDS * 1000),
        interval: DEVICE_POLL_INTERVAL,
        createdAtMs: deps.clock.now().getTime(),
        status: "pending",
        errorCode: null,
        result: null,
      });
      const verificationUri = `${requestOrigin(c, deps.config)}/devicelogin`;
      c.header("cache-control", "no-store");
      return c.json({
        user_code: userCode,
        device_code: deviceCode,
        verification_uri: verificationUri,
        expires_in: DEVICE_CODE_SECONDS,
        interval: DEVICE_POLL_INTERVAL,
        message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
      });
    } catch (e) {
      if (e instanceof OAuthError) return oauthErrorResponse(c, deps, e);
      throw e;
    }
  });

  const entryPage = (c: Context<AppEnv>) => c.html(deviceCodeEntryPage({ action: c.req.path }));
  const submit = async (c: Context<AppEnv>) => {
    const code = (await formFields(c)).otc ?? "";
    const entry = registry.deviceByUserCode(code);
    if (!entry) return c.html(deviceCodeEntryPage({ action: c.req.path, code, error: { code: null, message: "That code didn't work. Check the code and try again." } }), 400);
    if (entry.expiresAt <= deviceNow(deps, entry))
      return c.html(deviceCodeEntryPage({ action: c.req.path, code, error: { code: 70019, message: "The code you entered has expired. Get a new code from the device you're trying to sign in to and try again." } }), 400);
    const itx = newInteraction({
      id: deps.ids.opaque(24),
      tenantId: entry.tenantId,
      segment: entry.segment,
      purpose: { kind: "device", deviceCodeDigest: entry.digest, clientId: entry.clientId },
      appId: entry.clientId,
      userAction: null,
      expiresAtMs: deps.clock.now().getTime() + INTERACTION_MINUTES * 60_000,
    });
    registry.putInteraction(itx);
    return respond({ c, deps }, itx);
  };
  app.get("/devicelogin", entryPage);
  app.post("/devicelogin", submit);
  app.get("/:tenant/devicelogin", entryPage);
  app.post("/:tenant/devicelogin", submit);
  return app;
}
