/**
 * One engine: a real sign-in (ROPC and the hosted My Security Info pages) and a What If call for the
 * same user, app or user action and IP must agree policy by policy. The sign-in's
 * `appliedConditionalAccessPolicies` are read back through `GET /beta/auditLogs/signIns` (with
 * `Prefer: include-unknown-enum-members`, so report-only results are visible) and compared with
 * `POST /beta/identity/conditionalAccess/evaluate`.
 */
import { describe, it, expect, beforeEach } from "vitest";
import { harness, newTenant, appToken, PASSWORD, PUBLIC_APP, type Harness } from "../helpers";
import { Browser, createTap, enterUsername, startSignIn } from "../signin/support";
import { G, IP, SEED_GUEST_POLICY, SEED_TAP_POLICY, U } from "./ca-kit";

let h: Harness;
let t: Awaited<ReturnType<typeof newTenant>>;
let token: string;
beforeEach(async () => {
  h = await harness();
  t = await newTenant(h);
  token = await appToken(h, t.id);
});

/** Microsoft Graph: the resource a Graph token is issued for, which Conditional Access targets (not the client). */
const GRAPH = "00000003-0000-0000-c000-000000000000";

const APPLIED = new Set(["success", "failure", "reportOnlySuccess", "reportOnlyFailure", "reportOnlyInterrupted"]);
const NOT_APPLIED = new Set(["notApplied", "notEnabled", "reportOnlyNotApplied"]);

