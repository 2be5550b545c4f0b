// Every QI.* custom function called the way Excel calls it: ranges as arrays of rows, blanks as null
// and as "", single rows and single columns, omitted optional arguments as null (what Excel passes)
// and as undefined. Errors are asserted by Excel code AND message.
import { excelErrorOf, ExcelError } from "./customFunctionsShim";
import * as QI from "../../src/functions/functions";
import { excelCall, excelValue, EXCEL_ERROR_FOR_CODE } from "../../src/functions/excelErrors";

/** Excel passes null for an omitted optional argument (TypeScript's `?` types say undefined). */
const OMITTED = null as never;

const before = [50, 52, 49, 51, 50, 48, 51, 49, 50, 52, 49, 51];
const after = [55, 56, 54, 57, 55, 56, 58, 57, 59, 60, 58, 61];
const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);
const row = (values: readonly unknown[]): unknown[][] => [[...values]];
const improvingColumn = column([...before, ...after]);
const wide = Array.from({ length: 12 }, (_, i) => [i, i + 1, i + 2]);
const withText = column([1, 2, 3, 4, 5, 6, "n/a", 8]);

/** Look a figure up by its label in a (label, value) spill: compare by name, never by position. */
function figure(rows: unknown[][], label: string): unknown {
  const found = rows.find((r) => r[0] === label);
  if (found === undefined) throw new Error(`no row labelled ${label}`);
  return found[1];
}

describe("errors common to every function that takes a series", () => {
  const seriesCalls: [string, (values: unknown[][]) => unknown][] = [
    ["CENTERLINE", (v) => QI.centerLine(v)],
    ["SHIFT", (v) => QI.shift(v)],
    ["TREND", (v) => QI.trend(v)],
    ["RUNS", (v) => QI.runs(v)],
    ["RUNSTEST", (v) => QI.runsTest(v)],
    ["SIGNALS", (v) => QI.signals(v)],
    ["RUNCHART", (v) => QI.runChart(v)],
    ["LIMITS", (v) => QI.limits("i", v)],
    ["MDC", (v) => QI.mdc(v, "increase")],
    ["GOALMET", (v) => QI.goalMet(v, [[3]], "increase")],
    ["MONTHSATGOAL", (v) => QI.monthsAtGoal(v, [[3]], "increase")],
    ["IMPROVING", (v) => QI.improving(v, "increase")],
  ];

  it.each(seriesCalls)("%s: a block wider than one is #VALUE! saying 'single row or column'", (_name, call) => {
    expect(excelErrorOf(() => call(wide))).toEqual({
      code: "#VALUE!",
      message: "values must be a single row or column, got 3 columns × 12 rows",
    });
  });

  it.each(seriesCalls)("%s: text 'n/a' at point 7 is #VALUE! naming point 7", (_name, call) => {
    expect(excelErrorOf(() => call(withText))).toEqual({
      code: "#VALUE!",
      message: "point 7 is text 'n/a': enter a number, or leave the cell empty for a missing month",
    });
  });
});

describe("QI.CENTERLINE(values, [baseline])", () => {
  it("is the median of all points, or of the first `baseline` points", () => {
    // all 24: the middle pair is 52 (largest before) and 54 (smallest after)
    expect(QI.centerLine(improvingColumn)).toBe(53);
    expect(QI.centerLine(improvingColumn, 12)).toBe(50);
  });

  it("treats an omitted baseline (null or undefined), a blank one and 0 as all points", () => {
    expect(QI.centerLine(improvingColumn, OMITTED)).toBe(53);
    expect(QI.centerLine(improvingColumn, undefined)).toBe(53);
    expect(QI.centerLine(improvingColumn, "" as never)).toBe(53);
    expect(QI.centerLine(improvingColumn, 0)).toBe(53);
  });

  it("reads a single row and a single cell", () => {
    expect(QI.centerLine(row([3, 1, 2]))).toBe(2);
    expect(QI.centerLine([[7]])).toBe(7);
  });

  it("skips blank months whether Excel passes null or \"\"", () => {
    expect(QI.centerLine(column([1, null, 3, "", 5]))).toBe(3);
    expect(QI.centerLine(row([1, "", 100, null]))).toBe(50.5);
  });

  it("is #N/A with a message when there is no number at all", () => {
    expect(excelErrorOf(() => QI.centerLine(column([null, "", null])))).toEqual({
      code: "#N/A",
      message:
        "no numbers to take the median of: enter at least one month of data (within the baseline months, when a baseline is given)",
    });
  });

  it("is #VALUE! when the baseline is beyond the data or not a whole number", () => {
    expect(excelErrorOf(() => QI.centerLine(improvingColumn, 40))).toEqual({
      code: "#VALUE!",
      message: "baseline 40 is more than the 24 points in values: give at most 24, or leave it empty to use all points",
    });
    expect(excelErrorOf(() => QI.centerLine(improvingColumn, 2.5))).toEqual({
      code: "#VALUE!",
      message: "baseline must be a whole number of points (e.g. 12), got 2.5",
    });
  });
});

describe("QI.SHIFT, QI.TREND, QI.RUNS and QI.RUNSTEST", () => {
  it("QI.SHIFT is TRUE when 6 or more points sit on one side of the (baseline) median", () => {
    expect(QI.shift(improvingColumn, 12)).toBe(true);
    expect(QI.shift(column(before), OMITTED)).toBe(false);
    expect(QI.shift(row([...before, ...after]), undefined)).toBe(true);
  });

  it("QI.SHIFT: blank months neither count towards nor break a shift", () => {
    const gappy = column([...before, 55, null, 56, "", 54, 57, 55, 56]);
    expect(QI.shift(gappy, 12)).toBe(true);
    expect(QI.shift(column([...before, 55, null, 56, "", 54]), 12)).toBe(false);
  });

  it("QI.TREND is TRUE when 5 or more points rise (or fall) in a row", () => {
    expect(QI.trend(column([3, 4, 5, 6, 7]))).toBe(true);
    expect(QI.trend(row([7, 6, "", 5, 4, 3]))).toBe(true);
    expect(QI.trend(column(before))).toBe(false);
  });

  it("QI.RUNS counts the runs about the median", () => {
    expect(QI.runs(improvingColumn, 12)).toBe(9);
    expect(QI.runs(column([1, 5, 1, 5]), OMITTED)).toBe(4);
  });

  it("QI.RUNSTEST says too few, too many, ok or not applicable with n", () => {
    expect(QI.runsTest(improvingColumn, 12)).toBe("ok");
    expect(QI.runsTest(column([...Array(10).fill(1), ...Array(10).fill(9)]))).toBe("too few");
    expect(QI.runsTest(column(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 1 : 9))))).toBe("too many");
    expect(QI.runsTest(column([1, 2, 3]))).toBe("not applicable: needs at least 10 useful points; got 2");
    expect(QI.runsTest(column(Array.from({ length: 70 }, (_, i) => (i % 2 === 0 ? 1 : 9))))).toBe(
      "not applicable: the runs table goes up to 60 useful points; got 70",
    );
  });
});

