/**
 * The reporting month, `YYYY-MM`: its one pattern and its arithmetic. Every layer (the contract's
 * `Period` schema, the data store's URL parameters, the admin command line, the task pane) takes
 * them from here, so "what is a month" is decided once.
 *
 * A month is written `YYYY-MM` with a month from 01 to 12 (ISO 8601's calendar month, basic
 * "extended" form: https://www.iso.org/iso-8601-date-and-time-format.html). The text sorts in
 * time order, which the store and every comparison (`period < startMonth`) rely on.
 */

import { CoreError } from "./errors";

/** `YYYY-MM`, month 01 to 12. Capturing groups: year, month. */
export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** What to tell a person who wrote a month any other way. */
export const PERIOD_HINT = "a month written YYYY-MM, e.g. 2026-03";

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Whether `value` is a calendar day written `YYYY-MM-DD` that exists (2026-02-29 does not, 2024-02-29
 * does): the `asOf` of every read and of `validateWorkbook`.
 *
 * Runs in O(1).
 *
 * @example
 * isDay("2024-02-29"); // => true
 * isDay("2026-02-29"); // => false
 * isDay("2026-3-1"); // => false
 */
export function isDay(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Whether `value` is a month written `YYYY-MM` (month 01 to 12).
 *
 * Runs in O(1).
 *
 * @param value anything
 * @returns `true` for a well-formed month
 * @example
 * isPeriod("2026-03"); // => true
 * isPeriod("2026-13"); // => false
 * isPeriod("2026-3"); // => false
 */
export function isPeriod(value: unknown): value is string {
  return typeof value === "string" && PERIOD_PATTERN.test(value);
}

function parsePeriod(period: string, caller: string): { year: number; month: number } {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new CoreError("invalid_value", `${caller}: invalid month ${JSON.stringify(period)} (use YYYY-MM)`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * The month as a number that counts months (`year · 12 + month - 1`), so months can be compared,
 * subtracted and stepped through as integers; {@link periodOfIndex} turns it back.
 *
 * Runs in O(1).
 *
 * @throws {CoreError} `invalid_value` when `period` is not `YYYY-MM`
 * @example
 * monthIndex("2026-03") - monthIndex("2025-12"); // => 3
 */
export function monthIndex(period: string): number {
  const { year, month } = parsePeriod(period, "monthIndex");
  return year * 12 + (month - 1);
}

/**
 * The month of a {@link monthIndex}.
 *
 * Runs in O(1).
 *
 * @example
 * periodOfIndex(monthIndex("2026-01") - 1); // => "2025-12"
 */
export function periodOfIndex(index: number): string {
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/**
 * The month `months` after (or before, when negative) `period`.
 *
 * Runs in O(1).
 *
 * @throws {CoreError} `invalid_value` when `period` is not `YYYY-MM`
 * @example
 * addMonths("2025-11", 3); // => "2026-02"
 * addMonths("2026-01", -1); // => "2025-12"
 */
export function addMonths(period: string, months: number): string {
  const { year, month } = parsePeriod(period, "addMonths");
  return periodOfIndex(year * 12 + (month - 1) + months);
}

/**
 * Every month from `start` to `end`, both included; empty when `end` is before `start`.
 *
 * Runs in O(months).
 *
 * @throws {CoreError} `invalid_value` when `start` or `end` is not `YYYY-MM`
 * @example
 * monthRange("2025-11", "2026-02"); // => ["2025-11", "2025-12", "2026-01", "2026-02"]
 */
export function monthRange(start: string, end: string): string[] {
  parsePeriod(start, "monthRange");
  parsePeriod(end, "monthRange");
  const out: string[] = [];
  for (let m = start; m <= end; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * The month of a date or ISO instant (its first 7 characters, after checking the shape).
 *
 * @throws {CoreError} `invalid_value` when `date` does not start `YYYY-MM-DD`
 * @example
 * monthOf("2026-03-09"); // => "2026-03"
 * monthOf("2026-03-09T23:59:59.000Z"); // => "2026-03"
 */
export function monthOf(date: string): string {
  const match = DATE.exec(date);
  if (!match || !PERIOD_PATTERN.test(date.slice(0, 7))) throw new CoreError("invalid_value", `monthOf: invalid date ${JSON.stringify(date)} (use YYYY-MM-DD)`);
  return date.slice(0, 7);
}