async function addPolicy(body: Record<string, unknown>): Promise<string> {
  const res = await h.call("POST", "/v1.0/identity/conditionalAccess/policies", { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function ropc(upn: string, ip: string) {
  return h.call("POST", `/${t.id}/oauth2/v2.0/token`, {
    headers: { "x-forwarded-for": ip },
    form: { grant_type: "password", client_id: PUBLIC_APP.appId, username: upn, password: PASSWORD, scope: "https://graph.microsoft.com/.default openid profile" },
  });
}

/** The newest sign-in of the user, as beta Graph returns it with every enum member. */
async function lastSignIn(userId: string) {
  const res = await h.call("GET", `/beta/auditLogs/signIns?$filter=userId eq '${userId}'`, { token, headers: { prefer: "include-unknown-enum-members" } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const rows = [...res.body.value].sort((a: any, b: any) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)));
  expect(rows.length).toBeGreaterThan(0);
  return rows[0];
}

async function whatIf(userId: string, signInContext: Record<string, unknown>, ip: string, clientAppType: string, devicePlatform = "linux") {
  const res = await h.call("POST", "/beta/identity/conditionalAccess/evaluate", {
    token,
    body: {
      signInIdentity: { "@odata.type": "#microsoft.graph.userSignIn", userId },
      signInContext,
      signInConditions: { devicePlatform, clientAppType, ipAddress: ip, signInRiskLevel: "none", userRiskLevel: "none", insiderRiskLevel: "none" },
      appliedPoliciesOnly: false,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.value as any[];
}

/** Same set of policies, and applies <=> the sign-in recorded an applied result. */
function expectAgreement(signIn: any, analysis: any[]) {
  const logged = new Map<string, string>(signIn.appliedConditionalAccessPolicies.map((p: any) => [p.id, p.result]));
  expect([...logged.keys()].sort()).toEqual(analysis.map((p) => p.id).sort());
  for (const p of analysis) {
    const result = logged.get(p.id)!;
    expect(APPLIED.has(result) || NOT_APPLIED.has(result), result).toBe(true);
    expect({ id: p.id, applies: APPLIED.has(result) }).toEqual({ id: p.id, applies: p.policyApplies });
  }
  return logged;
}

describe("sign-in and What If agree (ROPC)", () => {
  async function setUp() {
    return {
      mfaStaff: await addPolicy({
        displayName: "MFA for All Staff outside the office", state: "enabled",
        conditions: { users: { includeGroups: [G.allStaff], excludeUsers: [U.bob] }, applications: { includeApplications: ["All"] }, locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] } },
        grantControls: { operator: "OR", builtInControls: ["mfa"] },
      }),
      reportBlock: await addPolicy({
        displayName: "Report-only block for Microsoft Graph from desktop clients", state: "enabledForReportingButNotEnforced",
        conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: [GRAPH] }, clientAppTypes: ["mobileAppsAndDesktopClients"] },
        grantControls: { operator: "OR", builtInControls: ["block"] },
      }),
      otherApp: await addPolicy({
        displayName: "Block Exchange", state: "enabled",
        conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["00000002-0000-0ff1-ce00-000000000000"] } },
        grantControls: { operator: "OR", builtInControls: ["block"] },
      }),
      disabled: await addPolicy({
        displayName: "Disabled block", state: "disabled",
        conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] } },
        grantControls: { operator: "OR", builtInControls: ["block"] },
      }),
    };
  }

  it("a member outside the office: MFA applies (sign-in refused, no method to satisfy it: 50079), What If says the same", async () => {
    const ids = await setUp();
    const res = await ropc(t.upn("alice"), IP.untrusted4);
    expect(res.status).toBe(400);
    expect(res.body.error_codes).toEqual([50079]);
    const signIn = await lastSignIn(U.alice);
    expect(signIn.ipAddress).toBe(IP.untrusted4);
    const analysis = await whatIf(U.alice, { "@odata.type": "#microsoft.graph.applicationContext", includeApplications: [GRAPH] }, IP.untrusted4, "mobileAppsAndDesktopClients");
    const logged = expectAgreement(signIn, analysis);
    expect(logged.get(ids.mfaStaff)).toBe("failure");
    expect(logged.get(ids.reportBlock)).toBe("reportOnlyFailure");
    expect(logged.get(ids.otherApp)).toBe("notApplied");
    expect(logged.get(ids.disabled)).toBe("notEnabled");
    const reasons = Object.fromEntries(analysis.map((p) => [p.id, p.analysisReasons]));
    expect(reasons).toMatchObject({ [ids.mfaStaff]: "notSet", [ids.reportBlock]: "notSet", [ids.otherApp]: "application", [ids.disabled]: "policyNotEnabled" });
  });

  it("the same member inside the trusted office network (IPv4 and IPv6): the location excludes the MFA policy", async () => {
    const ids = await setUp();
    for (const ip of [IP.trusted4, IP.trusted6]) {
      const res = await ropc(t.upn("alice"), ip);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const signIn = await lastSignIn(U.alice);
      expect(signIn.ipAddress).toBe(ip);
      const analysis = await whatIf(U.alice, { "@odata.type": "#microsoft.graph.applicationContext", includeApplications: [GRAPH] }, ip, "mobileAppsAndDesktopClients");
      const logged = expectAgreement(signIn, analysis);
      expect(logged.get(ids.mfaStaff)).toBe("notApplied");
      expect(analysis.find((p) => p.id === ids.mfaStaff).analysisReasons).toBe("location");
      expect(signIn.conditionalAccessStatus).toBe("notApplied");
    }
  });

  it("an excluded user: nothing enforced, and What If names the users condition", async () => {
    const ids = await setUp();
    expect((await ropc(t.upn("bob"), IP.untrusted4)).status).toBe(200);
    const signIn = await lastSignIn(U.bob);
    const analysis = await whatIf(U.bob, { "@odata.type": "#microsoft.graph.applicationContext", includeApplications: [GRAPH] }, IP.untrusted4, "mobileAppsAndDesktopClients");
    const logged = expectAgreement(signIn, analysis);
    expect(logged.get(ids.mfaStaff)).toBe("notApplied");
    expect(analysis.find((p) => p.id === ids.mfaStaff).analysisReasons).toBe("users");
  });

  it("after an admin changes a policy, the next sign-in and What If move together", async () => {
    const ids = await setUp();
    expect((await h.call("PATCH", `/v1.0/identity/conditionalAccess/policies/${ids.reportBlock}`, { token, body: { state: "enabled" } })).status).toBe(204);
    const res = await ropc(t.upn("bob"), IP.trusted4);
    expect(res.body.error_codes).toEqual([53003]);
    const signIn = await lastSignIn(U.bob);
    const analysis = await whatIf(U.bob, { "@odata.type": "#microsoft.graph.applicationContext", includeApplications: [GRAPH] }, IP.trusted4, "mobileAppsAndDesktopClients");
    const logged = expectAgreement(signIn, analysis);
    expect(logged.get(ids.reportBlock)).toBe("failure");
    expect(signIn.conditionalAccessStatus).toBe("failure");
  });
});

