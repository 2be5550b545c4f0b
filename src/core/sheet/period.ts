/**
 * Reading a month out of one cell, however a person typed it: an Excel date serial, a JS `Date`,
 * or text such as "2026-01", "Jan 2026", "Jan-26", "01/2026" or "15/01/2026". Everything becomes a
 * period `YYYY-MM` (the contract's `Period`) or a plain-words reason why not.
 */
import { basicCellValue, describeDataType, isDataTypeCell } from "../cellValue";

/**
 * An Excel workbook's date system: which day a date serial counts from. Each workbook has its own
 * (File > Options > Advanced, "Use 1904 date system"). In the 1900 system serial 1 is 1900-01-01; in
 * the 1904 system serial 0 is 1904-01-01 (MS-XLS 2.4.77 Date1904,
 * https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xls/4a5e900a-0eb0-4355-8fc1-81aab8f46e8b),
 * so the same day has a serial 1462 smaller there (4 years and a day).
 */
export type DateSystem = 1900 | 1904;

/** Options of {@link parsePeriod}. */
export type ParsePeriodOptions = {
  /**
   * The workbook's date system (see {@link DateSystem}); default 1900, Excel's default. A workbook
   * in the 1904 system read as 1900 would put every month 4 years early.
   */
  dateSystem?: DateSystem;
  /**
   * The cell's Excel number format (`range.numberFormat`), e.g. "mmm-yy" or "General".
   * - a date format ("mmm-yy", "yyyy-mm-dd", "m/d/yyyy"…): any number is an Excel date serial,
   *   even 1 to 53 (which are then days of January and February 1900)
   * - anything else, or absent (default): small numbers are refused as week numbers, and only
   *   serials of 1950-2099 are read as dates (see {@link parsePeriod})
   */
  numberFormat?: string;
  /**
   * How to read a numeric date whose first two parts could both be a month, e.g. "03/04/2026".
   * - absent (default): refuse it and ask for `YYYY-MM`, rather than guess between March and April
   * - `"dmy"`: day first ("03/04/2026" is 3 April, so 2026-04); `"mdy"`: month first (March 4, so 2026-03)
   */
  dateOrder?: "dmy" | "mdy";
};

/** The result of {@link parsePeriod}: a month, or a message saying what is wrong and how to fix it. */
export type ParsedPeriod = { period: string } | { error: string };

const DAY_MS = 86_400_000;
/** Serials 18264 and 73050 are 1950-01-01 and 2099-12-31 (1900 system): dates a QI series can plausibly hold. */
const PLAUSIBLE_SERIAL_MIN = 18264;
const PLAUSIBLE_SERIAL_MAX = 73050;
/** Excel's last date, 9999-12-31, in the 1900 system. */
const MAX_SERIAL = 2958465;
/** The 1900-system serial of 1904-01-01, day 0 of the 1904 system: the offset between the two systems. */
const OFFSET_1904 = 1462;
const HOW = "write the month as 2026-01";

