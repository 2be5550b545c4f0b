/**
 * Configurable rules: Making Data Count shift and trend lengths. NHSRplotthedots 0.2.2's
 * 7 stays the default (its 60 reference cases in makingDataCount.test.ts run with the defaults);
 * the Power BI SPC visual (AUS-DOH-Safety-and-Quality/PowerBI-SPC, docs/PatternDetection/shift.md:
 * "The SPC visual defaults this to a minimum of seven points, however this can be adjusted") is the
 * peer that lets users choose.
 */
import { controlChart, CoreError, currentTarget, makingDataCount, mdcShift, mdcTrend, monthsAtTargets, sigmaLines, sigmaTests, targetsMet, targetsPerPoint } from "../../src/core/index";

describe("Making Data Count shift and trend lengths", () => {
  // six points above the mean of a stable stretch: a shift of 6, not of 7
  const values = [10, 11, 9, 10, 11, 9, 10, 12, 12, 12, 12, 12, 12, 8, 9];

  it("keeps NHSRplotthedots' 7 by default and flags a 6-point shift when asked", () => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mdcShift(values, mean).some(Boolean)).toBe(false);
    expect(mdcShift(values, mean, 6).map((flag, i) => (flag ? i : -1)).filter((i) => i >= 0)).toEqual([7, 8, 9, 10, 11, 12]);
    const points = makingDataCount(values, { improvementDirection: "increase", shiftLength: 6 }).points;
    expect(points[8].specialCauseType).toBe("7 Points Above CL"); // the peer's label names the rule
    expect(makingDataCount(values, { improvementDirection: "increase" }).points[8].specialCauseType).toBe("Common Cause");
  });

  it("flags a 5-point trend with trendLength 5, and not by default", () => {
    const rising = [3, 1, 2, 3, 4, 5, 2];
    expect(mdcTrend(rising).every((d) => d === 0)).toBe(true);
    expect(mdcTrend(rising, 5)).toEqual([0, 1, 1, 1, 1, 1, 0]);
    expect(makingDataCount(rising, { improvementDirection: "decrease", trendLength: 5 }).points[3].pointType).toBe("special_cause_concern");
  });

  it("refuses a length below 2 or not whole", () => {
    expect(() => makingDataCount([1, 2], { improvementDirection: "increase", shiftLength: 1 })).toThrow(
      new CoreError("invalid_option", "makingDataCount: shiftLength must be a whole number of points, 2 or more, got 1"),
    );
    expect(() => makingDataCount([1, 2], { improvementDirection: "increase", trendLength: 6.5 })).toThrow(/trendLength must be a whole number/);
  });
});

