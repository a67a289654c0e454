/**
 * Resuming from an SSO session: an interaction whose first (and maybe second) factor is "previously
 * satisfied" by the session, so policy can be evaluated for a new app or user action and, when needed,
 * stepped up with a second factor.
 */
import type { SsoSessionRecord } from "../../domain/signin-state.types";
import type { FirstFactor, SecondFactor } from "../../domain/amr";
import { stepDetail } from "../signin-record";
import type { Interaction } from "./interaction";

export function resumeFromSession(itx: Interaction, session: SsoSessionRecord, upn: string, now: Date): void {
  const [first, second] = session.methods;
  itx.userId = session.userId;
  itx.username = upn;
  itx.first = (first === "temporaryAccessPass" ? "temporaryAccessPass" : first === "sms" ? "sms" : session.amr.includes("fed") ? "federated" : "password") as FirstFactor;
  itx.second = (second ?? null) as SecondFactor | null;
  itx.authTime = session.authTime;
  itx.tapId = session.tapId;
  itx.tapExpiresAt = session.tapExpiresAt;
  itx.sessionDigest = session.digest;
  itx.details.push(stepDetail(now, "Previously satisfied", true, "First factor requirement satisfied by claim in the token"));
}