/** English month names and abbreviations → month number (internal: shared with the PDSA log's date reader). */
export const MONTH_NAMES: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6,
  june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function period(year: number, month: number): ParsedPeriod {
  return { period: `${year}-${pad2(month)}` };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The calendar date of an Excel (1900 date system) serial number. Excel counts 1900-01-01 as day 1
 * and, to stay compatible with Lotus 1-2-3, treats 1900 as a leap year: serial 60 is the day
 * "1900-02-29" that never was, and every serial from 61 on is one more than the true day count
 * (Microsoft, "Excel incorrectly assumes that the year 1900 is a leap year", KB 214326). So serials
 * 1-59 count from 1899-12-31, 60 is kept as February 29th 1900, and 61 onwards count from 1899-12-30.
 * A time of day (the fraction) is dropped.
 *
 * In the 1904 date system serial 0 is 1904-01-01 and every day counts (no fictitious day), so a 1904
 * serial is the 1900 serial of the same day minus 1462.
 *
 * @param serial an Excel serial: 1 (1900-01-01) to 2958465 (9999-12-31) in the 1900 system, 0
 *   (1904-01-01) to 2957003 (9999-12-31) in the 1904 system
 * @param dateSystem the workbook's date system (default 1900)
 * @returns year, month (1-12) and day, or `null` outside Excel's date range
 * @example
 * excelSerialToDate(46023); // => { year: 2026, month: 1, day: 1 }
 * @example
 * excelSerialToDate(60); // => { year: 1900, month: 2, day: 29 }
 * @example
 * excelSerialToDate(44561, 1904); // => { year: 2026, month: 1, day: 1 }
 */
export function excelSerialToDate(serial: number, dateSystem: DateSystem = 1900): { year: number; month: number; day: number } | null {
  if (!Number.isFinite(serial)) return null;
  if (dateSystem === 1904) {
    const whole = Math.floor(serial);
    if (whole < 0 || whole > MAX_SERIAL - OFFSET_1904) return null;
    return excelSerialToDate(whole + OFFSET_1904, 1900);
  }
  const whole = Math.floor(serial);
  if (whole < 1 || whole > MAX_SERIAL) return null;
  if (whole === 60) return { year: 1900, month: 2, day: 29 };
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + whole * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * Whether an Excel number format shows a date (so the cell's number is a date serial). Quoted text,
 * escaped characters and bracketed parts ("[$-409]", "[Red]") are ignored; a format with a day or
 * year code is a date, and one with `m` is a date unless it also has hours or seconds (then `m` means
 * minutes, as in "h:mm").
 *
 * @example
 * isDateNumberFormat("mmm-yy"); // => true
 * @example
 * isDateNumberFormat("0.00%"); // => false
 */
export function isDateNumberFormat(format: string): boolean {
  const codes = format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/[_*]./g, "")
    .toLowerCase();
  if (codes.trim() === "general" || codes.trim() === "@") return false;
  return /[dy]/.test(codes) || (/m/.test(codes) && !/[hs]/.test(codes));
}

function fromNumber(n: number, dateFormat: boolean, dateSystem: DateSystem): ParsedPeriod {
  const shown = String(n);
  if (!Number.isFinite(n)) return { error: `${shown} is not a month: ${HOW}` };
  if (dateFormat) {
    const date = excelSerialToDate(n, dateSystem);
    if (date === null) return { error: `${shown} is not a date Excel can show: ${HOW}` };
    return period(date.year, date.month);
  }
  if (Number.isInteger(n)) {
    if (n >= 1 && n <= 53) return { error: `${shown} looks like a week number, not a month: ${HOW}` };
    if (n >= 1900 && n <= 2100) return { error: `${shown} is a year, not a month: ${HOW}` };
    if (n >= 190001 && n <= 210012 && n % 100 >= 1 && n % 100 <= 12) {
      return { error: `${shown} looks like a month without its dash: write it as ${Math.floor(n / 100)}-${pad2(n % 100)}` };
    }
  }
  const offset = dateSystem === 1904 ? OFFSET_1904 : 0;
  if (n >= PLAUSIBLE_SERIAL_MIN - offset && n < PLAUSIBLE_SERIAL_MAX - offset + 1) {
    const date = excelSerialToDate(n, dateSystem);
    if (date !== null) return period(date.year, date.month);
  }
  return { error: `${shown} is not a month: ${HOW} (or give the cell a date format)` };
}

function fromDate(d: Date): ParsedPeriod {
  const time = d.getTime();
  if (Number.isNaN(time)) return { error: `the date is invalid: ${HOW}` };
  // Nearest UTC day: reads both UTC-midnight dates and local-midnight dates (any offset within ±12 h) right.
  const nearest = new Date(Math.round(time / DAY_MS) * DAY_MS);
  return period(nearest.getUTCFullYear(), nearest.getUTCMonth() + 1);
}

function checkedDate(text: string, year: number, month: number, day: number | null): ParsedPeriod {
  if (year < 1900) return { error: `"${text}" has the year ${year}, which is not plausible: ${HOW}` };
  if (month < 1 || month > 12) return { error: `"${text}" has no month ${month} (months run 1 to 12): ${HOW}` };
  if (day !== null && (day < 1 || day > daysInMonth(year, month))) {
    return { error: `"${text}" is not a real date (${year}-${pad2(month)} has no day ${day}): ${HOW}` };
  }
  return period(year, month);
}

function fullYear(token: string): number {
  return token.length === 2 ? 2000 + Number(token) : Number(token);
}

function fromText(raw: string, options: ParsePeriodOptions): ParsedPeriod {
  const text = raw.trim().replace(/\s+/g, " ");
  if (text === "") return { error: `the month is blank: ${HOW}` };
  const s = text.toLowerCase().replace(/[\u2010-\u2015\u2212]/g, "-");
  let m: RegExpExecArray | null;

  if ((m = /^(\d{4})-(\d{2})-(\d{2})[t ]\d{2}:\d{2}/.exec(s))) {
    return checkedDate(text, Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(s))) return checkedDate(text, Number(m[1]), Number(m[2]), null);
  if (/^\d+(\.\d+)?$/.test(s)) return fromNumber(Number(s), false, options.dateSystem ?? 1900);
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s))) {
    return checkedDate(text, Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if ((m = /^(\d{1,2})[-/.](\d{4})$/.exec(s))) return checkedDate(text, Number(m[2]), Number(m[1]), null);
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(s))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = fullYear(m[3]);
    if (a > 12 && b <= 12) return checkedDate(text, year, b, a);
    if (b > 12 && a <= 12) return checkedDate(text, year, a, b);
    if (a === b) return checkedDate(text, year, a, b);
    if (a > 12 && b > 12) return { error: `"${text}" is not a date (neither ${a} nor ${b} is a month): ${HOW}` };
    if (options.dateOrder === "dmy") return checkedDate(text, year, b, a);
    if (options.dateOrder === "mdy") return checkedDate(text, year, a, b);
    return {
      error: `"${text}" could be day ${a} of month ${b} or day ${b} of month ${a}: write the month as ${year}-${pad2(b)} or ${year}-${pad2(a)}`,
    };
  }
  if (/^(week|wk|w)\.?\s*(no\.?|number|#)?\s*\d{1,2}\b/.test(s) || /^\d{4}-?w\d{1,2}\b/.test(s)) {
    return { error: `"${text}" looks like a week number, not a month: ${HOW}` };
  }
  if (/^(q[1-4]\b|quarter\b)|\bq[1-4]$/.test(s)) {
    return { error: `"${text}" is a quarter, not a month: ${HOW}` };
  }

  const tokens = s.split(/[\s\-/,.']+/).filter((t) => t !== "");
  const named = tokens.filter((t) => t in MONTH_NAMES);
  const numbers = tokens.filter((t) => /^\d+$/.test(t));
  if (named.length === 1 && named.length + numbers.length === tokens.length) {
    const month = MONTH_NAMES[named[0]];
    const years = numbers.filter((t) => t.length === 4);
    if (years.length === 1 && numbers.length <= 2) {
      const dayToken = numbers.find((t) => t.length !== 4);
      return checkedDate(text, Number(years[0]), month, dayToken === undefined ? null : Number(dayToken));
    }
    if (numbers.length === 1 && numbers[0].length === 2) return checkedDate(text, fullYear(numbers[0]), month, null);
    if (years.length === 0) return { error: `"${text}" has no year: ${HOW}` };
  }
  return { error: `"${text}" is not a month this add-in can read: ${HOW}` };
}

/**
 * The month (`YYYY-MM`) a cell holds, or why it holds none. Hand-built sheets write months in many
 * ways; this reads the common ones and refuses the rest with a message that says how to fix the cell.
 *
 * - **numbers** are Excel date serials, in the workbook's date system (`options.dateSystem`: 1900 by
 *   default, with Excel's 1900 leap-year bug, or 1904: see {@link excelSerialToDate}). When the cell's number format is a date format every serial is a
 *   date. Otherwise a whole number 1-53 is refused as a week number, 1900-2100 as a year, 202601 as
 *   a month missing its dash, and other numbers are dates only between 1950 and 2099.
 * - **`Date` objects** are read by their nearest day in UTC, so both UTC-midnight dates (as xlsx
 *   readers make them) and local-midnight dates (`new Date(2026, 0, 1)`) give their own month.
 * - **text**: "2026-01", "2026-1", "2026/01", "2026-01-15", "2026-01-15T00:00:00Z", "01/2026",
 *   "1/2026", "Jan 2026", "January 2026", "Jan-26", "Jan '26", "2026 Jan", "15 Jan 2026",
 *   "Jan 15, 2026" (English month names; a two-digit year is 20YY, as Excel's "mmm-yy" shows it).
 *   A numeric date "a/b/yyyy" is read when only one reading is possible ("15/01/2026" and
 *   "01/15/2026" are both January, "05/05/2026" is May); when both parts could be the month
 *   ("03/04/2026") it is refused unless `options.dateOrder` says which comes first, because guessing
 *   would silently put a month's data in the wrong month.
 * - week numbers ("Week 3", "W03", "2026-W03", bare 1-53), quarters, years and blanks are refused.
 *
 * Runs in O(length of the text).
 *
 * @param raw one value from Excel's `range.values` (number, string, boolean, "" for blank), a `Date`,
 *   or an `Excel.CellValue` (read by its basic value, see src/core/cellValue.ts)
 * @param options see {@link ParsePeriodOptions}
 * @returns `{ period }` or `{ error }` (the error names the value, not the cell: the caller knows the cell)
 * @example
 * parsePeriod(46023); // => { period: "2026-01" }
 * @example
 * parsePeriod("Jan-26"); // => { period: "2026-01" }
 * @example
 * parsePeriod(7); // => { error: "7 looks like a week number, not a month: write the month as 2026-01" }
 * @example
 * parsePeriod(44561, { dateSystem: 1904 }); // => { period: "2026-01" }
 */
export function parsePeriod(raw: unknown, options: ParsePeriodOptions = {}): ParsedPeriod {
  const cell = basicCellValue(raw);
  if (isDataTypeCell(cell)) return { error: `${describeDataType(cell)} is not a month: ${HOW}` };
  if (cell === null || cell === undefined) return { error: `the month is blank: ${HOW}` };
  if (typeof cell === "number") {
    const dateFormat = options.numberFormat !== undefined && isDateNumberFormat(options.numberFormat);
    return fromNumber(cell, dateFormat, options.dateSystem ?? 1900);
  }
  if (cell instanceof Date) return fromDate(cell);
  if (typeof cell === "string") return fromText(cell, options);
  if (typeof cell === "boolean") return { error: `${cell ? "TRUE" : "FALSE"} is not a month: ${HOW}` };
  return { error: `this cell does not hold a month: ${HOW}` };
}