describe("Western Electric rules and Nelson tests (opt-in)", () => {
  // A chart with CL 0 and limits ±3, so σ = 1 and each value is its own z-score.
  const chart = (values: Array<number | null>, phases?: number[]) =>
    values.map((value, i) => ({ value, centerLine: 0, lcl: -3, ucl: 3, phase: phases?.[i] ?? 0 }));
  const firing = (values: Array<number | null>, set: "western-electric" | "nelson", test: number, phases?: number[]): number[] =>
    sigmaTests(chart(values, phases), set).flatMap((tests, i) => (tests.includes(test) ? [i + 1] : []));

  it("test 1 (both): a point beyond 3σ, strictly", () => {
    expect(firing([0.5, 3, 3.1, -3.2], "nelson", 1)).toEqual([3, 4]);
    expect(firing([0.5, 3, 3.1, -3.2], "western-electric", 1)).toEqual([3, 4]);
  });

  it("WE 2 / Nelson 5: two of three beyond 2σ on the same side, marked on the completing point", () => {
    expect(firing([2.5, 0, 2.1, 0], "western-electric", 2)).toEqual([3]);
    expect(firing([2.5, 0, -2.1], "nelson", 5)).toEqual([]); // opposite sides
  });

  it("WE 3 / Nelson 6: four of five beyond 1σ on the same side", () => {
    expect(firing([1.5, 1.2, 0, 1.1, 1.9], "western-electric", 3)).toEqual([5]);
    expect(firing([1.5, 1.2, 0, 1.1, 0.9], "nelson", 6)).toEqual([]);
  });

  it("WE 4: eight in a row on one side; Nelson 2: nine; a blank is skipped, a point on the line breaks the run", () => {
    const eight = [0.1, 0.2, 0.3, null, 0.4, 0.5, 0.6, 0.7, 0.8];
    expect(firing(eight, "western-electric", 4)).toEqual([9]);
    expect(firing(eight, "nelson", 2)).toEqual([]);
    expect(firing([...eight, 0.9], "nelson", 2)).toEqual([10]);
    expect(firing([0.1, 0.2, 0.3, 0, 0.4, 0.5, 0.6, 0.7, 0.8], "western-electric", 4)).toEqual([]);
  });

  it("Nelson 3: six in a row steadily increasing or decreasing (equal neighbours break it)", () => {
    expect(firing([0, 0.1, 0.2, 0.3, 0.4, 0.5], "nelson", 3)).toEqual([6]);
    expect(firing([0.5, 0.4, 0.3, 0.2, 0.1, 0], "nelson", 3)).toEqual([6]);
    expect(firing([0, 0.1, 0.2, 0.2, 0.4, 0.5], "nelson", 3)).toEqual([]);
  });

  it("Nelson 4: fourteen in a row alternating up and down", () => {
    const zigzag = Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? -0.5 : 0.5));
    expect(firing(zigzag, "nelson", 4)).toEqual([14]);
    expect(firing(zigzag.slice(0, 13), "nelson", 4)).toEqual([]);
  });

  it("Nelson 7: fifteen in a row within 1σ; Nelson 8: eight in a row beyond 1σ on either side", () => {
    const hugging = Array.from({ length: 15 }, (_, i) => (i % 3) * 0.3 - 0.3);
    expect(firing(hugging, "nelson", 7)).toEqual([15]);
    const wide = [1.5, -1.5, 1.2, -1.8, 1.1, -1.3, 1.4, -2.5];
    expect(firing(wide, "nelson", 8)).toEqual([8]);
  });

  it("never runs a pattern across a phase boundary", () => {
    expect(firing([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], "western-electric", 4, [0, 0, 0, 0, 1, 1, 1, 1])).toEqual([]);
  });

  it("takes σ from the unclipped side of a p chart whose lower limit is clipped at 0", () => {
    const points = [{ value: 0.29, centerLine: 0.1, lcl: 0, ucl: 0.4, phase: 0 }];
    // σ = (0.4 - 0.1)/3 = 0.1, so 0.29 is 1.9σ above: not beyond 2σ, beyond 1σ
    expect(sigmaTests(points, "nelson")).toEqual([[]]);
  });

  it("refuses an unknown test set", () => {
    expect(() => sigmaTests([], "shewhart" as "nelson")).toThrow(new CoreError("invalid_option", 'sigmaTests: invalid set "shewhart" (expected one of western-electric, nelson)'));
  });
});

describe("limits from the last N points (recent)", () => {
  it("takes the center line and limits of every point from the last `recent` points, flagging them as the baseline", () => {
    const values = [10, 12, 11, 13, 30, 31, 29, 30];
    const chart = controlChart({ chart: "i", values, recent: 4 });
    const last4 = controlChart({ chart: "i", values: values.slice(4) });
    expect(chart.points[0].centerLine).toBe(30);
    expect(chart.points[0].ucl).toBeCloseTo(last4.points[0].ucl as number, 12);
    expect(chart.points.map((p) => p.baseline)).toEqual([false, false, false, false, true, true, true, true]);
    expect(chart.points[0].sigmaSignal).toBe(true);
  });

  it("is the mirror of baseline on a p chart, and refuses both at once or a bad count", () => {
    const chart = controlChart({ chart: "p", values: [1, 2, 8, 9], denominators: [10, 10, 10, 10], recent: 2 });
    expect(chart.points[3].centerLine).toBeCloseTo(0.85, 15);
    expect(() => controlChart({ chart: "c", values: [1, 2], recent: 1, baseline: 1 })).toThrow("controlChart: give baseline (the first points) or recent (the last points), not both");
    expect(() => controlChart({ chart: "c", values: [1, 2], recent: 3 })).toThrow("controlChart: invalid recent 3 (expected an integer from 1 to 2, the number of points)");
  });
});

