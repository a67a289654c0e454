import { describe, it, expect, beforeEach } from "vitest";
import { harness, newTenant, PASSWORD, PUBLIC_APP, BOOTSTRAP, type Harness } from "../helpers";
import { Browser, REDIRECT, alertText, authorizeUrl, buttons, claims, enterUsername, labels, pkce, redeemCode, redirectParams, startSignIn } from "./support";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
});

async function passwordSignIn(b: Browser, extra: Record<string, string | undefined> = {}, upn = t.upn("dave2")) {
  const { page, verifier } = await startSignIn(b, t.id, extra);
  const pwd = await enterUsername(b, page, upn);
  return { res: await b.submit(pwd, { passwd: PASSWORD }), verifier };
}

describe("authorize: the hosted username and password steps", () => {
  it("shows the username step with its exact label and button, then the password step", async () => {
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    expect(page.status).toBe(200);
    expect(labels(page.text)).toEqual(["Email, phone, or Skype"]);
    expect(buttons(page.text)).toEqual(["Next"]);
    const pwd = await enterUsername(b, page, t.upn("carol"));
    expect(labels(pwd.text)).toEqual(["Password"]);
    expect(buttons(pwd.text)).toEqual(["Sign in"]);
  });

  it("returns code, state, client_info and session_state to the redirect URI (query) and the code redeems with PKCE", async () => {
    const b = new Browser(h);
    const { res, verifier } = await passwordSignIn(b, {}, t.upn("carol"));
    expect(res.status).toBe(302);
    expect(res.location!.startsWith(`${REDIRECT}?`)).toBe(true);
    const p = redirectParams(res.location);
    expect(p.state).toBe("st-1");
    expect(JSON.parse(Buffer.from(p.client_info, "base64url").toString())).toEqual({ uid: expect.any(String), utid: t.id });
    expect(p.session_state).toMatch(/^[0-9a-f-]{36}$/);
    const tok = await redeemCode(h, t.id, p.code, verifier);
    expect(tok.status, JSON.stringify(tok.body)).toBe(200);
    expect(claims(tok.body.access_token).amr).toEqual(["pwd"]);
    expect(claims(tok.body.id_token).nonce).toBeUndefined();
    expect(tok.body.refresh_token).toBeTypeOf("string");
  });

  it("echoes the nonce in the id_token only when the request carried one", async () => {
    const b = new Browser(h);
    const { res, verifier } = await passwordSignIn(b, { nonce: "n-123" }, t.upn("carol"));
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, verifier);
    expect(claims(tok.body.id_token).nonce).toBe("n-123");
  });

  it("answers in the fragment for response_mode=fragment", async () => {
    const b = new Browser(h);
    const { res } = await passwordSignIn(b, { response_mode: "fragment" }, t.upn("carol"));
    expect(res.location).toContain(`${REDIRECT}#code=`);
    expect(redirectParams(res.location).state).toBe("st-1");
  });

  it("answers with an auto-submitting form for response_mode=form_post", async () => {
    const b = new Browser(h);
    const { res } = await passwordSignIn(b, { response_mode: "form_post" }, t.upn("carol"));
    expect(res.status).toBe(200);
    expect(res.text).toContain(`action="${REDIRECT}"`);
    expect(res.text).toContain('onload="document.forms[0].submit()"');
    expect(res.text).toMatch(/name="code" value="[^"]+"/);
    expect(res.text).toMatch(/name="client_info" value="[^"]+"/);
    expect(res.text).toMatch(/name="session_state" value="[^"]+"/);
  });

  it("accepts any port on http://localhost for a public client and ignores unknown parameters", async () => {
    const b = new Browser(h);
    const { challenge } = pkce();
    const res = await b.get(authorizeUrl(t.id, { redirect_uri: "http://localhost:53124", code_challenge: challenge, code_challenge_method: "S256", clidata: "1", pocd: "x", "x-client-SKU": "msal.js.node", claims: "{}" }));
    expect(res.status).toBe(200);
    expect(labels(res.text)).toEqual(["Email, phone, or Skype"]);
  });

  it("shows an error page, never a redirect, for a redirect URI the app does not have", async () => {
    const b = new Browser(h);
    const res = await b.get(authorizeUrl(t.id, { redirect_uri: "https://evil.example/cb" }));
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
    expect(alertText(res.text)).toContain("AADSTS50011");
  });

  it("does not allow a loopback port wildcard for a confidential client", async () => {
    const b = new Browser(h);
    const res = await b.get(authorizeUrl(t.id, { client_id: BOOTSTRAP.appId, redirect_uri: "http://localhost:4000/auth/callback" }));
    expect(res.status).toBe(400);
    expect(alertText(res.text)).toContain("AADSTS50011");
  });

  it("shows an error page for an unknown client", async () => {
    const res = await new Browser(h).get(authorizeUrl(t.id, { client_id: "00000000-0000-0000-0000-0000000000aa" }));
    expect(res.status).toBe(400);
    expect(alertText(res.text)).toContain("AADSTS700016");
  });

  it("refuses PKCE plain, redirecting the error to the app with the state", async () => {
    const res = await new Browser(h).get(authorizeUrl(t.id, { code_challenge: "a".repeat(43), code_challenge_method: "plain", state: "s1" }));
    expect(res.status).toBe(302);
    const p = redirectParams(res.location);
    expect(p.error).toBe("invalid_request");
    expect(p.state).toBe("s1");
  });

  it("refuses a code_verifier that does not match the challenge (AADSTS50148)", async () => {
    const b = new Browser(h);
    const { res } = await passwordSignIn(b, {}, t.upn("carol"));
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, pkce().verifier);
    expect(tok.status).toBe(400);
    expect(tok.body.error_codes).toEqual([50148]);
  });

  it("redeems a code only once (AADSTS54005)", async () => {
    const b = new Browser(h);
    const { res, verifier } = await passwordSignIn(b, {}, t.upn("carol"));
    const code = redirectParams(res.location).code;
    expect((await redeemCode(h, t.id, code, verifier)).status).toBe(200);
    const again = await redeemCode(h, t.id, code, verifier);
    expect(again.body.error).toBe("invalid_grant");
    expect(again.body.error_codes).toEqual([54005]);
  });

  it("expires codes after 10 minutes of tenant time (AADSTS70008)", async () => {
    const b = new Browser(h);
    const { res, verifier } = await passwordSignIn(b, {}, t.upn("carol"));
    await h.call("POST", `/_emulator/tenants/${t.id}/clock`, { body: { advanceMinutes: 11 } });
    const tok = await redeemCode(h, t.id, redirectParams(res.location).code, verifier);
    expect(tok.body.error_codes).toEqual([70008]);
  });

  it("shows a wrong password on the page with AADSTS50126 and lets the user retry", async () => {
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const pwd = await enterUsername(b, page, t.upn("carol"));
    const wrong = await b.submit(pwd, { passwd: "nope" });
    expect(wrong.status).toBe(200);
    expect(alertText(wrong.text)).toContain("AADSTS50126");
    const ok = await b.submit(wrong, { passwd: PASSWORD });
    expect(ok.status).toBe(302);
  });

  it("shows an unknown user on the username page (AADSTS50034)", async () => {
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const res = await enterUsername(b, page, t.upn("nobody"));
    expect(alertText(res.text)).toContain("AADSTS50034");
    expect(labels(res.text)).toEqual(["Email, phone, or Skype"]);
  });

  it("refuses a disabled account after its password (AADSTS50057)", async () => {
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const pwd = await enterUsername(b, page, t.upn("dave"));
    const res = await b.submit(pwd, { passwd: PASSWORD });
    expect(res.status).toBe(400);
    expect(alertText(res.text)).toContain("AADSTS50057");
  });

  it("skips the username step with login_hint", async () => {
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id, { login_hint: t.upn("carol") });
    expect(labels(page.text)).toEqual(["Password"]);
  });

  it("works through the tenant's domain and /organizations as well as its id", async () => {
    for (const seg of [t.domain, "organizations"]) {
      const b = new Browser(h);
      const { page, verifier } = await startSignIn(b, seg);
      const pwd = await enterUsername(b, page, t.upn("carol"));
      const res = await b.submit(pwd, { passwd: PASSWORD });
      expect(res.status, res.text).toBe(302);
      const tok = await redeemCode(h, seg, redirectParams(res.location).code, verifier);
      expect(claims(tok.body.access_token).tid).toBe(t.id);
    }
  });
});

