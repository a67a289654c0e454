/** Extra control-plane route groups (outbox, legacy policies, migration readiness), mounted under /_emulator. */
import type { Hono } from "hono";
import type { AppDeps, AppEnv } from "../http/context";
import { legacyRoutes } from "./legacy.routes";
import { migrationRoutes } from "./migration.routes";
import { outboxRoutes } from "./outbox.routes";

export type ControlModule = (deps: AppDeps) => Hono<AppEnv>;
export const CONTROL_MODULES: ControlModule[] = [legacyRoutes, migrationRoutes, outboxRoutes];
