/**
 * Runs every rehearsal scenario in this folder against an in-process emulator: a scenario that stops
 * matching the emulator's behaviour fails here before it misleads a trainer.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, it, expect } from "vitest";
import { harness, ORIGIN } from "../emulator/test/helpers";
import { loadScenario, runScenario, containsSubset } from "./runner";

const dir = path.dirname(new URL(import.meta.url).pathname);
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

describe("scenario runner", () => {
  it("matches subsets of objects and arrays", () => {
    expect(containsSubset({ a: 1, b: [{ c: 2, d: 3 }] }, { b: [{ c: 2 }] })).toBe(true);
    expect(containsSubset({ a: 1 }, { a: 2 })).toBe(false);
    expect(containsSubset({ a: null }, { a: null })).toBe(true);
  });

  it("reports the failing step of a scenario that does not hold", async () => {
    const h = await harness();
    const result = await runScenario(
      { name: "wrong expectation", steps: [{ request: { method: "GET", path: "/_emulator/health" }, expect: { status: 418 } }] },
      ORIGIN,
      (url, init) => Promise.resolve(h.app.request(url, init)),
    );
    expect(result.ok).toBe(false);
    expect(result.steps[0].error).toContain("expected status 418");
  });

  for (const file of files) {
    it(`runs ${file}`, async () => {
      const h = await harness();
      const result = await runScenario(loadScenario(path.join(dir, file)), ORIGIN, (url, init) => Promise.resolve(h.app.request(url, init)));
      const failed = result.steps.find((s) => !s.ok);
      expect(failed, failed ? `${failed.index + 1}. ${failed.name}: ${failed.error}` : "").toBeUndefined();
      expect(result.ok).toBe(true);
    });
  }
});
