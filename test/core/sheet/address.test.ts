import { a1Address, columnLetters, CoreError, parseA1 } from "../../../src/core/index";

describe("a1Address(row, column)", () => {
  it.each([
    [0, 0, "A1"],
    [13, 2, "C14"],
    [0, 25, "Z1"],
    [0, 26, "AA1"],
    [0, 51, "AZ1"],
    [0, 52, "BA1"],
    [0, 701, "ZZ1"],
    [0, 702, "AAA1"],
    [1048575, 16383, "XFD1048576"],
  ])("a1Address(%i, %i) is %s", (row, column, expected) => {
    expect(a1Address(row, column)).toBe(expected);
  });

  it("a1Address(row, column) refuses negative, fractional and out-of-grid indexes with a CoreError naming the value", () => {
    expect(() => a1Address(-1, 0)).toThrow(CoreError);
    expect(() => a1Address(-1, 0)).toThrow(/invalid row: -1/);
    expect(() => a1Address(0, 1.5)).toThrow(/invalid column: 1.5/);
    expect(() => a1Address(0, 16384)).toThrow(/invalid column: 16384/);
    expect(() => a1Address(1048576, 0)).toThrow(/invalid row: 1048576/);
  });
});

describe("columnLetters(column) and parseA1(address)", () => {
  it("columnLetters(column) gives Excel's bijective base-26 names", () => {
    expect([0, 1, 25, 26, 27, 701, 702, 16383].map(columnLetters)).toEqual(["A", "B", "Z", "AA", "AB", "ZZ", "AAA", "XFD"]);
  });

  it("parseA1(address) inverts a1Address for every column up to AAZ, ignoring $ and case", () => {
    for (let column = 0; column < 728; column += 1) {
      expect(parseA1(a1Address(41, column))).toEqual({ row: 41, column });
    }
    expect(parseA1("$c$14")).toEqual({ row: 13, column: 2 });
  });

  it("parseA1(address) gives null for ranges, sheet-qualified names and addresses off the grid", () => {
    expect(parseA1("A1:B2")).toBeNull();
    expect(parseA1("Sheet1!A1")).toBeNull();
    expect(parseA1("XFE1")).toBeNull();
    expect(parseA1("A0")).toBeNull();
    expect(parseA1("")).toBeNull();
  });
});
