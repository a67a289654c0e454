/** Extra sign-in route groups (authorize, device code, logout, hosted pages, My Security Info), mounted at "/". */
import type { Hono } from "hono";
import type { AppDeps, AppEnv } from "../http/context";

export type SigninModule = (deps: AppDeps) => Hono<AppEnv>;
export const SIGNIN_MODULES: SigninModule[] = [];
