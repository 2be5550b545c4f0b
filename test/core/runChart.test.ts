/**
 * Hand-derived edge cases of the run-chart rules (IHI: Perla, Provost & Murray 2011, BMJ Qual Saf
 * 20:46-51; Anhøj & Olesen 2014 as qicharts2 implements them). Every expected value below was
 * worked out by hand from the rule's wording; comments show the working where it is not obvious.
 */
import {
  analyzeRunChart,
  anhoejLimits,
  CoreError,
  crossings,
  crossingsMin,
  IHI_RUNS_TABLE,
  ihiRunsLimits,
  ihiRunsVerdict,
  isOnCenterLine,
  longestRun,
  longestRunMax,
  nearlyEqual,
  runChartCenterLine,
  runCount,
  shifts,
  trends,
  usefulCount,
} from "../../src/core/index";

/**
 * Runs of 1s (below) and 9s (above), starting below, with the given lengths. The patterns used have
 * as many 1s as 9s, so the median is 5 and every point is useful (checked in each test).
 */
function runsOf(lengths: number[]): number[] {
  const values = lengths.flatMap((length, k) => Array<number>(length).fill(k % 2 === 0 ? 1 : 9));
  if (values.filter((value) => value === 1).length * 2 !== values.length) throw new Error(`unbalanced pattern ${lengths.join(",")}`);
  return values;
}

describe("shifts(values, centerLine)", () => {
  it("shifts(values, centerLine) finds exactly 6 consecutive points on one side", () => {
    expect(shifts([1, 9, 9, 9, 9, 9, 9, 1], 5)).toEqual([{ start: 1, end: 6, side: "above", length: 6 }]);
    expect(shifts([9, 1, 1, 1, 1, 1, 1], 5)).toEqual([{ start: 1, end: 6, side: "below", length: 6 }]);
  });

  it("shifts(values, centerLine) does not count 5 consecutive points", () => {
    expect(shifts([1, 9, 9, 9, 9, 9, 1, 9, 9, 9, 9, 9], 5)).toEqual([]);
  });

  it("shifts(values, centerLine) reports one long run as ONE shift", () => {
    expect(shifts(Array<number>(15).fill(9), 5)).toEqual([{ start: 0, end: 14, side: "above", length: 15 }]);
  });

  it("shifts(values, centerLine) ignores points on the center line: they neither add to nor break a shift", () => {
    // 3 above, 2 on the line, 3 above: one shift of 6 useful points spanning indices 0..7
    expect(shifts([9, 9, 9, 5, 5, 9, 9, 9], 5)).toEqual([{ start: 0, end: 7, side: "above", length: 6 }]);
    // 3 above, 1 on, 2 above: only 5 useful points, no shift
    expect(shifts([9, 9, 9, 5, 9, 9], 5)).toEqual([]);
  });

  it("shifts(values, centerLine) skips blanks: they neither add to nor break a shift", () => {
    expect(shifts([1, 1, null, 1, null, null, 1, 1, 1], 5)).toEqual([{ start: 0, end: 8, side: "below", length: 6 }]);
    expect(shifts([1, 1, null, 1, null, 1, 1], 5)).toEqual([]);
  });

  it("shifts(values, centerLine) reports a shift on each side when the process moves twice", () => {
    expect(shifts([...Array<number>(6).fill(1), ...Array<number>(7).fill(9)], 5)).toEqual([
      { start: 0, end: 5, side: "below", length: 6 },
      { start: 6, end: 12, side: "above", length: 7 },
    ]);
  });

  it("shifts(values, centerLine) treats 87.2 as ON the median (87.1 + 87.3) / 2 = 87.19999999999999", () => {
    const median = (87.1 + 87.3) / 2;
    expect(median).not.toBe(87.2); // float64 cannot hold the decimal midpoint
    // above: indices 1, 2, 4, 5, 7, 8 (87.3); the 87.2s at 3 and 6 are on the line
    expect(shifts([87.1, 87.3, 87.3, 87.2, 87.3, 87.3, 87.2, 87.3, 87.3], median)).toEqual([
      { start: 1, end: 8, side: "above", length: 6 },
    ]);
    // with the 87.2s on the line only 5 points remain above: qicharts2's float64 sign would say 7
    expect(shifts([87.3, 87.2, 87.3, 87.2, 87.3, 87.2, 87.3, 87.3], median)).toEqual([]);
  });

  it("shifts(values, null) finds nothing without a center line", () => {
    expect(shifts([1, 2, 3, 4, 5, 6, 7], null)).toEqual([]);
  });

  it("shifts(values, centerLine, minLength) accepts another length and refuses nonsense", () => {
    expect(shifts([9, 9, 9, 9, 9, 9, 9], 5, 7)).toHaveLength(1);
    expect(() => shifts([1], 5, 1)).toThrow(/^shifts: invalid minLength 1 \(expected an integer >= 2\)$/);
    expect(() => shifts([1], Number.NaN)).toThrow(/^shifts: invalid centerLine NaN \(expected a finite number or null\)$/);
  });
});

