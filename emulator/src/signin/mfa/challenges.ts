/**
 * Second-factor and SMS sign-in challenges through the tenant's outbox (state.outbox, visible at
 * GET /_emulator/tenants/{id}/outbox): 6-digit SMS codes (behavior.md 2.30) and Authenticator push
 * requests with number matching (2.25) and, where the feature settings say so, the app name and the
 * sign-in location (2.28). A push is answered through the control plane (approve with the number).
 */
import type { AppDeps } from "../../http/context";
import type { TenantState } from "../../domain/state";
import type { OutboxMessage } from "../../domain/logs.types";
import { appendBounded } from "../../domain/logs.types";
import { mobilePhone, pushContext } from "../../domain/signin-rules";

/** SMS codes are valid for 10 minutes ([INFERRED]). */
export const SMS_CODE_MINUTES = 10;

export function sendSmsCode(deps: AppDeps, state: TenantState, userId: string, now: Date): { messageId: string; codeDigest: string; phone: string } | null {
  const phone = mobilePhone(state, userId);
  if (!phone) return null;
  const code = deps.ids.fromAlphabet("0123456789", 6);
  const message: OutboxMessage = {
    id: deps.ids.uuid(),
    createdDateTime: now.toISOString(),
    kind: "sms",
    userId,
    to: String(phone.props.phoneNumber ?? ""),
    text: `Use verification code ${code} for Microsoft authentication.`,
    data: { code, expiresDateTime: new Date(now.getTime() + SMS_CODE_MINUTES * 60_000).toISOString() },
    status: "pending",
  };
  appendBounded(state.outbox, message);
  deps.tenants.touch(state);
  return { messageId: message.id, codeDigest: deps.secrets.digest(code), phone: message.to };
}

/** Checks an SMS code against the message sent; a correct code consumes the message. */
export function checkSmsCode(deps: AppDeps, state: TenantState, messageId: string | null, codeDigest: string | null, code: string, now: Date): "ok" | "wrong" | "expired" {
  const message = state.outbox.find((m) => m.id === messageId);
  if (!message || !codeDigest || message.status !== "pending") return "expired";
  if (new Date(String(message.data.expiresDateTime)) <= now) {
    message.status = "expired";
    deps.tenants.touch(state);
    return "expired";
  }
  if (deps.secrets.digest(code.trim()) !== codeDigest) return "wrong";
  message.status = "consumed";
  deps.tenants.touch(state);
  return "ok";
}

export function sendPush(
  deps: AppDeps,
  state: TenantState,
  userId: string,
  appName: string | null,
  ipAddress: string,
  now: Date,
): { messageId: string; numberToMatch: number } {
  const device = (state.authMethods[userId]?.methods ?? []).find((m) => m.kind === "microsoftAuthenticator");
  const numberToMatch = deps.ids.int(10, 99);
  const ctx = pushContext(state, userId);
  const data: Record<string, unknown> = { numberToMatch };
  if (ctx.showAppName) data.appName = appName ?? "Unknown application";
  if (ctx.showLocation) data.location = { ipAddress, displayName: `Sign-in from ${ipAddress}` };
  const lines = ["Are you trying to sign in?"];
  if (data.appName) lines.push(`App: ${String(data.appName)}`);
  if (data.location) lines.push(`Location: ${ipAddress}`);
  lines.push("Enter the number shown to sign in.");
  const message: OutboxMessage = {
    id: deps.ids.uuid(),
    createdDateTime: now.toISOString(),
    kind: "push",
    userId,
    to: String(device?.props.displayName ?? device?.props.deviceTag ?? "Microsoft Authenticator"),
    text: lines.join("\n"),
    data,
    status: "pending",
  };
  appendBounded(state.outbox, message);
  deps.tenants.touch(state);
  return { messageId: message.id, numberToMatch };
}

export function pushStatus(state: TenantState, messageId: string | null): OutboxMessage["status"] {
  return state.outbox.find((m) => m.id === messageId)?.status ?? "expired";
}

/** Marks an approved push as used so it cannot satisfy a second sign-in. */
export function consumePush(deps: AppDeps, state: TenantState, messageId: string | null): void {
  const m = state.outbox.find((x) => x.id === messageId);
  if (m && m.status === "approved") {
    m.status = "consumed";
    deps.tenants.touch(state);
  }
}
