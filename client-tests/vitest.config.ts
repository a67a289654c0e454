import { defineConfig } from "vitest/config";

/**
 * Client tests drive a real emulator process (started once in global-setup) with the real SDKs and a
 * real browser. The workers are forked after global setup, so they inherit NODE_EXTRA_CA_CERTS and
 * trust the emulator's CA exactly as a user's process would.
 */
export default defineConfig({
  test: {
    include: ["client-tests/**/*.test.ts"],
    globalSetup: ["client-tests/support/global-setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: true,
  },
});