describe("trends(values)", () => {
  it("trends(values) finds exactly 5 points going up or down", () => {
    expect(trends([3, 4, 5, 6, 7])).toEqual([{ start: 0, end: 4, direction: "up", length: 5 }]);
    expect(trends([9, 7, 5, 3, 1])).toEqual([{ start: 0, end: 4, direction: "down", length: 5 }]);
  });

  it("trends(values) does not count 4 points", () => {
    expect(trends([3, 4, 5, 6, 2, 3, 4, 5])).toEqual([]);
  });

  it("trends(values) counts equal consecutive values once: ties neither make nor break a trend", () => {
    // counted: 1 (0), 2 (1), 3 (3), 4 (4), 5 (5): five points; the repeated 2 at index 2 is not counted
    expect(trends([1, 2, 2, 3, 4, 5])).toEqual([{ start: 0, end: 5, direction: "up", length: 5 }]);
    // 1, 2, 2, 3, 4: only four counted points
    expect(trends([1, 2, 2, 3, 4])).toEqual([]);
    // a run of ties inside a falling trend
    expect(trends([5, 4, 4, 4, 3, 2, 1])).toEqual([{ start: 0, end: 6, direction: "down", length: 5 }]);
    // a trend that ends on a tie ends at the first of the tied values
    expect(trends([1, 2, 3, 4, 5, 5, 5])).toEqual([{ start: 0, end: 4, direction: "up", length: 5 }]);
    // ties only: no direction, no trend
    expect(trends([3, 3, 3, 3, 3, 3])).toEqual([]);
  });

  it("trends(values) treats values equal in decimal as ties (0.1 + 0.2 and 0.3)", () => {
    expect(trends([0.1, 0.2, 0.1 + 0.2, 0.3, 0.4, 0.5])).toEqual([{ start: 0, end: 5, direction: "up", length: 5 }]);
  });

  it("trends(values) skips blanks", () => {
    expect(trends([1, null, 2, null, null, 3, 4, null, 5])).toEqual([{ start: 0, end: 8, direction: "up", length: 5 }]);
  });

  it("trends(values) lets a turning point end one trend and start the next", () => {
    expect(trends([1, 2, 3, 4, 5, 4, 3, 2, 1])).toEqual([
      { start: 0, end: 4, direction: "up", length: 5 },
      { start: 4, end: 8, direction: "down", length: 5 },
    ]);
  });

  it("trends(values) ignores the median: a trend may cross it", () => {
    const values = [1, 9, 2, 3, 4, 5, 6, 9, 1];
    expect(trends(values)).toEqual([{ start: 2, end: 7, direction: "up", length: 6 }]);
    expect(analyzeRunChart(values).trends).toEqual(trends(values));
  });
});

