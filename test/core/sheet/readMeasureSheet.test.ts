import { CoreError, readMeasureSheet } from "../../../src/core/index";
import { bundle, clabsi, falls, los, messages, read } from "./support";

const HEADER = ["Month", "Numerator", "Denominator", "Value", "Goal", "Annotation"];

describe("readMeasureSheet(input) finds the series", () => {
  it("reads a table at A1 made like Create sheet makes it, with no issues", () => {
    const reading = read(
      [
        HEADER,
        ["2026-01", 18, 20, 90, 95, "Bundle checklist at the bedside"],
        ["2026-02", 19, 20, 95, 95, ""],
        ["2026-03", "", "", "", 95, ""],
      ],
      { measure: bundle, sheetName: "Bundle compliance" },
    );
    expect(reading).toMatchObject({ sheetName: "Bundle compliance", found: true, headerRow: 0, helperColumns: [], issues: [] });
    expect(reading.columns).toEqual({ month: 0, numerator: 1, denominator: 2, value: 3, goal: 4, annotation: 5 });
    expect(reading.rows).toEqual([
      { row: 1, period: "2026-01", numerator: 18, denominator: 20, value: 90, goal: 95, annotation: "Bundle checklist at the bedside" },
      { row: 2, period: "2026-02", numerator: 19, denominator: 20, value: 95, goal: 95, annotation: null },
      { row: 3, period: "2026-03", numerator: null, denominator: null, value: null, goal: 95, annotation: null },
    ]);
    expect(reading.notes[0]).toBe(
      'Series found under the header row 1: month in A ("Month"), numerator in B ("Numerator"), denominator in C ("Denominator"), value in D ("Value"), goal in E ("Goal"), annotation in F ("Annotation").',
    );
  });

  it("reads a table that is not at A1: origin shifts every row, column and address", () => {
    const reading = read(
      [
        ["Month", "Events", "Line days"],
        ["2026-01", 1, 800],
        ["2026-02", "n/a", 760],
      ],
      { measure: clabsi, origin: { row: 4, column: 2 } },
    );
    expect(reading.headerRow).toBe(4);
    expect(reading.columns).toEqual({ month: 2, numerator: 3, denominator: 4 });
    expect(reading.rows.map((r) => r.row)).toEqual([5, 6]);
    expect(messages(reading)).toEqual([
      'NOT_A_NUMBER D7: holds "n/a", which is not a number — leave the cell blank when there is no data (a blank is a missing month; type 0 only if the count really was 0)',
    ]);
    expect(reading.issues[0]).toMatchObject({ address: "D7", row: 6, column: 3, sheetName: "Sheet", measureId: "clabsi-rate", period: "2026-02", severity: "error" });
  });

  it("finds a header row below a title and blank rows, and notes the cells above it", () => {
    const reading = read([
      ["Falls on ward 7 — Team A", "", ""],
      ["", "", ""],
      ["Reporting month", "Falls", "Comments"],
      ["Jan 2026", 3, "hourly rounding"],
      ["Feb 2026", 2, ""],
    ]);
    expect(reading.headerRow).toBe(2);
    expect(reading.columns).toEqual({ month: 0, numerator: 1, annotation: 2 });
    expect(reading.rows.map((r) => [r.period, r.numerator, r.annotation])).toEqual([
      ["2026-01", 3, "hourly rounding"],
      ["2026-02", 2, null],
    ]);
    expect(reading.notes).toContain('Cells above the header row (A1 "Falls on ward 7 — Team A") were not read.');
  });

  it("ignores helper cells to the right of the table and says so", () => {
    const reading = read(
      [
        ["Month", "%", "", "", ""],
        ["2026-01", 50, "", "std", 4.2],
        ["2026-02", 60, "", "mean", 55],
      ],
      { formulas: [["Month", "%", "", "", ""], ["2026-01", 50, "", "std", "=STDEV(B2:B3)"], ["2026-02", 60, "", "mean", "=AVERAGE(B2:B3)"]] },
    );
    expect(reading.rows.map((r) => r.value)).toEqual([50, 60]);
    expect(reading.issues).toEqual([]);
    expect(reading.notes).toContain('Cells outside the table (D2:E3: "std", "mean") were ignored.');
  });

  it("skips blank rows (a blank row is not a month) and reads blank cells as null, never 0", () => {
    const reading = read([
      ["Month", "Numerator", "Denominator"],
      ["2026-01", 5, 10],
      ["", "", ""],
      ["2026-02", "", 12],
      ["", null, undefined],
      ["2026-03", 0, 9],
    ]);
    expect(reading.rows.map((r) => [r.row, r.period, r.numerator, r.denominator])).toEqual([
      [1, "2026-01", 5, 10],
      [3, "2026-02", null, 12],
      [5, "2026-03", 0, 9],
    ]);
  });

  it("tells helper columns from data by their formulas (=MEDIAN(...), =C$2), even under a data header", () => {
    const values = [
      ["Month", "Value", "Baseline", "Rate"],
      ["2026-01", 4, 5, 5],
      ["2026-02", 6, 5, 5],
    ];
    const formulas = [
      ["Month", "Value", "Baseline", "Rate"],
      ["2026-01", 4, "=MEDIAN($B$2:$B$13)", "=MEDIAN(B:B)"],
      ["2026-02", 6, "=MEDIAN($B$2:$B$13)", "=D$2"],
    ];
    const reading = read(values, { formulas });
    expect(reading.columns).toEqual({ month: 0, value: 1 });
    expect(reading.helperColumns).toEqual([2, 3]);
    expect(reading.notes).toContain(
      'Helper columns C ("Baseline", formulas like =MEDIAN($B$2:$B$13)), D ("Rate", formulas like =MEDIAN(B:B)) are worked out from the data (a center line, limits or spread): they are not data and were not read.',
    );
  });

  it("takes a header equal to the measure's name as its Value column", () => {
    const reading = read(
      [
        ["Month", "Length of stay"],
        ["2026-01", 4.5],
      ],
      { measure: los },
    );
    expect(reading.columns).toEqual({ month: 0, value: 1 });
    expect(reading.rows[0].value).toBe(4.5);
    expect(reading.issues).toEqual([]);
  });

  it("reads months given as Excel date serials with a date format, and skips Total rows", () => {
    const reading = read(
      [
        ["Date", "Count"],
        [46023, 4],
        [46054, 2],
        ["Total", 6],
      ],
      { numberFormat: [["General", "General"], ["mmm-yy", "0"], ["mmm-yy", "0"], ["General", "0"]] },
    );
    expect(reading.rows.map((r) => [r.period, r.numerator])).toEqual([
      ["2026-01", 4],
      ["2026-02", 2],
    ]);
    expect(reading.notes).toContain('Row 4 ("Total") is a summary, not a month: skipped.');
    expect(reading.issues).toEqual([]);
  });

  it("reads a value formatted as a percentage (0.25 shown as 25%) as 25", () => {
    const reading = read(
      [
        ["Month", "Numerator", "Denominator", "%"],
        ["2026-01", 10, 40, 0.25],
      ],
      { measure: bundle, numberFormat: [["General", "General", "General", "General"], ["@", "0", "0", "0%"]] },
    );
    expect(reading.rows[0].value).toBe(25);
    expect(reading.issues).toEqual([]);
  });
});