describe("sign-in and What If agree (hosted pages, register security information)", () => {
  /** Signs in to My Security Info through the pages from `ip`; returns the final page. */
  async function openSecurityInfo(upn: string, ip: string, credential: Record<string, string> = { passwd: PASSWORD }) {
    const viaIp: Harness = { ...h, app: { ...h.app, request: (url: any, init?: any) => h.app.request(url, { ...init, headers: { ...(init?.headers ?? {}), "x-forwarded-for": ip } }) } as any };
    const b = new Browser(viaIp);
    const first = await b.follow(await b.get(`/${t.id}/mysecurityinfo`));
    const page = /name="login"/.test(first.text) ? first : (await startSignIn(b, t.id)).page;
    const next = await enterUsername(b, page, upn);
    return b.follow(await b.submit(next, credential));
  }

  async function enableSeedPolicies() {
    for (const id of [SEED_TAP_POLICY, SEED_GUEST_POLICY])
      expect((await h.call("PATCH", `/v1.0/identity/conditionalAccess/policies/${id}`, { token, body: { state: "enabled" } })).status).toBe(204);
  }

  const registerContext = { "@odata.type": "#microsoft.graph.userActionContext", userAction: "registerSecurityInformation" };

  it("a guest outside the trusted network is blocked (53010) by the guest policy; What If agrees", async () => {
    await enableSeedPolicies();
    const gina = h.deps.tenants.require(t.id).state.users.find((u) => u.id === U.gina)!;
    const res = await openSecurityInfo(gina.userPrincipalName, IP.untrusted4);
    expect(res.text).toContain("AADSTS53010");
    const signIn = await lastSignIn(U.gina);
    const analysis = await whatIf(U.gina, registerContext, IP.untrusted4, "browser");
    const logged = expectAgreement(signIn, analysis);
    expect(logged.get(SEED_GUEST_POLICY)).toBe("failure");
    expect(logged.get(SEED_TAP_POLICY)).toBe("notApplied");
    expect(analysis.find((p) => p.id === SEED_TAP_POLICY).analysisReasons).toBe("users");
  });

  it("the same guest on the trusted network: neither policy applies (location), on both sides", async () => {
    await enableSeedPolicies();
    const gina = h.deps.tenants.require(t.id).state.users.find((u) => u.id === U.gina)!;
    const res = await openSecurityInfo(gina.userPrincipalName, IP.trusted4);
    expect(res.text).not.toContain("AADSTS53010");
    const signIn = await lastSignIn(U.gina);
    const analysis = await whatIf(U.gina, registerContext, IP.trusted4, "browser");
    const logged = expectAgreement(signIn, analysis);
    expect(logged.get(SEED_GUEST_POLICY)).toBe("notApplied");
    expect(analysis.find((p) => p.id === SEED_GUEST_POLICY).analysisReasons).toBe("location");
  });

  it("a member from outside signs in with a TAP: the TAP policy applies and is satisfied (success); What If agrees", async () => {
    await enableSeedPolicies();
    const tap = await createTap(h, t.id, t.upn("alice"));
    const res = await openSecurityInfo(t.upn("alice"), IP.untrusted4, { accessPass: tap.value });
    expect(res.status, res.text).toBe(200);
    expect(res.text).not.toContain("AADSTS");
    const signIn = await lastSignIn(U.alice);
    expect(signIn.status.errorCode).toBe(0);
    const analysis = await whatIf(U.alice, registerContext, IP.untrusted4, "browser");
    const logged = expectAgreement(signIn, analysis);
    expect(logged.get(SEED_TAP_POLICY)).toBe("success");
    expect(logged.get(SEED_GUEST_POLICY)).toBe("notApplied");
    expect(analysis.find((p) => p.id === SEED_GUEST_POLICY).analysisReasons).toBe("users");
  });

  it("a break-glass Global Administrator is excluded from the TAP policy on both sides", async () => {
    await enableSeedPolicies();
    const bg = h.deps.tenants.require(t.id).state.users.find((u) => u.id === U.breakglass1)!;
    await openSecurityInfo(bg.userPrincipalName, IP.untrusted4);
    const signIn = await lastSignIn(U.breakglass1);
    const analysis = await whatIf(U.breakglass1, registerContext, IP.untrusted4, "browser");
    const logged = expectAgreement(signIn, analysis);
    expect(logged.get(SEED_TAP_POLICY)).toBe("notApplied");
    expect(analysis.find((p) => p.id === SEED_TAP_POLICY).analysisReasons).toBe("users");
  });
});

describe("Conditional Access targets the resource of the token", () => {
  it("a policy on Microsoft Graph applies to a Graph token asked for by any client, and What If agrees", async () => {
    const id = await addPolicy({
      displayName: "Block Microsoft Graph", state: "enabled",
      conditions: { users: { includeUsers: [U.carol] }, applications: { includeApplications: [GRAPH] } },
      grantControls: { operator: "OR", builtInControls: ["block"] },
    });
    const res = await ropc(t.upn("carol"), IP.untrusted4);
    expect(res.body.error_codes).toEqual([53003]);
    const signIn = await lastSignIn(U.carol);
    const analysis = await whatIf(U.carol, { "@odata.type": "#microsoft.graph.applicationContext", includeApplications: [GRAPH] }, IP.untrusted4, "mobileAppsAndDesktopClients");
    expect(expectAgreement(signIn, analysis).get(id)).toBe("failure");
  });

  it("a policy on the client app does not apply to its Graph token, but does to a sign-in for the app itself", async () => {
    const id = await addPolicy({
      displayName: "Block the public client", state: "enabled",
      conditions: { users: { includeUsers: [U.carol] }, applications: { includeApplications: [PUBLIC_APP.appId] } },
      grantControls: { operator: "OR", builtInControls: ["block"] },
    });
    expect((await ropc(t.upn("carol"), IP.untrusted4)).status).toBe(200);
    expect((await lastSignIn(U.carol)).appliedConditionalAccessPolicies.find((p: any) => p.id === id).result).toBe("notApplied");
    const own = await h.call("POST", `/${t.id}/oauth2/v2.0/token`, {
      headers: { "x-forwarded-for": IP.untrusted4 },
      form: { grant_type: "password", client_id: PUBLIC_APP.appId, username: t.upn("carol"), password: PASSWORD, scope: "openid profile offline_access" },
    });
    expect(own.body.error_codes).toEqual([53003]);
  });
});