describe("QI.SIGNALS(values, [baseline], [ruleSet])", () => {
  it("spills one label per point, aligned with a column input", () => {
    const labels = QI.signals(improvingColumn, 12, OMITTED);
    expect(labels).toHaveLength(24);
    expect(labels.every((r) => r.length === 1)).toBe(true);
    expect(labels.slice(0, 11).flat()).toEqual(Array(11).fill(""));
    expect(labels.slice(11).flat()).toEqual(Array(13).fill("shift"));
  });

  it("answers a row input with a row", () => {
    const labels = QI.signals(row([...before, ...after]), 12);
    expect(labels).toHaveLength(1);
    expect(labels[0]).toHaveLength(24);
  });

  it("marks trends, and both rules on the same point as 'shift, trend'", () => {
    // equal values count once in a trend, which starts at the first of them (core's rule), so the
    // flat start is part of the trend; the six points above the baseline median are also a shift
    const series = [50, 50, 50, 50, 50, 50, 51, 52, 53, 54, 55, 56];
    expect(QI.signals(column(series), 6).flat()).toEqual([
      "trend",
      "trend",
      "trend",
      "trend",
      "trend",
      "trend",
      "shift, trend",
      "shift, trend",
      "shift, trend",
      "shift, trend",
      "shift, trend",
      "shift, trend",
    ]);
    expect(QI.signals(column([5, 4, 3, 2, 1]), OMITTED).flat()).toEqual(["trend", "trend", "trend", "trend", "trend"]);
  });

  it("leaves blank months and points on the median unlabelled, whether blanks come as null or \"\"", () => {
    const series = [...before, 55, null, 56, "", 54, 50, 57, 55, 56];
    const labels = QI.signals(column(series), 12).flat();
    expect(labels.slice(12)).toEqual(["shift", "", "shift", "", "shift", "", "shift", "shift", "shift"]);
  });

  it("with ruleSet 'anhoej' marks points in runs longer than round(log2(useful points)) + 3", () => {
    // baseline median 5, 12 useful points: limit round(log2(12)) + 3 = 7, so the run of 8 is marked
    const series = [1, 9, 1, 9, 9, 9, 9, 9, 9, 9, 9, 1];
    const labels = QI.signals(row(series), 4, "Anhoej")[0];
    expect(labels).toEqual(["", "", "", "long run", "long run", "long run", "long run", "long run", "long run", "long run", "long run", ""]);
    expect(QI.signals(row(series), 4, "anhøj")[0]).toEqual(labels);
    // a run of exactly 7 is not longer than the limit
    expect(QI.signals(row([1, 9, 1, 9, 9, 9, 9, 9, 9, 9, 1, 1]), 4, "anhoej")[0]).toEqual(Array(12).fill(""));
    expect(QI.signals(column(before), OMITTED, "anhoej").flat()).toEqual(Array(12).fill(""));
  });

  it("with ruleSet 'mdc' marks each Making Data Count special cause by its rule (precedence: limits, then trend)", () => {
    // XmR of 1..7: mean 4, limits 4 ± 2.66 × 1: the ends are outside, the rest part of the 7-point rise
    expect(QI.signals(column([1, 2, 3, 4, 5, 6, 7]), OMITTED, "MDC").flat()).toEqual([
      "outside the limits",
      "7 points rising or falling",
      "7 points rising or falling",
      "7 points rising or falling",
      "7 points rising or falling",
      "7 points rising or falling",
      "outside the limits",
    ]);
  });

  it("refuses an unknown rule set", () => {
    expect(excelErrorOf(() => QI.signals(improvingColumn, 12, "westgard"))).toEqual({
      code: "#VALUE!",
      message: `ruleSet must be one of "ihi", "anhoej", "mdc"; got text 'westgard'`,
    });
  });
});

describe("QI.RUNCHART(values, [baseline])", () => {
  it("spills (label, value) rows with each figure beside its limit", () => {
    const rows = QI.runChart(improvingColumn, 12);
    expect(rows.every((r) => r.length === 2)).toBe(true);
    expect(figure(rows, "center line")).toBe(50);
    expect(figure(rows, "points")).toBe(24);
    expect(figure(rows, "useful points")).toBe(21);
    expect(figure(rows, "runs")).toBe(9);
    expect(figure(rows, "runs lower limit")).toBe(7);
    expect(figure(rows, "runs upper limit")).toBe(16);
    expect(figure(rows, "runs test")).toBe("ok");
    expect(figure(rows, "shifts")).toBe(1);
    expect(figure(rows, "shift 1 (above) first row")).toBe(12);
    expect(figure(rows, "shift 1 (above) last row")).toBe(24);
    expect(figure(rows, "trends")).toBe(0);
    expect(figure(rows, "longest run")).toBe(13);
    expect(figure(rows, "longest run max")).toBe(7);
    expect(figure(rows, "crossings")).toBe(8);
    expect(figure(rows, "crossings min")).toBe(6);
    expect(figure(rows, "Anhøj runs signal")).toBe(true);
    expect(figure(rows, "any signal")).toBe(true);
  });

  it("gives trend rows counted from 1 within the range", () => {
    const rows = QI.runChart(row([9, 9, 1, 2, 3, 4, 5]), OMITTED);
    expect(figure(rows, "trends")).toBe(1);
    expect(figure(rows, "trend 1 (up) first row")).toBe(3);
    expect(figure(rows, "trend 1 (up) last row")).toBe(7);
  });

  it("shows figures that cannot be computed as empty cells, never as 0", () => {
    const rows = QI.runChart(column([null, ""]), undefined);
    expect(figure(rows, "center line")).toBe("");
    expect(figure(rows, "points")).toBe(2);
    expect(figure(rows, "points with a value")).toBe(0);
    expect(figure(rows, "runs lower limit")).toBe("");
    expect(figure(rows, "runs test")).toBe("not applicable: needs at least 10 useful points; got 0");
    expect(figure(rows, "longest run")).toBe("");
    expect(figure(rows, "any signal")).toBe(false);
  });
});

