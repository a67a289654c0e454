/** Extra sign-in route groups (authorize, device code, logout, hosted pages, My Security Info), mounted at "/". */
import type { Hono } from "hono";
import type { AppDeps, AppEnv } from "../http/context";
import { authorizeRoutes } from "./authorize/authorize.routes";
import { loginRoutes } from "./flow/login.routes";
import { deviceCodeRoutes } from "./device/devicecode.routes";
import { logoutRoutes } from "./session/logout.routes";
import { mockIdpRoutes } from "./federation/mock-idp.routes";
import { securityInfoRoutes } from "./security-info.routes";

export type SigninModule = (deps: AppDeps) => Hono<AppEnv>;
export const SIGNIN_MODULES: SigninModule[] = [authorizeRoutes, loginRoutes, deviceCodeRoutes, logoutRoutes, mockIdpRoutes, securityInfoRoutes];