describe("readMeasureSheet(input) says when it finds no series", () => {
  it.each([
    [[], 'No measure data found on sheet "Sheet": the sheet is empty. Put a header row above the data, e.g. Month | Numerator | Denominator | Value, or use Create sheet.'],
    [
      [["Name", "Ward"], ["Ann", "7"]],
      'No measure data found on sheet "Sheet": no row in the first 2 rows names a month column and a numbers column. Put a header row above the data, e.g. Month | Numerator | Denominator | Value, or use Create sheet.',
    ],
    [
      [["Events", "Line days"], [1, 800]],
      'No measure data found on sheet "Sheet": row 1 names numerator in A ("Events"), denominator in B ("Line days") but no month column. Put a header row above the data, e.g. Month | Numerator | Denominator | Value, or use Create sheet.',
    ],
    [
      [["Month", "Owner"], ["2026-01", "Ann"]],
      'No measure data found on sheet "Sheet": row 1 names a month column (A1) but no Numerator, Denominator or Value column. Put a header row above the data, e.g. Month | Numerator | Denominator | Value, or use Create sheet.',
    ],
  ])("readMeasureSheet(%j) reports NO_SERIES_FOUND", (values, message) => {
    const reading = read(values as unknown[][]);
    expect(reading).toMatchObject({ found: false, headerRow: null, columns: {}, rows: [], helperColumns: [] });
    expect(reading.issues).toEqual([
      { severity: "error", code: "NO_SERIES_FOUND", sheetName: "Sheet", measureId: null, period: null, address: null, row: null, column: null, message },
    ]);
    expect(reading.notes).toHaveLength(1);
  });

  it("throws a CoreError when the cells are not a 2-D array or the grids differ in height", () => {
    expect(() => readMeasureSheet({ sheetName: "S", values: "A1" as unknown as unknown[][] })).toThrow(CoreError);
    expect(() => readMeasureSheet({ sheetName: "S", values: [[1]], formulas: [[1], [2]] })).toThrow(/formulas has 2 rows but values has 1/);
    expect(() => readMeasureSheet({ sheetName: "S", values: [[1]], numberFormat: [] })).toThrow(/numberFormat has 0 rows but values has 1/);
  });
});