describe("QI.LIMITS(chart, values, [denominators], [baseline], [groupBy], [tests], [sigmaLines])", () => {
  it("spills one row per point: center line, LCL, UCL, outside", () => {
    // c chart of [3, 5]: CL 4, UCL 4 + 3·sqrt(4) = 10, LCL clipped at 0
    expect(QI.limits("c", column([3, 5]), OMITTED, OMITTED)).toEqual([
      [4, 0, 10, false],
      [4, 0, 10, false],
    ]);
  });

  it("flags points outside the 3-sigma limits", () => {
    const rows = QI.limits("c", column([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 20]), undefined, 10);
    expect(rows[10]).toEqual([4, 0, 10, true]);
    expect(rows[0][3]).toBe(false);
  });

  it("takes denominators for p charts and shows a blank month as empty limits and outside", () => {
    const rows = QI.limits(" P ", column([1, 3, null, 2]), column([10, 10, 10, 10]));
    expect(rows).toHaveLength(4);
    expect(rows[0][0]).toBeCloseTo(0.2, 15);
    expect(rows[0][1]).toBe(0);
    expect(rows[0][2]).toBeCloseTo(0.2 + 3 * Math.sqrt((0.2 * 0.8) / 10), 12);
    expect(rows[2]).toEqual([rows[0][0], "", "", ""]);
  });

  it("reads a row of values like a column", () => {
    expect(QI.limits("c", row([3, 5]))).toEqual(QI.limits("c", column([3, 5])));
  });

  it("refuses an unknown chart, listing the chart types", () => {
    expect(excelErrorOf(() => QI.limits("xbarr", column([1, 2, 3])))).toEqual({
      code: "#VALUE!",
      message: `chart must be one of "run", "i", "mr", "p", "pp", "u", "up", "c", "g", "t", "np", "ip", "xbar", "s", "xbar-r", "r"; got text 'xbarr'`,
    });
  });

  it("draws an np chart from counts and subgroup sizes (qcc 2.7: CL n·p̄, limits n·p̄ ± 3·sqrt(n·p̄(1 - p̄)))", () => {
    const rows = QI.limits("np", column([4, 6]), column([50, 50]));
    expect(rows[0][0]).toBe(5);
    expect(rows[0][2]).toBeCloseTo(5 + 3 * Math.sqrt(5 * 0.9), 12);
  });

  it("draws qicharts2's I-prime chart from numerators and denominators", () => {
    const rows = QI.limits("ip", column([10, 12, 9, 15]), column([100, 120, 90, 110]));
    expect(rows).toHaveLength(4);
    expect(rows[0][0]).toBeCloseTo(46 / 420, 15);
  });

  it("groups raw rows by calendar month for an X-bar with S chart: one row per month", () => {
    // door-to-needle minutes, three patients in January 2024 (serials 45292..), two in February
    const dates = column([45293, 45300, 45310, 45325, 45330]);
    const rows = QI.limits("xbar", column([30, 40, 50, 20, 30]), dates, OMITTED, "month");
    expect(rows).toHaveLength(2);
    expect(rows[0][0]).toBeCloseTo(34, 12); // (30 + 40 + 50 + 20 + 30) / 5
    expect(QI.limits("s", column([30, 40, 50, 20, 30]), dates, OMITTED, "month")[0][0]).toBeCloseTo(Math.sqrt((200 + 50) / 3), 12);
  });

  it("takes the limits from the last months with a negative baseline", () => {
    const rows = QI.limits("c", column([1, 1, 9, 9]), OMITTED, -2);
    expect(rows[0]).toEqual([9, 0, 18, false]); // c chart of the last two months: CL 9, limits 9 ± 3·3
  });

  it("adds a fifth column of Western Electric or Nelson tests when asked, and refuses them on skewed charts", () => {
    const values = column([10, 11, 10.5, 11.5, 10, 10.6, 10.8, 11, 11.2, 11.4, 11.6, 11.8]);
    const rows = QI.limits("i", values, OMITTED, OMITTED, OMITTED, "Nelson");
    expect(rows[0]).toHaveLength(5);
    expect(rows[11][4]).toBe("3"); // six in a row increasing: 10.8 .. 11.8
    expect(QI.limits("i", values, OMITTED, OMITTED, OMITTED, "western-electric")[0]).toHaveLength(5);
    expect(excelErrorOf(() => QI.limits("mr", values, OMITTED, OMITTED, OMITTED, "nelson")).message).toMatch(/^tests need limits at 3 sigma on both sides/);
  });

  it("appends the lines at CL - kσ and CL + kσ with sigmaLines: TRUE for 1 and 2 sigma, or a list, after the tests", () => {
    // c chart of [3, 5]: CL 4, UCL 10, LCL clipped at 0, so σ = (UCL - CL)/3 = 2 (the unclipped side)
    expect(QI.limits("c", column([3, 5]), OMITTED, OMITTED, OMITTED, OMITTED, true)).toEqual([
      [4, 0, 10, false, 2, 6, 0, 8],
      [4, 0, 10, false, 2, 6, 0, 8],
    ]);
    expect(QI.limits("c", column([3, 5]), undefined, undefined, undefined, undefined, "1")[0]).toEqual([4, 0, 10, false, 2, 6]);
    expect(QI.limits("c", column([3, 5]), OMITTED, OMITTED, OMITTED, OMITTED, 1.5)[0]).toEqual([4, 0, 10, false, 1, 7]);
    // with tests: the tests column first, then the lines in increasing sigma, each sigma once
    expect(QI.limits("c", column([3, 5]), OMITTED, OMITTED, OMITTED, "nelson", "2, 1;2")[0]).toEqual([4, 0, 10, false, "", 2, 6, 0, 8]);
    // FALSE or an empty cell: no lines
    expect(QI.limits("c", column([3, 5]), OMITTED, OMITTED, OMITTED, OMITTED, false)).toEqual(QI.limits("c", column([3, 5])));
    expect(QI.limits("c", column([3, 5]), OMITTED, OMITTED, OMITTED, OMITTED, "")).toEqual(QI.limits("c", column([3, 5])));
    // lines go with the limits: a c chart's blank month keeps them, a p chart's month without limits has none
    expect(QI.limits("c", column([3, null, 5]), OMITTED, OMITTED, OMITTED, OMITTED, true)[1]).toEqual([4, 0, 10, "", 2, 6, 0, 8]);
    const p = QI.limits("p", column([1, 3, null, 2]), column([10, 10, 10, 10]), OMITTED, OMITTED, OMITTED, "1");
    expect(p[2]).toEqual([p[0][0], "", "", "", "", ""]);
    expect(p[0][5]).toBeCloseTo(0.2 + Math.sqrt((0.2 * 0.8) / 10), 12); // p̄ + 1σ, σ = sqrt(p̄(1 - p̄)/n)
  });

  it("refuses sigma lines on skewed charts and a list that is not numbers of sigmas", () => {
    expect(excelErrorOf(() => QI.limits("mr", column([1, 3, 2]), OMITTED, OMITTED, OMITTED, OMITTED, true))).toEqual({
      code: "#VALUE!",
      message: 'sigma lines need limits at 3 sigma on both sides: use them with "i", "xbar", "xbar-r", "p", "pp", "np", "ip", "u", "up", "c" charts, not "mr"',
    });
    for (const bad of ["one", "1, -2", 0]) {
      expect(excelErrorOf(() => QI.limits("c", column([3, 5]), OMITTED, OMITTED, OMITTED, OMITTED, bad))).toEqual({
        code: "#VALUE!",
        message: expect.stringMatching(/^sigmaLines is .*: enter TRUE \(lines at 1 and 2 sigma\), a number of sigmas such as 1, or a list such as "1,2"$/) as unknown,
      });
    }
    expect(excelErrorOf(() => QI.limits("c", column([3, 5]), OMITTED, OMITTED, OMITTED, OMITTED, "one")).message).toMatch(/^sigmaLines is text 'one'/);
  });

  it("asks for the subgroups of a subgroup chart, and refuses groupBy on other charts", () => {
    expect(excelErrorOf(() => QI.limits("xbar", column([1, 2, 3]), OMITTED))).toEqual({
      code: "#VALUE!",
      message: 'a "xbar" chart needs subgroups: give the subgroup of each value (a date, a sample number or a label) as the third argument, in a range the same size as values',
    });
    expect(excelErrorOf(() => QI.limits("c", column([1, 2]), OMITTED, OMITTED, "month")).message).toBe('groupBy applies to xbar, s, xbar-r and r charts only: leave it empty for a "c" chart');
  });

  it("refuses a p chart without denominators, and text among the denominators", () => {
    const missing = excelErrorOf(() => QI.limits("p", column([1, 2]), OMITTED));
    expect(missing.code).toBe("#VALUE!");
    expect(missing.message).toMatch(/denominators/);
    expect(excelErrorOf(() => QI.limits("p", column([1, 2]), column([10, "ten"])))).toEqual({
      code: "#VALUE!",
      message: "denominators cell 2 is text 'ten': enter a number, or leave the cell empty for a missing month",
    });
  });

  it("refuses denominators of another length", () => {
    const mismatch = excelErrorOf(() => QI.limits("p", column([1, 2, 3]), column([10, 10])));
    expect(mismatch.code).toBe("#VALUE!");
    expect(mismatch.message).toMatch(/denominators/);
  });

  it("words bad figures for the person who typed them: the point counted from 1, the numbers, what to enter", () => {
    expect(excelErrorOf(() => QI.limits("p", column([3, 4, 12]), column([10, 10, 10])))).toEqual({
      code: "#VALUE!",
      message: "point 3: numerator 12 is larger than denominator 10; a proportion's numerator must not exceed its denominator",
    });
    expect(excelErrorOf(() => QI.limits("u", column([1, 2]), column([5, -5])))).toEqual({
      code: "#VALUE!",
      message: "point 2: denominator -5 is negative; a denominator counts patients, opportunities or time, so enter 0 or more, or leave it empty for a missing month",
    });
    expect(excelErrorOf(() => QI.limits("t", column([2.5, 0])))).toEqual({
      code: "#VALUE!",
      message: 'point 2: time between events 0 is not positive; a "t" chart needs every time between events to be more than 0 (for counts of cases between events, which can be 0, use a "g" chart)',
    });
    expect(excelErrorOf(() => QI.limits("p", column([1, 2]), OMITTED)).message).toBe(
      'a "p" chart needs denominators: give one denominator per value (e.g. patients or line-days), in a range the same size as values',
    );
    expect(excelErrorOf(() => QI.limits("p", column([1, 2, 3]), column([10, 10]))).message).toBe(
      "denominators has 2 entries but values has 3: give one denominator per value",
    );
    for (const message of [
      excelErrorOf(() => QI.limits("c", column([2, -1]))).message,
      excelErrorOf(() => QI.limits("c", column([2]), column([5]))).message,
    ]) {
      expect(message).not.toMatch(/controlChart|index/);
    }
  });
});

