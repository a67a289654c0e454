/**
 * App- and device-bound methods (surface.md §3.1): `softwareOathMethods`, `microsoftAuthenticatorMethods`,
 * `fido2Methods`, `windowsHelloForBusinessMethods`: GET list, GET by id, DELETE (204), as in Graph.
 * EMULATOR EXTENSIONS (not in Graph, documented in docs/tap-and-methods.md): `POST /me/authentication/
 * softwareOathMethods` (returns the secret once, so an authenticator app or otplib can produce codes),
 * `POST /me/authentication/microsoftAuthenticatorMethods` and `POST /me/authentication/fido2Methods`
 * (the latter subject to the one-time-TAP registration window, behavior.md 1.38). They stand in for the
 * device registration ceremonies a real tenant performs outside Graph.
 */
import { z } from "zod";
import type { GraphModule } from "./graph-module";
import { safeDecode, userAndMe } from "./graph-module";
import type { AppContext } from "../http/context";
import type { MethodFamily } from "../domain/auth-methods-access";
import type { StoredMethod } from "../domain/auth-methods.types";
import { sendCollection, sendEntity, noContent } from "../http/odata";
import { addDeviceMethod, isBase32Secret, methodsOfKind, normaliseBase32, removeMethod, requireMethod } from "../domain/auth-methods";
import { serializeMethod } from "./auth-methods.serialize";
import { auditMethodChange, methodsCall, methodsContext, parseOptionalJson, requirePasswordlessWindow } from "./auth-methods-context";
import { requestOrigin } from "../http/context";

const FAMILIES: { segment: string; kind: StoredMethod["kind"]; family: MethodFamily; label: string }[] = [
  { segment: "softwareOathMethods", kind: "softwareOath", family: "softwareOath", label: "software OATH token" },
  { segment: "microsoftAuthenticatorMethods", kind: "microsoftAuthenticator", family: "microsoftAuthenticator", label: "Microsoft Authenticator" },
  { segment: "fido2Methods", kind: "fido2", family: "fido2", label: "FIDO2 security key" },
  { segment: "windowsHelloForBusinessMethods", kind: "windowsHelloForBusiness", family: "windowsHelloForBusiness", label: "Windows Hello for Business" },
];

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const oathBody = z.strictObject({ secretKey: z.string().refine(isBase32Secret, "must be a base32 secret of at least 16 characters").optional() });
const authenticatorBody = z.strictObject({
  displayName: z.string().min(1), deviceTag: z.string().optional(), phoneAppVersion: z.string().optional(),
});
const fido2Body = z.strictObject({
  displayName: z.string().min(1), model: z.string().optional(), aaGuid: z.uuid().optional(),
  attestationLevel: z.enum(["attested", "notAttested"]).optional(),
});

export const deviceMethodsModule: GraphModule = (r, deps, version) => {
  for (const f of FAMILIES) {
    const param = (c: AppContext) => safeDecode(c.req.param("methodId") ?? "");

    userAndMe(r, "get", `/authentication/${f.segment}`, (c) => {
      const { state, user } = methodsCall(c, deps, f.family, "read");
      const items = methodsOfKind(state, user.id, f.kind).map((m) => serializeMethod(state, user.id, m));
      return sendCollection(c, deps.config, version, items, { context: methodsContext(user, f.segment), query: false });
    });

    userAndMe(r, "get", `/authentication/${f.segment}/:methodId`, (c) => {
      const { state, user } = methodsCall(c, deps, f.family, "read");
      const m = requireMethod(state, user.id, f.kind, param(c));
      return sendEntity(c, deps.config, version, serializeMethod(state, user.id, m), methodsContext(user, f.segment, true));
    });

    userAndMe(r, "delete", `/authentication/${f.segment}/:methodId`, (c) => {
      const { state, principal, now, user, touch } = methodsCall(c, deps, f.family, "delete");
      removeMethod(state, user.id, requireMethod(state, user.id, f.kind, param(c)));
      auditMethodChange(c, deps, state, principal, now, user, "deleted", f.label);
      touch();
      return noContent(c);
    });
  }

  /** Registers a method for the signed-in user (extension). Returns the stored method and the response extras. */
  const register = (segment: string, family: MethodFamily, kind: StoredMethod["kind"], label: string,
    build: (c: AppContext, body: any) => { props: Record<string, unknown>; secret?: string; extra?: Record<string, unknown> },
    schema: z.ZodType, passwordless: boolean) => {
    r.post(`/me/authentication/${segment}`, async (c) => {
      const { state, principal, now, user, touch } = methodsCall(c, deps, family, "create");
      const body = await parseOptionalJson(c, schema);
      if (passwordless) requirePasswordlessWindow(state, principal, user, now);
      const built = build(c, body);
      const method = addDeviceMethod(state, user.id, kind, label, { id: deps.ids.uuid(), props: built.props, secret: built.secret }, now);
      auditMethodChange(c, deps, state, principal, now, user, "registered", label);
      touch();
      c.header("location", `${requestOrigin(c, deps.config)}/${version}/users/${user.id}/authentication/${segment}/${method.id}`);
      return sendEntity(c, deps.config, version, { ...serializeMethod(state, user.id, method), ...built.extra }, methodsContext(user, segment, true), 201);
    });
  };

  register("softwareOathMethods", "softwareOath", "softwareOath", "software OATH token", (_c, body: z.infer<typeof oathBody>) => {
    const secret = body.secretKey ? normaliseBase32(body.secretKey) : deps.ids.fromAlphabet(BASE32, 32);
    // The only response that ever carries the secret: the app needs it once to be set up.
    return { props: {}, secret, extra: { secretKey: secret } };
  }, oathBody, false);

  register("microsoftAuthenticatorMethods", "microsoftAuthenticator", "microsoftAuthenticator", "Microsoft Authenticator",
    (_c, body: z.infer<typeof authenticatorBody>) => ({
      props: { displayName: body.displayName, deviceTag: body.deviceTag ?? "SoftwareTokenActivated", phoneAppVersion: body.phoneAppVersion ?? "6.2401.0119" },
    }), authenticatorBody, false);

  register("fido2Methods", "fido2", "fido2", "FIDO2 security key", (_c, body: z.infer<typeof fido2Body>) => ({
    props: {
      displayName: body.displayName, model: body.model ?? null, aaGuid: body.aaGuid ?? null,
      attestationCertificates: [], attestationLevel: body.attestationLevel ?? "notAttested",
    },
  }), fido2Body, true);

};
