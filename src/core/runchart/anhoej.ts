/**
 * Anhøj's runs rules (Anhøj & Olesen 2014, "Run charts revisited", PLoS ONE 9(11):e113825), as
 * qicharts2 0.8.1 implements them. The observed figures (`longestRun`, `crossings`) live in
 * runs.ts; this file holds their limits, each stored beside its observed figure in the results.
 */

import { CoreError } from "../errors";
import { binomialQuantile, roundHalfEven } from "../numeric";
import { describeValue } from "./series";

/**
 * Upper limit for the longest run: `round(log2(usefulCount)) + 3` (Schilling 2012, "The surprising
 * predictability of long runs", Math Mag 85:141-149; qicharts2 `longest.run.max`). Rounding is half
 * to even, as R's `round` does (it never matters in practice: log2 of an integer is never exactly
 * x.5). A longest run *greater* than this is a signal.
 *
 * Runs in O(1).
 *
 * @param usefulCount number of useful observations, an integer >= 0
 * @returns the limit, or `null` when no observation is useful
 * @throws {CoreError} invalid_option for a negative or non-integer count
 * @example
 * longestRunMax(24); // => 8
 * longestRunMax(10); // => 6
 * longestRunMax(0); // => null
 */
export function longestRunMax(usefulCount: number): number | null {
  checkCount(usefulCount, "longestRunMax");
  if (usefulCount === 0) return null;
  return roundHalfEven(Math.log2(usefulCount)) + 3;
}

/**
 * Lower limit for the number of crossings: the 5th percentile of Binomial(usefulCount - 1, 0.5),
 * i.e. R's `qbinom(0.05, usefulCount - 1, 0.5)` (Chen 2010, "The probability of the number of
 * crossings", Qual Eng; qicharts2 `n.crossings.min`). Fewer crossings *than* this is a signal. It
 * is 0 for up to 5 useful points, so short series can never signal through crossings.
 *
 * Runs in O(min(n, 1000)), about O(sqrt(n)) beyond.
 *
 * @param usefulCount number of useful observations, an integer >= 0
 * @returns the limit, or `null` when no observation is useful
 * @throws {CoreError} invalid_option for a negative or non-integer count
 * @example
 * crossingsMin(24); // => 8
 * crossingsMin(5); // => 0
 * crossingsMin(0); // => null
 */
export function crossingsMin(usefulCount: number): number | null {
  checkCount(usefulCount, "crossingsMin");
  if (usefulCount === 0) return null;
  return binomialQuantile(0.05, usefulCount - 1, 0.5);
}

/** Both Anhøj limits for a number of useful observations (`null`s when there are none). */
export type AnhoejLimits = { longestRunMax: number | null; crossingsMin: number | null };

/**
 * Both Anhøj limits for a number of useful observations: {@link longestRunMax} and
 * {@link crossingsMin}.
 *
 * Runs in O(min(n, 1000)).
 *
 * @param usefulCount number of useful observations, an integer >= 0
 * @returns the two limits (`null` when no observation is useful)
 * @throws {CoreError} invalid_option for a negative or non-integer count
 * @example
 * anhoejLimits(24); // => { longestRunMax: 8, crossingsMin: 8 }
 * anhoejLimits(0); // => { longestRunMax: null, crossingsMin: null }
 */
export function anhoejLimits(usefulCount: number): AnhoejLimits {
  checkCount(usefulCount, "anhoejLimits");
  return { longestRunMax: longestRunMax(usefulCount), crossingsMin: crossingsMin(usefulCount) };
}

/**
 * The Anhøj runs signal: `longestRun > longestRunMax || crossings < crossingsMin` (strict
 * inequalities, as qicharts2). False when nothing is useful (the limits are `null`).
 *
 * @example
 * anhoejSignal({ longestRun: 9, longestRunMax: 8, crossings: 10, crossingsMin: 8 }); // => true
 * anhoejSignal({ longestRun: 8, longestRunMax: 8, crossings: 8, crossingsMin: 8 }); // => false
 * anhoejSignal({ longestRun: null, longestRunMax: null, crossings: null, crossingsMin: null }); // => false
 */
export function anhoejSignal(figures: {
  longestRun: number | null;
  longestRunMax: number | null;
  crossings: number | null;
  crossingsMin: number | null;
}): boolean {
  const { longestRun, longestRunMax: runMax, crossings, crossingsMin: crossMin } = figures;
  if (longestRun !== null && runMax !== null && longestRun > runMax) return true;
  return crossings !== null && crossMin !== null && crossings < crossMin;
}

function checkCount(count: unknown, caller: string): void {
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
    throw new CoreError("invalid_option", `${caller}: invalid usefulCount ${describeValue(count)} (expected an integer >= 0)`);
  }
}