describe("QI.REBASELINE(values, [baseline], [runLength], [direction])", () => {
  it("spills (median in force, phase, sustained shift) per month, re-baselining after a run of runLength (runcharter)", () => {
    const rows = QI.rebaseline(column([5, 5, 6, 4, 5, 9, 9, null, 9, 9]), 5, 4);
    expect(rows[0]).toEqual([5, 1, false]);
    expect(rows[5]).toEqual([9, 2, true]);
    expect(rows[7]).toEqual([9, 2, false]); // a blank month is not part of the run's points
    expect(rows).toHaveLength(10);
  });

  it("uses runcharter's defaults (13 baseline months, runs of 9, both directions) and checks its words", () => {
    const series = [...Array<number>(13).fill(10), ...Array<number>(9).fill(20)];
    expect(QI.rebaseline(column(series))[13]).toEqual([20, 2, true]);
    expect(QI.rebaseline(column(series), OMITTED, OMITTED, "below")[13]).toEqual([10, 1, false]);
    expect(excelErrorOf(() => QI.rebaseline(column(series), OMITTED, OMITTED, "up")).message).toBe('direction must be one of "both", "above", "below"; got text \'up\'');
  });
});

describe("QI.MDC(values, direction, [target], [shiftLength], [trendLength])", () => {
  // a range with no data is #N/A with a message, not "common cause"
  it("QI.MDC is #N/A with a message when every month is empty", () => {
    expect(excelErrorOf(() => QI.mdc(column([null, "", null]), "increase"))).toEqual({
      code: "#N/A",
      message: "no data to judge: every month is empty; enter at least one month of data",
    });
    expect(excelErrorOf(() => QI.mdc(column([null, ""]), "better"))?.code).toBe("#VALUE!");
  });

  it("gives a 1×2 row: variation, then assurance (empty without a target)", () => {
    expect(QI.mdc(column([1, 2, 3, 4, 5, 6, 7]), "increase", OMITTED)).toEqual([["special cause: improvement", ""]]);
    expect(QI.mdc(column([1, 2, 3, 4, 5, 6, 7]), "Down", undefined)).toEqual([["special cause: concern", ""]]);
  });

  it("gives the assurance against a target", () => {
    expect(QI.mdc(column([3, 4, 3, 4, 3]), "decrease", [[10]])).toEqual([["common cause", "consistently passing the target"]]);
    expect(QI.mdc(row([3, 4, 3, 4, 3]), "higher", [[10]])).toEqual([["common cause", "consistently failing the target"]]);
    expect(QI.mdc(column([3, 4, 3, 4, 3]), "up", [[3.5]])[0][1]).toBe("hit and miss: the target is within the process limits");
  });

  it("takes a target per month (a range the same size as values): the assurance is against the target in force at the latest month", () => {
    // the latest month has no target, so the one before (10) is in force: passing, as against a single 10
    expect(QI.mdc(column([3, 4, 3, 4, 3]), "decrease", column([2, 2, 2, 10, null]))).toEqual([["common cause", "consistently passing the target"]]);
    expect(QI.mdc(column([3, 4, 3, 4, 3]), "decrease", row([2, 2, 2, 10, ""]))).toEqual([["common cause", "consistently passing the target"]]);
    expect(QI.mdc(column([3, 4, 3, 4, 3]), "decrease", [[2]])[0][1]).toBe("hit and miss: the target is within the process limits");
    // a blank single target is no target
    expect(QI.mdc(column([3, 4, 3, 4, 3]), "decrease", [[null]])).toEqual([["common cause", ""]]);
  });

  it("refuses a target range of another size, naming both sizes, and a target that is not a number, naming the cell", () => {
    expect(excelErrorOf(() => QI.mdc(column([3, 4, 3, 4, 3]), "decrease", column([2, 2, 10])))).toEqual({
      code: "#VALUE!",
      message: "target has 3 cells but values has 5: give one target per month (a range the same size as values, empty where a month has none), or a single target",
    });
    expect(excelErrorOf(() => QI.mdc(column([3, 4, 3, 4, 3]), "decrease", column([2, 2, "ten", 10, null])))).toEqual({
      code: "#VALUE!",
      message: "target cell 3 is text 'ten': enter a number, or leave the cell empty",
    });
    expect(excelErrorOf(() => QI.mdc(column([3, 4, 3, 4, 3]), "decrease", [["ten"]])).message).toBe("target is text 'ten': enter a number");
  });

  it("takes the shift and trend lengths (NHSRplotthedots' 7 when empty)", () => {
    // the last 6 months sit above the mean (11.27), after a month below it
    const shifted = column([10, 11, 10, 11, 10, 11, 10, 12, 12.5, 12.2, 12.4, 12.1, 12.3]);
    expect(QI.mdc(shifted, "up", OMITTED, OMITTED)).toEqual([["common cause", ""]]);
    expect(QI.mdc(shifted, "up", OMITTED, 6)).toEqual([["special cause: improvement", ""]]);
    expect(QI.mdc(shifted, "down", undefined, 6, OMITTED)).toEqual([["special cause: concern", ""]]);
    // the last 6 months each rise (10.5 .. 11), after a fall
    const rising = column([10, 11, 10, 11, 10, 11, 10.5, 10.6, 10.7, 10.8, 10.9, 11]);
    expect(QI.mdc(rising, "up", OMITTED, OMITTED, OMITTED)).toEqual([["common cause", ""]]);
    expect(QI.mdc(rising, "up", OMITTED, OMITTED, 6)).toEqual([["special cause: improvement", ""]]);
    expect(QI.mdc(rising, "up", OMITTED, 6, 7)).toEqual([["common cause", ""]]);
  });

  it("refuses a shift or trend length that is not a whole number of at least 2", () => {
    expect(excelErrorOf(() => QI.mdc(column([1, 2, 3]), "up", OMITTED, 1))).toEqual({ code: "#VALUE!", message: "shiftLength must be a whole number of at least 2, got 1" });
    expect(excelErrorOf(() => QI.mdc(column([1, 2, 3]), "up", OMITTED, OMITTED, 6.5))).toEqual({ code: "#VALUE!", message: "trendLength must be a whole number of at least 2, got 6.5" });
    expect(excelErrorOf(() => QI.mdc(column([1, 2, 3]), "up", OMITTED, "seven" as never)).message).toBe("shiftLength is text 'seven': enter a number");
  });

  it("refuses an unknown direction, listing the accepted words", () => {
    expect(excelErrorOf(() => QI.mdc(column([1, 2]), "better"))).toEqual({
      code: "#VALUE!",
      message: `direction must be "increase" (or "up", "higher"), "decrease" (or "down", "lower") or "neutral"; got text 'better'`,
    });
  });
});

