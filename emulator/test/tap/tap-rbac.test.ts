/**
 * Who may create, list, get and delete whose TAP (behavior.md 1.23-1.27): role x target kind x operation.
 * Delegated callers are judged by their directory roles (wids), apps by their permissions.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { harness, appToken, userToken, expectGraphError, READER_APP, type Harness } from "../helpers";
import { expectResponse } from "../openapi";
import { createTap } from "../../src/domain/tap";
import { requireUser } from "../../src/domain/directory";
import { liveState, tapTenant, TAP_PATH, USER } from "./support";

type Caller = "globalAdmin" | "privAuthAdmin" | "authAdmin" | "globalReader" | "member" | "app" | "readerApp";
type Target = "member" | "admin" | "self" | "guest";
type Op = "create" | "list" | "get" | "delete";
type Outcome = 201 | 200 | 204 | 403 | 400;

const CALLER_UPN: Record<Exclude<Caller, "app" | "readerApp">, string> = {
  globalAdmin: "globaladmin", privAuthAdmin: "privauthadmin", authAdmin: "authadmin", globalReader: "globalreader", member: "alice",
};
const CALLER_ID: Record<Exclude<Caller, "app" | "readerApp">, string> = {
  globalAdmin: USER.globalAdmin, privAuthAdmin: USER.privAuthAdmin, authAdmin: USER.authAdmin, globalReader: USER.globalReader, member: USER.alice,
};
/** The admin target is the Authentication Policy Administrator: an admin none of the callers is. */
const TARGET_ID: Record<Exclude<Target, "self">, string> = { member: USER.carol, admin: USER.authPolicyAdmin, guest: USER.guest };

const OK: Record<Op, Outcome> = { create: 201, list: 200, get: 200, delete: 204 };
/** Creating for an external guest passes the role check and then fails on the guest rule. */
const okOn = (target: Target, op: Op): Outcome => (target === "guest" && op === "create" ? 400 : OK[op]);
const all = (f: (target: Target, op: Op) => Outcome) => f;

const EXPECTED: Record<Caller, (target: Target, op: Op) => Outcome> = {
  globalAdmin: all((target, op) => (target === "self" && op === "create" ? 403 : okOn(target, op))),
  privAuthAdmin: all((target, op) => (target === "self" && op === "create" ? 403 : okOn(target, op))),
  authAdmin: all((target, op) => (target === "admin" ? 403 : target === "self" && op === "create" ? 403 : okOn(target, op))),
  globalReader: all((target, op) => (target === "self" ? (op === "create" ? 403 : OK[op]) : op === "list" || op === "get" ? OK[op] : 403)),
  member: all((target, op) => (target === "self" && op !== "create" ? OK[op] : 403)),
  app: all((target, op) => okOn(target, op)),
  readerApp: all(() => 403),
};

const CALLERS = Object.keys(EXPECTED) as Caller[];
const TARGETS: Target[] = ["member", "admin", "self", "guest"];
const OPS: Op[] = ["create", "list", "get", "delete"];

let h: Harness;
let tenant: Awaited<ReturnType<typeof tapTenant>>;
const tokens = new Map<Caller, string>();

beforeAll(async () => {
  h = await harness();
  tenant = await tapTenant(h);
  for (const c of CALLERS) {
    if (c === "app") tokens.set(c, await appToken(h, tenant.id));
    else if (c === "readerApp") tokens.set(c, await appToken(h, tenant.id, READER_APP));
    else tokens.set(c, await userToken(h, tenant.id, tenant.upn(CALLER_UPN[c])));
  }
});

/** Arranges a pass for the target directly in state (so get/delete have something to act on, guests included). */
function arrangePass(userId: string): string {
  const state = liveState(h, tenant.id);
  const user = requireUser(state, userId);
  const saved = user.userType;
  user.userType = "Member"; // bypass the guest rule for arrangement only
  const savedUpn = user.userPrincipalName;
  user.userPrincipalName = savedUpn.replace("#EXT#", "_EXT_");
  try {
    return createTap(state, user, {}, h.deps.tenants.now(state), h.deps).tap.id;
  } finally {
    user.userType = saved;
    user.userPrincipalName = savedUpn;
  }
}

describe("TAP permissions: role x target x operation", () => {
  for (const caller of CALLERS) {
    for (const target of TARGETS) {
      if (target === "self" && (caller === "app" || caller === "readerApp")) continue;
      for (const op of OPS) {
        const expected = EXPECTED[caller](target, op);
        it(`${caller} ${op} on ${target} -> ${expected}`, async () => {
          const userId = target === "self" ? CALLER_ID[caller as keyof typeof CALLER_ID] : TARGET_ID[target];
          const token = tokens.get(caller)!;
          const base = TAP_PATH(userId);
          const passId = op === "get" || op === "delete" ? arrangePass(userId) : null;
          const res =
            op === "create" ? await h.call("POST", base, { token, body: {} })
            : op === "list" ? await h.call("GET", base, { token })
            : await h.call(op === "get" ? "GET" : "DELETE", `${base}/${passId}`, { token });
          if (expected === 403) {
            expectGraphError(res, 403, "accessDenied");
            expect(res.body.error.message).toBe("Request Authorization failed");
          } else if (expected === 400) {
            expectGraphError(res, 400, "badRequest");
          } else {
            expect(res.status, JSON.stringify(res.body)).toBe(expected);
            if (op === "create") expect(typeof res.body.temporaryAccessPass).toBe("string");
            if (op === "list") expectResponse("GET", "/users/{user-id}/authentication/temporaryAccessPassMethods", res.body);
            if (op === "get") expect(res.body.temporaryAccessPass).toBeNull();
          }
        });
      }
    }
  }
});

describe("TAP permissions: scopes and /me", () => {
  it("forbids creating a pass for oneself through /me, even for a Global Administrator", async () => {
    const res = await h.call("POST", "/v1.0/me/authentication/temporaryAccessPassMethods", { token: tokens.get("globalAdmin"), body: {} });
    expectGraphError(res, 403, "accessDenied");
  });

  it("needs a delegated scope as well as the role", async () => {
    const narrow = await userToken(h, tenant.id, tenant.upn("privauthadmin"), "https://graph.microsoft.com/User.Read");
    expectGraphError(await h.call("GET", TAP_PATH(USER.carol), { token: narrow }), 403, "accessDenied");
    const granular = await userToken(h, tenant.id, tenant.upn("privauthadmin"), "https://graph.microsoft.com/UserAuthMethod-TAP.ReadWrite.All");
    expect((await h.call("POST", TAP_PATH(USER.carol), { token: granular, body: {} })).status).toBe(201);
  });

  it("lets a user read their own pass with UserAuthenticationMethod.Read only, but not delete it", async () => {
    arrangePass(USER.bob);
    const read = await userToken(h, tenant.id, tenant.upn("bob"), "https://graph.microsoft.com/UserAuthenticationMethod.Read");
    const list = await h.call("GET", "/v1.0/me/authentication/temporaryAccessPassMethods", { token: read });
    expect(list.status).toBe(200);
    expectGraphError(await h.call("DELETE", `/v1.0/me/authentication/temporaryAccessPassMethods/${list.body.value[0].id}`, { token: read }), 403);
  });

  it("answers 400 for /me with an app token", async () => {
    expectGraphError(await h.call("GET", "/v1.0/me/authentication/temporaryAccessPassMethods", { token: tokens.get("app") }), 400);
  });
});
