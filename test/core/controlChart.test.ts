/**
 * controlChart(input): behaviour beyond the reference cases (test/core/qicharts2.test.ts): the
 * documented edge rules and every error path, each with its message.
 */
import { controlChart, controlChartColumns, CoreError, type ControlChartInput } from "../../src/core/index";

/** The error a call throws (fails the test when it does not throw). */
function errorOf(input: unknown): CoreError {
  try {
    controlChart(input as ControlChartInput);
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    return error as CoreError;
  }
  throw new Error("expected controlChart to throw");
}

describe("controlChart(input) refuses bad input with a CoreError naming the option and the value", () => {
  it.each([
    [{ chart: "xyz", values: [1] }, "invalid_option", 'controlChart: invalid chart "xyz" (expected one of run, i, mr, p, pp, u, up, c, g, t, np, ip)'],
    [{ values: [1] }, "invalid_option", "controlChart: invalid chart undefined (expected one of run, i, mr, p, pp, u, up, c, g, t, np, ip)"],
    [null, "invalid_option", "controlChart: invalid input null (expected an object with chart and values)"],
    [{ chart: "i", values: "1,2" }, "invalid_option", 'controlChart: invalid values "1,2" (expected an array of numbers and nulls)'],
    [{ chart: "i", values: [1, Number.NaN] }, "invalid_value", "controlChart: invalid values NaN at index 1 (expected a finite number or null)"],
    [{ chart: "i", values: [Number.NEGATIVE_INFINITY] }, "invalid_value", "controlChart: invalid values -Infinity at index 0 (expected a finite number or null)"],
    [{ chart: "p", values: [1] }, "invalid_option", 'a "p" chart needs denominators: give one denominator per value (e.g. patients or line-days), in a range the same size as values'],
    [{ chart: "c", values: [1], denominators: [2] }, "invalid_option", 'a "c" chart takes no denominators: leave denominators empty, or use a p, pp, u or up chart (run and i charts also accept them)'],
    [{ chart: "u", values: [1, 2], denominators: [5] }, "length_mismatch", "denominators has 1 entry but values has 2: give one denominator per value"],
    [{ chart: "p", values: [1], denominators: [5, 5, 5] }, "length_mismatch", "denominators has 3 entries but values has 1: give one denominator per value"],
    [{ chart: "u", values: [1, 2], denominators: [5, -5] }, "invalid_value", "point 2: denominator -5 is negative; a denominator counts patients, opportunities or time, so enter 0 or more, or leave it empty for a missing month"],
    [{ chart: "p", values: [3, 12], denominators: [10, 10] }, "invalid_value", "point 2: numerator 12 is larger than denominator 10; a proportion's numerator must not exceed its denominator"],
    [{ chart: "pp", values: [1], denominators: [0] }, "invalid_value", "point 1: numerator 1 is larger than denominator 0; a proportion's numerator must not exceed its denominator"],
    [{ chart: "u", values: [-1], denominators: [10] }, "invalid_value", 'point 1: numerator -1 is negative; a "u" chart counts events, so enter a count of 0 or more'],
    [{ chart: "c", values: [2, -1] }, "invalid_value", 'point 2: value -1 is negative; a "c" chart counts events, so enter a count of 0 or more'],
    [{ chart: "g", values: [-3] }, "invalid_value", 'point 1: value -3 is negative; a "g" chart counts events, so enter a count of 0 or more'],
    [{ chart: "t", values: [2.5, 0] }, "invalid_value", 'point 2: time between events 0 is not positive; a "t" chart needs every time between events to be more than 0 (for counts of cases between events, which can be 0, use a "g" chart)'],
    [{ chart: "t", values: [-1.5] }, "invalid_value", 'point 1: time between events -1.5 is not positive; a "t" chart needs every time between events to be more than 0 (for counts of cases between events, which can be 0, use a "g" chart)'],
    [{ chart: "i", values: [1, 2], baseline: 0 }, "invalid_option", "controlChart: invalid baseline 0 (expected an integer from 1 to 2, the number of points)"],
    [{ chart: "i", values: [1, 2], baseline: 3 }, "invalid_option", "controlChart: invalid baseline 3 (expected an integer from 1 to 2, the number of points)"],
    [{ chart: "i", values: [1, 2], phases: [2] }, "invalid_option", "controlChart: invalid phases index 2 (expected an integer from 0 to 1)"],
    [{ chart: "i", values: [1, 2], phases: [0.5] }, "invalid_option", "controlChart: invalid phases index 0.5 (expected an integer from 0 to 1)"],
    [{ chart: "i", values: [1, 2], phases: 1 }, "invalid_option", "controlChart: invalid phases 1 (expected an array of 0-based indices)"],
    [{ chart: "i", values: [1, 2], exclude: [-1] }, "invalid_option", "controlChart: invalid exclude index -1 (expected an integer from 0 to 1)"],
    [{ chart: "i", values: [], exclude: [0] }, "invalid_option", "controlChart: invalid exclude index 0 (expected no index: the series is empty)"],
    [{ chart: "i", values: [1], screenMovingRanges: "yes" }, "invalid_option", 'controlChart: invalid screenMovingRanges "yes" (expected true or false)'],
  ])("controlChart(%j) throws %s", (input, code, message) => {
    const error = errorOf(input);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });
});

