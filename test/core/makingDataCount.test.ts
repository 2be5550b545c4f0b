import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  CoreError,
  makingDataCount,
  mdcLimits,
  mdcShift,
  mdcTrend,
  mdcTwoInThree,
  type MakingDataCountOptions,
  type MakingDataCountResult,
} from "../../src/core/index";

// ---------------------------------------------------------------------------------------------
// Reference cases: NHSRplotthedots 0.2.2, kept byte-for-byte (provenance: test/fixtures/README.md)
// ---------------------------------------------------------------------------------------------

interface PtdInput {
  y: Array<number | null>;
  improvement_direction: "increase" | "decrease" | "neutral";
  target?: number;
  rebase?: number[]; // counted from 1
  fix_after_n_points?: number;
  screen_outliers?: boolean;
}

interface PtdOutput {
  error: string | null;
  warnings: string[];
  mean?: Array<number | null>;
  lpl?: Array<number | null>;
  upl?: Array<number | null>;
  special_cause_type?: string[];
  point_type?: string[];
  rebase_group?: number[];
  variation?: string;
  assurance?: string | null;
}

interface PtdCase {
  id: string;
  description: string;
  tags: string[];
  expect_error: boolean;
  input: PtdInput;
  output: PtdOutput;
}

const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/ptd-cases.json"), "utf8")) as {
  peer: { package: string; version: string };
  cases: PtdCase[];
};

/** The peer's arguments in our API: rebase points move from counted-from-1 to 0-based indices. */
function optionsOf(input: PtdInput): MakingDataCountOptions {
  const options: MakingDataCountOptions = { improvementDirection: input.improvement_direction };
  if (input.target !== undefined) options.target = input.target;
  if (input.rebase !== undefined) options.rebase = input.rebase.map((point) => point - 1);
  if (input.fix_after_n_points !== undefined) options.fixAfter = input.fix_after_n_points;
  if (input.screen_outliers !== undefined) options.screenOutliers = input.screen_outliers;
  return options;
}

const RELATIVE_TOLERANCE = 1e-9;

function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === "number" && typeof expected === "number") {
    if (actual === expected) return true;
    return Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.max(Math.abs(actual), Math.abs(expected));
  }
  return actual === expected;
}

/** Peer column name -> our per-point field name. */
const POINT_FIELDS = {
  mean: "mean",
  lpl: "lpl",
  upl: "upl",
  special_cause_type: "specialCauseType",
  point_type: "pointType",
  rebase_group: "rebaseGroup",
} as const;

/** Every disagreement, as readable strings, so a failure shows exactly which point and field differ. */
function differences(result: MakingDataCountResult, expected: PtdOutput, length: number): string[] {
  const found: string[] = [];
  if (result.points.length !== length) found.push(`points: ${result.points.length} entries, expected ${length}`);
  for (const [peerName, ourName] of Object.entries(POINT_FIELDS)) {
    const column = expected[peerName as keyof typeof POINT_FIELDS];
    if (column === undefined) {
      found.push(`${peerName}: missing from the fixture`);
      continue;
    }
    column.forEach((want, i) => {
      const got = result.points[i]?.[ourName];
      if (!sameValue(got, want)) found.push(`point ${i} ${ourName}: got ${String(got)}, expected ${String(want)}`);
    });
  }
  if (result.variation !== expected.variation) {
    found.push(`variation: got ${result.variation}, expected ${String(expected.variation)}`);
  }
  if (result.assurance !== expected.assurance) {
    found.push(`assurance: got ${String(result.assurance)}, expected ${String(expected.assurance)}`);
  }
  return found;
}

/**
 * What we do where the peer refuses the input. Each entry documents the behaviour we chose; a new
 * expected-error case in the fixture without an entry here fails the suite.
 */
