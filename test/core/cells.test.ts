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
