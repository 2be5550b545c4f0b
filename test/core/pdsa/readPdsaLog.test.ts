// The PDSA log reader: hand-built logs with loose headers, dates as serials or text, and every problem
// on its cell with a fix.
import { CoreError, matchPdsaHeaders, parseDay, pdsaLogLayout, readDecision, readPdsaLog, type ReadPdsaLogInput } from "../../../src/core/index";

const measures = [
  { id: "falls-rate", name: "Falls per 1,000 bed days" },
  { id: "huddle", name: "Safety huddle done" },
];

const read = (values: unknown[][], extra: Partial<ReadPdsaLogInput> = {}) => readPdsaLog({ sheetName: "Our PDSAs", values, measures, ...extra });
const codes = (values: unknown[][], extra: Partial<ReadPdsaLogInput> = {}) => read(values, extra).issues.map((i) => `${i.address ?? "-"} ${i.code}`);

describe("readPdsaLog: a log kept by hand", () => {
  // A title above, loose headers, a notes column the reader does not know, a blank row between cycles.
  const handBuilt = [
    ["Ward 7 PDSA tracker", "", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "", ""],
    ["PDSA #", "Change tested", "Measure(s)", "We predict", "Date started", "Finished", "Results", "Act (adopt/adapt/abandon)", "Owner"],
    [1, "Safety huddle at 08:00", "Safety huddle done; falls-rate", "Huddles on 4 of 5 days", "2026-02-02", "2026-02-27", "4 of 5 days", "Adapt: move to 08:30", "Sam"],
    ["", "", "", "", "", "", "", "", ""],
    ["1b", "Safety huddle at 08:30", "huddle", "5 of 5 days", 46083, "", "", "continuing", "Sam"],
    ["2", "Bed alarms for high-risk patients", "Falls per 1,000 bed days", "", "15 Mar 2026", "Mar 31, 2026", "Fewer falls at night", "Adopted", "Jo"],
  ];
  const dateFormats = handBuilt.map((row, r) => row.map((_, c) => (r === 5 && c === 4 ? "d-mmm-yy" : "General")));

  it("finds the header row under a title, maps every loose header, and reads the cycles", () => {
    const reading = read(handBuilt, { numberFormat: dateFormats });
    expect(reading.found).toBe(true);
    expect(reading.headerRow).toBe(2);
    expect(reading.columns).toEqual({ cycle: 0, changeIdea: 1, measures: 2, prediction: 3, startDate: 4, endDate: 5, whatHappened: 6, decision: 7 });
    expect(reading.issues).toEqual([]);
    expect(reading.cycles).toEqual([
      { cycleId: "1", changeIdea: "Safety huddle at 08:00", measureIds: ["huddle", "falls-rate"], prediction: "Huddles on 4 of 5 days", startDate: "2026-02-02", endDate: "2026-02-27", whatHappened: "4 of 5 days", decision: "adapt" },
      { cycleId: "1b", changeIdea: "Safety huddle at 08:30", measureIds: ["huddle"], prediction: "5 of 5 days", startDate: "2026-03-02", endDate: null, whatHappened: "", decision: "continue" },
      { cycleId: "2", changeIdea: "Bed alarms for high-risk patients", measureIds: ["falls-rate"], prediction: "", startDate: "2026-03-15", endDate: "2026-03-31", whatHappened: "Fewer falls at night", decision: "adopt" },
    ]);
    expect(reading.cycleRows).toEqual([3, 5, 6]);
    expect(reading.notes.join(" ")).toMatch(/"Owner" is not one the PDSA log reader reads: ignored/);
    expect(reading.notes.join(" ")).toMatch(/3 cycles read from rows 4 to 7/);
  });

  it("reads the table 'Create PDSA log' writes, at any origin", () => {
    const layout = pdsaLogLayout(measures);
    const reading = read([layout.headers, ["3", "Teach-back", "huddle", "", 46100, 46110, "", "adopt"]], { origin: { row: 9, column: 2 }, numberFormat: [layout.numberFormats, layout.numberFormats] });
    expect(reading.cycles.map((c) => [c.cycleId, c.startDate, c.endDate])).toEqual([["3", "2026-03-19", "2026-03-29"]]);
    expect(reading.headerRow).toBe(9);
    expect(reading.columns.decision).toBe(9);
  });
});

