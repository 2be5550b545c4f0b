/**
 * The input checks of `controlChart`: which charts need, accept or refuse denominators, and every
 * check of the values, denominators, recent, phases and exclude options, each with a message that
 * says what is wrong and how to fix it.
 */

import { CoreError } from "../errors";
import { describeValue, toSeries } from "../runchart/series";
import { ScratchSlot, scratchFloat64 } from "../scratch";
import { countOf } from "../words";
import type { ChartType, ControlChartInput } from "./controlChart";

/** Charts whose points are numerator ÷ denominator: they need denominators. */
export const WITH_DENOMINATORS: ReadonlySet<ChartType> = new Set(["p", "pp", "u", "up", "np", "ip"]);
/** Charts that plot a ratio when given denominators and the values themselves otherwise. */
export const OPTIONAL_DENOMINATORS: ReadonlySet<ChartType> = new Set(["run", "i"]);
/** Charts of counts without denominators. */
export const COUNTS: ReadonlySet<ChartType> = new Set(["c", "g"]);

// Messages about the data itself (missing or unused denominators, a bad value or denominator at
// a point) are worded for the person who typed the numbers: QI.LIMITS shows them in the cell as
// they are. Points are counted from 1 (the first value is point 1) and no internal name appears.
// Messages about the form of the input (chart, arrays, baseline, phases, exclude) name the caller.

export function readDenominators(input: ControlChartInput, chart: ChartType, n: number, caller: string): Float64Array | null {
  if (input.denominators === undefined) {
    if (WITH_DENOMINATORS.has(chart)) {
      throw new CoreError(
        "invalid_option",
        `a "${chart}" chart needs denominators: give one denominator per value (e.g. patients or line-days), in a range the same size as values`,
      );
    }
    return null;
  }
  if (!WITH_DENOMINATORS.has(chart) && !OPTIONAL_DENOMINATORS.has(chart)) {
    throw new CoreError(
      "invalid_option",
      `a "${chart}" chart takes no denominators: leave denominators empty, or use a p, pp, u or up chart (run and i charts also accept them)`,
    );
  }
  const denominators = toSeries(input.denominators, caller, "denominators", (length) => scratchFloat64(ScratchSlot.Denominators, length));
  if (denominators.length !== n) {
    throw new CoreError(
      "length_mismatch",
      `denominators has ${countOf(denominators.length, "entry", "entries")} but values has ${n}: give one denominator per value`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (denominators[i] < 0) {
      throw new CoreError(
        "invalid_value",
        `point ${i + 1}: denominator ${denominators[i]} is negative; a denominator counts patients, opportunities or time, so enter 0 or more, or leave it empty for a missing month`,
      );
    }
  }
  return denominators;
}

export function checkValues(raw: Float64Array, denominators: Float64Array | null, chart: ChartType): void {
  const counts = WITH_DENOMINATORS.has(chart) || COUNTS.has(chart);
  const proportion = chart === "p" || chart === "pp" || chart === "np";
  if (!counts && chart !== "t") return; // run, i and mr charts take any finite number
  const what = WITH_DENOMINATORS.has(chart) ? "numerator" : "value";
  for (let i = 0; i < raw.length; i++) {
    const value = raw[i];
    if (value !== value) continue;
    if (counts && value < 0) {
      throw new CoreError(
        "invalid_value",
        `point ${i + 1}: ${what} ${value} is negative; a "${chart}" chart counts events, so enter a count of 0 or more`,
      );
    }
    if (chart === "t" && value <= 0) {
      throw new CoreError(
        "invalid_value",
        `point ${i + 1}: time between events ${value} is not positive; a "t" chart needs every time between events to be more than 0 (for counts of cases between events, which can be 0, use a "g" chart)`,
      );
    }
    if (proportion && denominators !== null && value > denominators[i]) {
      throw new CoreError(
        "invalid_value",
        `point ${i + 1}: numerator ${value} is larger than denominator ${denominators[i]}; a proportion's numerator must not exceed its denominator`,
      );
    }
  }
}

export function checkRecent(recent: unknown, n: number, caller: string): number {
  if (typeof recent !== "number" || !Number.isInteger(recent) || recent < 1 || recent > n) {
    const range = n >= 1 ? `an integer from 1 to ${n}, the number of points` : "none: the series is empty";
    throw new CoreError("invalid_option", `${caller}: invalid recent ${describeValue(recent)} (expected ${range})`);
  }
  return recent;
}

export function checkIndex(index: unknown, n: number, option: string, caller: string): number {
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= n) {
    const range = n >= 1 ? `an integer from 0 to ${n - 1}` : "no index: the series is empty";
    throw new CoreError("invalid_option", `${caller}: invalid ${option} index ${describeValue(index)} (expected ${range})`);
  }
  return index;
}

export function checkIndexList(list: unknown, option: string, caller: string): ReadonlyArray<unknown> {
  if (!Array.isArray(list)) {
    throw new CoreError("invalid_option", `${caller}: invalid ${option} ${describeValue(list)} (expected an array of 0-based indices)`);
  }
  return list;
}

/** Sorted, de-duplicated phase starts, always beginning with 0. */
export function phaseStarts(phases: ReadonlyArray<number> | undefined, n: number, caller: string): number[] {
  if (phases === undefined) return [0];
  const list = checkIndexList(phases, "phases", caller);
  const starts = new Set<number>([0]);
  for (const index of list) starts.add(checkIndex(index, n, "phases", caller));
  return Array.from(starts).sort((a, b) => a - b);
}

export function includeMask(exclude: ReadonlyArray<number> | undefined, n: number, caller: string, into: Uint8Array): Uint8Array {
  const include = into.fill(1);
  if (exclude === undefined) return include;
  for (const index of checkIndexList(exclude, "exclude", caller)) include[checkIndex(index, n, "exclude", caller)] = 0;
  return include;
}

/** The `screenMovingRanges` option: true (the default) or false. */
export function checkScreen(screen: unknown, caller: string): boolean {
  if (typeof screen !== "boolean") {
    throw new CoreError("invalid_option", `${caller}: invalid screenMovingRanges ${describeValue(screen)} (expected true or false)`);
  }
  return screen;
}
