import {
  baselineFromCell,
  booleansFromCells,
  choiceFromCell,
  countFromCell,
  describeCell,
  fromCells,
  numberFromCell,
  numbersFromCells,
  optionalNumberFromCell,
  parseDirection,
  spillLike,
  textsFromCells,
  toCells,
} from "../../src/core";
import { coreErrorCode } from "../support/coreErrorCode";


describe("fromCells(cells)", () => {
  it("reads a single column top to bottom", () => {
    expect(fromCells([[1], [2], [3]])).toEqual([1, 2, 3]);
  });

  it("reads a single row left to right", () => {
    expect(fromCells([[1, 2, 3]])).toEqual([1, 2, 3]);
  });

  it("reads a 1×1 range as a one-point series", () => {
    expect(fromCells([[7]])).toEqual([7]);
  });

  it("turns blank cells (null, undefined, \"\") into missing months, never 0", () => {
    expect(fromCells([[1], [null], [undefined], [""], [0]])).toEqual([1, null, null, null, 0]);
  });

  it("keeps negative numbers, zero and decimals unchanged", () => {
    expect(fromCells([[-2.5, 0, 87.19999999999999]])).toEqual([-2.5, 0, 87.19999999999999]);
  });

  it("refuses a block wider than one, naming its size", () => {
    const block = Array.from({ length: 12 }, (_, i) => [i, i, i]);
    expect(() => fromCells(block)).toThrow("values must be a single row or column, got 3 columns × 12 rows");
    expect(coreErrorCode(() => fromCells(block))).toBe("invalid_shape");
  });

  it("refuses an empty range and a ragged one", () => {
    expect(() => fromCells([])).toThrow(/values is empty/);
    expect(() => fromCells([[]])).toThrow(/values is empty/);
    expect(() => fromCells([[1, 2], [3]])).toThrow(/rectangular/);
  });

  it("refuses text, naming the point (1-based) and how to fix it", () => {
    const cells = [[1], [2], [3], [4], [5], [6], ["n/a"], [8]];
    expect(() => fromCells(cells)).toThrow("point 7 is text 'n/a': enter a number, or leave the cell empty for a missing month");
    expect(coreErrorCode(() => fromCells(cells))).toBe("invalid_value");
  });

  it("refuses a number stored as text, saying so (Excel's own charts and SUM disagree about it)", () => {
    expect(() => fromCells([[1], [" 12 "]])).toThrow("point 2 is the number 12 stored as text: re-enter it as a number");
  });

  it("refuses logical values and error values", () => {
    expect(() => fromCells([[true]])).toThrow("point 1 is the logical value TRUE");
    expect(() => fromCells([[1, { code: "#N/A" }]])).toThrow("point 2 is the error #N/A");
  });

  it("refuses non-finite numbers", () => {
    expect(() => fromCells([[Number.NaN]])).toThrow(/point 1 is not a number \(NaN\): enter a finite number/);
    expect(() => fromCells([[1, Infinity]])).toThrow(/point 2 is the number Infinity/);
  });

  it("names another range by its name and cell", () => {
    expect(() => fromCells([[1], ["x"]], "denominators")).toThrow("denominators cell 2 is text 'x'");
    expect(() => fromCells([[1, 2], [3, 4]], "scores")).toThrow("scores must be a single row or column, got 2 columns × 2 rows");
  });
});