describe("readPdsaLog: each problem on its cell, saying how to fix it", () => {
  const header = ["Cycle", "Change idea", "Measures", "Start date", "End date", "Decision"];

  it("a blank decision on an ended cycle", () => {
    const issue = read([header, [1, "Huddle", "huddle", "2026-03-02", "2026-03-20", ""]]).issues[0];
    expect(issue).toMatchObject({ code: "MISSING_CYCLE_FIELD", address: "F2", severity: "error", sheetName: "Our PDSAs" });
    expect(issue?.message).toBe("F2: the cycle ended on 2026-03-20 but has no decision — type adopt, adapt, abandon or continue");
  });

  it("a running cycle needs no decision", () => {
    const reading = read([header, [1, "Huddle", "huddle", "2026-03-02", "", ""]]);
    expect(reading.issues).toEqual([]);
    expect(reading.cycles[0]).toMatchObject({ endDate: null, decision: null });
  });

  it("dates it cannot read: month without a day, ambiguous, impossible, a week number", () => {
    const reading = read([
      header,
      [1, "A", "huddle", "2026-03", "", ""],
      [2, "B", "huddle", "03/04/2026", "", ""],
      [3, "C", "huddle", "2026-02-30", "", ""],
      [4, "D", "huddle", 7, "", ""],
      [5, "E", "huddle", "2026-03-01", "soon", "continue"],
    ]);
    expect(reading.issues.map((i) => i.message)).toEqual([
      'D2: the start date cannot be read: "2026-03" is a month without its day: write the date as 2026-03-15',
      'D3: the start date cannot be read: "03/04/2026" could be 2026-04-03 or 2026-03-04: write it as one of those',
      'D4: the start date cannot be read: "2026-02-30" is not a real date (2026-02 has no day 30): write the date as 2026-03-15',
      "D5: the start date cannot be read: 7 is not a date: write the date as 2026-03-15 (or give the cell a date format)",
      'E6: the end date cannot be read: "soon" is not a date this add-in can read: write the date as 2026-03-15',
    ]);
    expect(reading.issues.every((i) => i.code === "NOT_A_DATE")).toBe(true);
    expect(reading.cycles).toEqual([]);
  });

  it("the day order, when the team says it, reads 03/04/2026", () => {
    expect(read([header, [1, "A", "huddle", "03/04/2026", "", ""]], { dateOrder: "dmy" }).cycles[0]?.startDate).toBe("2026-04-03");
  });

  it("an end before the start names both cells", () => {
    expect(read([header, [1, "A", "huddle", "2026-03-20", "2026-03-02", "adopt"]]).issues.map((i) => `${i.code} ${i.message}`)).toEqual([
      "END_BEFORE_START E2: the cycle ends on 2026-03-02, before it starts on 2026-03-20 (D2) — correct one of the two dates",
    ]);
  });

  it("blank label, change idea and start; an unknown decision; a label used twice; an unknown measure", () => {
    expect(
      codes([
        header,
        ["", "", "huddle", "", "", "keep going"],
        ["2", "B", "Hand hygeine", "2026-03-02", "", ""],
        ["Cycle 3", "C", "huddle", "2026-03-02", "", ""],
        ["cycle 3 ", "D", "huddle", "2026-03-05", "", ""],
      ]),
    ).toEqual(["A2 MISSING_CYCLE_FIELD", "B2 MISSING_CYCLE_FIELD", "D2 MISSING_CYCLE_FIELD", "F2 UNKNOWN_DECISION", "C3 UNKNOWN_MEASURE", "A5 DUPLICATE_CYCLE"]);
    const reading = read([header, ["2", "B", "Hand hygeine", "2026-03-02", "", ""]]);
    expect(reading.issues[0]?.message).toBe('C2: "Hand hygeine" is not a measure of this collaborative — use a measure\'s name or id: Falls per 1,000 bed days (falls-rate), Safety huddle done (huddle)');
  });

  it("a cycle naming no measure is a warning and is still sent", () => {
    const reading = read([header, [1, "Huddle", "", "2026-03-02", "", ""]]);
    expect(reading.issues.map((i) => `${i.severity} ${i.code} ${i.address}`)).toEqual(["warning NO_MEASURE_NAMED C2"]);
    expect(reading.cycles).toHaveLength(1);
  });

  it("too-long text, with the limit", () => {
    const reading = read([header, [1, "x".repeat(501), "huddle", "2026-03-02", "", ""]]);
    expect(reading.issues[0]?.message).toBe("B2: the change idea has 501 characters; the data store keeps 500 — shorten it");
  });

  it("missing Cycle and Decision columns are errors beside the header; missing Measures a warning", () => {
    const reading = read([["Change idea", "Start"], ["Huddle", "2026-03-02"]]);
    expect(reading.issues.map((i) => `${i.severity} ${i.code} ${i.address}`)).toEqual(["error MISSING_COLUMN C1", "error MISSING_COLUMN C1", "warning MISSING_COLUMN C1"]);
    expect(reading.issues[0]?.message).toMatch(/there is no "Cycle" column — add one here/);
    expect(reading.cycles).toEqual([]);
  });

  it("no log: says why and how to make one", () => {
    const reading = read([["Month", "Falls"], ["2026-01", 3]]);
    expect(reading.found).toBe(false);
    expect(reading.issues[0]?.message).toMatch(/^No PDSA log found on sheet "Our PDSAs": no row in the first 2 rows names a change idea column and a start date column\. .*Create PDSA log\.$/);
    expect(read([["Cycle", "Change idea", "Notes"]]).issues[0]?.message).toMatch(/row 1 looks like a header but has no "Start date" column/);
    expect(read([]).issues[0]?.message).toMatch(/the sheet is empty/);
  });

  it("refuses grids of the wrong shape, naming itself", () => {
    expect(() => readPdsaLog({ sheetName: "x", values: "no" as unknown as unknown[][] })).toThrow(CoreError);
    expect(() => readPdsaLog({ sheetName: "x", values: [["a"]], numberFormat: [] })).toThrow(/readPdsaLog: numberFormat has 0 rows but values has 1/);
  });

  it("without the collaborative's measures, only ids are read", () => {
    const reading = readPdsaLog({ sheetName: "x", values: [header, [1, "A", "falls-rate, Falls", "2026-03-02", "", ""]] });
    expect(reading.cycles).toEqual([]);
    expect(reading.issues.map((i) => i.code)).toEqual(["UNKNOWN_MEASURE"]);
    expect(reading.notes).toContain("0 of 1 cycles read from rows 2 to 2: the others have an error to fix first.");
    expect(reading.notes.join(" ")).toMatch(/only measure ids/);
  });
});

