/**
 * A small mock federated IdP inside the emulator (`/_federation/{domain}/login`), standing in for the
 * AD FS (or other IdP) of a domain whose authenticationType is Federated (behavior.md 1.34). The page is
 * labelled with the domain's `federatedIdpDisplayName`, asks for user name and password (checked against
 * the directory, as the on-premises directory would), and returns to the emulator with an assertion;
 * the resulting tokens carry `amr: ["fed"]`.
 */
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../http/context";
import { findUser } from "../../domain/directory";
import { federatedLoginPage } from "../../pages/federation.pages";
import { errorPage } from "../../pages/signin.pages";
import { createAssertion } from "./assertion";
import { formFields } from "../form-fields";

export function mockIdpRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const federatedDomain = (name: string) => {
    const record = deps.tenants.resolve(name);
    const domain = record?.state.domains.find((d) => d.id.toLowerCase() === name.toLowerCase());
    if (!record || !domain || domain.authenticationType !== "Federated") return null;
    return { state: record.state, domain, idpName: domain.federatedIdpDisplayName ?? `${domain.id} federation service` };
  };
  const notFederated = (domain: string) => errorPage({ code: null, message: `The domain '${domain}' is not federated in this emulator.` });

  app.get("/_federation/:domain/login", (c) => {
    const f = federatedDomain(c.req.param("domain"));
    if (!f) return c.html(notFederated(c.req.param("domain")), 404);
    const q = c.req.query();
    return c.html(federatedLoginPage({ idpName: f.idpName, action: c.req.path, ctx: q.ctx ?? "", returnTo: q.tenant ?? f.state.id, username: q.username ?? "" }));
  });

  app.post("/_federation/:domain/login", async (c) => {
    const f = federatedDomain(c.req.param("domain"));
    if (!f) return c.html(notFederated(c.req.param("domain")), 404);
    const form = await formFields(c);
    const str = (k: string) => form[k] ?? "";
    const ctx = str("ctx");
    const returnTo = str("returnTo") || f.state.id;
    const username = str("UserName").trim();
    const user = findUser(f.state, username);
    const inDomain = user && user.userPrincipalName.toLowerCase().endsWith(`@${f.domain.id.toLowerCase()}`);
    if (!user || !inDomain || !deps.secrets.verify(str("Password"), user.passwordHash)) {
      return c.html(federatedLoginPage({ idpName: f.idpName, action: c.req.path, ctx, returnTo, username, error: "Incorrect user ID or password. Type the correct user ID and password, and try again." }), 200);
    }
    const assertion = await createAssertion(deps, { tenantId: f.state.id, domain: f.domain.id, upn: user.userPrincipalName, ctx, now: deps.tenants.now(f.state) });
    const q = new URLSearchParams({ ctx, assertion });
    return c.redirect(`/${encodeURIComponent(returnTo)}/login?${q.toString()}`, 303);
  });
  return app;
}