describe("the other cell readers", () => {
  it("booleansFromCells(cells) reads TRUE/FALSE, 1/0 and blanks", () => {
    expect(booleansFromCells([[true], [false], [1], [0], [null], [""]], "improving")).toEqual([true, false, true, false, null, null]);
    expect(() => booleansFromCells([[true], ["yes"]], "improving")).toThrow("improving row 2 is text 'yes': enter TRUE or FALSE");
  });

  it("textsFromCells(cells) trims and turns blank or all-space cells into null", () => {
    expect(textsFromCells([[" outcome "], ["   "], [null]], "measureTypes")).toEqual(["outcome", null, null]);
    expect(() => textsFromCells([[3]], "measureTypes")).toThrow("measureTypes row 1 is the number 3: enter text");
  });

  it("numbersFromCells(cells) reads numbers and blanks", () => {
    expect(numbersFromCells([[6], [""]], "monthsAtGoal")).toEqual([6, null]);
    expect(() => numbersFromCells([["six"]], "monthsAtGoal")).toThrow("monthsAtGoal row 1 is text 'six'");
  });

  it("numberFromCell(value) needs a number", () => {
    expect(numberFromCell(0.9, "goal")).toBe(0.9);
    expect(() => numberFromCell(null, "goal")).toThrow("goal is empty: enter a number");
    expect(() => numberFromCell("high", "goal")).toThrow("goal is text 'high': enter a number");
  });

  it("optionalNumberFromCell(value) is undefined for null, undefined and \"\"", () => {
    expect(optionalNumberFromCell(null, "target")).toBeUndefined();
    expect(optionalNumberFromCell(undefined, "target")).toBeUndefined();
    expect(optionalNumberFromCell("", "target")).toBeUndefined();
    expect(optionalNumberFromCell(2, "target")).toBe(2);
  });

  it("countFromCell(value) gives the default when blank and refuses fractions and zero", () => {
    expect(countFromCell(null, "months", 3)).toBe(3);
    expect(countFromCell(6, "months", 3)).toBe(6);
    expect(() => countFromCell(2.5, "months", 3)).toThrow("months must be a whole number of at least 1, got 2.5");
    expect(() => countFromCell(0, "months", 3)).toThrow("months must be a whole number of at least 1, got 0");
  });

  it("baselineFromCell(value, n) is all points when blank or 0, and checks the count", () => {
    expect(baselineFromCell(null, 24)).toBeUndefined();
    expect(baselineFromCell(undefined, 24)).toBeUndefined();
    expect(baselineFromCell("", 24)).toBeUndefined();
    expect(baselineFromCell(0, 24)).toBeUndefined();
    expect(baselineFromCell(12, 24)).toBe(12);
    expect(baselineFromCell(24, 24)).toBe(24);
    expect(() => baselineFromCell(40, 30)).toThrow(
      "baseline 40 is more than the 30 points in values: give at most 30, or leave it empty to use all points",
    );
    expect(() => baselineFromCell(6.5, 30)).toThrow("baseline must be a whole number of points (e.g. 12), got 6.5");
    expect(() => baselineFromCell(-1, 30)).toThrow(/got -1/);
  });

  it("choiceFromCell(value, name, choices) matches in any case, trimmed, and lists the choices", () => {
    expect(choiceFromCell(" P ", "chart", ["i", "p"])).toBe("p");
    expect(choiceFromCell(null, "ruleSet", ["ihi", "anhoej"], "ihi")).toBe("ihi");
    expect(() => choiceFromCell("xbar", "chart", ["i", "p"])).toThrow(`chart must be one of "i", "p"; got text 'xbar'`);
    expect(coreErrorCode(() => choiceFromCell(null, "chart", ["i", "p"]))).toBe("invalid_option");
  });

  it("describeCell(value) reads a value as a spreadsheet user would", () => {
    expect(describeCell(false)).toBe("the logical value FALSE");
    expect(describeCell({})).toBe("an error value");
  });
});

describe("parseDirection(text)", () => {
  it.each([
    ["increase", "increase"],
    ["Up", "increase"],
    [" HIGHER ", "increase"],
    ["higher is better", "increase"],
    ["decrease", "decrease"],
    ["down", "decrease"],
    ["Lower", "decrease"],
    ["lower  is   better", "decrease"],
    ["neutral", "neutral"],
    ["NEUTRAL", "neutral"],
  ])("reads %j as %s", (text, direction) => {
    expect(parseDirection(text)).toBe(direction);
  });

  it("refuses anything else, listing the accepted words", () => {
    const words = `direction must be "increase" (or "up", "higher"), "decrease" (or "down", "lower") or "neutral"`;
    expect(() => parseDirection("sideways")).toThrow(`${words}; got text 'sideways'`);
    expect(() => parseDirection(null)).toThrow(`${words}; got nothing`);
    expect(() => parseDirection(1)).toThrow(`${words}; got the number 1`);
    expect(coreErrorCode(() => parseDirection("sideways"))).toBe("invalid_option");
  });
});

describe("cells out", () => {
  it("spillLike(cells, values) answers a row with a row and a column with a column", () => {
    expect(spillLike([[1, 2]], ["a", null])).toEqual([["a", ""]]);
    expect(spillLike([[1], [2]], ["a", null])).toEqual([["a"], [""]]);
    expect(spillLike([[1]], ["a"])).toEqual([["a"]]);
  });

  it("toCells(rows) shows missing figures as empty cells, not as 0", () => {
    expect(toCells([["center line", null], ["points", 0]])).toEqual([["center line", ""], ["points", 0]]);
  });
});