describe("runs figures", () => {
  it("longestRun(values, centerLine) skips points on the center line and blanks", () => {
    expect(longestRun([1, 2, 5, 6, 7, 3], 4)).toBe(3);
    expect(longestRun([6, 4, null, 6, 4, 6], 4)).toBe(3);
    expect(longestRun([4, 4], 4)).toBe(0);
  });

  it("crossings(values, centerLine) counts changes of side between useful points only", () => {
    expect(crossings([1, 4, 9, 4, 1], 4)).toBe(2);
    expect(crossings([1, null, 9], 4)).toBe(1);
    expect(crossings([], 4)).toBe(0);
  });

  it("runCount(values, centerLine) is crossings + 1, or 0 when nothing is useful", () => {
    expect(runCount(runsOf([2, 3, 1]), 5)).toBe(3);
    expect(runCount([5, 5, null], 5)).toBe(0);
  });

  it("usefulCount(values, centerLine) leaves out blanks and points on the line", () => {
    expect(usefulCount([1, null, 5, 9, 5.000000000001], 5)).toBe(2);
  });

  it("usefulCount(values, centerLine) and trends(values) apply exactly nearlyEqual's rule (they inline it for speed)", () => {
    const centerLine = 81.19999999999999;
    const offsets = [0, 1e-12, 5e-10, 9.99e-10, 1e-9, 1.01e-9, 2e-9, 1e-6];
    for (const offset of offsets) {
      for (const value of [centerLine * (1 + offset), centerLine * (1 - offset), -centerLine * (1 + offset)]) {
        const line = value < 0 ? -centerLine : centerLine;
        expect([value, usefulCount([value], line)]).toEqual([value, nearlyEqual(value, line) ? 0 : 1]);
        const rising = [1, 2, 3, 4].map((k) => k * 100 + centerLine);
        const withTie = [...rising, value + 400]; // the fifth point ties the fourth within tolerance or rises above it
        const tie = nearlyEqual(value + 400, rising[3]);
        expect(trends(withTie).length).toBe(!tie && value + 400 > rising[3] ? 1 : 0);
      }
    }
  });

  it("isOnCenterLine(value, centerLine) compares within 1e-9 relative", () => {
    expect(isOnCenterLine(87.2, (87.1 + 87.3) / 2)).toBe(true);
    expect(isOnCenterLine(87.2 + 1e-6, 87.2)).toBe(false);
  });
});

describe("IHI runs table", () => {
  // the table exactly as the issue gives it (Perla, Provost & Murray 2011, Table 1)
  const ISSUE_TABLE =
    "10:3-9 11:3-10 12:3-11 13:4-11 14:4-12 15:5-12 16:5-13 17:5-13 18:6-14 19:6-15 20:6-16 21:7-16 22:7-17 23:7-17 24:8-18 25:8-18 26:9-19 27:10-19 28:10-20 29:10-20 30:11-21 31:11-22 32:11-23 33:12-23 34:12-24 35:13-24 36:13-25 37:13-25 38:14-26 39:14-26 40:15-27 41:16-27 42:16-28 43:17-28 44:17-29 45:17-30 46:17-31 47:18-31 48:18-32 49:19-32 50:19-33 51:20-33 52:20-34 53:21-34 54:21-35 55:22-35 56:22-36 57:23-36 58:23-37 59:24-38 60:24-38";

  it("IHI_RUNS_TABLE holds the issue's table, row for row", () => {
    const rows = ISSUE_TABLE.split(" ").map((cell) => {
      const [n, limits] = cell.split(":");
      const [lower, upper] = limits.split("-");
      return { usefulCount: Number(n), lower: Number(lower), upper: Number(upper) };
    });
    expect(IHI_RUNS_TABLE).toEqual(rows);
    expect(Object.isFrozen(IHI_RUNS_TABLE)).toBe(true);
  });

  it("ihiRunsLimits(usefulCount) applies from 10 to 60 useful points only", () => {
    expect(ihiRunsLimits(9)).toBeNull();
    expect(ihiRunsLimits(10)).toEqual({ lower: 3, upper: 9 });
    expect(ihiRunsLimits(60)).toEqual({ lower: 24, upper: 38 });
    expect(ihiRunsLimits(61)).toBeNull();
    expect(() => ihiRunsLimits(-1)).toThrow(/^ihiRunsLimits: invalid usefulCount -1 \(expected an integer >= 0\)$/);
  });

  it("ihiRunsVerdict(runs, usefulCount) is too_few below lower and too_many above upper (limits themselves are ok)", () => {
    expect(ihiRunsVerdict(5, 20)).toBe("too_few");
    expect(ihiRunsVerdict(6, 20)).toBe("ok");
    expect(ihiRunsVerdict(16, 20)).toBe("ok");
    expect(ihiRunsVerdict(17, 20)).toBe("too_many");
  });
});

