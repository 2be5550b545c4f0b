// `npm run reliability`: the data store under faults, on SQLite and PostgreSQL, all on loopback and
// bounded in count (profiles.ts). Ends with exactly one line
// `N sent, N stored, 0 lost, 0 duplicated, 0 server errors` and exits 1 unless every report sent was
// stored exactly once, no answer was a 5xx other than the documented 503, and every check held.
//
//   npm run reliability                       both engines, the full counts
//   npm run reliability -- --quick            the counts of the npm test variant
//   npm run reliability -- --engine sqlite    one engine (sqlite | postgres)
//   npm run reliability -- --seed 12345       other random reports, sheets and series (default: the profile's)
//
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, trust auth); each
// scenario creates its own database there and drops it. docs/RELIABILITY.md has the figures.

import { parseArgs } from "node:util";
import { FULL, QUICK } from "./profiles";
import { runSuite } from "./suite";
import { summaryLine } from "./tally";
import type { Engine } from "./target";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, engine: { type: "string", multiple: true }, seed: { type: "string" } }, strict: true });
  const engines = (values.engine ?? ["sqlite", "postgres"]) as Engine[];
  for (const e of engines) if (e !== "sqlite" && e !== "postgres") throw new Error(`--engine ${e}: use sqlite or postgres`);
  const chosen = values.quick ? QUICK : FULL;
  const seed = values.seed === undefined ? chosen.seed : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed ${values.seed}: use a whole number`);
  const profile = { ...chosen, seed };
  const startedAt = Date.now();
  console.log(`reliability suite (${profile.name}, seed ${seed}) on ${engines.join(" and ")}, ${new Date().toISOString()}`);
  const outcome = await runSuite(profile, engines, (line) => console.log(line));
  console.log(`${outcome.ok ? "passed" : "FAILED"} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  console.log(summaryLine(outcome.results));
  return outcome.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error)?.stack ?? String(error));
    process.exit(1);
  },
);
