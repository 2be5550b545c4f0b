/**
 * Subgroup charts (X-bar with S, S, X-bar with R, R) and their constants, against references:
 *
 * - qicharts2 0.8.1's own tests/testthat references (test/fixtures/qicharts2-subgroup-cases.json,
 *   `subgroupCases`: ex_6.3_1/2 equal subgroups of 5, ex_6.4_1/2 unequal subgroups, NA_test with
 *   blanks, a subgroup of one and an empty subgroup), field by field within 1e-9 relative.
 * - qcc 2.7's vignette R and xbar charts of the first 25 samples of its `pistonrings` data
 *   (data/pistonrings.txt.gz), as qcc prints them (re-run from qcc 2.7's R source in R 4.2.2):
 *   R chart "Center of group statistics: 0.02276", "LCL 0, UCL 0.04812533"; xbar chart
 *   "Center 74.00118", "LCL 73.98805, UCL 74.0143", compared at the digits printed.
 * - Montgomery's Appendix VI: the printed factors are what d2, d3 and c4 give, at the printed decimals.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { c4, CoreError, groupIntoSubgroups, MONTGOMERY_FACTORS, nearlyEqual, rangeFactors, subgroupChart, type SubgroupChartType } from "../../src/core/index";

type Num = number | null;
type SubgroupCase = {
  id: string;
  chart: SubgroupChartType;
  input: { sample: Num[]; obs: Num[] };
  output: { x: number[]; "y.length": number[]; y: Num[]; cl: Num[]; lcl: Num[]; ucl: Num[]; "sigma.signal": boolean[]; "n.useful": number; "longest.run": Num; "longest.run.max": number; "n.crossings": number; "n.crossings.min": number; "runs.signal": boolean };
};
const cases = (JSON.parse(readFileSync(join(__dirname, "../fixtures/qicharts2-subgroup-cases.json"), "utf8")) as { subgroupCases: SubgroupCase[] }).subgroupCases;

const same = (ours: Num, theirs: Num): boolean => (ours === null || theirs === null ? ours === theirs : nearlyEqual(ours, theirs));
const mismatches = (ours: Num[], theirs: Num[]): string[] => ours.flatMap((value, i) => (same(value, theirs[i]) ? [] : [`${i + 1}: ${value} vs ${theirs[i]}`]));

describe.each(cases)("qicharts2 0.8.1 reference $id ($chart chart)", (ref) => {
  const result = subgroupChart({ chart: ref.chart, values: ref.input.obs, subgroups: ref.input.sample });
  const points = result.points;

  it("has the same subgroups, sizes and plotted values", () => {
    expect(result.subgroups.map((s) => s.key)).toEqual(ref.output.x);
    expect(result.subgroups.map((s) => s.size)).toEqual(ref.output["y.length"]);
    expect(mismatches(points.map((p) => p.value), ref.output.y.map((v) => (v === null || Number.isNaN(v) ? null : v)))).toEqual([]);
  });

  it("has the same center line, limits and 3-sigma signals", () => {
    expect(mismatches(points.map((p) => p.centerLine), ref.output.cl)).toEqual([]);
    if (ref.id === "NA_test") return; // see the next test
    expect(mismatches(points.map((p) => p.lcl), ref.output.lcl)).toEqual([]);
    expect(mismatches(points.map((p) => p.ucl), ref.output.ucl)).toEqual([]);
    expect(points.map((p) => p.sigmaSignal)).toEqual(ref.output["sigma.signal"]);
  });

  it("has the same runs analysis", () => {
    const phase = result.phases[0];
    expect([phase.usefulCount, phase.longestRun, phase.longestRunMax, phase.crossings, phase.crossingsMin, phase.runsSignal]).toEqual([
      ref.output["n.useful"],
      ref.output["longest.run"],
      ref.output["longest.run.max"],
      ref.output["n.crossings"],
      ref.output["n.crossings.min"],
      ref.output["runs.signal"],
    ]);
  });
});

describe("NA_test: an empty subgroup in the pooled standard deviation (deliberate difference, docs/DESIGN.md)", () => {
  const ref = cases.find((c) => c.id === "NA_test") as SubgroupCase;
  const result = subgroupChart({ chart: "xbar", values: ref.input.obs, subgroups: ref.input.sample });

  it("differs from qicharts2 only by its -1 for the empty subgroup in Σ(nᵢ - 1)", () => {
    // Σ(nᵢ - 1) over the subgroups with observations; qicharts2 also adds -1 for subgroup 16 (empty)
    const degrees = result.subgroups.reduce((total, s) => total + (s.size > 0 ? s.size - 1 : 0), 0);
    const scale = Math.sqrt((degrees - 1) / degrees); // ours / theirs for the pooled sigma
    const widths = result.points.map((p, i) => (p.ucl === null ? null : (p.ucl - (p.centerLine as number)) / ((ref.output.ucl[i] as number) - (ref.output.cl[i] as number))));
    for (const ratio of widths) if (ratio !== null) expect(ratio).toBeCloseTo(scale, 12);
    // no limits for the subgroups of one (5, 11) and the empty one (16), as qicharts2
    expect(result.points.flatMap((p, i) => (p.ucl === null ? [i + 1] : []))).toEqual([5, 11, 16]);
    expect(result.points.map((p) => p.sigmaSignal)).toEqual(ref.output["sigma.signal"]);
  });
});

/** qcc 2.7, data/pistonrings.txt.gz, diameter of rows 1..125 (samples 1..25 of 5, trial = TRUE). */
const PISTONRINGS = [
  74.03, 74.002, 74.019, 73.992, 74.008, 73.995, 73.992, 74.001, 74.011, 74.004, 73.988, 74.024, 74.021, 74.005, 74.002, 74.002, 73.996, 73.993, 74.015, 74.009, 73.992,
  74.007, 74.015, 73.989, 74.014, 74.009, 73.994, 73.997, 73.985, 73.993, 73.995, 74.006, 73.994, 74, 74.005, 73.985, 74.003, 73.993, 74.015, 73.988, 74.008, 73.995,
  74.009, 74.005, 74.004, 73.998, 74, 73.99, 74.007, 73.995, 73.994, 73.998, 73.994, 73.995, 73.99, 74.004, 74, 74.007, 74, 73.996, 73.983, 74.002, 73.998, 73.997,
  74.012, 74.006, 73.967, 73.994, 74, 73.984, 74.012, 74.014, 73.998, 73.999, 74.007, 74, 73.984, 74.005, 73.998, 73.996, 73.994, 74.012, 73.986, 74.005, 74.007,
  74.006, 74.01, 74.018, 74.003, 74, 73.984, 74.002, 74.003, 74.005, 73.997, 74, 74.01, 74.013, 74.02, 74.003, 73.988, 74.001, 74.009, 74.005, 73.996, 74.004,
  73.999, 73.99, 74.006, 74.009, 74.01, 73.989, 73.99, 74.009, 74.014, 74.015, 74.008, 73.993, 74, 74.01, 73.982, 73.984, 73.995, 74.017, 74.013,
];
const SAMPLES = PISTONRINGS.map((_, i) => Math.floor(i / 5) + 1);
const signif = (value: number | null, digits: number): number => Number((value as number).toPrecision(digits));

