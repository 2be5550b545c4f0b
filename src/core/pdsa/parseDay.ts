/**
 * Reading a calendar day out of one cell of a PDSA log (a cycle's start or end), however a person
 * typed it: an Excel date serial, a JS `Date`, or text such as "2026-03-15", "15/03/2026",
 * "15 Mar 2026" or "Mar 15, 2026". The same conventions as the month cells of a measure sheet
 * (`parsePeriod`): serials in the workbook's date system, ambiguous numeric dates refused unless the
 * order is known, and a message that says how to fix the cell.
 */
import { basicCellValue, describeDataType, isDataTypeCell } from "../cellValue";
import { isDay } from "../period";
import { excelSerialToDate, isDateNumberFormat, MONTH_NAMES, type ParsePeriodOptions } from "../sheet/period";

/** The result of {@link parseDay}: a day `YYYY-MM-DD`, or what is wrong and how to fix it. */
export type ParsedDay = { day: string } | { error: string };

const HOW = "write the date as 2026-03-15";
/** Serials of 1950-01-01 and 2099-12-31 (1900 system): plain numbers read as dates only in this span, as for months. */
const PLAUSIBLE_SERIAL_MIN = 18264;
const PLAUSIBLE_SERIAL_MAX = 73050;
const OFFSET_1904 = 1462;
const DAY_MS = 86_400_000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function day(text: string, year: number, month: number, dayOfMonth: number): ParsedDay {
  if (year < 1900) return { error: `"${text}" has the year ${year}, which is not plausible: ${HOW}` };
  if (month < 1 || month > 12) return { error: `"${text}" has no month ${month} (months run 1 to 12): ${HOW}` };
  const iso = `${year}-${pad2(month)}-${pad2(dayOfMonth)}`;
  if (!isDay(iso)) return { error: `"${text}" is not a real date (${year}-${pad2(month)} has no day ${dayOfMonth}): ${HOW}` };
  return { day: iso };
}

function fromSerial(n: number, dateFormat: boolean, options: ParsePeriodOptions): ParsedDay {
  const system = options.dateSystem ?? 1900;
  const offset = system === 1904 ? OFFSET_1904 : 0;
  if (!dateFormat && !(n >= PLAUSIBLE_SERIAL_MIN - offset && n < PLAUSIBLE_SERIAL_MAX - offset + 1)) {
    return { error: `${String(n)} is not a date: ${HOW} (or give the cell a date format)` };
  }
  const date = excelSerialToDate(n, system);
  if (date === null) return { error: `${String(n)} is not a date Excel can show: ${HOW}` };
  return { day: `${date.year}-${pad2(date.month)}-${pad2(date.day)}` };
}