const EXPECTED_ERROR_BEHAVIOUR: Record<string, (c: PtdCase) => void> = {
  // fix_after_n_points below 12 is a genuine bad option: we refuse it too, with a CoreError.
  "ref-ptd-039": (c) => {
    expect(c.output.error).toMatch(/fix_after_n_points .* greater than or equal to 12/);
    const call = () => makingDataCount(c.input.y, optionsOf(c.input));
    expect(call).toThrow(CoreError);
    expect(call).toThrow("makingDataCount: fixAfter must be at least 12, got 7");
    try {
      call();
    } catch (error) {
      expect((error as CoreError).code).toBe("invalid_option");
    }
  },
  // DELIBERATE DIFFERENCE: the peer stops ("missing value where TRUE/FALSE needed") because the
  // present points of a 7-point window around the gap at month 17 all rise. A gap is not a bug in
  // the user's data, so we answer: the missing month breaks the trend (as the peer itself does for
  // every window it can evaluate, and as a gap breaks shifts and 2-in-3 windows).
  "ref-ptd-052": (c) => {
    expect(c.output.error).toMatch(/missing value where TRUE\/FALSE needed/);
    const result = makingDataCount(c.input.y, optionsOf(c.input));
    const gap = c.input.y.indexOf(null);
    expect(gap).toBe(16);
    expect(result.points).toHaveLength(c.input.y.length);
    // months 12-16 rise (5 points), the gap, months 18-20 rise (3 points): no 7 consecutive rising points
    expect(result.points.map((p) => p.specialCauseType).filter((t) => t.startsWith("7 Point Trend"))).toEqual([]);
    expect(result.points[gap]).toMatchObject({ specialCauseType: "Common Cause", pointType: "common_cause" });
    // the mean skips the gap; the limits do not bridge it
    const present = c.input.y.filter((v): v is number => v !== null);
    expect(result.points[0].mean).toBeCloseTo(present.reduce((a, b) => a + b, 0) / present.length, 9);
    expect(result.points.every((p) => p.rebaseGroup === 0 && p.lpl !== null && p.upl !== null)).toBe(true);
    expect(result.assurance).toBeNull();
  },
  // DELIBERATE DIFFERENCE: every month missing. The peer stops with the same trend-check error; for
  // us insufficient data is not an error (DESIGN.md), so we report it: no mean, no limits, common
  // cause everywhere, no assurance.
  "ref-ptd-054": (c) => {
    expect(c.output.error).toMatch(/missing value where TRUE\/FALSE needed/);
    const result = makingDataCount(c.input.y, optionsOf(c.input));
    expect(result.points).toHaveLength(c.input.y.length);
    for (const point of result.points) {
      expect(point).toEqual({
        mean: null,
        lpl: null,
        upl: null,
        specialCauseType: "Common Cause",
        pointType: "common_cause",
        rebaseGroup: 0,
      });
    }
    expect(result.variation).toBe("common_cause");
    expect(result.assurance).toBeNull();
  },
};

