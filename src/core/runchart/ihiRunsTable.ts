/**
 * The IHI runs rule: the number of runs about the median is compared with the limits of a table
 * indexed by the number of useful observations (points not on the median).
 *
 * Source: Perla RJ, Provost LP, Murray SK. "The run chart: a simple analytical tool for learning
 * from variation in healthcare processes". BMJ Qual Saf 2011;20:46-51, Table 1 (after Swed &
 * Eisenhart 1943, 5% limits). The table covers 10 to 60 useful observations; outside that range the
 * rule does not apply.
 */

import { CoreError } from "../errors";
import { describeValue } from "./series";

/** One row of the IHI runs table: too few runs below `lower`, too many above `upper`. */
export type IhiRunsRow = { readonly usefulCount: number; readonly lower: number; readonly upper: number };

const ROWS: ReadonlyArray<readonly [number, number, number]> = [
  [10, 3, 9], [11, 3, 10], [12, 3, 11], [13, 4, 11], [14, 4, 12], [15, 5, 12], [16, 5, 13], [17, 5, 13],
  [18, 6, 14], [19, 6, 15], [20, 6, 16], [21, 7, 16], [22, 7, 17], [23, 7, 17], [24, 8, 18], [25, 8, 18],
  [26, 9, 19], [27, 10, 19], [28, 10, 20], [29, 10, 20], [30, 11, 21], [31, 11, 22], [32, 11, 23],
  [33, 12, 23], [34, 12, 24], [35, 13, 24], [36, 13, 25], [37, 13, 25], [38, 14, 26], [39, 14, 26],
  [40, 15, 27], [41, 16, 27], [42, 16, 28], [43, 17, 28], [44, 17, 29], [45, 17, 30], [46, 17, 31],
  [47, 18, 31], [48, 18, 32], [49, 19, 32], [50, 19, 33], [51, 20, 33], [52, 20, 34], [53, 21, 34],
  [54, 21, 35], [55, 22, 35], [56, 22, 36], [57, 23, 36], [58, 23, 37], [59, 24, 38], [60, 24, 38],
];

/**
 * The IHI runs table as data, one row per number of useful observations from 10 to 60 (Perla,
 * Provost & Murray 2011, BMJ Qual Saf 20:46-51, Table 1). Frozen.
 *
 * @example
 * IHI_RUNS_TABLE.length; // => 51
 * IHI_RUNS_TABLE[14]; // => { usefulCount: 24, lower: 8, upper: 18 }
 */
export const IHI_RUNS_TABLE: ReadonlyArray<IhiRunsRow> = Object.freeze(
  ROWS.map(([usefulCount, lower, upper]) => Object.freeze({ usefulCount, lower, upper })),
);

/** Smallest and largest number of useful observations the IHI runs table covers. */
export const IHI_RUNS_TABLE_RANGE = Object.freeze({ min: 10, max: 60 });

/**
 * Limits on the number of runs for a number of useful observations, from {@link IHI_RUNS_TABLE}.
 *
 * Runs in O(1).
 *
 * @param usefulCount number of points not on the median (an integer >= 0)
 * @returns `{ lower, upper }`, or `null` outside 10..60 where the rule does not apply
 * @throws {CoreError} invalid_option for a negative or non-integer count
 * @example
 * ihiRunsLimits(20); // => { lower: 6, upper: 16 }
 * ihiRunsLimits(9); // => null
 */
export function ihiRunsLimits(usefulCount: number): { lower: number; upper: number } | null {
  if (typeof usefulCount !== "number" || !Number.isInteger(usefulCount) || usefulCount < 0) {
    throw new CoreError("invalid_option", `ihiRunsLimits: invalid usefulCount ${describeValue(usefulCount)} (expected an integer >= 0)`);
  }
  if (usefulCount < IHI_RUNS_TABLE_RANGE.min || usefulCount > IHI_RUNS_TABLE_RANGE.max) return null;
  const row = IHI_RUNS_TABLE[usefulCount - IHI_RUNS_TABLE_RANGE.min];
  return { lower: row.lower, upper: row.upper };
}

/** Verdict of the IHI runs rule. */
export type IhiRunsVerdict = "too_few" | "too_many" | "ok" | "not_applicable";

/**
 * Verdict of the IHI runs rule: `"too_few"` when runs < lower, `"too_many"` when runs > upper,
 * `"ok"` in between, `"not_applicable"` outside 10..60 useful observations.
 *
 * @param runs the number of runs (crossings + 1)
 * @param usefulCount number of points not on the median
 * @example
 * ihiRunsVerdict(5, 20); // => "too_few"
 * ihiRunsVerdict(17, 20); // => "too_many"
 * ihiRunsVerdict(6, 20); // => "ok"
 * ihiRunsVerdict(3, 8); // => "not_applicable"
 */
export function ihiRunsVerdict(runs: number, usefulCount: number): IhiRunsVerdict {
  const limits = ihiRunsLimits(usefulCount);
  if (limits === null) return "not_applicable";
  if (runs < limits.lower) return "too_few";
  if (runs > limits.upper) return "too_many";
  return "ok";
}
