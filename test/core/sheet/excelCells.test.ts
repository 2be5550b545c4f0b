// A measure sheet as real Excel gives it to the pane: a workbook in the 1904 date system, and cells
// holding data types (read by the adapter through Range.valuesAsJson).
import { readMeasureSheet } from "../../../src/core/index";
import { bundle, messages } from "./support";

const HEADER = ["Month", "Numerator", "Denominator", "Value", "Goal", "Annotation"];

describe("readMeasureSheet(input) in a 1904 date-system workbook", () => {
  // MS-XLS 2.4.77 Date1904: serial 0 is 1904-01-01 in the 1904 system, 1 is 1900-01-01 in the 1900 system
  // (https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xls/4a5e900a-0eb0-4355-8fc1-81aab8f46e8b).
  // 44561 and 44592 are 2026-01-01 and 2026-02-01 in the 1904 system (2021-12-01… in the 1900 system).
  const values = [HEADER, [44561, 18, 20, 90, 95, ""], [44592, 19, 20, 95, 95, ""]];
  const numberFormat = values.map((row, r) => row.map((_, c) => (r > 0 && c === 0 ? "mmm-yy" : "General")));

  it("reads month serials in the workbook's own date system", () => {
    const reading = readMeasureSheet({ sheetName: "Bundle", values, numberFormat, measure: bundle, dateSystem: 1904 });
    expect(reading.rows.map((r) => r.period)).toEqual(["2026-01", "2026-02"]);
    expect(reading.issues).toEqual([]);
  });

  it("would read them 4 years early as 1900 serials (the default)", () => {
    const reading = readMeasureSheet({ sheetName: "Bundle", values, numberFormat, measure: bundle });
    expect(reading.rows.map((r) => r.period)).toEqual(["2021-12", "2022-01"]);
  });
});

describe("readMeasureSheet(input) with cells holding data types", () => {
  // Excel.EntityCellValue (@types/office-js): type "Entity", text shown in the cell, basicValue "#VALUE!".
  it("names the data type of a cell with no number instead of calling it #VALUE!", () => {
    const entity = { type: "Entity", text: "Ward 3", basicValue: "#VALUE!" };
    const reading = readMeasureSheet({
      sheetName: "Bundle",
      values: [HEADER, ["2026-01", entity, 20, 90, 95, ""]],
      measure: bundle,
    });
    expect(messages(reading).filter((m) => m.startsWith("NOT_A_NUMBER"))).toEqual([
      expect.stringContaining("holds the data type 'Ward 3' (entity), which has no number — type the numerator itself"),
    ]);
  });

  // Excel.FormattedNumberCellValue: basicValue is the number Range.values gives.
  it("reads a formatted number by its basic value", () => {
    const reading = readMeasureSheet({
      sheetName: "Bundle",
      values: [HEADER, ["2026-01", { type: "FormattedNumber", basicValue: 18, numberFormat: "0" }, 20, 90, 95, ""]],
      measure: bundle,
    });
    expect(reading.rows[0]).toMatchObject({ numerator: 18, denominator: 20 });
  });
});