describe("controlChart(input) edge rules", () => {
  it("controlChart({ values: [] }) returns an empty chart, not an error (qicharts2 errors here)", () => {
    for (const chart of ["run", "i", "mr", "c", "g", "t"] as const) expect(controlChart({ chart, values: [] })).toEqual({ points: [], phases: [] });
    expect(controlChart({ chart: "p", values: [], denominators: [] })).toEqual({ points: [], phases: [] });
  });

  it("controlChart(input) reports insufficient data in the result: a single i point has no limits", () => {
    const { points, phases } = controlChart({ chart: "i", values: [59.8] });
    expect(points).toEqual([
      { value: 59.8, centerLine: 59.8, lcl: null, ucl: null, lcl95: null, ucl95: null, sigmaSignal: false, phase: 0, baseline: true, included: true },
    ]);
    expect(phases).toEqual([
      { start: 0, end: 0, pointCount: 1, usefulCount: 0, longestRun: null, longestRunMax: null, crossings: null, crossingsMin: null, runsSignal: false },
    ]);
  });

  it("controlChart({ chart: 'i' }) computes CL = mean, limits CL ± 3·MR̄/1.128 and ± 2·MR̄/1.128", () => {
    // mean 11; moving ranges 2, 2, 2 -> MR̄ 2; sigma 2 / 1.128
    const point = controlChart({ chart: "i", values: [10, 12, 10, 12] }).points[0];
    const sigma = 2 / 1.128;
    expect(point.centerLine).toBe(11);
    expect(point.ucl).toBeCloseTo(11 + 3 * sigma, 12);
    expect(point.lcl).toBeCloseTo(11 - 3 * sigma, 12);
    expect(point.ucl95).toBeCloseTo(11 + 2 * sigma, 12);
    expect(point.lcl95).toBeCloseTo(11 - 2 * sigma, 12);
  });

  it("controlChart({ chart: 'i' }) takes a correctly rounded mean (94.1, where naive summation gives 94.10000000000001)", () => {
    const values = [94.2, 94.2, 94.1, 94.2, 94.2, 94.2, 93.6, 94.2, 94.2, 93.9];
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBe(94.10000000000001);
    const { points, phases } = controlChart({ chart: "i", values });
    expect(points[0].centerLine).toBe(94.1);
    expect(phases[0].usefulCount).toBe(9); // the 94.1 at index 2 is on the line
  });

  it("controlChart({ chart: 'i' }) of all-equal values: no limits with Nelson screening, limits = CL without", () => {
    const values = [41.9, 41.9, 41.9, 41.9];
    expect(controlChart({ chart: "i", values }).points[0]).toMatchObject({ centerLine: 41.9, lcl: null, ucl: null });
    expect(controlChart({ chart: "i", values, screenMovingRanges: false }).points[0]).toMatchObject({ centerLine: 41.9, lcl: 41.9, ucl: 41.9 });
  });

  it("controlChart({ chart: 'i', screenMovingRanges }) drops moving ranges >= 3.267·MR̄ once when screening", () => {
    const values = [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 20];
    // unscreened MR̄ = 29/11; screened: the range of 19 goes, MR̄ = 1
    const screened = controlChart({ chart: "i", values }).points[0];
    const unscreened = controlChart({ chart: "i", values, screenMovingRanges: false }).points[0];
    expect((screened.ucl as number) - (screened.centerLine as number)).toBeCloseTo(3 / 1.128, 12);
    expect((unscreened.ucl as number) - (unscreened.centerLine as number)).toBeCloseTo((3 * 29) / 11 / 1.128, 12);
  });

  it("controlChart(input) leaves excluded points out of CL, limits and runs, but still tests them against the limits", () => {
    const values = [10, 10.5, 9.5, 10, 10.5, 9.5, 10, 50];
    const { points, phases } = controlChart({ chart: "i", values, exclude: [7] });
    expect(points[7]).toMatchObject({ value: 50, included: false, sigmaSignal: true });
    expect(points[0].centerLine).toBe(10);
    expect(phases[0]).toMatchObject({ pointCount: 7, usefulCount: 4 });
  });

  it("controlChart(input) gives each phase its own center line, limits and runs analysis", () => {
    const { points, phases } = controlChart({ chart: "c", values: [4, 6, 4, 6, 20, 22, 20, 22], phases: [4] });
    expect(points.map((p) => p.phase)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(points.map((p) => p.centerLine)).toEqual([5, 5, 5, 5, 21, 21, 21, 21]);
    expect(phases.map((p) => [p.start, p.end, p.pointCount, p.usefulCount])).toEqual([
      [0, 3, 4, 4],
      [4, 7, 4, 4],
    ]);
  });

  it("controlChart(input) accepts phases in any order, with repeats and with 0", () => {
    const a = controlChart({ chart: "run", values: [1, 2, 3, 4, 5, 6], phases: [4, 2, 2, 0] });
    expect(a.phases.map((p) => [p.start, p.end])).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });

  it("controlChart(input) ignores baseline when phases are given (as qicharts2 ignores freeze with part)", () => {
    const { points } = controlChart({ chart: "i", values: [1, 2, 3, 10, 11, 12], baseline: 2, phases: [3] });
    expect(points.every((p) => p.baseline)).toBe(true);
    expect(points[0].centerLine).toBe(2);
  });

  it("controlChart(input) freezes CL and limits at the first `baseline` points and flags them", () => {
    const { points } = controlChart({ chart: "c", values: [4, 6, 30, 30], baseline: 2 });
    expect(points.map((p) => p.baseline)).toEqual([true, true, false, false]);
    expect(points.map((p) => p.centerLine)).toEqual([5, 5, 5, 5]);
    expect(points[3].sigmaSignal).toBe(true);
  });

  it("controlChart({ chart: 'p' }) treats 0/0 as missing, yet a zero denominator's month adds nothing to CL", () => {
    const { points, phases } = controlChart({ chart: "p", values: [5, 0, 3], denominators: [10, 0, 10] });
    expect(points[1]).toMatchObject({ value: null, centerLine: 0.4, lcl: null, ucl: null, sigmaSignal: false });
    expect(phases[0]).toMatchObject({ pointCount: 3, usefulCount: 2 });
  });

  it("controlChart({ chart: 'u' }) counts k/0 as a useful point above CL with no value and no limits (as qicharts2)", () => {
    const { points, phases } = controlChart({ chart: "u", values: [1, 1, 1, 5], denominators: [10, 10, 10, 0] });
    expect(points[0].centerLine).toBeCloseTo(8 / 30, 15); // the 5 events over 0 raise the center line
    expect(points[3]).toMatchObject({ value: null, lcl: null, ucl: null, sigmaSignal: false });
    expect(phases[0]).toMatchObject({ usefulCount: 4, longestRun: 3, crossings: 1 });
  });

  it("controlChart({ chart: 'run' | 'i', denominators }) plots ratios and treats a zero denominator as missing", () => {
    const { points, phases } = controlChart({ chart: "run", values: [1, 7, 3], denominators: [2, 0, 4] });
    expect(points.map((p) => p.value)).toEqual([0.5, null, 0.75]);
    expect(points[0].centerLine).toBe(0.625);
    expect(phases[0].usefulCount).toBe(2);
    expect(controlChart({ chart: "i", values: [1, 7, 3], denominators: [2, 0, 4] }).points[0].centerLine).toBe(0.625);
  });

  it("controlChart(input) treats a month with only the numerator or only the denominator as wholly missing", () => {
    const { points } = controlChart({ chart: "p", values: [2, null, 4], denominators: [10, 10, null] });
    expect(points.map((p) => p.value)).toEqual([0.2, null, null]);
    expect(points[0].centerLine).toBe(0.2);
  });

  it("controlChart({ chart: 'p' }) clips limits to [0, 1]", () => {
    const { points } = controlChart({ chart: "p", values: [1, 0, 1, 0], denominators: [1, 1, 1, 1] });
    expect(points[0]).toMatchObject({ centerLine: 0.5, lcl: 0, ucl: 1, lcl95: 0, ucl95: 1 });
  });

  it("controlChart({ chart: 'mr' }) plots moving ranges within each phase and never signals runs", () => {
    const values = [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 9, 18, 9, 18, 9, 18, 9, 18, 9, 18, 9, 18];
    const { points, phases } = controlChart({ chart: "mr", values, phases: [10] });
    expect(points[0].value).toBeNull();
    expect(points[10].value).toBeNull();
    expect(points[1]).toMatchObject({ value: 1, centerLine: 1, lcl: 0, ucl: 3.267 });
    expect(phases.every((phase) => phase.runsSignal === false)).toBe(true);
  });

  it("controlChart({ chart: 'g' }) draws the median as center line while the limits come from the mean", () => {
    // mean 40/4 = 10, sigma sqrt(10 * 11); median 5
    const { points } = controlChart({ chart: "g", values: [2, 4, 6, 28] });
    expect(points[0].centerLine).toBe(5);
    expect(points[0].ucl).toBeCloseTo(10 + 3 * Math.sqrt(110), 12);
    expect(points[0].lcl).toBe(0);
  });

  it("controlChart({ chart: 't' }) transforms by ^(1/3.6), back by ^3.6, and sets a negative LCL to 0", () => {
    const values = [3.1, 127.7, 49.6, 3.4, 8.8, 35.9, 57.3, 4.8, 9.7, 31.1];
    const { points } = controlChart({ chart: "t", values });
    const transformed = values.map((v) => v ** (1 / 3.6));
    const mean = transformed.reduce((a, b) => a + b, 0) / transformed.length;
    expect(points[0].centerLine).toBeCloseTo(mean ** 3.6, 10);
    expect(points[0].lcl).toBe(0);
    expect(points.map((p) => p.value)).toEqual(values); // the values themselves, not round-tripped
  });

  it("controlChart(input) keeps blanks as blanks: null values, not 0", () => {
    const { points, phases } = controlChart({ chart: "c", values: [3, null, 5] });
    expect(points[1]).toMatchObject({ value: null, centerLine: 4, sigmaSignal: false });
    expect(phases[0]).toMatchObject({ pointCount: 3, usefulCount: 2 });
  });
});

describe("controlChartColumns(input)", () => {
  const inputs: ControlChartInput[] = [
    { chart: "i", values: [10, 12, null, 11, 30, 12, 9], exclude: [4] },
    { chart: "mr", values: [10, 12, null, 11, 30, 12, 9], phases: [3] },
    { chart: "p", values: [5, 0, 3, 4], denominators: [10, 0, 12, null] },
    { chart: "u", values: [1, 1, 1, 5, 2], denominators: [10, 10, 10, 0, 8], baseline: 3 },
    { chart: "t", values: [3.1, 127.7, 49.6, 3.4, 8.8] },
    { chart: "g", values: [2, 4, 6, 28, 0] },
  ];

  it.each(inputs)("controlChartColumns(%j) holds the same figures as controlChart, NaN for null", (input) => {
    const objects = controlChart(input);
    const columns = controlChartColumns(input);
    const fromColumns = objects.points.map((_, i) => {
      const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
      return {
        value: orNull(columns.value[i]),
        centerLine: orNull(columns.centerLine[i]),
        lcl: orNull(columns.lcl[i]),
        ucl: orNull(columns.ucl[i]),
        lcl95: orNull(columns.lcl95[i]),
        ucl95: orNull(columns.ucl95[i]),
        sigmaSignal: columns.sigmaSignal[i] === 1,
        phase: columns.phase[i],
        baseline: columns.baseline[i] === 1,
        included: columns.included[i] === 1,
      };
    });
    expect(fromColumns).toEqual(objects.points);
    expect(columns.phases).toEqual(objects.phases);
  });

  it("controlChartColumns(input) names itself in errors about the input's form, and words data errors as controlChart does", () => {
    expect(() => controlChartColumns({ chart: "xyz" as "i", values: [] })).toThrow(/^controlChartColumns: invalid chart "xyz"/);
    const input: ControlChartInput = { chart: "p", values: [3, 4, 12], denominators: [10, 10, 10] };
    expect(() => controlChartColumns(input)).toThrow(errorOf(input).message);
    expect(errorOf(input).message).toBe("point 3: numerator 12 is larger than denominator 10; a proportion's numerator must not exceed its denominator");
  });
});