describe("analyzeRunChart(values, options)", () => {
  it("analyzeRunChart(values) finds too few runs against the table (20 useful points, 5 runs < 6)", () => {
    const result = analyzeRunChart(runsOf([4, 5, 4, 5, 2]));
    expect(result).toMatchObject({ centerLine: 5, usefulCount: 20, runCount: 5, runsLimits: { lower: 6, upper: 16 }, runsVerdict: "too_few" });
  });

  it("analyzeRunChart(values) accepts runs on the limits (6 and 16 runs of 20 useful points)", () => {
    expect(analyzeRunChart(runsOf([4, 3, 3, 4, 3, 3]))).toMatchObject({ centerLine: 5, usefulCount: 20, runCount: 6, runsVerdict: "ok" });
    const sixteen = runsOf([3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(analyzeRunChart(sixteen)).toMatchObject({ centerLine: 5, usefulCount: 20, runCount: 16, runsVerdict: "ok" });
  });

  it("analyzeRunChart(values) finds too many runs against the table (20 alternating points, 20 runs > 16)", () => {
    const result = analyzeRunChart(runsOf(Array<number>(20).fill(1)));
    expect(result).toMatchObject({ centerLine: 5, usefulCount: 20, runCount: 20, runsVerdict: "too_many" });
    // Anhøj has no "too many crossings" rule: 19 crossings >= qbinom(0.05, 19, 0.5) = 6, no signal
    expect(result).toMatchObject({ crossings: 19, crossingsMin: 6, runsSignal: false });
  });

  it("analyzeRunChart(values) says not_applicable outside 10..60 useful points", () => {
    expect(analyzeRunChart(runsOf([3, 3, 1, 1]))).toMatchObject({ usefulCount: 8, runsLimits: null, runsVerdict: "not_applicable" });
  });

  it("analyzeRunChart(values) gives the Anhøj signal for a long run (longestRun > round(log2 n) + 3)", () => {
    // 30 useful points: longestRunMax = round(4.907) + 3 = 8; crossingsMin = qbinom(0.05, 29, 0.5) = 10
    const result = analyzeRunChart(runsOf([9, 3, 2, 3, 1, 3, 1, 3, 1, 3, 1]));
    expect(result).toMatchObject({ centerLine: 5, usefulCount: 30, longestRun: 9, longestRunMax: 8, crossings: 10, crossingsMin: 10, runsSignal: true });
    // a run of 8 is not a signal
    expect(analyzeRunChart(runsOf([8, 3, 3, 3, 1, 3, 1, 3, 1, 3, 1]))).toMatchObject({ longestRun: 8, runsSignal: false });
  });

  it("analyzeRunChart(values) gives the Anhøj signal for too few crossings (crossings < qbinom(0.05, n - 1, 0.5))", () => {
    // 24 useful points in 8 runs of 3: 7 crossings < qbinom(0.05, 23, 0.5) = 8; longest run 3 <= 8
    const result = analyzeRunChart(runsOf([3, 3, 3, 3, 3, 3, 3, 3]));
    expect(result).toMatchObject({ centerLine: 5, usefulCount: 24, longestRun: 3, crossings: 7, crossingsMin: 8, runsSignal: true });
    // 9 runs: 8 crossings, no signal (strict inequality)
    expect(analyzeRunChart(runsOf([3, 3, 3, 3, 2, 3, 2, 3, 2]))).toMatchObject({ usefulCount: 24, crossings: 8, runsSignal: false });
  });

  it("analyzeRunChart(values) of all-equal values: every point on the median, nothing useful", () => {
    expect(analyzeRunChart([61.9, 61.9, 61.9, 61.9, 61.9, 61.9, 61.9])).toEqual({
      centerLine: 61.9,
      pointCount: 7,
      observedCount: 7,
      usefulCount: 0,
      runCount: 0,
      runsLimits: null,
      runsVerdict: "not_applicable",
      shifts: [],
      trends: [],
      longestRun: null,
      longestRunMax: null,
      crossings: null,
      crossingsMin: null,
      runsSignal: false,
    });
  });

  it("analyzeRunChart(values) of one point: it is the median, so nothing is useful", () => {
    expect(analyzeRunChart([42])).toMatchObject({ centerLine: 42, pointCount: 1, usefulCount: 0, runCount: 0, longestRun: null, runsSignal: false });
  });

  it("analyzeRunChart(values) of two points: median between them, one crossing, limits 4 and 0", () => {
    // longestRunMax = round(log2 2) + 3 = 4; crossingsMin = qbinom(0.05, 1, 0.5) = 0
    expect(analyzeRunChart([10, 20])).toMatchObject({
      centerLine: 15,
      usefulCount: 2,
      runCount: 2,
      longestRun: 1,
      longestRunMax: 4,
      crossings: 1,
      crossingsMin: 0,
      runsSignal: false,
    });
  });

  it("analyzeRunChart(values) keeps blanks as blanks (never 0)", () => {
    const result = analyzeRunChart([null, 10, null, 20, 30, null]);
    // pointCount counts every month, a blank one too (qicharts2's n.obs); observedCount those with a value
    expect(result).toMatchObject({ centerLine: 20, pointCount: 6, observedCount: 3, usefulCount: 2, runCount: 2 });
    expect(analyzeRunChart([null, null])).toMatchObject({ centerLine: null, pointCount: 2, observedCount: 0, usefulCount: 0, runsVerdict: "not_applicable" });
  });

  it("analyzeRunChart(values, { baseline }) freezes the median at the first points and applies the rules to all", () => {
    // baseline [1, 2, 3, 4] -> median 2.5; points 3..13 are all above it: one shift of 11 (indices 2..12)
    const values = [1, 2, 3, 4, 10, 11, 12, 13, 12, 11, 10, 11, 12];
    const result = analyzeRunChart(values, { baseline: 4 });
    expect(result.centerLine).toBe(2.5);
    expect(result.shifts).toEqual([{ start: 2, end: 12, side: "above", length: 11 }]);
    expect(result.usefulCount).toBe(13);
    // unfrozen, the median is 11 and there is no shift
    expect(analyzeRunChart(values).centerLine).toBe(11);
    expect(analyzeRunChart(values).shifts).toEqual([]);
  });

  it("analyzeRunChart(values, { baseline }) counts blanks towards the baseline (it is a number of points in time)", () => {
    expect(analyzeRunChart([null, 1, 3, null, 100], { baseline: 3 }).centerLine).toBe(2);
    expect(runChartCenterLine([null, 1, 3, null, 100], 3)).toBe(2);
    expect(analyzeRunChart([null, null, 3, 4], { baseline: 2 }).centerLine).toBeNull();
  });

  it("analyzeRunChart(values, { baseline: 2 }) puts 87.2 ON the frozen median of 87.1 and 87.3", () => {
    const result = analyzeRunChart([87.1, 87.3, 87.2, 87.2, 87.3], { baseline: 2 });
    expect(result.centerLine).toBe(87.19999999999999);
    expect(result.pointCount).toBe(5);
    expect(result.usefulCount).toBe(3); // 87.1 below, 87.3 and 87.3 above; the two 87.2s are on the line
    expect(result.runCount).toBe(2);
  });

  it("analyzeRunChart([]) is an empty analysis, not an error", () => {
    expect(analyzeRunChart([])).toMatchObject({ centerLine: null, pointCount: 0, usefulCount: 0, runCount: 0, shifts: [], trends: [], runsSignal: false });
  });

  it("analyzeRunChart(values, options) refuses a bad baseline, naming it", () => {
    expect(() => analyzeRunChart([1, 2, 3], { baseline: 0 })).toThrow(
      /^analyzeRunChart: invalid baseline 0 \(expected an integer from 1 to 3, the number of points\)$/,
    );
    expect(() => analyzeRunChart([1, 2, 3], { baseline: 4 })).toThrow(/^analyzeRunChart: invalid baseline 4 /);
    expect(() => analyzeRunChart([1, 2, 3], { baseline: 1.5 })).toThrow(/^analyzeRunChart: invalid baseline 1.5 /);
    expect(() => analyzeRunChart([], { baseline: 1 })).toThrow(/^analyzeRunChart: invalid baseline 1 \(expected no baseline: the series is empty\)$/);
    try {
      analyzeRunChart([1], { baseline: 2 });
    } catch (error) {
      expect(error).toBeInstanceOf(CoreError);
      expect((error as CoreError).code).toBe("invalid_option");
    }
  });

  it("analyzeRunChart(values) refuses non-finite values and non-numbers, naming the index", () => {
    expect(() => analyzeRunChart([1, Number.NaN])).toThrow(/^analyzeRunChart: invalid values NaN at index 1 \(expected a finite number or null\)$/);
    expect(() => analyzeRunChart([Number.POSITIVE_INFINITY])).toThrow(/^analyzeRunChart: invalid values Infinity at index 0 /);
    expect(() => analyzeRunChart(["3" as unknown as number])).toThrow(/^analyzeRunChart: invalid values "3" at index 0 /);
    expect(() => analyzeRunChart([undefined as unknown as number])).toThrow(/^analyzeRunChart: invalid values undefined at index 0 /);
    expect(() => analyzeRunChart("1,2" as unknown as number[])).toThrow(/^analyzeRunChart: invalid values "1,2" \(expected an array of numbers and nulls\)$/);
    try {
      analyzeRunChart([Number.NaN]);
    } catch (error) {
      expect((error as CoreError).code).toBe("invalid_value");
    }
  });
});

describe("Anhøj limits", () => {
  it("longestRunMax(n) is round(log2 n) + 3 with R's rounding", () => {
    // log2 of 5, 11, 23, 45, 91 is just below x.5, of 6, 12, 46 just above
    expect([1, 2, 5, 6, 11, 12, 23, 24, 45, 46, 91, 100].map(longestRunMax)).toEqual([3, 4, 5, 6, 6, 7, 8, 8, 8, 9, 10, 10]);
  });

  it("crossingsMin(n) is qbinom(0.05, n - 1, 0.5)", () => {
    // values of R's qbinom(0.05, n - 1, 0.5), checked against scipy.stats.binom.ppf
    const expected: Record<number, number> = { 1: 0, 2: 0, 5: 0, 6: 1, 10: 2, 11: 2, 24: 8, 60: 23, 101: 42, 1000: 474, 1001: 474, 5001: 2442, 100000: 49739 };
    for (const [n, c] of Object.entries(expected)) expect([Number(n), crossingsMin(Number(n))]).toEqual([Number(n), c]);
  });

  it("anhoejLimits(0) has no limits", () => {
    expect(anhoejLimits(0)).toEqual({ longestRunMax: null, crossingsMin: null });
    expect(() => anhoejLimits(-2)).toThrow(/^anhoejLimits: invalid usefulCount -2 \(expected an integer >= 0\)$/);
  });
});

describe("runChartCenterLine(values, baseline)", () => {
  /** Seeded generator (mulberry32), so the test is deterministic. */
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it("runChartCenterLine(values) equals the median of the sorted values (Floyd-Rivest selection, many sizes and ties)", () => {
    const next = random(20261122);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(next() * (trial % 10 === 0 ? 5000 : 60));
      const spread = trial % 3 === 0 ? 3 : 1000; // few distinct values -> many ties
      const values = Array.from({ length: n }, () => (next() < 0.05 ? null : Math.floor(next() * spread) / 10));
      const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
      const m = sorted.length;
      const expected = m === 0 ? null : m % 2 === 1 ? sorted[(m - 1) / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
      expect(runChartCenterLine(values)).toBe(expected);
    }
  });

  it("runChartCenterLine(values, baseline) refuses a bad baseline", () => {
    expect(() => runChartCenterLine([1, 2], 3)).toThrow(/^runChartCenterLine: invalid baseline 3 /);
  });
});