describe("X-bar with R (qcc 2.7 vignette, pistonrings samples 1 to 25)", () => {
  it("R chart: center 0.02276, LCL 0, UCL 0.04812533", () => {
    const point = subgroupChart({ chart: "r", values: PISTONRINGS, subgroups: SAMPLES }).points[0];
    expect([signif(point.centerLine, 4), point.lcl, signif(point.ucl, 7)]).toEqual([0.02276, 0, 0.04812533]);
  });

  it("xbar chart: center 74.00118, LCL 73.98805, UCL 74.0143", () => {
    const point = subgroupChart({ chart: "xbar-r", values: PISTONRINGS, subgroups: SAMPLES }).points[0];
    expect([signif(point.centerLine, 7), signif(point.lcl, 7), signif(point.ucl, 7)]).toEqual([74.00118, 73.98805, 74.0143]);
  });

  it("refuses unequal subgroups, pointing to the X-bar with S chart", () => {
    expect(() => subgroupChart({ chart: "r", values: [1, 2, 3, 4, 5], subgroups: [1, 1, 2, 2, 2] })).toThrow(
      new CoreError("invalid_value", 'an R chart needs subgroups of equal size; these have 2, 3 observations. Use an X-bar with S chart ("xbar" and "s") for unequal subgroups'),
    );
  });
});