describe("QI.PROGRESS(baseline, current, goal)", () => {
  it("is the fraction of the way from baseline to goal", () => {
    expect(QI.progress(40, 55, 70)).toBe(0.5);
    expect(QI.progress(12, 3, 0)).toBe(0.75);
    expect(QI.progress(40, 85, 70)).toBe(1.5);
    expect(QI.progress(40, 30, 70)).toBeCloseTo(-1 / 3, 15);
  });

  it("is #VALUE! with a clear message when the baseline equals the goal", () => {
    expect(excelErrorOf(() => QI.progress(50, 60, 50))).toEqual({
      code: "#VALUE!",
      message:
        "baseline equals goal (both 50): there is no distance to cover, so progress is undefined (division by zero); check the baseline and goal",
    });
  });

  it("is #VALUE! naming an empty argument (Excel on the web passes a blank cell as null)", () => {
    expect(excelErrorOf(() => QI.progress(40, 55, OMITTED))).toEqual({ code: "#VALUE!", message: "goal is empty: enter a number" });
  });
});

describe("QI.GOALMET, QI.MONTHSATGOAL and QI.IMPROVING", () => {
  const compliance = column([0.71, 0.8, 0.86, 0.91, "", 0.93, null, 0.95]);

  it("QI.GOALMET: the last 3 non-blank months (or `months`) all meet the goal", () => {
    expect(QI.goalMet(compliance, [[0.9]], "increase", OMITTED)).toBe(true);
    expect(QI.goalMet(compliance, [[0.9]], "Higher", undefined)).toBe(true);
    expect(QI.goalMet(compliance, [[0.9]], "increase", 4)).toBe(false);
    expect(QI.goalMet(row([5, 2, 1, 2]), [[2]], "lower")).toBe(true);
  });

  it("QI.GOALMET refuses a neutral direction and a bad months count", () => {
    expect(excelErrorOf(() => QI.goalMet(compliance, [[0.9]], "neutral"))).toEqual({
      code: "#VALUE!",
      message: `direction must be "increase" or "decrease" to judge a goal, got "neutral": a neutral measure has no goal to meet`,
    });
    expect(excelErrorOf(() => QI.goalMet(compliance, [[0.9]], "up", 1.5))).toEqual({
      code: "#VALUE!",
      message: "months must be a whole number of at least 1, got 1.5",
    });
    expect(excelErrorOf(() => QI.goalMet(compliance, [[0.9]], "sideways")).message).toMatch(/^direction must be "increase" \(or "up", "higher"\)/);
  });

  it("QI.MONTHSATGOAL counts the latest months in a row at goal", () => {
    expect(QI.monthsAtGoal(compliance, [[0.9]], "up")).toBe(3);
    expect(QI.monthsAtGoal(compliance, [[0.99]], "up")).toBe(0);
  });

  it("QI.GOALMET and QI.MONTHSATGOAL take a goal per month: each month against its own goal (a blank month has none)", () => {
    // monthly goals stepping up; the first month misses its 90, the last three meet 85, 87, 92
    const values = column([80, 85, 88, 93]);
    expect(QI.goalMet(values, column([90, 85, 87, 92]), "increase", OMITTED)).toBe(true);
    expect(QI.goalMet(values, row([90, 85, 87, 92]), "up", 4)).toBe(false);
    expect(QI.goalMet(column([80, 85, 88, 91]), column([90, 85, 87, 92]), "increase")).toBe(false); // 91 misses 92
    expect(QI.monthsAtGoal(values, column([90, 85, 87, 92]), "increase")).toBe(3);
    // a month with a value but no goal ends the count; a blank month is skipped
    expect(QI.monthsAtGoal(values, column([90, 85, null, 92]), "increase")).toBe(1);
    expect(QI.monthsAtGoal(column([80, 85, null, 93]), column([90, 85, "", 92]), "increase")).toBe(2);
    expect(QI.monthsAtGoal(row([5, 2, 1]), column([6, 3, 3]), "lower")).toBe(3);
  });

  it("QI.GOALMET and QI.MONTHSATGOAL refuse a neutral direction with a goal per month too, even when the latest month has no goal", () => {
    const neutral = {
      code: "#VALUE!",
      message: `direction must be "increase" or "decrease" to judge a goal, got "neutral": a neutral measure has no goal to meet`,
    };
    expect(excelErrorOf(() => QI.monthsAtGoal(column([1, 2]), column([1, null]), "neutral"))).toEqual(neutral);
    expect(excelErrorOf(() => QI.goalMet(column([1, 2]), column([1, null]), "neutral"))).toEqual(neutral);
  });

  it("QI.GOALMET and QI.MONTHSATGOAL refuse a goal range of another size, a goal that is not a number, and an empty goal", () => {
    expect(excelErrorOf(() => QI.goalMet(compliance, column([0.9, 0.9]), "increase"))).toEqual({
      code: "#VALUE!",
      message: "goal has 2 cells but values has 8: give one goal per month (a range the same size as values, empty where a month has none), or a single goal",
    });
    expect(excelErrorOf(() => QI.monthsAtGoal(column([1, 2, 3]), column([1, "x", 1]), "up"))).toEqual({
      code: "#VALUE!",
      message: "goal cell 2 is text 'x': enter a number, or leave the cell empty",
    });
    expect(excelErrorOf(() => QI.monthsAtGoal(column([1, 2, 3]), [[null]], "up"))).toEqual({ code: "#VALUE!", message: "goal is empty: enter a number" });
    expect(excelErrorOf(() => QI.goalMet(column([1, 2, 3]), OMITTED, "up"))).toEqual({ code: "#VALUE!", message: "goal is empty: enter a number" });
  });

  it("QI.IMPROVING: a signal in the good direction", () => {
    expect(QI.improving(improvingColumn, "increase", 12)).toBe(true);
    expect(QI.improving(improvingColumn, "decrease", 12)).toBe(false);
    expect(QI.improving(improvingColumn, "neutral", 12)).toBe(false);
    expect(QI.improving(column(before), "up", OMITTED)).toBe(false);
  });

  it("QI.IMPROVING refuses a bad direction and a baseline beyond the data", () => {
    expect(excelErrorOf(() => QI.improving(improvingColumn, "", 12)).message).toMatch(/direction must be .*; got nothing$/);
    expect(excelErrorOf(() => QI.improving(improvingColumn, "up", 25))).toEqual({
      code: "#VALUE!",
      message: "baseline 25 is more than the 24 points in values: give at most 24, or leave it empty to use all points",
    });
  });
});

