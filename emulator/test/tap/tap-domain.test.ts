/** Pure TAP rules (domain/tap.ts): usability on the tenant clock, redemption, creation, the 10-minute rule. */
import { describe, it, expect } from "vitest";
import {
  createTap, deleteTap, redeemTap, tapUsability, tapExpiresAt, checkPasswordlessRegistration,
  PASSWORDLESS_REGISTRATION_WINDOW_MINUTES, TAP_ALPHABET,
} from "../../src/domain/tap";
import { requireUser } from "../../src/domain/directory";
import { scryptSecrets } from "../../src/infra/secrets";
import { seededState, setTapPolicy, resetTapPolicy, USER, GROUP } from "./support";

const minutes = (d: Date, n: number) => new Date(d.getTime() + n * 60_000);

function setup(policy: Record<string, unknown> = {}) {
  const s = seededState();
  resetTapPolicy(s.state, policy);
  const now = s.clock.now();
  const issue = (input: Parameters<typeof createTap>[2] = {}, userId: string = USER.alice, at = now) =>
    createTap(s.state, requireUser(s.state, userId), input, at, s.deps);
  return { ...s, now, issue };
}

describe("tapUsability", () => {
  it("is null for a user without a pass", () => {
    const { state, now } = setup();
    expect(tapUsability(state, USER.alice, now)).toBeNull();
  });

  it("is EnabledByPolicy for a fresh pass inside the policy", () => {
    const { state, now, issue } = setup();
    issue();
    expect(tapUsability(state, USER.alice, now)).toEqual({ isUsable: true, reason: "EnabledByPolicy" });
  });

  it("is NotYetValid before startDateTime and becomes usable at it", () => {
    const { state, now, issue } = setup();
    issue({ startDateTime: minutes(now, 30) });
    expect(tapUsability(state, USER.alice, now)).toEqual({ isUsable: false, reason: "NotYetValid" });
    expect(tapUsability(state, USER.alice, minutes(now, 30))?.reason).toBe("EnabledByPolicy");
  });

  it("is Expired at start + lifetime, counted from startDateTime", () => {
    const { state, now, issue } = setup();
    const { tap } = issue({ startDateTime: minutes(now, 30), lifetimeInMinutes: 60 });
    expect(tapExpiresAt(tap).toISOString()).toBe(minutes(now, 90).toISOString());
    expect(tapUsability(state, USER.alice, minutes(now, 89))?.reason).toBe("EnabledByPolicy");
    expect(tapUsability(state, USER.alice, minutes(now, 90))).toEqual({ isUsable: false, reason: "Expired" });
  });

  it("is OneTimeUsed after a one-time pass was redeemed", () => {
    const { state, now, issue } = setup();
    const { value } = issue({ isUsableOnce: true });
    expect(redeemTap(state, USER.alice, value, now, scryptSecrets).ok).toBe(true);
    expect(tapUsability(state, USER.alice, now)).toEqual({ isUsable: false, reason: "OneTimeUsed" });
  });

  it("is DisabledByPolicy when the method is disabled, the user excluded, or untargeted", () => {
    const { state, now, issue } = setup();
    issue();
    setTapPolicy(state, { state: "disabled" });
    expect(tapUsability(state, USER.alice, now)?.reason).toBe("DisabledByPolicy");
    setTapPolicy(state, { state: "enabled", excludeTargets: [{ targetType: "group", id: GROUP.allStaff }] });
    expect(tapUsability(state, USER.alice, now)?.reason).toBe("DisabledByPolicy");
    setTapPolicy(state, { excludeTargets: [] });
    issue({}, USER.carol);
    setTapPolicy(state, { includeTargets: [{ targetType: "group", id: GROUP.tapPilot }] });
    expect(tapUsability(state, USER.alice, now)?.reason).toBe("EnabledByPolicy");
    expect(tapUsability(state, USER.carol, now)).toEqual({ isUsable: false, reason: "DisabledByPolicy" });
  });

  it("is DisabledByPolicy for a multi-use pass once the policy forces one-time use", () => {
    const { state, now, issue } = setup();
    issue({ isUsableOnce: false });
    setTapPolicy(state, { isUsableOnce: true });
    expect(tapUsability(state, USER.alice, now)?.reason).toBe("DisabledByPolicy");
  });

  it("puts DisabledByPolicy before Expired, Expired before OneTimeUsed", () => {
    const { state, now, issue } = setup();
    const { value } = issue({ isUsableOnce: true, lifetimeInMinutes: 60 });
    redeemTap(state, USER.alice, value, now, scryptSecrets);
    expect(tapUsability(state, USER.alice, minutes(now, 61))?.reason).toBe("Expired");
    setTapPolicy(state, { state: "disabled" });
    expect(tapUsability(state, USER.alice, minutes(now, 61))?.reason).toBe("DisabledByPolicy");
  });
});

