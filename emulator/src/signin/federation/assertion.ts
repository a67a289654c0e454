/**
 * The mock federated IdP's assertion: a short-lived JWT signed with the emulator's key, naming the user,
 * the domain, the tenant (audience) and the interaction it answers, so the sign-in engine accepts it
 * only for that interaction (a stand-in for the SAML / WS-Fed token a real IdP posts back).
 */
import { SignJWT, jwtVerify } from "jose";
import type { AppDeps } from "../../http/context";

const issuerFor = (domain: string) => `urn:tenantlab:federation:${domain.toLowerCase()}`;
const LIFETIME_SECONDS = 300;

export async function createAssertion(deps: AppDeps, a: { tenantId: string; domain: string; upn: string; ctx: string; now: Date }): Promise<string> {
  const iat = Math.floor(a.now.getTime() / 1000);
  return new SignJWT({ upn: a.upn, ctx: a.ctx, amr: ["pwd"] })
    .setProtectedHeader({ alg: "RS256", kid: deps.keys.kid })
    .setIssuer(issuerFor(a.domain))
    .setAudience(a.tenantId)
    .setSubject(a.upn)
    .setIssuedAt(iat)
    .setExpirationTime(iat + LIFETIME_SECONDS)
    .sign(deps.keys.privateKey);
}

/** The user the assertion names, or null when it is forged, expired or for another interaction. */
export async function verifyAssertion(deps: AppDeps, token: string, expect: { tenantId: string; ctx: string; now: Date }): Promise<{ upn: string; domain: string } | null> {
  try {
    const { payload } = await jwtVerify(token, deps.keys.publicKey, { audience: expect.tenantId, currentDate: expect.now, algorithms: ["RS256"] });
    const iss = String(payload.iss ?? "");
    if (!iss.startsWith("urn:tenantlab:federation:") || payload.ctx !== expect.ctx || typeof payload.upn !== "string") return null;
    return { upn: payload.upn, domain: iss.slice("urn:tenantlab:federation:".length) };
  } catch {
    return null;
  }
}
