/**
 * Control chart constants for subgroup charts (X-bar with S, X-bar with R, S and R charts).
 *
 * Sources:
 * - The printed factors (A2, A3, B3, B4, D3, D4, c4, d2, d3 for n = 2..25) are Montgomery,
 *   "Introduction to Statistical Quality Control", Appendix VI ("Factors for constructing variables
 *   control charts"). They are kept as printed, for reference and for teams checking a chart by hand.
 * - The figures we compute with: d2 is the same three-decimal table (qcc 2.7 uses exactly it, its
 *   `exp.R.unscaled` option); d3 carries seven decimals (qcc 2.7's `se.R.unscaled`), so that R-chart
 *   limits agree with qcc's printed ones; c4 is exact, c4(n) = sqrt(2/(n - 1)) Γ(n/2) / Γ((n - 1)/2),
 *   as qicharts2 0.8.1 computes it (R/helper.functions.R, `c4`), for any subgroup size.
 * test/core/subgroupCharts.test.ts checks that A2 = 3/(d2√n), A3 = 3/(c4√n), B3, B4 = 1 ∓ 3√(1 - c4²)/c4
 * and D3, D4 = 1 ∓ 3 d3/d2 round to the printed table.
 */

import { CoreError } from "../errors";
import { describeValue } from "../runchart/series";

/** One row of Montgomery's Appendix VI, as printed (three or four decimals). */
export type SubgroupFactors = {
  n: number;
  A2: number;
  A3: number;
  c4: number;
  B3: number;
  B4: number;
  d2: number;
  d3: number;
  D3: number;
  D4: number;
};

// n, A2, A3, c4, B3, B4, d2, d3, D3, D4 (Montgomery, Appendix VI)
const PRINTED: ReadonlyArray<readonly number[]> = [
  [2, 1.88, 2.659, 0.7979, 0, 3.267, 1.128, 0.853, 0, 3.267],
  [3, 1.023, 1.954, 0.8862, 0, 2.568, 1.693, 0.888, 0, 2.574],
  [4, 0.729, 1.628, 0.9213, 0, 2.266, 2.059, 0.88, 0, 2.282],
  [5, 0.577, 1.427, 0.94, 0, 2.089, 2.326, 0.864, 0, 2.114],
  [6, 0.483, 1.287, 0.9515, 0.03, 1.97, 2.534, 0.848, 0, 2.004],
  [7, 0.419, 1.182, 0.9594, 0.118, 1.882, 2.704, 0.833, 0.076, 1.924],
  [8, 0.373, 1.099, 0.965, 0.185, 1.815, 2.847, 0.82, 0.136, 1.864],
  [9, 0.337, 1.032, 0.9693, 0.239, 1.761, 2.97, 0.808, 0.184, 1.816],
  [10, 0.308, 0.975, 0.9727, 0.284, 1.716, 3.078, 0.797, 0.223, 1.777],
  [11, 0.285, 0.927, 0.9754, 0.321, 1.679, 3.173, 0.787, 0.256, 1.744],
  [12, 0.266, 0.886, 0.9776, 0.354, 1.646, 3.258, 0.778, 0.283, 1.717],
  [13, 0.249, 0.85, 0.9794, 0.382, 1.618, 3.336, 0.77, 0.307, 1.693],
  [14, 0.235, 0.817, 0.981, 0.406, 1.594, 3.407, 0.763, 0.328, 1.672],
  [15, 0.223, 0.789, 0.9823, 0.428, 1.572, 3.472, 0.756, 0.347, 1.653],
  [16, 0.212, 0.763, 0.9835, 0.448, 1.552, 3.532, 0.75, 0.363, 1.637],
  [17, 0.203, 0.739, 0.9845, 0.466, 1.534, 3.588, 0.744, 0.378, 1.622],
  [18, 0.194, 0.718, 0.9854, 0.482, 1.518, 3.64, 0.739, 0.391, 1.608],
  [19, 0.187, 0.698, 0.9862, 0.497, 1.503, 3.689, 0.734, 0.403, 1.597],
  [20, 0.18, 0.68, 0.9869, 0.51, 1.49, 3.735, 0.729, 0.415, 1.585],
  [21, 0.173, 0.663, 0.9876, 0.523, 1.477, 3.778, 0.724, 0.425, 1.575],
  [22, 0.167, 0.647, 0.9882, 0.534, 1.466, 3.819, 0.72, 0.434, 1.566],
  [23, 0.162, 0.633, 0.9887, 0.545, 1.455, 3.858, 0.716, 0.443, 1.557],
  [24, 0.157, 0.619, 0.9892, 0.555, 1.445, 3.895, 0.712, 0.451, 1.548],
  [25, 0.153, 0.606, 0.9896, 0.565, 1.435, 3.931, 0.708, 0.459, 1.541],
];

