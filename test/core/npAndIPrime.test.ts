/**
 * np and I′ (ip) charts against their references.
 *
 * - np: qcc 2.7 (github.com/cran/qcc), vignettes/qcc_a_quick_tour.Rmd, "p and np charts":
 *   `qcc(D[trial], sizes = size[trial], type = "np")` on data/orangejuice.txt.gz, whose trial rows
 *   are the first 30 samples of 50 cans (D = 12, 15, 8, ...). qcc prints "Center of group
 *   statistics: 11.56667", "Control limits: LCL 2.621377, UCL 20.51196" (re-run from qcc 2.7's own
 *   R source in R 4.2.2). Compared at the 7 significant digits printed.
 * - ip: test/fixtures/qicharts2-subgroup-cases.json, `ipCases` (qicharts2 0.8.1's qic.ip on
 *   Montgomery's Table 7.4, with and without moving-range screening), within 1e-9 relative.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { controlChart, CoreError, nearlyEqual } from "../../src/core/index";

/** qcc 2.7, data/orangejuice.txt.gz, column D of samples 1..30 (trial = TRUE), each of size 50. */
const ORANGEJUICE_TRIAL_D = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6];

/** Rounds to `digits` significant digits, as R's print does. */
const signif = (value: number, digits: number): number => Number(value.toPrecision(digits));

describe("np chart (qcc 2.7 vignette, orangejuice)", () => {
  const chart = controlChart({ chart: "np", values: ORANGEJUICE_TRIAL_D, denominators: ORANGEJUICE_TRIAL_D.map(() => 50) });

  it("has qcc's center line 11.56667 and limits 2.621377 to 20.51196 at every point", () => {
    for (const point of chart.points) {
      expect(signif(point.centerLine as number, 7)).toBe(11.56667);
      expect(signif(point.lcl as number, 7)).toBe(2.621377);
      expect(signif(point.ucl as number, 7)).toBe(20.51196);
    }
  });

  it("plots the counts and flags samples 15 and 23 (22 and 24 defectives) above the UCL, as qcc does", () => {
    expect(chart.points.map((point) => point.value)).toEqual(ORANGEJUICE_TRIAL_D);
    expect(chart.points.flatMap((point, i) => (point.sigmaSignal ? [i + 1] : []))).toEqual([15, 23]);
  });

  it("steps its lines with the subgroup size and clips them to 0..n", () => {
    const points = controlChart({ chart: "np", values: [1, 0, 2], denominators: [10, 20, 10] }).points;
    // p̄ = 3/40; CL = n·p̄
    expect(points.map((point) => point.centerLine)).toEqual([0.75, 1.5, 0.75]);
    expect(points[0].lcl).toBe(0);
    const all = controlChart({ chart: "np", values: [5, 5], denominators: [5, 5] }).points[0];
    expect([all.centerLine, all.ucl]).toEqual([5, 5]);
  });

  it("refuses a count above its subgroup size, naming the point", () => {
    expect(() => controlChart({ chart: "np", values: [3, 60], denominators: [50, 50] })).toThrow(
      new CoreError("invalid_value", "point 2: numerator 60 is larger than denominator 50; a proportion's numerator must not exceed its denominator"),
    );
  });
});

type IpCase = {
  id: string;
  screenedmr: boolean;
  input: { count: number[]; size: number[] };
  output: Record<"y" | "cl" | "lcl" | "ucl" | "lcl.95" | "ucl.95", number[]> & { "n.useful": number; "longest.run": number; "n.crossings": number; "runs.signal": boolean };
};

const ipCases = (JSON.parse(readFileSync(join(__dirname, "../fixtures/qicharts2-subgroup-cases.json"), "utf8")) as { ipCases: IpCase[] }).ipCases;

describe.each(ipCases)("ip chart: $id (qicharts2 0.8.1 qic.ip)", (ref) => {
  const chart = controlChart({ chart: "ip", values: ref.input.count, denominators: ref.input.size, screenMovingRanges: ref.screenedmr });
  const fields = [
    ["y", "value"],
    ["cl", "centerLine"],
    ["lcl", "lcl"],
    ["ucl", "ucl"],
    ["lcl.95", "lcl95"],
    ["ucl.95", "ucl95"],
  ] as const;

  it.each(fields)("%s agrees with %s within 1e-9 relative at every point", (theirs, ours) => {
    const mismatches = chart.points.flatMap((point, i) => (nearlyEqual(point[ours] as number, ref.output[theirs][i]) ? [] : [`${i}: ${point[ours]} vs ${ref.output[theirs][i]}`]));
    expect(mismatches).toEqual([]);
  });

  it("has the same runs analysis", () => {
    const phase = chart.phases[0];
    expect([phase.usefulCount, phase.longestRun, phase.crossings, phase.runsSignal]).toEqual([
      ref.output["n.useful"],
      ref.output["longest.run"],
      ref.output["n.crossings"],
      ref.output["runs.signal"],
    ]);
  });
});

describe("ip chart: baseline", () => {
  it("freezes the limits at the baseline points (a deliberate difference from qicharts2, docs/DESIGN.md)", () => {
    const counts = [5, 7, 6, 8, 40, 45];
    const sizes = [100, 100, 100, 100, 100, 100];
    const frozen = controlChart({ chart: "ip", values: counts, denominators: sizes, baseline: 4 }).points;
    const first4 = controlChart({ chart: "ip", values: counts.slice(0, 4), denominators: sizes.slice(0, 4) }).points;
    expect(frozen[5].ucl).toBeCloseTo(first4[0].ucl as number, 12);
    expect(frozen[5].sigmaSignal).toBe(true);
  });
});
