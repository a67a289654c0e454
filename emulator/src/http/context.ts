/** The Hono environment shared by every route module: dependencies and per-request variables. */
import type { Context } from "hono";
import type { Principal } from "../domain/principal";
import type { TenantRecord } from "../store/tenant-store";
import type { TenantService } from "../services/tenant-service";
import type { SigningKeys } from "../signin/keys";
import type { DomainDeps } from "../domain/ports";

export interface AppConfig {
  /** PEM of the CA that signed the server certificate (served at /_emulator/ca.pem); null when not serving TLS. */
  caPem: string | null;
  caPath: string | null;
  /** Fixed public origin (e.g. https://tenantlab:8443); otherwise the origin is taken from each request. */
  publicOrigin: string | null;
  defaultTenantId: string | null;
  /** Whether the seed is loaded: health answers 503 until then. */
  ready: () => boolean;
}

export interface AppDeps extends DomainDeps {
  tenants: TenantService;
  keys: SigningKeys;
  config: AppConfig;
  log: (line: string) => void;
  /**
   * The root app's own fetch, set by createApp right after the app exists: `$batch` runs each inner
   * request through the whole app (routing, auth, errors) with it.
   */
  dispatch?: (req: Request, env?: unknown) => Response | Promise<Response>;
}

export type GraphVersion = "v1.0" | "beta";

export interface AppEnv {
  Variables: {
    requestId: string;
    clientRequestId: string;
    principal: Principal;
    tenant: TenantRecord;
    version: GraphVersion;
  };
}

export type AppContext = Context<AppEnv>;

/** The origin the client used (scheme + host + port), so every URL we emit points back at us. */
export function requestOrigin(c: Context, config: AppConfig): string {
  if (config.publicOrigin) return config.publicOrigin;
  const url = new URL(c.req.url);
  const host = c.req.header("x-forwarded-host") ?? c.req.header("host") ?? url.host;
  const proto = c.req.header("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

/** The client IP: the first `X-Forwarded-For` address, else the socket's remote address (documented in README). */
export function clientIp(c: Context): string {
  const xff = c.req.header("x-forwarded-for");
  if (xff) return xff.split(",")[0].trim();
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const remote = env?.incoming?.socket?.remoteAddress ?? "127.0.0.1";
  return remote.startsWith("::ffff:") ? remote.slice(7) : remote;
}