/** Montgomery's Appendix VI, n = 2..25, as printed. */
export const MONTGOMERY_FACTORS: ReadonlyArray<Readonly<SubgroupFactors>> = Object.freeze(
  PRINTED.map(([n, A2, A3, c4, B3, B4, d2, d3, D3, D4]) => Object.freeze({ n, A2, A3, c4, B3, B4, d2, d3, D3, D4 })),
);

/** d3 to seven decimals, n = 2..25 (qcc 2.7, `se.R.unscaled`; Montgomery prints three). */
const D3_PRECISE: readonly number[] = [
  0.8525033, 0.8883697, 0.8798108, 0.8640855, 0.8480442, 0.8332108, 0.8198378, 0.8078413, 0.7970584, 0.787323, 0.7784873,
  0.7704257, 0.763033, 0.7562217, 0.7499188, 0.7440627, 0.7386021, 0.7334929, 0.728698, 0.7241851, 0.7199267, 0.7158987,
  0.7120802, 0.7084528,
];

/** Smallest and largest subgroup size with tabulated range factors (d2, d3). */
export const RANGE_FACTORS_SIZES = Object.freeze({ min: 2, max: 25 });

/**
 * d2 (mean of the relative range) and d3 (its standard deviation) for subgroups of `n`
 * observations: d2 as Montgomery prints it (three decimals, as qcc 2.7 uses it), d3 to seven
 * decimals (qcc 2.7). Defined for n = 2..25 only: ranges of larger subgroups waste information,
 * so use an X-bar with S chart there.
 *
 * @param n subgroup size, a whole number from 2 to 25
 * @returns `{ d2, d3 }`
 * @throws {CoreError} invalid_value outside 2..25
 * @example
 * rangeFactors(5); // => { d2: 2.326, d3: 0.8640855 }
 */
export function rangeFactors(n: number): { d2: number; d3: number } {
  if (!Number.isInteger(n) || n < RANGE_FACTORS_SIZES.min || n > RANGE_FACTORS_SIZES.max) {
    throw new CoreError(
      "invalid_value",
      `range charts need subgroups of ${RANGE_FACTORS_SIZES.min} to ${RANGE_FACTORS_SIZES.max} observations (got ${describeValue(n)}); for other sizes use an X-bar with S chart ("xbar" and "s")`,
    );
  }
  return { d2: MONTGOMERY_FACTORS[n - 2].d2, d3: D3_PRECISE[n - 2] };
}

const c4Cache: number[] = [];

/**
 * c4(n) = sqrt(2/(n - 1)) Γ(n/2) / Γ((n - 1)/2): the mean of the sample standard deviation of
 * `n` normal observations, in units of σ (Montgomery, Appendix VI; qicharts2 0.8.1 `c4`). The
 * gamma ratio r(n) = Γ(n/2)/Γ((n - 1)/2) is carried by r(n + 2) = r(n)·n/(n - 1) from
 * r(2) = 1/√π and r(3) = √π/2, so no gamma function is needed; `NaN` for n < 2 (no standard
 * deviation), as qicharts2 gives NA. Cached, so each size costs O(n) once.
 *
 * @param n subgroup size
 * @returns c4, or `NaN` for n < 2
 * @example
 * c4(2); // => 0.7978845608028654
 * Math.round(c4(5) * 1e4) / 1e4; // => 0.94
 */
export function c4(n: number): number {
  if (!Number.isInteger(n) || n < 2) return Number.NaN;
  const cached = c4Cache[n];
  if (cached !== undefined) return cached;
  let ratio = n % 2 === 0 ? 1 / Math.sqrt(Math.PI) : Math.sqrt(Math.PI) / 2;
  for (let k = n % 2 === 0 ? 2 : 3; k < n; k += 2) ratio *= k / (k - 1);
  const value = Math.sqrt(2 / (n - 1)) * ratio;
  c4Cache[n] = value;
  return value;
}
