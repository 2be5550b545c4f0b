import { excelSerialToDate, isDateNumberFormat, parsePeriod } from "../../../src/core/index";

const WEEK = "looks like a week number, not a month: write the month as 2026-01";

describe("parsePeriod(cell) with Excel date serials", () => {
  it.each([
    [46023, "2026-01"], // 2026-01-01
    [46053, "2026-01"], // 2026-01-31
    [46054, "2026-02"], // 2026-02-01
    [46023.75, "2026-01"], // 18:00 on 2026-01-01: the time is dropped
    [45657, "2024-12"], // 2024-12-31
    [45351, "2024-02"], // 2024-02-29, a real leap day
    [18264, "1950-01"], // the earliest serial read without a date format
    [73050, "2099-12"], // the latest
  ])("parsePeriod(%d) is %s", (serial, period) => {
    expect(parsePeriod(serial)).toEqual({ period });
  });

  it("excelSerialToDate(serial) keeps Excel's 1900 leap-year bug: 59 is Feb 28, 60 the fictitious Feb 29, 61 Mar 1", () => {
    expect(excelSerialToDate(1)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(excelSerialToDate(59)).toEqual({ year: 1900, month: 2, day: 28 });
    expect(excelSerialToDate(60)).toEqual({ year: 1900, month: 2, day: 29 });
    expect(excelSerialToDate(61)).toEqual({ year: 1900, month: 3, day: 1 });
    expect(excelSerialToDate(367)).toEqual({ year: 1901, month: 1, day: 1 });
    expect(excelSerialToDate(2958465)).toEqual({ year: 9999, month: 12, day: 31 });
    expect(excelSerialToDate(0)).toBeNull();
    expect(excelSerialToDate(2958466)).toBeNull();
    expect(excelSerialToDate(Number.NaN)).toBeNull();
  });

  it("parsePeriod(serial, { numberFormat }) reads every serial as a date when the format is a date, across the 1900 bug", () => {
    const numberFormat = "yyyy-mm-dd";
    expect(parsePeriod(1, { numberFormat })).toEqual({ period: "1900-01" });
    expect(parsePeriod(59, { numberFormat })).toEqual({ period: "1900-02" });
    expect(parsePeriod(60, { numberFormat })).toEqual({ period: "1900-02" });
    expect(parsePeriod(61, { numberFormat })).toEqual({ period: "1900-03" });
    expect(parsePeriod(46023, { numberFormat: "mmm-yy" })).toEqual({ period: "2026-01" });
    expect(parsePeriod(0, { numberFormat })).toEqual({ error: "0 is not a date Excel can show: write the month as 2026-01" });
  });

  it("parsePeriod(n) without a date format refuses week numbers, years, dashless months and implausible serials", () => {
    expect(parsePeriod(1)).toEqual({ error: `1 ${WEEK}` });
    expect(parsePeriod(53)).toEqual({ error: `53 ${WEEK}` });
    expect(parsePeriod(7, { numberFormat: "General" })).toEqual({ error: `7 ${WEEK}` });
    expect(parsePeriod(2026)).toEqual({ error: "2026 is a year, not a month: write the month as 2026-01" });
    expect(parsePeriod(202603)).toEqual({ error: "202603 looks like a month without its dash: write it as 2026-03" });
    expect(parsePeriod(120)).toEqual({ error: "120 is not a month: write the month as 2026-01 (or give the cell a date format)" });
    expect(parsePeriod(3.5)).toEqual({ error: "3.5 is not a month: write the month as 2026-01 (or give the cell a date format)" });
    expect(parsePeriod(-46023)).toHaveProperty("error");
    expect(parsePeriod(Number.POSITIVE_INFINITY)).toEqual({ error: "Infinity is not a month: write the month as 2026-01" });
  });

  it("isDateNumberFormat(format) tells date formats from number, percent and time formats", () => {
    const dates = ["mmm-yy", "yyyy-mm-dd", "m/d/yyyy", "d-mmm", "mmmm yyyy", "[$-409]mmm-yy;@", "dd/mm/yyyy hh:mm"];
    const others = ["General", "0", "0.00", "0%", "#,##0", "@", "h:mm", "[h]:mm:ss", "mm:ss", '"Month "0', "0.00E+00"];
    for (const format of dates) expect([format, isDateNumberFormat(format)]).toEqual([format, true]);
    for (const format of others) expect([format, isDateNumberFormat(format)]).toEqual([format, false]);
  });
});

describe("parsePeriod(date) with JavaScript Date objects", () => {
  it("reads a UTC-midnight date (as xlsx readers make them) by its own month", () => {
    expect(parsePeriod(new Date(Date.UTC(2026, 0, 1)))).toEqual({ period: "2026-01" });
    expect(parsePeriod(new Date(Date.UTC(2026, 0, 31)))).toEqual({ period: "2026-01" });
  });

  it("reads a local-midnight date by its own month whatever the offset within ±12 h (nearest UTC day)", () => {
    // local midnight of 1 Feb 2026 in UTC+2 is 22:00 UTC on 31 Jan; in UTC-5 it is 05:00 UTC on 1 Feb
    expect(parsePeriod(new Date(Date.UTC(2026, 0, 31, 22)))).toEqual({ period: "2026-02" });
    expect(parsePeriod(new Date(Date.UTC(2026, 1, 1, 5)))).toEqual({ period: "2026-02" });
    expect(parsePeriod(new Date(2026, 2, 1))).toEqual({ period: "2026-03" });
  });

  it("refuses an invalid date", () => {
    expect(parsePeriod(new Date(Number.NaN))).toEqual({ error: "the date is invalid: write the month as 2026-01" });
  });
});

describe("parsePeriod(text)", () => {
  it.each([
    ["2026-01", "2026-01"],
    ["2026-1", "2026-01"],
    [" 2026-01 ", "2026-01"],
    ["2026/01", "2026-01"],
    ["2026.01", "2026-01"],
    ["2026–01", "2026-01"], // en dash, as autocorrect writes it
    ["2026-01-15", "2026-01"],
    ["2026/1/15", "2026-01"],
    ["2026-01-15T00:00:00.000Z", "2026-01"],
    ["01/2026", "2026-01"],
    ["1/2026", "2026-01"],
    ["12-2026", "2026-12"],
    ["Jan 2026", "2026-01"],
    ["jan 2026", "2026-01"],
    ["January 2026", "2026-01"],
    ["JANUARY 2026", "2026-01"],
    ["Jan-26", "2026-01"],
    ["Jan '26", "2026-01"],
    ["Jan. 2026", "2026-01"],
    ["Sept 2026", "2026-09"],
    ["2026 Jan", "2026-01"],
    ["2026-Mar", "2026-03"],
    ["15 Jan 2026", "2026-01"],
    ["15-Jan-2026", "2026-01"],
    ["Jan 15, 2026", "2026-01"],
    ["December 31 2026", "2026-12"],
    ["15/01/2026", "2026-01"], // day first: 15 can't be a month
    ["01/15/2026", "2026-01"], // month first: 15 can't be a month
    ["15.01.2026", "2026-01"],
    ["05/05/2026", "2026-05"], // both readings agree
    ["31/12/26", "2026-12"],
    ["46023", "2026-01"], // a serial that arrived as text
  ])("parsePeriod(%j) is %s", (text, period) => {
    expect(parsePeriod(text)).toEqual({ period });
  });

  it("refuses a numeric date whose day and month could be swapped, unless options.dateOrder says which comes first", () => {
    expect(parsePeriod("03/04/2026")).toEqual({
      error: '"03/04/2026" could be day 3 of month 4 or day 4 of month 3: write the month as 2026-04 or 2026-03',
    });
    expect(parsePeriod("03/04/2026", { dateOrder: "dmy" })).toEqual({ period: "2026-04" });
    expect(parsePeriod("03/04/2026", { dateOrder: "mdy" })).toEqual({ period: "2026-03" });
  });

  it.each([
    ["Week 3", `"Week 3" ${WEEK}`],
    ["wk 12", `"wk 12" ${WEEK}`],
    ["W03", `"W03" ${WEEK}`],
    ["2026-W03", `"2026-W03" ${WEEK}`],
    ["3", `3 ${WEEK}`],
    ["Q1 2026", '"Q1 2026" is a quarter, not a month: write the month as 2026-01'],
    ["2026 Q3", '"2026 Q3" is a quarter, not a month: write the month as 2026-01'],
    ["2026", "2026 is a year, not a month: write the month as 2026-01"],
    ["2026-13", '"2026-13" has no month 13 (months run 1 to 12): write the month as 2026-01'],
    ["13/2026", '"13/2026" has no month 13 (months run 1 to 12): write the month as 2026-01'],
    ["31/02/2026", '"31/02/2026" is not a real date (2026-02 has no day 31): write the month as 2026-01'],
    ["2026-02-30", '"2026-02-30" is not a real date (2026-02 has no day 30): write the month as 2026-01'],
    ["13/14/2026", '"13/14/2026" is not a date (neither 13 nor 14 is a month): write the month as 2026-01'],
    ["1850-01", '"1850-01" has the year 1850, which is not plausible: write the month as 2026-01'],
    ["Jan", '"Jan" has no year: write the month as 2026-01'],
    ["Jan 5", '"Jan 5" has no year: write the month as 2026-01'],
    ["", "the month is blank: write the month as 2026-01"],
    ["   ", "the month is blank: write the month as 2026-01"],
    ["baseline", '"baseline" is not a month this add-in can read: write the month as 2026-01'],
    ["Jan Feb 2026", '"Jan Feb 2026" is not a month this add-in can read: write the month as 2026-01'],
  ])("parsePeriod(%j) refuses it: %s", (text, error) => {
    expect(parsePeriod(text)).toEqual({ error });
  });

  it("refuses blanks, logicals and other values", () => {
    expect(parsePeriod(null)).toEqual({ error: "the month is blank: write the month as 2026-01" });
    expect(parsePeriod(undefined)).toEqual({ error: "the month is blank: write the month as 2026-01" });
    expect(parsePeriod(true)).toEqual({ error: "TRUE is not a month: write the month as 2026-01" });
    expect(parsePeriod({})).toEqual({ error: "this cell does not hold a month: write the month as 2026-01" });
  });
});

// The 1904 date system: serial 0 is 1904-01-01 (MS-XLS 2.4.77 Date1904, "The first date of the 1904
// date system is 00:00:00 on January 1, 1904, specified by a serial value of 0",
// https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xls/4a5e900a-0eb0-4355-8fc1-81aab8f46e8b),
// so a day's serial there is its 1900-system serial minus 1462 (1904-01-01 is 1462 in the 1900 system).
describe("parsePeriod(cell, { dateSystem: 1904 })", () => {
  it("excelSerialToDate(serial, 1904) counts from 1904-01-01 as serial 0", () => {
    expect(excelSerialToDate(0, 1904)).toEqual({ year: 1904, month: 1, day: 1 });
    expect(excelSerialToDate(1462)).toEqual({ year: 1904, month: 1, day: 1 });
    expect(excelSerialToDate(59, 1904)).toEqual({ year: 1904, month: 2, day: 29 }); // 1904 was a leap year
    expect(excelSerialToDate(44561, 1904)).toEqual({ year: 2026, month: 1, day: 1 });
    expect(excelSerialToDate(2957003, 1904)).toEqual({ year: 9999, month: 12, day: 31 });
    expect(excelSerialToDate(-1, 1904)).toBeNull();
    expect(excelSerialToDate(2957004, 1904)).toBeNull();
  });

  it("reads a 1904 serial of a month start as that month, with or without a date format", () => {
    for (const [serial, period] of [
      [44561, "2026-01"], // 2026-01-01
      [44592, "2026-02"], // 2026-02-01
      [44591, "2026-01"], // 2026-01-31
      [16802, "1950-01"], // the earliest serial read without a date format
      [71588, "2099-12"], // the latest
    ] as const) {
      expect([serial, parsePeriod(serial, { dateSystem: 1904 })]).toEqual([serial, { period }]);
      expect([serial, parsePeriod(serial, { dateSystem: 1904, numberFormat: "mmm-yy" })]).toEqual([serial, { period }]);
    }
  });

  it("reads the same serial 4 years apart in the two systems (the bug a 1904 workbook showed)", () => {
    expect(parsePeriod(44561)).toEqual({ period: "2021-12" });
    expect(parsePeriod(44561, { dateSystem: 1904 })).toEqual({ period: "2026-01" });
    expect(parsePeriod(46023, { dateSystem: 1900 })).toEqual({ period: "2026-01" });
  });

  it("still refuses week numbers and years in the 1904 system, and reads serial 0 only with a date format", () => {
    expect(parsePeriod(7, { dateSystem: 1904 })).toEqual({ error: `7 ${WEEK}` });
    expect(parsePeriod(2026, { dateSystem: 1904 })).toEqual({ error: "2026 is a year, not a month: write the month as 2026-01" });
    expect(parsePeriod(0, { dateSystem: 1904, numberFormat: "yyyy-mm-dd" })).toEqual({ period: "1904-01" });
  });
});

// A month cell holding a data type: read by its basic value (Excel.CellValue basicValue, @types/office-js),
// and named when it has none (Excel.EntityCellValue: basicValue "#VALUE!").
describe("parsePeriod(cell) of an Excel.CellValue", () => {
  it("reads a formatted number by its basic value and names an entity", () => {
    expect(parsePeriod({ type: "FormattedNumber", basicValue: 46023, numberFormat: "mmm-yy" })).toEqual({ period: "2026-01" });
    expect(parsePeriod({ type: "String", basicValue: "2026-03" })).toEqual({ period: "2026-03" });
    expect(parsePeriod({ type: "Entity", text: "March", basicValue: "#VALUE!" })).toEqual({ error: "the data type 'March' (entity) is not a month: write the month as 2026-01" });
  });
});