describe(`makingDataCount(values, options) matches ${fixture.peer.package} ${fixture.peer.version}`, () => {
  it("the fixture holds the 60 cases the reference README describes", () => {
    expect(fixture.cases).toHaveLength(60);
    expect(fixture.cases.filter((c) => c.expect_error).map((c) => c.id)).toEqual(
      Object.keys(EXPECTED_ERROR_BEHAVIOUR).sort(),
    );
  });

  for (const c of fixture.cases) {
    it(`${c.id}: ${c.description}`, () => {
      if (c.expect_error) {
        const behaviour = EXPECTED_ERROR_BEHAVIOUR[c.id];
        expect(behaviour).toBeDefined();
        behaviour(c);
        return;
      }
      expect(c.output.error).toBeNull();
      const result = makingDataCount(c.input.y, optionsOf(c.input));
      expect(differences(result, c.output, c.input.y.length)).toEqual([]);
    });
  }

  it("every mean and limit equals the peer's float64 exactly, not just within 1e-9 (so exact comparisons with the mean agree)", () => {
    let compared = 0;
    const inexact: string[] = [];
    for (const c of fixture.cases.filter((k) => !k.expect_error)) {
      const result = makingDataCount(c.input.y, optionsOf(c.input));
      for (const field of ["mean", "lpl", "upl"] as const) {
        c.output[field]?.forEach((want, i) => {
          compared++;
          if (!Object.is(result.points[i][field], want)) inexact.push(`${c.id} point ${i} ${field}`);
        });
      }
    }
    expect(compared).toBeGreaterThan(4000);
    expect(inexact).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-derived edge cases
// ---------------------------------------------------------------------------------------------

describe("mdcTrend(values)", () => {
  it("mdcTrend(values) marks 7 strictly rising points", () => {
    expect(mdcTrend([5, 1, 2, 3, 4, 5, 6, 7, 3])).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 0]);
  });
  it("mdcTrend(values) does not mark 6 strictly rising points", () => {
    expect(mdcTrend([5, 1, 2, 3, 4, 5, 6, 3])).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
  it("mdcTrend(values) marks 7 strictly falling points as -1", () => {
    expect(mdcTrend([7, 6, 5, 4, 3, 2, 1])).toEqual([-1, -1, -1, -1, -1, -1, -1]);
  });
  it("mdcTrend(values) marks all 9 points of a 9-point trend", () => {
    expect(mdcTrend([1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual(new Array(9).fill(1));
  });
  it("mdcTrend(values): a tie inside breaks the trend", () => {
    expect(mdcTrend([1, 2, 3, 4, 4, 5, 6, 7])).toEqual(new Array(8).fill(0));
  });
  it("mdcTrend(values): a tie before 7 strictly rising points does not stop them", () => {
    expect(mdcTrend([1, 1, 2, 3, 4, 5, 6, 7])).toEqual([0, 1, 1, 1, 1, 1, 1, 1]);
  });
  it("mdcTrend(values): a missing value breaks the trend (the peer errors here; deliberate difference)", () => {
    expect(mdcTrend([1, 2, 3, null, 4, 5, 6, 7])).toEqual(new Array(8).fill(0));
    expect(mdcTrend([1, 2, 3, 4, 5, 6, 7, null, 8])).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0]);
  });
  it("mdcTrend(values): a peak shared by a rising and a falling trend takes the later (falling) direction", () => {
    expect(mdcTrend([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1])).toEqual([1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1]);
  });
  it("mdcTrend(values): two rising trends separated by a tie both stay rising (the peer calls the first one's end Decreasing; deliberate difference)", () => {
    expect(mdcTrend([1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13])).toEqual(new Array(14).fill(1));
  });
});

describe("mdcShift(values, mean)", () => {
  it("mdcShift(values, mean) marks 7 points above the mean", () => {
    expect(mdcShift([3, 5, 5, 5, 5, 5, 5, 5, 3], 4)).toEqual([false, true, true, true, true, true, true, true, false]);
  });
  it("mdcShift(values, mean) marks 7 points below the mean", () => {
    expect(mdcShift([3, 3, 3, 3, 3, 3, 3], 4)).toEqual(new Array(7).fill(true));
  });
  it("mdcShift(values, mean) does not mark 6 points", () => {
    expect(mdcShift([3, 5, 5, 5, 5, 5, 5, 3], 4)).toEqual(new Array(8).fill(false));
  });
  it("mdcShift(values, mean): a point exactly on the mean breaks the run", () => {
    expect(mdcShift([5, 5, 5, 4, 5, 5, 5, 5], 4)).toEqual(new Array(8).fill(false));
  });
  it("mdcShift(values, mean): a missing value breaks the run", () => {
    expect(mdcShift([5, 5, 5, null, 5, 5, 5, 5], 4)).toEqual(new Array(8).fill(false));
  });
  it("mdcShift(values, mean): a point one ulp above the mean counts as above (no tolerance, as the peer)", () => {
    const mean = 0.1 + 0.2; // 0.30000000000000004
    expect(mdcShift(new Array(7).fill(0.30000000000000004), mean).some(Boolean)).toBe(false);
    expect(mdcShift(new Array(7).fill(0.3000000000000001), mean).every(Boolean)).toBe(true);
  });
});

describe("mdcTwoInThree(values, limits)", () => {
  // mean 0, process limits ±3, inner ("2-sigma") lines ±2
  const limits = { mean: 0, lpl: -3, upl: 3, nearLpl: -2, nearUpl: 2 };
  it("mdcTwoInThree(values, limits) marks 2 of 3 points in the upper band, not the third", () => {
    expect(mdcTwoInThree([2.5, 0.5, 2.9], limits)).toEqual([true, false, true]);
  });
  it("mdcTwoInThree(values, limits) marks 2 of 3 points in the lower band", () => {
    expect(mdcTwoInThree([-0.5, -2.5, -2.9, 0.5], limits)).toEqual([false, true, true, false]);
  });
  it("mdcTwoInThree(values, limits) marks all 3 when 3 are in the band", () => {
    expect(mdcTwoInThree([2.5, 2.6, 2.7], limits)).toEqual([true, true, true]);
  });
  it("mdcTwoInThree(values, limits): a point exactly on the process limit is in the band", () => {
    expect(mdcTwoInThree([3, 1, 2.5], limits)).toEqual([true, false, true]);
  });
  it("mdcTwoInThree(values, limits): a point exactly on the inner line is not in the band", () => {
    expect(mdcTwoInThree([2, 1, 2.5], limits)).toEqual([false, false, false]);
  });
  it("mdcTwoInThree(values, limits): a point beyond the limit does not count, but the band points beside it still can", () => {
    expect(mdcTwoInThree([3.5, 2.5, 1], limits)).toEqual([false, false, false]);
    expect(mdcTwoInThree([3.5, 2.5, 2.5], limits)).toEqual([false, true, true]);
  });
  it("mdcTwoInThree(values, limits): the middle point on the other side of the mean spoils the window", () => {
    expect(mdcTwoInThree([2.5, -0.5, 2.5], limits)).toEqual([false, false, false]);
  });
  it("mdcTwoInThree(values, limits): two band points 3 apart are not within 3", () => {
    expect(mdcTwoInThree([2.5, 0.5, 0.5, 2.5], limits)).toEqual([false, false, false, false]);
  });
  it("mdcTwoInThree(values, limits): a missing value spoils every window it is in", () => {
    expect(mdcTwoInThree([2.5, null, 2.5], limits)).toEqual([false, false, false]);
  });
  it("mdcTwoInThree(values, limits) marks nothing when the limits are null", () => {
    expect(mdcTwoInThree([2.5, 2.5, 2.5], { ...limits, lpl: null, upl: null })).toEqual([false, false, false]);
  });
});

describe("mdcLimits(values, options)", () => {
  it("mdcLimits(values) skips missing values and does not bridge moving ranges across a gap", () => {
    const limits = mdcLimits([1, 3, null, 10, 11]);
    expect(limits.mean).toBe(25 / 4);
    expect(limits.averageMovingRange).toBe(1.5); // |3-1| and |11-10|; not |10-3|
    expect(limits.upl).toBe(25 / 4 + 2.66 * 1.5);
    expect(limits.lpl).toBe(25 / 4 - 2.66 * 1.5);
  });
  it("mdcLimits(values) screens out a moving range of 3.267 average moving ranges or more, once", () => {
    const values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30];
    // moving ranges: nine 1s and one 19: MR̄ = 28/10 = 2.8; 19 >= 3.267 * 2.8 is dropped; MR̄ = 1
    expect(mdcLimits(values).averageMovingRange).toBe(1);
    expect(mdcLimits(values, { screenOutliers: false }).averageMovingRange).toBe(28 / 10);
  });
  it("mdcLimits(values, { fixAfter }) uses only the first fixAfter points, counting missing ones", () => {
    const values = [1, null, 3, 100, 200];
    const limits = mdcLimits(values, { fixAfter: 3 });
    expect(limits.mean).toBe(2);
    expect(limits.averageMovingRange).toBeNull(); // 1-null and null-3: no moving range survives
  });
  it("mdcLimits(values) of all-equal values has null limits with screening, the mean itself without", () => {
    expect(mdcLimits([7, 7, 7])).toMatchObject({ mean: 7, lpl: null, upl: null });
    expect(mdcLimits([7, 7, 7], { screenOutliers: false })).toMatchObject({ mean: 7, lpl: 7, upl: 7 });
  });
  it("mdcLimits(values) computes the mean as R does: correctly rounded, where sum / n is one ulp off", () => {
    // the exact mean of the three doubles is 0.2000000000000000018...; its nearest double is 0.2,
    // while both (0.1 + 0.2 + 0.3) / 3 and compensatedSum / 3 (= 0.6 / 3) give 0.19999999999999998
    expect(0.6 / 3).not.toBe(0.2);
    expect(mdcLimits([0.1, 0.2, 0.3]).mean).toBe(0.2);
  });
});

describe("makingDataCount(values, options): label precedence", () => {
  // Baseline of 12 points alternating 10, 11: mean 10.5, MR̄ 1, limits 7.84..13.16,
  // inner lines 10.5 ± 1.7733 (8.7267, 12.2733); limits fixed after the 12 baseline points.
  const baseline = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11];
  const run = (tail: number[], direction: "increase" | "decrease" | "neutral" = "increase") =>
    makingDataCount([...baseline, ...tail], { improvementDirection: direction, fixAfter: 12 });

  it("outside the limits beats a trend, and a trend beats a shift", () => {
    const result = run([10.6, 10.7, 10.8, 10.9, 11, 11.1, 14]);
    expect(result.points[0]).toMatchObject({ mean: 10.5, lpl: 10.5 - 2.66, upl: 10.5 + 2.66 });
    expect(result.points.slice(12).map((p) => p.specialCauseType)).toEqual([
      ...new Array(6).fill("7 Point Trend (Increasing)"),
      "Above UCL",
    ]);
    expect(result.variation).toBe("special_cause_improvement");
  });
  it("a trend beats 2 in 3", () => {
    const result = run([10.6, 10.7, 10.8, 10.9, 11, 12.5, 12.9]);
    expect(result.points.slice(12).map((p) => p.specialCauseType)).toEqual(
      new Array(7).fill("7 Point Trend (Increasing)"),
    );
  });
  it("2 in 3 beats a shift, and the shift covers the rest of the run", () => {
    const result = run([11, 12.5, 11, 12.5, 11, 11, 11], "decrease");
    expect(result.points.slice(11).map((p) => p.specialCauseType)).toEqual([
      "7 Points Above CL", // the baseline's last point (11) starts the run of 8
      "7 Points Above CL",
      "2 in 3 Above CL",
      "7 Points Above CL",
      "2 in 3 Above CL",
      "7 Points Above CL",
      "7 Points Above CL",
      "7 Points Above CL",
    ]);
    expect(result.points.slice(11).every((p) => p.pointType === "special_cause_concern")).toBe(true);
    expect(result.points[10].specialCauseType).toBe("Common Cause");
  });
  it("a falling trend below the mean on a neutral measure is neutral low", () => {
    const result = run([10.4, 10.3, 10.2, 10.1, 10, 9.9, 9.8], "neutral");
    expect(result.points.slice(12).map((p) => p.specialCauseType)).toEqual(
      new Array(7).fill("7 Point Trend (Decreasing)"),
    );
    expect(result.variation).toBe("special_cause_neutral_low");
  });
});

describe("makingDataCount(values, options): periods and icons", () => {
  it("rules look only inside each rebase period", () => {
    const values = [1, 2, 1, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 9, 8, 9, 8, 9];
    const labels = (rebase?: number[]) =>
      makingDataCount(values, rebase ? { improvementDirection: "increase", rebase } : { improvementDirection: "increase" })
        .points.map((p) => p.specialCauseType)
        .filter((t) => t.startsWith("7 Point Trend"));
    expect(labels().length).toBeGreaterThan(0); // 2, 3, ..., 9 rise through points 5-12
    expect(labels([10])).toEqual([]); // split at point 10: 5 rising points, then 3
  });
  it("rebaseGroup starts at 0, or at 1 when a rebase is on the first point", () => {
    const values = [1, 2, 3, 4, 5, 6];
    const groups = (rebase: number[]) =>
      makingDataCount(values, { improvementDirection: "increase", rebase }).points.map((p) => p.rebaseGroup);
    expect(groups([3])).toEqual([0, 0, 0, 1, 1, 1]);
    expect(groups([0, 3])).toEqual([1, 1, 1, 2, 2, 2]);
    expect(groups([3, 3, 5])).toEqual([0, 0, 0, 1, 1, 2]);
  });
  it("assurance uses the latest period's limits", () => {
    const values = [50, 52, 50, 52, 50, 52, 90, 92, 90, 92, 90, 92];
    const result = makingDataCount(values, { improvementDirection: "increase", target: 70, rebase: [6] });
    expect(result.points[0].upl).toBeLessThan(70); // the first period would consistently fail
    expect(result.assurance).toBe("consistent_pass");
  });
  it("assurance is null without a target or for a neutral measure", () => {
    expect(makingDataCount([1, 2, 3], { improvementDirection: "increase" }).assurance).toBeNull();
    expect(makingDataCount([1, 2, 3], { improvementDirection: "neutral", target: 100 }).assurance).toBeNull();
  });
  it("assurance is inconsistent when the latest limits are null but there is a mean (as the peer)", () => {
    expect(makingDataCount([5], { improvementDirection: "increase", target: 100 }).assurance).toBe("inconsistent");
  });
  it("assurance is null when the latest period has no value at all (the peer says inconsistent; deliberate difference)", () => {
    const result = makingDataCount([5, 6, 5, null, null], { improvementDirection: "increase", target: 100, rebase: [3] });
    expect(result.points[4]).toMatchObject({ mean: null, lpl: null, upl: null, rebaseGroup: 1 });
    expect(result.assurance).toBeNull();
  });
  it("variation is the last point's type, even when the last point is missing", () => {
    const result = makingDataCount([1, 2, 3, 4, 5, 6, 7, null], { improvementDirection: "increase" });
    expect(result.points[6].pointType).toBe("special_cause_improvement");
    expect(result.variation).toBe("common_cause");
  });
  it("an empty series gives no points, common cause and no assurance", () => {
    expect(makingDataCount([], { improvementDirection: "increase", target: 3 })).toEqual({
      points: [],
      variation: "common_cause",
      assurance: null,
    });
  });
});

describe("makingDataCount(values, options): contract violations", () => {
  const expectError = (call: () => unknown, code: string, message: string) => {
    expect(call).toThrow(CoreError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect((error as CoreError).code).toBe(code);
    }
  };
  const values = new Array(20).fill(0).map((_, i) => i % 3);

  it("refuses fixAfter below 12", () => {
    expectError(
      () => makingDataCount(values, { improvementDirection: "increase", fixAfter: 5 }),
      "invalid_option",
      "makingDataCount: fixAfter must be at least 12, got 5",
    );
  });
  it("accepts fixAfter of exactly 12 and longer than the series", () => {
    expect(() => makingDataCount(values, { improvementDirection: "increase", fixAfter: 12 })).not.toThrow();
    expect(makingDataCount(values, { improvementDirection: "increase", fixAfter: 99 })).toEqual(
      makingDataCount(values, { improvementDirection: "increase" }),
    );
  });
  it("refuses a fractional fixAfter", () => {
    expectError(
      () => makingDataCount(values, { improvementDirection: "increase", fixAfter: 12.5 }),
      "invalid_option",
      "makingDataCount: fixAfter must be an integer, got 12.5",
    );
  });
  it("refuses an unknown improvementDirection", () => {
    expectError(
      () => makingDataCount(values, { improvementDirection: "up" as never }),
      "invalid_option",
      'makingDataCount: improvementDirection must be increase, decrease or neutral, got "up"',
    );
  });
  it("refuses a rebase index outside the series", () => {
    expectError(
      () => makingDataCount(values, { improvementDirection: "increase", rebase: [20] }),
      "invalid_option",
      "makingDataCount: rebase index must be an integer from 0 to 19, got 20",
    );
    expectError(
      () => makingDataCount(values, { improvementDirection: "increase", rebase: [-1] }),
      "invalid_option",
      "makingDataCount: rebase index must be an integer from 0 to 19, got -1",
    );
  });
  it("refuses a value that is not a finite number or null", () => {
    expectError(
      () => makingDataCount([1, Number.NaN, 3], { improvementDirection: "increase" }),
      "invalid_value",
      "makingDataCount: values[1] must be a finite number or null, got NaN",
    );
    expectError(
      () => makingDataCount([1, "2" as never, 3], { improvementDirection: "increase" }),
      "invalid_value",
      'makingDataCount: values[1] must be a finite number or null, got "2"',
    );
  });
  it("refuses a non-finite target and a non-boolean screenOutliers", () => {
    expectError(
      () => makingDataCount(values, { improvementDirection: "increase", target: Number.POSITIVE_INFINITY }),
      "invalid_option",
      "makingDataCount: target must be a finite number, got Infinity",
    );
    expectError(
      () => makingDataCount(values, { improvementDirection: "increase", screenOutliers: "no" as never }),
      "invalid_option",
      'makingDataCount: screenOutliers must be true or false, got "no"',
    );
  });
});
