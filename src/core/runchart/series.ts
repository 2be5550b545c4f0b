/**
 * Input checking shared by the run-chart and SPC functions: a series arrives as numbers and `null`
 * (a blank month) and leaves as a `Float64Array` in which `NaN` marks the blank. Callers can never
 * pass `NaN` themselves (it is refused), so inside core `NaN` means "missing" and nothing else.
 */

import { CoreError } from "../errors";

/**
 * Describe an offending value for an error message: strings are quoted, everything else is
 * written as JavaScript would print it.
 *
 * @example
 * describeValue("abc"); // => '"abc"'
 * describeValue(Number.NaN); // => "NaN"
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "an object";
  return String(value);
}

/**
 * Copy a series of finite numbers and `null`s into a `Float64Array`, with `NaN` for each `null`.
 * Blanks are never coerced to 0.
 *
 * Runs in O(n).
 *
 * @param values the observations in time order; `null` marks a missing value
 * @param caller the public function name, for error messages (e.g. `"analyzeRunChart"`)
 * @param option the option the series came in (default `"values"`)
 * @param memory where to copy to: given the length, an array of it (e.g. borrowed working memory,
 *   see scratch.ts); without it the copy is new memory
 * @returns a typed array with `NaN` in place of each `null`
 * @throws {CoreError} invalid_option when `values` is not an array; invalid_value when an entry is
 *   neither `null` nor a finite number
 * @example
 * Array.from(toSeries([1, null, 3], "f")); // => [1, NaN, 3]
 */
export function toSeries(
  values: ReadonlyArray<number | null>,
  caller: string,
  option = "values",
  memory?: (n: number) => Float64Array,
): Float64Array {
  if (!Array.isArray(values)) {
    throw new CoreError("invalid_option", `${caller}: invalid ${option} ${describeValue(values)} (expected an array of numbers and nulls)`);
  }
  const n = values.length;
  const series = memory === undefined ? new Float64Array(n) : memory(n);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    // numbers first: they are the common case; `value - value` is 0 exactly for finite numbers
    if (typeof value === "number" && value - value === 0) series[i] = value;
    else if (value === null) series[i] = Number.NaN;
    else throw invalidEntry(value, i, caller, option);
  }
  return series;
}

/** The error for an entry that is neither `null` nor a finite number (kept out of the hot loop). */
function invalidEntry(value: unknown, index: number, caller: string, option: string): CoreError {
  return new CoreError(
    "invalid_value",
    `${caller}: invalid ${option} ${describeValue(value)} at index ${index} (expected a finite number or null)`,
  );
}

/**
 * Check a baseline option: an integer number of points from 1 to the length of the series.
 *
 * @throws {CoreError} invalid_option naming the caller, the option and the value
 * @example
 * checkBaseline(12, 24, "f"); // => 12
 */
export function checkBaseline(baseline: unknown, length: number, caller: string): number {
  if (typeof baseline !== "number" || !Number.isInteger(baseline) || baseline < 1 || baseline > length) {
    const range = length >= 1 ? `an integer from 1 to ${length}, the number of points` : "no baseline: the series is empty";
    throw new CoreError("invalid_option", `${caller}: invalid baseline ${describeValue(baseline)} (expected ${range})`);
  }
  return baseline;
}