describe("redeemTap", () => {
  it("accepts the right value and reports the expiry", () => {
    const { state, now, issue } = setup();
    const { value, tap } = issue({ lifetimeInMinutes: 120 });
    const r = redeemTap(state, USER.alice, value, now, scryptSecrets);
    expect(r).toMatchObject({ ok: true, consumedOneTime: false });
    if (r.ok) expect(r.expiresAt.toISOString()).toBe(minutes(now, 120).toISOString());
    expect(r.ok && r.tap.id).toBe(tap.id);
  });

  it("consumes a one-time pass in the same step, so a second redemption fails", () => {
    const { state, now, issue } = setup();
    const { value } = issue({ isUsableOnce: true });
    const first = redeemTap(state, USER.alice, value, now, scryptSecrets);
    const second = redeemTap(state, USER.alice, value, now, scryptSecrets);
    expect(first).toMatchObject({ ok: true, consumedOneTime: true });
    expect(second).toEqual({ ok: false, reason: "oneTimeUsed" });
  });

  it("lets a multi-use pass be redeemed repeatedly within its lifetime", () => {
    const { state, now, issue } = setup();
    const { value } = issue({ isUsableOnce: false });
    expect(redeemTap(state, USER.alice, value, now, scryptSecrets).ok).toBe(true);
    expect(redeemTap(state, USER.alice, value, minutes(now, 5), scryptSecrets).ok).toBe(true);
    expect(state.authMethods[USER.alice].temporaryAccessPass?.lastUsedDateTime).toBe(minutes(now, 5).toISOString());
  });

  it("refuses a user without a pass and a deleted pass", () => {
    const { state, now, issue } = setup();
    expect(redeemTap(state, USER.alice, "whatever", now, scryptSecrets)).toEqual({ ok: false, reason: "noPass" });
    const { value, tap } = issue();
    deleteTap(state, USER.alice, tap.id);
    expect(redeemTap(state, USER.alice, value, now, scryptSecrets)).toEqual({ ok: false, reason: "noPass" });
  });

  it("refuses a wrong value without consuming the pass", () => {
    const { state, now, issue } = setup();
    const { value } = issue({ isUsableOnce: true });
    expect(redeemTap(state, USER.alice, value + "x", now, scryptSecrets)).toEqual({ ok: false, reason: "wrongValue" });
    expect(redeemTap(state, USER.alice, "", now, scryptSecrets)).toEqual({ ok: false, reason: "wrongValue" });
    expect(redeemTap(state, USER.alice, value, now, scryptSecrets).ok).toBe(true);
  });

  it("refuses an expired pass, by the tenant clock", () => {
    const { state, now, issue } = setup();
    const { value } = issue({ lifetimeInMinutes: 60 });
    expect(redeemTap(state, USER.alice, value, minutes(now, 60), scryptSecrets)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a pass that is not yet valid", () => {
    const { state, now, issue } = setup();
    const { value } = issue({ startDateTime: minutes(now, 10) });
    expect(redeemTap(state, USER.alice, value, now, scryptSecrets)).toEqual({ ok: false, reason: "notYetValid" });
  });

  it("refuses a user the TAP policy no longer enables", () => {
    const { state, now, issue } = setup();
    const { value } = issue();
    setTapPolicy(state, { excludeTargets: [{ targetType: "group", id: GROUP.allStaff }] });
    expect(redeemTap(state, USER.alice, value, now, scryptSecrets)).toEqual({ ok: false, reason: "notEnabledForUser" });
    setTapPolicy(state, { state: "disabled", excludeTargets: [] });
    expect(redeemTap(state, USER.alice, value, now, scryptSecrets)).toEqual({ ok: false, reason: "notEnabledForUser" });
  });

  it("refuses a multi-use pass once the policy forces one-time use (behavior.md 1.29)", () => {
    const { state, now, issue } = setup();
    const { value } = issue({ isUsableOnce: false });
    setTapPolicy(state, { isUsableOnce: true });
    expect(redeemTap(state, USER.alice, value, now, scryptSecrets)).toEqual({ ok: false, reason: "multiUseBlockedByPolicy" });
  });
});

describe("createTap", () => {
  it("generates a value of the policy's defaultLength from the pass alphabet and stores only a hash", () => {
    const { state, issue } = setup({ defaultLength: 12 });
    const { value, tap } = issue();
    expect(value).toHaveLength(12);
    expect([...value].every((ch) => TAP_ALPHABET.includes(ch))).toBe(true);
    expect(tap.valueHash).not.toContain(value);
    expect(JSON.stringify(state)).not.toContain(value);
  });

  it("defaults lifetime and isUsableOnce from the policy", () => {
    const { issue } = setup({ defaultLifetimeInMinutes: 90, isUsableOnce: true });
    const { tap } = issue();
    expect(tap).toMatchObject({ lifetimeInMinutes: 90, isUsableOnce: true });
  });

  it("rejects a lifetime outside the policy range with the real wording", () => {
    const { issue } = setup({ minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480 });
    expect(() => issue({ lifetimeInMinutes: 600 })).toThrow("Invalid LifetimeInMinutes specified. The valid range between 60 and 480.");
    expect(() => issue({ lifetimeInMinutes: 59 })).toThrow("The valid range between 60 and 480.");
    expect(issue({ lifetimeInMinutes: 480 }).tap.lifetimeInMinutes).toBe(480);
  });

  it("rejects a multi-use request when the policy forces one-time passes", () => {
    const { issue } = setup({ isUsableOnce: true });
    expect(() => issue({ isUsableOnce: false })).toThrow(/IsUsableOnce/);
  });

  it("refuses external guests with the documented text", () => {
    const { issue } = setup();
    expect(() => issue({}, USER.guest)).toThrow("Temporary Access Pass cannot be added to an external guest user.");
  });

  it("refuses a user outside the TAP policy", () => {
    const { issue } = setup({ includeTargets: [{ targetType: "group", id: GROUP.tapPilot }] });
    expect(() => issue({}, USER.carol)).toThrow(/Converged UserCredentialPolicy/);
    expect(issue({}, USER.alice).tap.id).toBeTypeOf("string");
  });

  it("replaces an existing pass, valid or expired", () => {
    const { state, now, issue } = setup();
    const first = issue();
    const second = issue();
    expect(second.replaced?.id).toBe(first.tap.id);
    expect(redeemTap(state, USER.alice, first.value, now, scryptSecrets)).toEqual({ ok: false, reason: "wrongValue" });
    const third = issue({}, USER.alice, minutes(now, 600));
    expect(third.replaced?.id).toBe(second.tap.id);
    expect(state.authMethods[USER.alice].temporaryAccessPass?.id).toBe(third.tap.id);
  });
});

describe("checkPasswordlessRegistration (behavior.md 1.38)", () => {
  it("allows sessions that did not start with a TAP at any time", () => {
    const { state, now } = setup();
    expect(checkPasswordlessRegistration(state, { userId: USER.alice, tapId: null, authTime: now }, minutes(now, 500)).allowed).toBe(true);
  });

  it("allows a one-time TAP session within the window and refuses it after", () => {
    const { state, now, issue } = setup();
    const { value, tap } = issue({ isUsableOnce: true });
    redeemTap(state, USER.alice, value, now, scryptSecrets);
    const session = { userId: USER.alice, tapId: tap.id, authTime: now };
    expect(checkPasswordlessRegistration(state, session, minutes(now, PASSWORDLESS_REGISTRATION_WINDOW_MINUTES)).allowed).toBe(true);
    const late = checkPasswordlessRegistration(state, session, minutes(now, PASSWORDLESS_REGISTRATION_WINDOW_MINUTES + 1));
    expect(late).toMatchObject({ allowed: false, reason: "registrationWindowExpired" });
  });

  it("does not limit a multi-use TAP session", () => {
    const { state, now, issue } = setup();
    const { tap } = issue({ isUsableOnce: false });
    expect(checkPasswordlessRegistration(state, { userId: USER.alice, tapId: tap.id, authTime: now }, minutes(now, 60)).allowed).toBe(true);
  });
});
