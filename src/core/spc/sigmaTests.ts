/**
 * Tests for special causes beyond the 3-sigma rule, opt-in for control charts: the Western Electric
 * rules (Western Electric, "Statistical Quality Control Handbook", 1956; Montgomery, "Introduction
 * to Statistical Quality Control", section 5.3.6) and Nelson's eight tests (L. S. Nelson, "The
 * Shewhart control chart: tests for special causes", Journal of Quality Technology 16(4):237-239,
 * 1984). They raise the false-alarm rate, so core never applies them unless asked; qicharts2 uses
 * the Anhøj runs rules instead.
 */

import { CoreError } from "../errors";
import { sideOf } from "../runchart/centerLine";
import { describeValue } from "../runchart/series";
import type { ControlChartPoint } from "./controlChart";
import { pointSigma } from "./sigmaLines";

/** Which family of tests: `"western-electric"` (rules 1 to 4) or `"nelson"` (tests 1 to 8). */
export type SigmaTestSet = "western-electric" | "nelson";

/** Every test set. */
export const SIGMA_TEST_SETS: ReadonlyArray<SigmaTestSet> = Object.freeze(["western-electric", "nelson"]);

/**
 * The tests, each as (points in the window, how many of them must qualify), in the order and with
 * the numbers of their source:
 * - Western Electric: 1 one point beyond 3σ; 2 two of three beyond 2σ on one side; 3 four of five
 *   beyond 1σ on one side; 4 eight in a row on one side of the center line.
 * - Nelson: 1 one point beyond 3σ; 2 nine in a row on one side; 3 six in a row steadily increasing
 *   or decreasing; 4 fourteen in a row alternating up and down; 5 two of three beyond 2σ on one
 *   side; 6 four of five beyond 1σ on one side; 7 fifteen in a row within 1σ (either side);
 *   8 eight in a row beyond 1σ (either side).
 */
export const SIGMA_TESTS = Object.freeze({
  "western-electric": Object.freeze([1, 2, 3, 4]),
  nelson: Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]),
});

/**
 * The tests each point completes: the numbers (as in {@link SIGMA_TESTS}) of every pattern whose
 * window ends at that point, as Nelson (1984) and most software mark a test on the point that
 * completes it. `[]` where none does.
 *
 * How the chart is read: σ of each point is (UCL - CL)/3 or (CL - LCL)/3, whichever is larger (a
 * limit clipped at 0 or 1 is nearer the center line than 3σ, so the larger side is the unclipped
 * one). The zones are CL ± 1σ, ± 2σ and ± 3σ. Missing points are skipped: a pattern runs over the
 * points with a value, and never across a phase boundary. A point on the center line (within 1e-9
 * relative) is on neither side: it breaks a run on one side. Equal neighbours break a steady
 * increase or decrease and an alternation.
 *
 * Only charts whose limits are CL ± 3σ fit the zones: i, xbar, xbar-r, p, pp, np, ip, u, up and c.
 * mr, s, r, g and t charts have skewed limits; their callers should not ask for these tests.
 *
 * Runs in O(n).
 *
 * @param points the points of one chart ({@link controlChart} or {@link subgroupChart})
 * @param set `"western-electric"` or `"nelson"`
 * @returns per point, the numbers of the tests it completes
 * @throws {CoreError} invalid_option for an unknown set
 * @example
 * sigmaTests(controlChart({ chart: "i", values: [1, 3, 2, 4, 3, 2, 3, 2, 20] }).points, "nelson")[8]; // => [1]
 * sigmaTests(controlChart({ chart: "i", values: [5, 1, 2, 3, 4, 5, 6, 7] }).points, "nelson")[7]; // => [3]
 */
export function sigmaTests(points: ReadonlyArray<Pick<ControlChartPoint, "value" | "centerLine" | "lcl" | "ucl" | "phase">>, set: SigmaTestSet): number[][] {
  if (!SIGMA_TEST_SETS.includes(set)) {
    throw new CoreError("invalid_option", `sigmaTests: invalid set ${describeValue(set)} (expected one of ${SIGMA_TEST_SETS.join(", ")})`);
  }
  const result: number[][] = points.map(() => []);
  // the points with a value and a center line, by phase: indices into `points`
  const phases = new Map<number, number[]>();
  points.forEach((point, i) => {
    if (point.value === null || point.centerLine === null) return;
    const list = phases.get(point.phase);
    if (list === undefined) phases.set(point.phase, [i]);
    else list.push(i);
  });
  for (const indices of phases.values()) {
    const z = indices.map((i) => zScore(points[i]));
    const side = indices.map((i) => sideOf(points[i].value as number, points[i].centerLine as number));
    const step = indices.map((i, k) => (k === 0 ? 0 : Math.sign((points[i].value as number) - (points[indices[k - 1]].value as number))));
    const mark = (k: number, test: number): void => {
      result[indices[k]].push(test);
    };
    for (let k = 0; k < indices.length; k++) {
      const beyond = (width: number, count: number, threshold: number): boolean => {
        if (k + 1 < width) return false;
        for (const s of [1, -1]) {
          let hits = 0;
          for (let j = k - width + 1; j <= k; j++) if (s * z[j] > threshold) hits++;
          // the completing point must itself be one of the hits (Nelson: "the point that completes")
          if (hits >= count && s * z[k] > threshold) return true;
        }
        return false;
      };
      const sameSide = (length: number): boolean => k + 1 >= length && side[k] !== 0 && side.slice(k - length + 1, k + 1).every((s) => s === side[k]);
      const steady = (length: number): boolean => k + 1 >= length && step[k] !== 0 && step.slice(k - length + 2, k + 1).every((s) => s === step[k]);
      const alternating = (length: number): boolean => {
        if (k + 1 < length) return false;
        for (let j = k - length + 2; j <= k; j++) if (step[j] === 0 || (j > k - length + 2 && step[j] !== -step[j - 1])) return false;
        return true;
      };
      const all = (length: number, test: (value: number) => boolean): boolean => k + 1 >= length && z.slice(k - length + 1, k + 1).every(test);
      const outside = Math.abs(z[k]) > 3;
      if (set === "western-electric") {
        if (outside) mark(k, 1);
        if (beyond(3, 2, 2)) mark(k, 2);
        if (beyond(5, 4, 1)) mark(k, 3);
        if (sameSide(8)) mark(k, 4);
      } else {
        if (outside) mark(k, 1);
        if (sameSide(9)) mark(k, 2);
        if (steady(6)) mark(k, 3);
        if (alternating(14)) mark(k, 4);
        if (beyond(3, 2, 2)) mark(k, 5);
        if (beyond(5, 4, 1)) mark(k, 6);
        if (all(15, (value) => Math.abs(value) < 1)) mark(k, 7);
        if (all(8, (value) => Math.abs(value) > 1)) mark(k, 8);
      }
    }
  }
  return result;
}

/** (value - CL)/σ with σ from the wider side of the limits ({@link pointSigma}); `NaN` (no zone) without limits. */
function zScore(point: Pick<ControlChartPoint, "value" | "centerLine" | "lcl" | "ucl">): number {
  const sigma = pointSigma(point);
  return sigma === null ? Number.NaN : ((point.value as number) - (point.centerLine as number)) / sigma;
}