describe("parseDay, readDecision, matchPdsaHeaders", () => {
  it("parseDay(serial) reads the workbook's date system and date formats", () => {
    expect(parseDay(44634, { dateSystem: 1904 })).toEqual({ day: "2026-03-15" });
    expect(parseDay(5, { numberFormat: "yyyy-mm-dd" })).toEqual({ day: "1900-01-05" });
    expect(parseDay(new Date(Date.UTC(2026, 2, 15)))).toEqual({ day: "2026-03-15" });
    expect(parseDay("15-Mar-26")).toEqual({ day: "2026-03-15" });
    expect(parseDay("2026-03-15T00:00:00Z")).toEqual({ day: "2026-03-15" });
    expect(parseDay("Mar 2026")).toEqual({ error: '"Mar 2026" is a month without its day: write the date as 2026-03-15' });
    expect(parseDay(true)).toEqual({ error: "TRUE is not a date: write the date as 2026-03-15" });
  });

  it("readDecision(text) reads stems and the first word only", () => {
    expect(["ADOPT", "adapted", "Abandoned - no time", "Continue testing", "continued"].map(readDecision)).toEqual(["adopt", "adapt", "abandon", "continue", "continue"]);
    expect(readDecision("spread")).toBeNull();
  });

  it("matchPdsaHeaders(row): 'Cycle start' is a start date and 'Measures the change aims to move' the measures", () => {
    expect(matchPdsaHeaders(["Cycle", "Change", "Measures the change aims to move", "Cycle start", "Cycle end", "What we learned", "Decision"]).columns).toEqual({
      cycle: 0,
      changeIdea: 1,
      measures: 2,
      startDate: 3,
      endDate: 4,
      whatHappened: 5,
      decision: 6,
    });
  });
});
