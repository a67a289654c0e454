/**
 * `npm run scenario -- <file.json> [more files] [--url https://localhost:8443]`: runs rehearsal
 * scenarios against a running emulator (trust its CA with NODE_EXTRA_CA_CERTS) and prints each step.
 * Exits 1 when a scenario fails.
 */
import { loadScenario, runScenario } from "./runner";

const args = process.argv.slice(2);
const urlIndex = args.indexOf("--url");
const url = (urlIndex >= 0 ? args.splice(urlIndex, 2)[1] : process.env.TENANTLAB_URL ?? "https://localhost:8443").replace(/\/$/, "");
if (!args.length) {
  console.error("usage: npm run scenario -- <scenario.json> [...] [--url https://localhost:8443]");
  process.exit(2);
}
let failed = 0;
for (const file of args) {
  const scenario = loadScenario(file);
  const result = await runScenario(scenario, url);
  console.log(`\n${result.ok ? "PASS" : "FAIL"}  ${scenario.name}  (tenant ${result.tenantId})`);
  for (const s of result.steps) console.log(`  ${s.ok ? "ok  " : "FAIL"} ${s.index + 1}. ${s.name}${s.status ? ` -> ${s.status}` : ""}${s.error ? `\n       ${s.error}` : ""}`);
  if (!result.ok) failed++;
}
process.exit(failed ? 1 : 0);