describe("authorize: the SSO session", () => {
  it("sets an HttpOnly, Secure, SameSite=None cookie bound to the tenant and signs in silently next time", async () => {
    const b = new Browser(h);
    const first = await passwordSignIn(b, {}, t.upn("carol"));
    expect(first.res.headers.getSetCookie().join("\n")).toMatch(new RegExp(`tenantlab_sso_${t.id}=[^;]+;.*HttpOnly.*Secure.*SameSite=None`, "s"));
    const { challenge, verifier } = pkce();
    const again = await b.get(authorizeUrl(t.id, { code_challenge: challenge, code_challenge_method: "S256", prompt: "none", state: "s2" }));
    expect(again.status).toBe(302);
    const p = redirectParams(again.location);
    expect(p.state).toBe("s2");
    const tok = await redeemCode(h, t.id, p.code, verifier);
    expect(claims(tok.body.id_token).preferred_username).toBe(t.upn("carol"));
  });

  it("answers prompt=none without a session with login_required (AADSTS50058)", async () => {
    const res = await new Browser(h).get(authorizeUrl(t.id, { prompt: "none", state: "s" }));
    const p = redirectParams(res.location);
    expect(p.error).toBe("login_required");
    expect(p.error_codes).toBe("[50058]");
    expect(p.state).toBe("s");
  });

  it("asks for credentials again with prompt=login and accepts select_account", async () => {
    const b = new Browser(h);
    await passwordSignIn(b, {}, t.upn("carol"));
    const login = await b.get(authorizeUrl(t.id, { prompt: "login" }));
    expect(labels(login.text)).toEqual(["Email, phone, or Skype"]);
    const select = await b.get(authorizeUrl(t.id, { prompt: "select_account" }));
    expect(select.status).toBe(302);
  });

  it("does not use a session of another tenant", async () => {
    const other = await newTenant(h);
    const b = new Browser(h);
    await passwordSignIn(b, {}, t.upn("carol"));
    const res = await b.get(authorizeUrl(other.id, { prompt: "none" }));
    expect(redirectParams(res.location).error).toBe("login_required");
  });

  it("logout clears the session and redirects to a registered post_logout_redirect_uri", async () => {
    const b = new Browser(h);
    await passwordSignIn(b, {}, t.upn("carol"));
    const out = await b.get(`/${t.id}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(REDIRECT)}&client_id=${PUBLIC_APP.appId}&state=bye`);
    expect(out.status).toBe(302);
    expect(out.location).toBe(`${REDIRECT}?state=bye`);
    const res = await b.get(authorizeUrl(t.id, { prompt: "none" }));
    expect(redirectParams(res.location).error).toBe("login_required");
  });

  it("logout does not redirect to an unregistered URI", async () => {
    const out = await new Browser(h).get(`/${t.id}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("https://evil.example/")}`);
    expect(out.status).toBe(200);
    expect(out.text).toContain("You signed out of your account");
  });

  it("accepts prompt=consent with a session (consent is implied for the tenant's apps)", async () => {
    const b = new Browser(h);
    await passwordSignIn(b, {}, t.upn("carol"));
    const res = await b.get(authorizeUrl(t.id, { prompt: "consent" }));
    expect(res.status).toBe(302);
    expect(redirectParams(res.location).code).toBeTruthy();
  });

  it("ends the SSO session when the account is disabled", async () => {
    const b = new Browser(h);
    await passwordSignIn(b, {}, t.upn("carol"));
    const state = h.deps.tenants.require(t.id).state;
    const carol = state.users.find((u) => u.userPrincipalName === t.upn("carol"))!;
    carol.accountEnabled = false;
    expect(redirectParams((await b.get(authorizeUrl(t.id, { prompt: "none" }))).location).error).toBe("login_required");
  });
});

describe("hosted pages are safe with hostile input", () => {
  it("escapes what the user typed", async () => {
    const b = new Browser(h);
    const { page } = await startSignIn(b, t.id);
    const res = await enterUsername(b, page, `<script>alert(1)</script>@${t.domain}`);
    expect(res.text).not.toContain("<script>alert(1)</script>");
    expect(res.text).toContain("&lt;script&gt;");
  });

  it("answers an unknown or expired interaction with a page, not a crash", async () => {
    const res = await new Browser(h).get(`/${t.id}/login?ctx=unknown`);
    expect(res.status).toBe(400);
    expect(res.text).toContain("expired");
  });
});