describe("1-sigma lines (sigmaLines)", () => {
  it("puts CL ± 1σ of an i chart a third of the way to its limits", () => {
    const chart = controlChart({ chart: "i", values: [1, 3, 2, 4] });
    const [line] = sigmaLines(chart.points, 1);
    const { centerLine, ucl, lcl } = chart.points[0];
    expect(line.upper).toBeCloseTo((centerLine as number) + ((ucl as number) - (centerLine as number)) / 3, 12);
    expect(line.lower).toBeCloseTo((centerLine as number) - ((centerLine as number) - (lcl as number)) / 3, 12);
  });

  it("takes σ from the unclipped side of a c chart, and gives null lines where there are no limits", () => {
    const chart = controlChart({ chart: "c", values: [1, 2, null] }); // CL 1.5, LCL clipped at 0
    expect(sigmaLines(chart.points, 1)[0].upper).toBeCloseTo(1.5 + Math.sqrt(1.5), 12);
    expect(sigmaLines([{ centerLine: 2, lcl: null, ucl: null }], 1)).toEqual([{ lower: null, upper: null }]);
    expect(() => sigmaLines(chart.points, 0)).toThrow("sigmaLines: invalid k 0 (expected a number of sigmas more than 0, e.g. 1)");
  });
});

describe("targets that vary by month (qicharts2's target vector)", () => {
  it("expands one target to every month, checks a vector's length and values", () => {
    expect(targetsPerPoint(0.9, 2)).toEqual([0.9, 0.9]);
    expect(() => targetsPerPoint([1, 2], 3)).toThrow("targets has 2 entries but values has 3: give one target per month (empty where a month has none), or a single target");
    expect(() => targetsPerPoint([1, Number.NaN], 2)).toThrow("month 2: target NaN is not a number; enter a number, or leave it empty for a month without a target");
  });

  it("reads 'at goal' month by month against each month's own target; a month without a target ends the count", () => {
    // a trajectory: 90 then 92 then 94
    const values = [91, 93, 95, 96];
    expect(monthsAtTargets(values, [90, 92, 94, 94], "increase")).toBe(4);
    expect(monthsAtTargets(values, [90, 92, 94, 97], "increase")).toBe(0);
    expect(monthsAtTargets(values, [90, null, 94, 94], "increase")).toBe(2);
    expect(targetsMet([30, 25, null, 20], [35, 30, 25, 20], "decrease", 3)).toBe(true);
    expect(() => targetsMet([1], [1], "neutral")).toThrow(CoreError);
  });

  it("takes Making Data Count assurance against the target in force at the latest month", () => {
    const values = [50, 52, 51, 53, 50, 52, 51, 53, 50, 52];
    const fixed = makingDataCount(values, { improvementDirection: "increase", target: 40 }).assurance;
    const stepped = makingDataCount(values, { improvementDirection: "increase", target: [40, 40, 40, 40, 40, 60, 60, 60, 60, null] }).assurance;
    expect([fixed, stepped]).toEqual(["consistent_pass", "consistent_fail"]);
    expect(currentTarget([40, 60, null])).toBe(60);
    expect(makingDataCount(values, { improvementDirection: "increase", target: values.map(() => null) }).assurance).toBeNull();
  });
});
