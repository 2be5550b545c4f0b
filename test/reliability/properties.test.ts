// Quick variant of the suite's property-based tests: core's run-chart rules against the naive
// reference (reliability/naiveRunChart.ts), and random reports and sheets through the API on both
// engines (reliability/apiProperties.ts).
import { apiProperties } from "../../reliability/apiProperties";
import { naiveShifts, naiveTrends } from "../../reliability/naiveRunChart";
import { QUICK } from "../../reliability/profiles";
import { runChartProperties } from "../../reliability/runChartProperties";
import { shifts, trends } from "../../src/core/index";

jest.setTimeout(120_000);

describe("the naive reference", () => {
  it("agrees with core's own @examples of shifts and trends", () => {
    expect(naiveShifts([5, 6, 7, 5, 6, 7, 1], 4, 4)).toEqual(shifts([5, 6, 7, 5, 6, 7, 1], 4, 4));
    expect(naiveShifts([5, 6, 4, 7, null, 5, 6, 7], 4, 4)).toEqual([{ start: 0, end: 7, side: "above", length: 6 }]);
    expect(naiveTrends([1, 2, 2, 3, null, 4, 5, 5], 5)).toEqual([{ start: 0, end: 6, direction: "up", length: 5 }]);
    expect(naiveTrends([1, 2, 3, 4, 3], 5)).toEqual(trends([1, 2, 3, 4, 3]));
  });
});

describe("run-chart rules against the naive reference", () => {
  it.each(runChartProperties(QUICK.runChartRuns, QUICK.seed).map((o) => [o.name, o] as const))("%s", (_name, outcome) => {
    expect(outcome.failure).toBeNull();
    expect(outcome.runs).toBe(QUICK.runChartRuns);
  });
});

describe.each(["sqlite", "postgres"] as const)("%s: random reports and sheets through the API", (engine) => {
  it("no 5xx, no data written on refusal, one submission per 201, a sheet without errors not refused", async () => {
    const outcomes = await apiProperties(engine, QUICK.apiRuns, QUICK.seed);
    expect(outcomes.map((o) => ({ name: o.name, failure: o.failure, serverErrors: o.serverErrors }))).toEqual(outcomes.map((o) => ({ name: o.name, failure: null, serverErrors: 0 })));
    expect(outcomes.every((o) => o.requests >= QUICK.apiRuns)).toBe(true);
  });
});
