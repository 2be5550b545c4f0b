/**
 * Raw rows into subgroups: the first step of an X-bar, S or R chart. Teams record one row per
 * patient (door-to-needle minutes, with the date or a subgroup label); the chart needs, per
 * subgroup, how many observations it has and their mean, standard deviation and range, as
 * qicharts2 0.8.1 aggregates them (R/helper.functions.R, `qic.agg`: `y.length`, `y.mean`, `y.sd`).
 */

import { describeCell, isBlankCell, lineOfCells } from "../cells";
import { CoreError } from "../errors";
import { describeValue } from "../runchart/series";
import { countOf } from "../words";
import { maskedMean } from "./sums";

/** A subgroup label: a number (e.g. an Excel date serial, or a sample number) or a text. */
export type SubgroupKey = number | string;

/** One subgroup and its statistics (`null` where a statistic is not defined). */
export type Subgroup = {
  /** the subgroup's label; with `byMonth`, the date serial of the first day of its month */
  key: SubgroupKey;
  /** 0-based indices of its rows in the input */
  rows: number[];
  /** observations (rows with a value; blanks are not observations) */
  size: number;
  /** mean of the observations; `null` when there are none */
  mean: number | null;
  /** sample standard deviation (n - 1 in the denominator); `null` below 2 observations */
  sd: number | null;
  /** largest minus smallest observation; `null` below 2 observations */
  range: number | null;
};

/** Options of {@link groupIntoSubgroups}. */
export type SubgroupOptions = {
  /**
   * true: the keys are dates as Excel serial numbers (1 = 1 January 1900), and rows of the same
   * calendar month form one subgroup, keyed by the serial of the month's first day
   */
  byMonth?: boolean | undefined;
};

/** Excel's day 0 (serial 0 = 30 December 1899 in the 1900 date system, from serial 61 on). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * The Excel date serial of the first day of the month that `serial` falls in (1900 date system).
 * Serials below 61 (January and February 1900) are off by Excel's fictitious 29 February 1900
 * and are not expected in QI data.
 *
 * @example
 * monthOfSerial(45306); // => 45292
 */
export function monthOfSerial(serial: number): number {
  const date = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
  return (Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) - EXCEL_EPOCH_MS) / DAY_MS;
}

/**
 * Groups raw rows into subgroups. Rows without a key are left out (qicharts2 drops rows whose
 * subgroup is missing); a row with a key but no value belongs to its subgroup without being an
 * observation, so a subgroup whose values are all blank is kept, with size 0 (a missing month).
 *
 * Order: numeric keys (sample numbers, dates) ascending, as qicharts2 sorts its x; text keys in
 * order of first appearance (qicharts2 sorts text alphabetically, which would put "Apr" before
 * "Jan"; a deliberate difference, docs/DESIGN.md). Keys must be all numbers or all texts.
 *
 * Means use compensated summation (see sums.ts); the standard deviation is two-pass about that
 * mean. Runs in O(n log k) for k subgroups.
 *
 * @param values one value per row, `null` for a blank
 * @param keys one subgroup label per row, `null` for none; same length as `values`
 * @param options `byMonth` to group date serials by calendar month
 * @returns the subgroups, in order
 * @throws {CoreError} length_mismatch when the lengths differ; invalid_value for mixed or bad keys
 *   or a value that is not a finite number
 * @example
 * groupIntoSubgroups([1, 3, 5, 7], ["a", "a", "b", "b"]).map((s) => s.mean); // => [2, 6]
 * groupIntoSubgroups([1, 2, 4], [45306, 45310, 45340], { byMonth: true }).map((s) => s.size); // => [2, 1]
 */
export function groupIntoSubgroups(
  values: ReadonlyArray<number | null>,
  keys: ReadonlyArray<SubgroupKey | null>,
  options: SubgroupOptions = {},
): Subgroup[] {
  if (!Array.isArray(values) || !Array.isArray(keys)) {
    throw new CoreError("invalid_option", "groupIntoSubgroups: values and keys must be arrays");
  }
  if (keys.length !== values.length) {
    throw new CoreError(
      "length_mismatch",
      `subgroups has ${countOf(keys.length, "entry", "entries")} but values has ${values.length}: give one subgroup (a date or a label) per value`,
    );
  }
  const byMonth = options.byMonth === true;
  const groups = new Map<SubgroupKey, number[]>();
  let kind: "number" | "string" | null = null;
  keys.forEach((raw, i) => {
    if (raw === null || raw === "") return;
    const value = values[i];
    if (value !== null && !(typeof value === "number" && Number.isFinite(value))) {
      throw new CoreError("invalid_value", `row ${i + 1}: value ${describeValue(value)} is not a number; enter a number, or leave the cell empty`);
    }
    const rowKind = typeof raw === "number" && Number.isFinite(raw) ? "number" : typeof raw === "string" ? "string" : null;
    if (rowKind === null || (byMonth && rowKind !== "number")) {
      throw new CoreError(
        "invalid_value",
        `row ${i + 1}: subgroup ${describeValue(raw)} is not ${byMonth ? "a date" : "a number or a text"}; ${byMonth ? "enter the date of each row" : "enter a sample number, a date or a label"}`,
      );
    }
    if (kind !== null && rowKind !== kind) {
      throw new CoreError("invalid_value", `row ${i + 1}: subgroup ${describeValue(raw)} mixes numbers and texts; use all dates or numbers, or all labels`);
    }
    kind = rowKind;
    const key = byMonth ? monthOfSerial(raw as number) : raw;
    const rows = groups.get(key);
    if (rows === undefined) groups.set(key, [i]);
    else rows.push(i);
  });
  const ordered = Array.from(groups.entries());
  if (kind === "number") ordered.sort((a, b) => (a[0] as number) - (b[0] as number));
  return ordered.map(([key, rows]) => subgroupOf(key, rows, values));
}

function subgroupOf(key: SubgroupKey, rows: number[], values: ReadonlyArray<number | null>): Subgroup {
  const observations = Float64Array.from(rows.flatMap((i) => (values[i] === null ? [] : [values[i] as number])));
  const size = observations.length;
  if (size === 0) return { key, rows, size, mean: null, sd: null, range: null };
  const mean = maskedMean(observations, 0, size, null);
  if (size === 1) return { key, rows, size, mean, sd: null, range: null };
  let squares = 0;
  let min = observations[0];
  let max = observations[0];
  for (const value of observations) {
    squares += (value - mean) * (value - mean);
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { key, rows, size, mean, sd: Math.sqrt(squares / (size - 1)), range: max - min };
}

/**
 * The subgroup of each row, read from an Excel range (one row or one column): a number (a sample
 * number, or a date, which Excel passes as its serial number), a text label, or `null` for a blank
 * cell (the row is then left out). Logicals and error values are refused, naming the cell.
 *
 * @param cells the range as Excel passes it
 * @param name the argument's name in messages
 * @returns one key or `null` per cell
 * @throws {CoreError} invalid_shape for a block; invalid_value for a logical or an error value
 * @example
 * subgroupKeysFromCells([[45292], [" ward A "], [""]], "subgroups"); // => [45292, "ward A", null]
 */
export function subgroupKeysFromCells(cells: unknown[][], name: string): (SubgroupKey | null)[] {
  return lineOfCells(cells, name).map((value, i) => {
    if (isBlankCell(value)) return null;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    throw new CoreError("invalid_value", `${name} cell ${i + 1} is ${describeCell(value)}: enter a date, a sample number or a label, or leave the cell empty`);
  });
}
