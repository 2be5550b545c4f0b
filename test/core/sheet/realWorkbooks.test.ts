/**
 * The three hand-built workbooks of test/fixtures/real-workbooks (alioh/IHI-QI104, Apache-2.0), read
 * from their JSON cell grids exactly as the task pane would pass Excel's range.values/formulas.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { median, readMeasureSheet, toSubmission, validateWorkbook } from "../../../src/core/index";
import { collaborative } from "./support";

type Grid = { source: string; sheets: { name: string; address: string; values: unknown[][]; formulas: unknown[][]; numberFormat: string[][] }[] };

function load(name: string): Grid {
  return JSON.parse(readFileSync(join(__dirname, "../../fixtures/real-workbooks", `${name}.json`), "utf8")) as Grid;
}

function readGrid(name: string) {
  const sheet = load(name).sheets[0];
  return { sheet, reading: readMeasureSheet({ sheetName: sheet.name, values: sheet.values, formulas: sheet.formulas, numberFormat: sheet.numberFormat }) };
}

const WORKBOOKS = [
  { name: "L1-1", sheetName: "L1", address: "A1:H53", points: 52 },
  { name: "L2-2", sheetName: "L2", address: "A1:H53", points: 29 },
  { name: "L2-5", sheetName: "L2", address: "A1:H41", points: 21 },
] as const;

describe.each(WORKBOOKS)("readMeasureSheet on the real workbook $name", ({ name, sheetName, address, points }) => {
  const { sheet, reading } = readGrid(name);

  it("the JSON grid has Excel's shape: the used range, values, formulas and formats of equal size, blanks as \"\"", () => {
    expect(sheet.name).toBe(sheetName);
    expect(sheet.address).toBe(address);
    const rows = Number(address.split(":")[1].slice(1));
    for (const grid of [sheet.values, sheet.formulas, sheet.numberFormat]) {
      expect(grid).toHaveLength(rows);
      for (const row of grid) expect(row).toHaveLength(8);
    }
    expect(sheet.values[0].slice(0, 5)).toEqual(["Week", "%", "median", "UCL", "LCL"]);
    expect(sheet.formulas[1][3]).toBe("=H$3+(H$2* 3 )");
    // rows below the data are formatted but blank: part of the used range, as Excel counts it
    for (const row of sheet.values.slice(points + 1)) expect(row).toEqual(["", "", "", "", "", "", "", ""]);
    expect(rows - 1 - points).toBe(name === "L1-1" ? 0 : name === "L2-2" ? 23 : 19);
  });

  it(`finds the series: header row 1, week numbers in A, the value column "%" in B, ${points} points`, () => {
    expect(reading.found).toBe(true);
    expect(reading.headerRow).toBe(0);
    expect(reading.columns).toEqual({ month: 0, value: 1, median: 2 });
    expect(reading.rows).toHaveLength(points);
    const column = sheet.values.slice(1, points + 1).map((row) => row[1]);
    expect(reading.rows.map((r) => r.value)).toEqual(column);
    expect(reading.rows.map((r) => r.row)).toEqual(Array.from({ length: points }, (_, i) => i + 1));
    expect(reading.rows.every((r) => r.numerator === null && r.denominator === null && r.period === null)).toBe(true);
  });

  it("recognises median, UCL and LCL as helper columns and the cells at G2:H3 as outside the table", () => {
    expect(reading.helperColumns).toEqual([2, 3, 4]);
    expect(reading.notes).toContain(
      'Helper columns C ("median"), D ("UCL"), E ("LCL") are worked out from the data (a center line, limits or spread): they are not data and were not read.',
    );
    expect(reading.notes).toContain('Cells outside the table (G2:H3: "std", "median") were ignored.');
  });

  it("says clearly, in notes and as located issues, that the periods are week numbers and can't be submitted", () => {
    expect(reading.notes[1]).toBe(`${points} rows with data read (rows 2 to ${address.split(":")[1].slice(1)}; blank rows are skipped, never read as 0).`);
    expect(reading.notes[2]).toBe(
      `The periods in column A ("Week") are week numbers (1 to ${points}), not months: the collaborative collects one figure per calendar month, so these ${points} rows can't be submitted as they are.`,
    );
    const [first, ...perCell] = reading.issues;
    expect(first).toEqual({
      severity: "error",
      code: "PERIODS_NOT_MONTHS",
      sheetName,
      measureId: null,
      period: null,
      address: "A1",
      row: 0,
      column: 0,
      message: `A1: column A ("Week") holds week numbers (1 to ${points}), not months — the collaborative collects one figure per calendar month, so these rows can't be submitted as they are: add a Month column (2026-01, 2026-02, …) with one row per month, e.g. the total of that month's weeks`,
    });
    expect(perCell).toHaveLength(points);
    expect(perCell.map((i) => [i.code, i.address])).toEqual(Array.from({ length: points }, (_, i) => ["UNKNOWN_MONTH", `A${i + 2}`]));
    expect(perCell[0].message).toBe("A2: 1 looks like a week number, not a month: write the month as 2026-01");
  });

  it("gives nothing to submit, and validation says the required measure has no reporting-month data", () => {
    expect(toSubmission({ sheets: [{ measureId: "bundle-compliance", reading }], reportingMonth: "2026-06" }).submission.points).toEqual([]);
    const issues = validateWorkbook({
      collaborative,
      sheets: [{ measureId: "bundle-compliance", reading }],
      reportingMonth: "2026-06",
      asOf: "2026-07-10",
    }).filter((i) => i.sheetName === sheetName);
    expect(issues.map((i) => i.code)).toContain("MISSING_REQUIRED_MEASURE");
    expect(issues.map((i) => i.code)).toContain("PERIODS_NOT_MONTHS");
  });
});

describe("the real workbook L2-5: a point exactly on the median", () => {
  const { sheet, reading } = readGrid("L2-5");

  it("reads week 5 (B6) as exactly the median the sheet's own =MEDIAN(B:B) gives (C6), and core's median agrees", () => {
    const week5 = reading.rows[4];
    expect(week5.row).toBe(5);
    expect(week5.value).toBe(10.755229138321406);
    expect(week5.value).toBe(sheet.values[5][2]);
    const values = reading.rows.map((r) => r.value as number);
    expect(median(values)).toBe(week5.value);
    expect(values.filter((v) => v === week5.value)).toHaveLength(1);
  });

  it("L2-2's baseline median (C2 =MEDIAN(B2:B30), C3:C30 =C$2) is a helper column too, and week 6 sits on it", () => {
    const l22 = readGrid("L2-2");
    expect(l22.sheet.formulas[2][2]).toBe("=C$2");
    expect(l22.reading.helperColumns).toContain(2);
    expect(l22.reading.rows[5].value).toBe(l22.sheet.values[1][2]);
  });
});