// Cells holding Excel data types. The functions metadata sets "allowCustomDataForDataTypeAny": true
// (custom-functions-metadata writes it into dist/functions.json) and every series parameter is `any`,
// so such a cell reaches a custom function as an Excel.CellValue object
// (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts,
// "Enable data types for custom functions", "Input an entity value"). The shapes below follow
// @types/office-js: Excel.FormattedNumberCellValue { type: "FormattedNumber", basicValue: number,
// numberFormat }, Excel.DoubleCellValue { type: "Double", basicValue: number }, Excel.BooleanCellValue,
// Excel.StringCellValue, Excel.EmptyCellValue { type: "Empty", basicValue?: "" },
// Excel.EntityCellValue { type: "Entity", text?, basicValue?: "#VALUE!" | string },
// Excel.LinkedEntityCellValue { type: "LinkedEntity", id: LinkedEntityId { domainId? }, text? },
// Excel.WebImageCellValue { type: "WebImage", basicValue?: "#VALUE!" }, Excel.ValueErrorCellValue
// { type: "Error", basicValue: "#VALUE!" }. basicValue is "the value that would be returned by
// Range.values for a cell with this value" (each interface's basicValue).
describe("cells holding Excel data types (Excel.CellValue)", () => {
  const formatted = { type: "FormattedNumber", basicValue: 0.25, numberFormat: "0%" };
  const double = { type: "Double", basicValue: 12, numberFormat: "0.0", properties: {} };
  const empty = { type: "Empty", basicValue: "" };
  const entity = { type: "Entity", text: "Ward 3", basicValue: "#VALUE!", basicType: "Error", properties: { Beds: { type: "Double", basicValue: 24 } } };
  const stock = { type: "LinkedEntity", text: "Microsoft Corp", basicValue: "#VALUE!", id: { serviceId: 268435456, domainId: "Stocks", entityId: "x", culture: "en-US" } };
  const image = { type: "WebImage", address: "https://example.org/a.png", basicValue: "#VALUE!" };

  it("fromCells reads a formatted number and a double by their basic value, and an empty cell value as a missing month", () => {
    expect(fromCells([[formatted], [double], [empty], [3]])).toEqual([0.25, 12, null, 3]);
  });

  it("fromCells refuses an entity, naming the point, the cell's type and the text it shows", () => {
    expect(() => fromCells([[1], [2], [3], [entity]])).toThrow(
      "point 4 is the data type 'Ward 3' (entity), which has no number: enter the number itself, or a formula that takes one of its number fields (e.g. =A2.Price)",
    );
    expect(coreErrorCode(() => fromCells([[entity]]))).toBe("invalid_value");
  });

  it("fromCells names a linked data type with its domain, and an image", () => {
    expect(() => fromCells([[1], [stock]])).toThrow("point 2 is the data type 'Microsoft Corp' (linked data type, Stocks), which has no number");
    expect(() => fromCells([[image]], "denominators")).toThrow("denominators cell 1 is a data type (image), which has no number");
  });

  it("reads data types in the single-cell and list arguments too", () => {
    expect(numberFromCell(formatted, "goal")).toBe(0.25);
    expect(optionalNumberFromCell(empty, "target")).toBeUndefined();
    expect(() => numberFromCell(entity, "goal")).toThrow("goal is the data type 'Ward 3' (entity), which has no number");
    expect(numbersFromCells([[double], [empty]], "monthsAtGoal")).toEqual([12, null]);
    expect(booleansFromCells([[{ type: "Boolean", basicValue: true }], [empty]], "improving")).toEqual([true, null]);
    expect(textsFromCells([[{ type: "String", basicValue: " Outcome " }]], "measureTypes")).toEqual(["Outcome"]);
    expect(parseDirection({ type: "String", basicValue: "up" })).toBe("increase");
    expect(choiceFromCell({ type: "String", basicValue: "P" }, "chart", ["p", "u"])).toBe("p");
    expect(baselineFromCell({ type: "Double", basicValue: 12 }, 24)).toBe(12);
    expect(countFromCell({ type: "Double", basicValue: 6 }, "months", 3)).toBe(6);
  });

  it("describes an error cell value by its error, as Range.values shows it", () => {
    expect(describeCell({ type: "Error", basicValue: "#DIV/0!", errorType: "Div0" })).toBe("the error #DIV/0!");
    expect(() => fromCells([[{ type: "Error", basicValue: "#N/A" }]])).toThrow("point 1 is the error #N/A: enter a number, or leave the cell empty for a missing month");
  });
});