describe("QI.SCORE, QI.SCOREREASONS, QI.SCORELABEL and QI.PCTATLEAST", () => {
  const types = column(["outcome", "process", "", "balancing"]);
  const improvingFlags = column([true, true, null, false]);
  const goals = column([true, false, null, ""]);
  const months = column([3, "", null, null]);

  it("QI.SCORE's earlier form: changesTested in one cell (a 1×1 matrix, as Excel passes a cell or a literal to a matrix parameter), then parallel ranges (monthsAtGoal omitted or given)", () => {
    expect(QI.score([[5]], types, improvingFlags, goals, OMITTED)).toBe(4);
    expect(QI.score([[5]], types, improvingFlags, goals, months)).toBe(4);
    expect(QI.score([[0]], types, improvingFlags, goals)).toBe(2);
    expect(QI.score([[5]], column(["outcome"]), column([true]), column([true]), column([6]))).toBe(5);
    expect(QI.score([[5]], row(["outcome", "process"]), row([false, false]), row([false, false]))).toBe(2.5);
  });

  it("QI.SCOREREASONS spills the reasons as a column of sentences", () => {
    const reasons = QI.scoreReasons([[5]], types, improvingFlags, goals, months);
    expect(reasons.every((r) => r.length === 1 && typeof r[0] === "string")).toBe(true);
    const text = reasons.flat().join("\n");
    expect(text).toContain("5 changes tested.");
    expect(text).toContain("An outcome measure meets its goal (row 1).");
    expect(text).toContain("Not yet 4.5 (Sustainable improvement)");
    expect(text).toContain("1 balancing measure is watched for harm and not counted towards improvement or goals.");
  });

  it("QI.SCORE refuses ranges of different lengths and an unknown type", () => {
    expect(excelErrorOf(() => QI.score([[5]], types, column([true]), goals))).toEqual({
      code: "#VALUE!",
      message: "improving has 1 row but measureTypes has 4: give one row per measure in each range",
    });
    expect(excelErrorOf(() => QI.score([[5]], column(["structure"]), column([true]), column([true])))).toEqual({
      code: "#VALUE!",
      message: `measureTypes row 1 is 'structure': use "outcome", "process" or "balancing"`,
    });
    expect(excelErrorOf(() => QI.score([[-1]], types, improvingFlags, goals)).message).toBe(
      "changesTested must be a whole number of 0 or more (changes tested so far), got -1",
    );
  });

  // The data form: the same facts the task pane reads from sheets and the data store keeps, read by
  // core's one evidence builder (test/crossDoor.test.ts holds the three doors to one answer).
  const data = [
    ["Bundle", "2026-01", 50, ""],
    ["Bundle", "2026-02", 96, "Checklist"],
    ["Bundle", "2026-03", 97, "checklist "],
    ["Bundle", "2026-04", 98, "Audit"],
    ["Bundle", "2026-05", 10, "After the month scored"],
    ["", "", "", ""],
  ];
  const measureTable = [
    ["Bundle", "process", "increase", 95, ""],
    ["", "", "", "", ""],
  ];

  it("QI.SCORE's data form: a data table and a measure table, scored for the reporting month", () => {
    expect(QI.score(data, measureTable, [["2026-04"]], [["Halve infections"]], OMITTED, OMITTED)).toBe(3); // no outcome measure: not yet 3.5
    const reasons = QI.scoreReasons(data, measureTable, [["2026-04"]], [["Halve infections"]], [["ihi"]], OMITTED).flat();
    expect(reasons).toContain("2 changes tested."); // "Checklist" and "checklist " are one change; May is after the month
    expect(reasons).toContain("The team has set its aim.");
    expect(reasons[reasons.length - 1]).toMatch(/^Run charts are read by the IHI rules: /);
    // no aim: not set (the data store's rule), so the team is at 1.0 whatever its data show
    expect(QI.score(data, measureTable, [["2026-04"]], OMITTED, OMITTED, OMITTED)).toBe(1);
    // the tables selected with their header rows read the same
    const withHeaders = [["Measure", "Month", "Value", "Annotation"], ...data];
    expect(QI.scoreReasons(withHeaders, [["Measure", "Type", "Direction", "Goal", "Required"], ...measureTable], [["2026-04"]], [["Halve infections"]], OMITTED, OMITTED).flat()).toEqual(
      QI.scoreReasons(data, measureTable, [["2026-04"]], [["Halve infections"]], OMITTED, OMITTED).flat(),
    );
    // a date serial for the month: 46113 is 2026-04-01 in the 1900 date system
    expect(QI.score(data, measureTable, [[46113]], [["Halve infections"]], OMITTED, OMITTED)).toBe(3);
  });

  it("QI.SCORE's data form counts the PDSA log's cycles as changes tested, read as the pane reads the log", () => {
    // a log kept by hand: loose headers, a date serial (46083 is 2026-03-02), a cycle started after the month scored
    const log = [
      ["PDSA #", "Change tested", "Measures", "Started", "Finished", "Act"],
      [1, "Checklist", "Bundle", "2026-02-02", "2026-02-27", "adapt"],
      ["1b", "Checklist with a second signature", "bundle", 46083, "", "continue"],
      [2, "Daily huddle", "Bundle", "2026-04-20", "", ""],
      [3, "Teach-back", "Bundle", "2026-05-02", "", ""],
    ];
    const reasons = QI.scoreReasons(data, measureTable, [["2026-04"]], [["Halve infections"]], OMITTED, OMITTED, log).flat();
    // Checklist (annotated and logged: one change), Audit, the second signature and the huddle; Teach-back starts in May
    expect(reasons).toContain("4 changes tested.");
    expect(QI.score(data, measureTable, [["2026-04"]], [["Halve infections"]], OMITTED, OMITTED, [[null]])).toBe(3);
    // a problem in the log is #VALUE! naming its cell in the range and how to fix it
    const bad = [log[0]!, [1, "Checklist", "Bundle", "2026-02-02", "2026-02-27", ""]];
    expect(excelErrorOf(() => QI.score(data, measureTable, [["2026-04"]], [["aim"]], OMITTED, OMITTED, bad))).toEqual({
      code: "#VALUE!",
      message: "pdsaLog, cell F2 of the range: the cycle ended on 2026-02-27 but has no decision — type adopt, adapt, abandon or continue",
    });
    expect(excelErrorOf(() => QI.score([[5]], types, improvingFlags, goals, months, OMITTED, log))?.message).toMatch(/^pdsaLog is read only with the data form/);
  });

  it("QI.SCORE's data form names the row and column of a bad cell", () => {
    expect(excelErrorOf(() => QI.score([["Falls", "2026-01", 3, ""]], measureTable, [["2026-04"]]))).toEqual({
      code: "#VALUE!",
      message: "data row 1: measure text 'Falls' is not in the measures table: add it there or correct the name",
    });
    expect(excelErrorOf(() => QI.score([["Bundle", "2026-01", "n/a", ""]], measureTable, [["2026-04"]]))?.message).toBe(
      "data row 1, Value is text 'n/a': enter a number, or leave it empty for a month without data",
    );
    expect(excelErrorOf(() => QI.score(data, [["Bundle", "structure", "increase", 95]], [["2026-04"]]))?.message).toBe(
      `measures row 1, Type is text 'structure': use "outcome", "process" or "balancing"`,
    );
    expect(excelErrorOf(() => QI.score(data, measureTable, [["2026-04"]], OMITTED, [["westgard"]]))?.message).toBe(`ruleSet must be one of "ihi", "anhoej", "mdc"; got text 'westgard'`);
  });

  // with nothing to judge, #N/A with a message, as QI.CENTERLINE does
  it("QI.SCORE and QI.SCOREREASONS are #N/A with a message when there is no data to judge (both forms)", () => {
    const empty = [["Bundle", "2026-01", "", ""]];
    const message = "no data to judge: no measure has a value up to the reporting month (or, in the earlier form, measureTypes has no row); enter the team's data first";
    expect(excelErrorOf(() => QI.score(empty, measureTable, [["2026-04"]], [["aim"]]))).toEqual({ code: "#N/A", message });
    expect(excelErrorOf(() => QI.scoreReasons(empty, measureTable, [["2026-04"]], [["aim"]]))).toEqual({ code: "#N/A", message });
    // data only after the month scored is no data for that month
    expect(excelErrorOf(() => QI.score([["Bundle", "2026-05", 90, ""]], measureTable, [["2026-04"]], [["aim"]]))?.code).toBe("#N/A");
    expect(excelErrorOf(() => QI.score([[3]], column(["", null]), column([null, null]), column([null, null])))).toEqual({ code: "#N/A", message });
  });

  it("QI.SCORELABEL names the level; a score off the scale is #VALUE!", () => {
    expect(QI.scoreLabel(4)).toBe("Significant improvement");
    expect(QI.scoreLabel(0.5)).toBe("Intent to participate");
    expect(excelErrorOf(() => QI.scoreLabel(4.2))).toEqual({
      code: "#VALUE!",
      message: "score must be a level of the IHI scale (0.5, 1.0, 1.5 ... 5.0), got 4.2",
    });
  });

  it("QI.PCTATLEAST is the share of scored teams at or above the threshold (default 4); blanks left out", () => {
    expect(QI.pctAtLeast(column([4, null, 2, "", 4.5]), OMITTED)).toBeCloseTo(2 / 3, 15);
    expect(QI.pctAtLeast(row([3, 3.5, 2.5, 1]), 3)).toBe(0.5);
    expect(QI.pctAtLeast(column([4]), undefined)).toBe(1);
  });

  it("QI.PCTATLEAST is #N/A when no team is scored, #VALUE! for text", () => {
    expect(excelErrorOf(() => QI.pctAtLeast(column([null, ""])))).toEqual({ code: "#N/A", message: "no team is scored: enter at least one score" });
    expect(excelErrorOf(() => QI.pctAtLeast(column([4, "4+"])))).toEqual({
      code: "#VALUE!",
      message: "scores cell 2 is text '4+': enter a number, or leave the cell empty",
    });
  });

  it("QI.PCTATLEAST is #VALUE! for a score off the IHI scale, naming it (as QI.SCORELABEL refuses it)", () => {
    expect(excelErrorOf(() => QI.pctAtLeast(column([4, 4.5, 35])))).toEqual({
      code: "#VALUE!",
      message: "score 3 is 35, not a level of the IHI scale (0.5, 1.0, 1.5 ... 5.0): correct it, or leave the cell empty for a team not scored",
    });
    expect(excelErrorOf(() => QI.scoreLabel(35))?.code).toBe("#VALUE!");
  });
});