describe("readMeasureSheet(input) checks every cell and says how to fix it", () => {
  // Header at B13, so the first data row is 14 and the numerator column is C, as in "C14".
  const at = (rows: unknown[][], measure = bundle, formulas?: unknown[][]) =>
    read([["Month", "Numerator", "Denominator", "Value", "Annotation"], ...rows], {
      measure,
      origin: { row: 12, column: 1 },
      ...(formulas === undefined ? {} : { formulas: [["Month", "Numerator", "Denominator", "Value", "Annotation"], ...formulas] }),
    });

  it("NUMERATOR_GT_DENOMINATOR: names the numerator cell and both numbers", () => {
    expect(messages(at([["2026-03", 52, 40, "", ""]]))).toEqual([
      "NUMERATOR_GT_DENOMINATOR C14: numerator 52 is larger than denominator 40 — check both cells; a percentage can't exceed 100%",
    ]);
  });

  it("DENOMINATOR_ZERO: names the denominator cell (and no numerator-too-large on top)", () => {
    expect(messages(at([["2026-03", 5, 0, "", ""]]))).toEqual([
      "DENOMINATOR_ZERO D14: the denominator for 2026-03 is 0, so there is no percentage that month — if nothing was eligible, leave both Numerator and Denominator blank; otherwise type the real denominator",
    ]);
  });

  it("MISSING_DENOMINATOR and MISSING_NUMERATOR: one count without the other", () => {
    expect(messages(at([["2026-03", 5, "", "", ""], ["2026-04", "", 40, "", ""]]))).toEqual([
      "MISSING_DENOMINATOR D14: the denominator for 2026-03 is blank but the numerator is 5 — type the denominator, or clear the numerator if the month was not measured",
      "MISSING_NUMERATOR C15: the numerator for 2026-04 is blank but the denominator is 40 — type the numerator (0 if none), or clear the denominator if the month was not measured",
    ]);
  });

  it("NEGATIVE_NUMBER: for counts and for a percentage value", () => {
    expect(messages(at([["2026-03", -2, 40, -5, ""]]))).toEqual([
      "NEGATIVE_NUMBER C14: the numerator -2 is below zero — a count can't be negative; check the cell",
      "NEGATIVE_NUMBER E14: the value -5 is below zero, which a percentage can't be — check the cell",
    ]);
    expect(messages(at([["2026-03", 2, -40, "", ""]]))).toEqual([
      "NEGATIVE_NUMBER D14: the denominator -40 is below zero — a count can't be negative; check the cell",
    ]);
  });

  it.each([
    ["n/a", 'NOT_A_NUMBER C14: holds "n/a", which is not a number — leave the cell blank when there is no data (a blank is a missing month; type 0 only if the count really was 0)'],
    ["-", 'NOT_A_NUMBER C14: holds "-", which is not a number — leave the cell blank when there is no data (a blank is a missing month; type 0 only if the count really was 0)'],
    ["12%", 'NOT_A_NUMBER C14: holds the text "12%" — type the numerator as a count (a whole number), not a percentage'],
    ["12", "NOT_A_NUMBER C14: holds the number 12 stored as text, which Excel's sums and charts skip — select the cell and choose Convert to Number, or type it again"],
    ["1,5", 'NOT_A_NUMBER C14: holds "1,5" with a decimal comma, which Excel reads as text here — type it with a point (1.5)'],
    ["#DIV/0!", "NOT_A_NUMBER C14: shows #DIV/0! (a division by zero or by a blank cell), not a number — fix the formula, or clear the cell if there is no data"],
    ["#N/A", "NOT_A_NUMBER C14: shows #N/A, not a number — fix the formula, or clear the cell if there is no data"],
    [true, "NOT_A_NUMBER C14: holds TRUE, not a number — type the numerator as a number"],
    ["about ten", 'NOT_A_NUMBER C14: holds the text "about ten", not a number — type the numerator as a number, or leave the cell blank if there is no data'],
  ])("NOT_A_NUMBER: a numerator of %j", (cell, message) => {
    const reading = at([["2026-03", cell, 40, "", ""]]);
    expect(messages(reading)).toEqual([message]);
    expect(reading.rows[0].numerator).toBeNull();
  });

  it('NOT_A_NUMBER: a value typed as the text "12%" is told to drop the % sign', () => {
    expect(messages(at([["2026-03", "", "", "12%", ""]]))).toEqual([
      'NOT_A_NUMBER E14: holds the text "12%" — type 12 without the % sign (the value is already a percentage)',
    ]);
  });

  it("VALUE_MISMATCH: a typed value that disagrees with numerator ÷ denominator; a rounded one agrees", () => {
    expect(messages(at([["2026-03", 1, 3, 33.3, ""], ["2026-04", 1, 3, 33, ""], ["2026-05", 2, 3, 67, ""]]))).toEqual([]);
    expect(messages(at([["2026-03", 30, 40, 70, ""]]))).toEqual([
      "VALUE_MISMATCH E14: value 70 doesn't match numerator ÷ denominator: 30 ÷ 40 × 100 = 75 — correct the value, or clear it and the value is worked out from the numerator and denominator",
    ]);
  });

  it("VALUE_MISMATCH: a formula is trusted when it agrees, and explained when it does not", () => {
    const agrees = at([["2026-03", 30, 40, 75, ""]], bundle, [["2026-03", 30, 40, "=C14/D14*100", ""]]);
    expect(agrees.issues).toEqual([]);
    const fraction = at([["2026-03", 30, 40, 0.75, ""]], bundle, [["2026-03", 30, 40, "=C14/D14", ""]]);
    expect(messages(fraction)).toEqual([
      "VALUE_MISMATCH E14: value 0.75 doesn't match numerator ÷ denominator: 30 ÷ 40 × 100 = 75 — the formula =C14/D14 gives a fraction: multiply by 100 in the formula, or format the cell as %",
    ]);
    const otherRow = at(
      [["2026-03", 30, 40, 75, ""], ["2026-04", 20, 40, 75, ""]],
      bundle,
      [["2026-03", 30, 40, "=C14/D14*100", ""], ["2026-04", 20, 40, "=C14/D14*100", ""]],
    );
    expect(messages(otherRow)).toEqual([
      "VALUE_MISMATCH E15: value 75 doesn't match numerator ÷ denominator: 20 ÷ 40 × 100 = 50 — the formula =C14/D14*100 refers to row 14, not row 15: copy the formula down from a correct row",
    ]);
  });

  it("VALUE_MISMATCH: a rate uses the measure's multiplier (3 is 2.5 rounded, 4 is not); a count's value is its count", () => {
    const rate = read(
      [["Month", "Numerator", "Denominator", "Rate"], ["2026-01", 2, 800, 2.5], ["2026-02", 2, 800, 3], ["2026-03", 2, 800, 4]],
      { measure: clabsi },
    );
    expect(messages(rate)).toEqual([
      "VALUE_MISMATCH D4: value 4 doesn't match numerator ÷ denominator: 2 ÷ 800 × 1000 = 2.5 — correct the value, or clear it and the value is worked out from the numerator and denominator",
    ]);
    const count = read([["Month", "Count", "Value"], ["2026-01", 4, 5]], { measure: falls });
    expect(messages(count)).toEqual([
      "VALUE_MISMATCH C2: value 5 doesn't match the count 4 in B2 — for a count the value is the count itself: correct one of them",
    ]);
  });

  it("VALUE_NOT_FINITE: a rate whose numerator ÷ denominator overflows to Infinity, on the denominator's cell (issue 15 defect 2)", () => {
    const rate = read([["Month", "Numerator", "Denominator", "Rate"], ["2026-01", 5, 1e-307, ""], ["2026-02", 2, 800, ""]], { measure: clabsi });
    expect(messages(rate)).toEqual(["VALUE_NOT_FINITE C2: the denominator for 2026-01 is 1e-307, so 5 ÷ denominator is too large to be a number — type the real denominator"]);
  });

  it("VALUE_OVER_100: a percentage value over 100 with no counts to blame", () => {
    expect(messages(read([["Month", "%"], ["2026-03", 120], ["2026-04", 100]]))).toEqual([
      "VALUE_OVER_100 B2: the value 120 is over 100, which a percentage can't be — check the cell (was a count typed here?)",
    ]);
  });

  it("MISSING_NUMERATOR and MISSING_DENOMINATOR: a percentage's value with neither count (the data store needs both)", () => {
    expect(messages(at([["2026-03", "", "", 75, ""]]))).toEqual([
      "MISSING_NUMERATOR C14: the numerator for 2026-03 is blank but the value is 75 — a percentage is sent as its numerator and denominator: type both, and the value works itself out",
      "MISSING_DENOMINATOR D14: the denominator for 2026-03 is blank but the value is 75 — a percentage is sent as its numerator and denominator: type both, and the value works itself out",
    ]);
  });

  it("MISSING_VALUE: a mean with its number of cases but no mean", () => {
    const reading = read([["Month", "Denominator", "Value"], ["2026-01", 40, 4.2], ["2026-02", 38, ""]], { measure: los });
    expect(messages(reading)).toEqual([
      "MISSING_VALUE C3: the mean for 2026-02 is blank but its Denominator (the number of cases) is 38 — type the mean in this cell, or clear the row if the month was not measured",
    ]);
  });

  it("NOT_WHOLE_NUMBER: a count with a fraction is a warning", () => {
    const reading = at([["2026-03", 2.5, 40, "", ""]]);
    expect(messages(reading)).toEqual([
      "NOT_WHOLE_NUMBER C14: the numerator 2.5 is not a whole number — it counts events or patients; check the cell",
    ]);
    expect(reading.issues[0].severity).toBe("warning");
  });

  it("UNKNOWN_MONTH: an unreadable month, and a blank month beside data", () => {
    expect(messages(at([["Sept", 1, 2, "", ""], ["", 1, 2, "", ""]]))).toEqual([
      'UNKNOWN_MONTH B14: "Sept" has no year: write the month as 2026-01',
      "UNKNOWN_MONTH B15: the month is blank but this row has data — type the month, e.g. 2026-03 (or move the data to its month's row)",
    ]);
  });

  it("DUPLICATE_POINT: the same month twice points at the second and names the first", () => {
    expect(messages(at([["2026-03", 1, 2, "", ""], ["Mar 2026", 1, 2, "", ""]]))).toEqual([
      "DUPLICATE_POINT B15: 2026-03 is already on row 14 (B14) — each month goes on one row: correct the month, or delete one of the two rows",
    ]);
  });

  it("MONTHS_OUT_OF_ORDER: warned once, at the first month earlier than the row above", () => {
    const reading = at([["2026-03", 1, 2, "", ""], ["2026-01", 1, 2, "", ""], ["2026-02", 1, 2, "", ""], ["2026-01-15", 1, 2, "", ""]]);
    expect(messages(reading)).toEqual([
      "DUPLICATE_POINT B17: 2026-01 is already on row 15 (B15) — each month goes on one row: correct the month, or delete one of the two rows",
      "MONTHS_OUT_OF_ORDER B15: 2026-01 comes after 2026-03 (B14) — sort the table by month (oldest first) so run charts read left to right",
    ]);
  });

  it("ANNOTATION_TOO_LONG: over the 500 characters the data store keeps", () => {
    expect(messages(at([["2026-03", 1, 2, "", "x".repeat(501)]]))).toEqual([
      "ANNOTATION_TOO_LONG F14: the annotation is 501 characters; the data store keeps at most 500 — shorten it (the longer story fits in the month's narrative)",
    ]);
  });

  it("MISSING_COLUMN: a percentage measure on a sheet with only a value column", () => {
    const reading = read([["Month", "%"], ["2026-01", 40]], { measure: bundle });
    expect(messages(reading)).toEqual([
      'MISSING_COLUMN C1: there is no Numerator column on this sheet — add a column headed "Numerator" here ("Bundle compliance" is a percentage: numerator ÷ denominator × 100)',
      'MISSING_COLUMN C1: there is no Denominator column on this sheet — add a column headed "Denominator" here ("Bundle compliance" is a percentage: numerator ÷ denominator × 100)',
    ]);
    expect(reading.found).toBe(true);
  });

  it("PERIODS_NOT_MONTHS: weekly dates give several rows per month", () => {
    const reading = read([["Week ending", "Events"], ["2026-01-07", 1], ["2026-01-14", 0], ["2026-01-21", 2], ["2026-01-28", 1]]);
    expect(messages(reading)[0]).toBe(
      'PERIODS_NOT_MONTHS A1: column A ("Week ending") has several rows in the same month (weekly or daily data?) — the collaborative collects one figure per calendar month: total each month on one row',
    );
    expect(reading.issues.filter((i) => i.code === "DUPLICATE_POINT").map((i) => i.address)).toEqual(["A3", "A4", "A5"]);
  });

  it("lists errors before warnings, then by row and column", () => {
    const reading = at([["2026-03", 2.5, 40, "", ""], ["2026-02", 52, 40, "", ""], ["2026-04", "n/a", 40, "", ""]]);
    expect(reading.issues.map((i) => `${i.severity} ${i.address}`)).toEqual(["error C15", "error C16", "warning C14", "warning B15"]);
  });
});
