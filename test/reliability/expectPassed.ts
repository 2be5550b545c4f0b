// The quick variant's one assertion: a scenario of the reliability suite passed, with every report
// sent stored exactly once; its problems are the failure message.
import { describeResult, passed, type ScenarioResult } from "../../reliability/tally";

export function expectPassed(result: ScenarioResult): void {
  if (!passed(result)) throw new Error(`${describeResult(result)}\n${result.problems.join("\n")}`);
  if (!result.property) expect(result.sent).toBeGreaterThan(0);
  expect(result.stored).toBe(result.sent);
}