describe("Montgomery Appendix VI factors", () => {
  // Montgomery derives the printed factors from d2 and d3 with more decimals than he prints, so a
  // factor recomputed from the printed three-decimal d2 can differ by one unit in the last printed
  // decimal (A2 for n = 2 is 3/(1.128·√2) = 1.8806 against 1.880 printed); c4 is exact here.
  const within = (value: number, printed: number, decimals: number): boolean => Math.abs(value - printed) <= 10 ** -decimals * 1.0001;
  it.each(MONTGOMERY_FACTORS.map((row) => [row.n, row] as const))("n = %i: the printed factors follow from d2, d3 and c4", (n, row) => {
    const { d2, d3 } = rangeFactors(n);
    const c = c4(n);
    const spread = Math.sqrt(1 - c * c) / c;
    expect(d2).toBe(row.d2);
    expect(Math.round(c * 1e4) / 1e4).toBe(row.c4);
    const recomputed: Record<string, [number, number]> = {
      d3: [d3, row.d3],
      A2: [3 / (d2 * Math.sqrt(n)), row.A2],
      A3: [3 / (c * Math.sqrt(n)), row.A3],
      B3: [Math.max(0, 1 - 3 * spread), row.B3],
      B4: [1 + 3 * spread, row.B4],
      D3: [Math.max(0, 1 - (3 * d3) / d2), row.D3],
      D4: [1 + (3 * d3) / d2, row.D4],
    };
    const off = Object.entries(recomputed).flatMap(([name, [value, printed]]) => (within(value, printed, 3) ? [] : [`${name}: ${value} vs ${printed}`]));
    expect(off).toEqual([]);
  });
  it("A3, B3 and B4 (from the exact c4) round to the printed three decimals for every n", () => {
    const off = MONTGOMERY_FACTORS.flatMap((row) => {
      const c = c4(row.n);
      const spread = Math.sqrt(1 - c * c) / c;
      const round = (value: number): number => Math.round(value * 1e3) / 1e3;
      return round(3 / (c * Math.sqrt(row.n))) === row.A3 && round(Math.max(0, 1 - 3 * spread)) === row.B3 && round(1 + 3 * spread) === row.B4 ? [] : [row.n];
    });
    expect(off).toEqual([]);
  });
});

describe("groupIntoSubgroups", () => {
  it("groups dates by calendar month, in date order, keeping blank values as non-observations", () => {
    // 45292 = 1 Jan 2024, 45323 = 1 Feb 2024 (Excel serials)
    const groups = groupIntoSubgroups([30, null, 50, 40], [45330, 45300, 45295, 45323], { byMonth: true });
    expect(groups.map((g) => [g.key, g.size, g.mean])).toEqual([
      [45292, 1, 50],
      [45323, 2, 35],
    ]);
  });
  it("keeps text labels in order of first appearance and drops rows without a subgroup", () => {
    expect(groupIntoSubgroups([1, 2, 3, 4], ["Jan", "Feb", null, "Jan"]).map((g) => [g.key, g.rows])).toEqual([
      ["Jan", [0, 3]],
      ["Feb", [1]],
    ]);
  });
  it("refuses mixed keys and mismatched lengths with messages naming the row", () => {
    expect(() => groupIntoSubgroups([1, 2], [1, "a"])).toThrow('row 2: subgroup "a" mixes numbers and texts; use all dates or numbers, or all labels');
    expect(() => groupIntoSubgroups([1, 2], [1])).toThrow("subgroups has 1 entry but values has 2: give one subgroup (a date or a label) per value");
  });
});