describe("excelCall(compute) and excelValue(compute, whenMissing)", () => {
  it("maps every core error code to an Excel error that can carry its message", () => {
    expect(EXCEL_ERROR_FOR_CODE).toEqual({
      invalid_value: "invalidValue",
      invalid_option: "invalidValue",
      invalid_shape: "invalidValue",
      length_mismatch: "invalidValue",
    });
  });

  it("turns an unexpected JavaScript exception into #VALUE! with a message, never a raw exception", () => {
    expect(
      excelErrorOf(() =>
        excelCall(() => {
          throw new TypeError("boom");
        }),
      ),
    ).toEqual({ code: "#VALUE!", message: "unexpected error in the QI functions (please report it): boom" });
    expect(
      excelErrorOf(() =>
        excelCall(() => {
          throw "a string";
        }),
      ),
    ).toEqual({ code: "#VALUE!", message: "unexpected error in the QI functions (please report it): a string" });
  });

  it("excelValue turns a null answer into #N/A with the message and passes other values", () => {
    expect(excelErrorOf(() => excelValue(() => null, "nothing to show"))).toEqual({ code: "#N/A", message: "nothing to show" });
    expect(excelValue(() => 0, "nothing to show")).toBe(0);
  });

  it("outside Excel (no CustomFunctions global) still fails with the message instead of crashing", () => {
    const globals = globalThis as unknown as { CustomFunctions?: unknown };
    const saved = globals.CustomFunctions;
    delete globals.CustomFunctions;
    try {
      expect(() => QI.progress(50, 60, 50)).toThrow(/baseline equals goal/);
      let thrown: unknown;
      try {
        QI.centerLine(wide);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect(thrown).not.toBeInstanceOf(ExcelError);
    } finally {
      globals.CustomFunctions = saved;
    }
  });
});
