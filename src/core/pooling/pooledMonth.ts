/**
 * The collaborative's pooled month of one measure: what every team's current point of that month
 * adds up to, computed here once for both engines (issue 15, defect 3: PostgreSQL's `avg()` over two
 * values of 1.5e308 overflowed and answered 500; SQLite's gave null).
 */
import type { MeasureDefinition } from "../schema/collaborative";
import { compensatedSum } from "../numeric";
import { pointValue } from "../submission/checkSubmission";

/** One team's current point of the month, as the data store keeps it. */
export type PoolInput = { numerator: number | null; denominator: number | null; value: number | null };

/** The pooled figures of one measure and month; `teamCount` counts the teams with a point. */
export type PooledMonth = { numerator: number | null; denominator: number | null; value: number | null; teamCount: number };

const finiteOrNull = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : n);

/** Compensated sum of the numbers that are present; `null` when none is. */
function sumOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : finiteOrNull(compensatedSum(present));
}

/**
 * Mean of the present values that cannot overflow: each value is divided by the count before it is
 * summed, so every partial sum stays within the largest |value| (a sum first, as SQL's `avg` does,
 * overflows to Infinity for two values of 1.5e308). `null` when no value is present.
 *
 * @example
 * overflowSafeMean([1.5e308, 1.5e308]); // => 1.5e308
 * overflowSafeMean([2, null, 4]); // => 3
 * overflowSafeMean([null]); // => null
 */
export function overflowSafeMean(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return null;
  return finiteOrNull(compensatedSum(present.map((v) => v / present.length)));
}

/**
 * Pool the teams' points of one measure and month: numerators and denominators are summed (each
 * `null` when no team sent one); the value is worked out from the sums by the measure's kind
 * (`pointValue`: 100 · Σnumerator / Σdenominator for a percent, and so on), except for a `mean`,
 * whose value is typed per team and pools as the mean of the teams' values ({@link overflowSafeMean}).
 * A figure that is not finite (only possible from data stored before the bounds of `PointInput`) is
 * `null`, never Infinity or NaN, which JSON cannot carry.
 *
 * Runs in O(points).
 *
 * @param measure the measure's `kind` and `multiplier`
 * @param points each team's current point of the month
 * @returns the pooled figures and the number of teams
 * @example
 * pooledMonth({ kind: "percent" }, [{ numerator: 40, denominator: 50, value: 80 }, { numerator: 10, denominator: 50, value: 20 }]); // => { numerator: 50, denominator: 100, value: 50, teamCount: 2 }
 * pooledMonth({ kind: "mean" }, [{ numerator: null, denominator: 7, value: 1.5e308 }, { numerator: null, denominator: 9, value: 1.5e308 }]).value; // => 1.5e308
 */
export function pooledMonth(
  measure: Pick<MeasureDefinition, "kind"> & { multiplier?: number | undefined },
  points: readonly PoolInput[],
): PooledMonth {
  const numerator = sumOf(points.map((p) => p.numerator));
  const denominator = sumOf(points.map((p) => p.denominator));
  const value = measure.kind === "mean" ? overflowSafeMean(points.map((p) => p.value)) : finiteOrNull(pointValue(measure, numerator, denominator));
  return { numerator, denominator, value, teamCount: points.length };
}