function fromText(raw: string, options: ParsePeriodOptions): ParsedDay {
  const text = raw.trim().replace(/\s+/g, " ");
  const s = text.toLowerCase().replace(/[\u2010-\u2015\u2212]/g, "-");
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})([t ]\d{2}:\d{2}.*)?$/.exec(s))) return day(text, Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d+(\.\d+)?$/.test(s)) return fromSerial(Number(s), false, options);
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(s))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    if (a > 12 && b <= 12) return day(text, year, b, a);
    if (b > 12 && a <= 12) return day(text, year, a, b);
    if (a === b) return day(text, year, a, b);
    if (options.dateOrder === "dmy") return day(text, year, b, a);
    if (options.dateOrder === "mdy") return day(text, year, a, b);
    if (a > 12 && b > 12) return { error: `"${text}" is not a date (neither ${a} nor ${b} is a month): ${HOW}` };
    return { error: `"${text}" could be ${year}-${pad2(b)}-${pad2(a)} or ${year}-${pad2(a)}-${pad2(b)}: write it as one of those` };
  }
  const tokens = s.split(/[\s\-/,.']+/).filter((t) => t !== "");
  const named = tokens.filter((t) => t in MONTH_NAMES);
  const numbers = tokens.filter((t) => /^\d+$/.test(t));
  if (named.length === 1 && named.length + numbers.length === tokens.length) {
    const month = MONTH_NAMES[named[0] as string] as number;
    const years = numbers.filter((t) => t.length === 4);
    const days = numbers.filter((t) => t.length <= 2);
    if (years.length === 1 && days.length === 1) return day(text, Number(years[0]), month, Number(days[0]));
    // "15-Mar-26": Excel's "d-mmm-yy", the day first and a two-digit year last.
    if (years.length === 0 && days.length === 2 && tokens[0] === days[0]) return day(text, 2000 + Number(days[1]), month, Number(days[0]));
    if (days.length === 0 || (years.length === 0 && days.length === 1)) return { error: `"${text}" is a month without its day: ${HOW}` };
  }
  if (/^(\d{4})[-/.](\d{1,2})$|^(\d{1,2})[-/.](\d{4})$/.test(s)) return { error: `"${text}" is a month without its day: ${HOW}` };
  return { error: `"${text}" is not a date this add-in can read: ${HOW}` };
}

/**
 * The day (`YYYY-MM-DD`) a cell holds, or why it holds none.
 *
 * - **numbers** are Excel date serials in the workbook's date system (`options.dateSystem`, default
 *   1900; see `excelSerialToDate`). With a date number format every serial is a date; otherwise only
 *   serials of 1950-2099 are (a stray 7 is not the 7th of January 1900). A time of day is dropped.
 * - **`Date` objects** are read by their nearest UTC day (UTC- and local-midnight dates both give their own day).
 * - **text**: "2026-03-15", "2026/3/15", "2026-03-15T00:00:00Z", "15/03/2026" and "03/15/2026" (when
 *   only one reading is possible; "03/04/2026" is refused unless `options.dateOrder` is `"dmy"` or
 *   `"mdy"`, as for months), "15 Mar 2026", "Mar 15, 2026", "15-Mar-2026", "15-Mar-26" (English month
 *   names). A month without its day ("2026-03", "Mar 2026") is refused: a cycle starts on a day.
 * - blanks, logicals and data types without a date are refused.
 *
 * Runs in O(length of the text).
 *
 * @param raw one value from `range.values`, a `Date`, or an `Excel.CellValue`
 * @param options the cell's `numberFormat`, the workbook's `dateSystem` and the `dateOrder` (as `parsePeriod`)
 * @returns `{ day }` or `{ error }` (naming the value; the caller names the cell)
 * @example
 * parseDay(46096); // => { day: "2026-03-15" }
 * @example
 * parseDay("15 Mar 2026"); // => { day: "2026-03-15" }
 * @example
 * parseDay("2026-03"); // => { error: "\"2026-03\" is a month without its day: write the date as 2026-03-15" }
 */
export function parseDay(raw: unknown, options: ParsePeriodOptions = {}): ParsedDay {
  const cell = basicCellValue(raw);
  if (isDataTypeCell(cell)) return { error: `${describeDataType(cell)} is not a date: ${HOW}` };
  if (cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "")) return { error: `the date is blank: ${HOW}` };
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return { error: `${String(cell)} is not a date: ${HOW}` };
    return fromSerial(cell, options.numberFormat !== undefined && isDateNumberFormat(options.numberFormat), options);
  }
  if (cell instanceof Date) {
    const time = cell.getTime();
    if (Number.isNaN(time)) return { error: `the date is invalid: ${HOW}` };
    const nearest = new Date(Math.round(time / DAY_MS) * DAY_MS);
    return { day: `${nearest.getUTCFullYear()}-${pad2(nearest.getUTCMonth() + 1)}-${pad2(nearest.getUTCDate())}` };
  }
  if (typeof cell === "string") return fromText(cell, options);
  if (typeof cell === "boolean") return { error: `${cell ? "TRUE" : "FALSE"} is not a date: ${HOW}` };
  return { error: `this cell does not hold a date: ${HOW}` };
}
