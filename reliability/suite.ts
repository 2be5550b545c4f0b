// The whole reliability suite in order, on SQLite and on PostgreSQL: kill -9 under load, dropped
// database connections under load (PostgreSQL), idempotency races, two instances on one database
// (PostgreSQL), and the property-based tests. Each scenario's line is printed as it ends.

import { apiProperties } from "./apiProperties";
import { droppedConnectionsUnderLoad } from "./droppedConnections";
import { idempotencyRaces } from "./idempotencyRace";
import { killNineUnderLoad } from "./killNine";
import type { Profile } from "./profiles";
import { runChartProperties } from "./runChartProperties";
import { twoInstances } from "./scaleOut";
import { describeResult, passed, type ScenarioResult } from "./tally";
import type { Engine } from "./target";

export type SuiteOutcome = { results: ScenarioResult[]; ok: boolean };

/** A scenario that threw (the harness itself failed): a result with the error as its problem. */
async function guarded(name: string, engine: string, scenario: () => Promise<ScenarioResult>): Promise<ScenarioResult> {
  const startedAt = Date.now();
  try {
    return await scenario();
  } catch (error) {
    return { name, engine, sent: 0, stored: 0, lost: 0, duplicated: 0, serverErrors: 0, unavailable: 0, networkErrors: 0, problems: [`the scenario failed: ${(error as Error).stack ?? String(error)}`], seconds: (Date.now() - startedAt) / 1000 };
  }
}

/** Property outcomes as scenario results (nothing sent for the load's tally; 5xx counted as server errors). */
function propertyResult(name: string, engine: string, runs: number, serverErrors: number, failure: string | null, seconds: number): ScenarioResult {
  return { name: `${name} (${runs} runs)`, property: true, engine, sent: 0, stored: 0, lost: 0, duplicated: 0, serverErrors, unavailable: 0, networkErrors: 0, problems: failure ? [failure] : [], seconds };
}

export async function runSuite(profile: Profile, engines: readonly Engine[], log: (line: string) => void): Promise<SuiteOutcome> {
  const results: ScenarioResult[] = [];
  const record = (r: ScenarioResult) => {
    results.push(r);
    log(describeResult(r));
    for (const p of r.problems) log(`       ${p.split("\n").join("\n       ")}`);
  };
  const seed = profile.seed;
  for (const engine of engines) {
    record(await guarded("kill -9 under load", engine, () => killNineUnderLoad({ engine, ...profile.killNine, seed })));
    if (engine === "postgres") record(await guarded("dropped connections under load", engine, () => droppedConnectionsUnderLoad({ ...profile.droppedConnections, seed })));
    record(await guarded("idempotency races", engine, () => idempotencyRaces({ engine, ...profile.races, seed })));
    if (engine === "postgres") record(await guarded("two instances", engine, () => twoInstances({ ...profile.scaleOut, seed })));
    const startedAt = Date.now();
    try {
      for (const o of await apiProperties(engine, profile.apiRuns, seed)) record(propertyResult(o.name, engine, o.runs, o.serverErrors, o.failure, o.seconds));
    } catch (error) {
      record(propertyResult("API properties", engine, 0, 0, `the scenario failed: ${(error as Error).stack ?? String(error)}`, (Date.now() - startedAt) / 1000));
    }
  }
  for (const o of runChartProperties(profile.runChartRuns, seed)) record(propertyResult(o.name, "core", o.runs, 0, o.failure, o.seconds));
  return { results, ok: results.every(passed) };
}
