import { checkWorkbook, marksFor, orderIssues, type PaneIssue } from "../../../src/taskpane/workbook/checkWorkbook";
import { defaultQiCore } from "../../../src/taskpane/qiCore";
import { collaborative } from "../support/fixtures";
import { bundleSheetWithErrors, fakeHost, fixedPdsaLog, handBuiltPdsaLog, rateSheet } from "../support/workbooks";

const sheetFor = (names: Record<string, string>) => (measure: { id: string }) => names[measure.id] ?? null;

describe("checkWorkbook", () => {
  it("reads every mapped sheet, reports each problem on its cell, errors first, and builds the report", async () => {
    const { host, workbook } = fakeHost({ "Bundle (by hand)": bundleSheetWithErrors(), "CLABSI rate": rateSheet() });
    const progress: string[] = [];
    const result = await checkWorkbook({
      host,
      core: defaultQiCore,
      collaborative,
      sheetFor: sheetFor({ bundle: "Bundle (by hand)", "clabsi-rate": "CLABSI rate" }),
      reportingMonth: "2026-04",
      asOf: "2026-05-10",
      onProgress: (p) => progress.push(`${p.index + 1}/${p.total} ${p.sheetName}`),
    });
    expect(progress).toContain("1/2 Bundle (by hand)");
    expect(progress).toContain("2/2 CLABSI rate");
    expect(workbook.reads).toEqual({ "Bundle (by hand)": 1, "CLABSI rate": 1 });

    const bundle = result.issues.filter((i) => i.sheetName === "Bundle (by hand)");
    expect(bundle.filter((i) => i.severity === "error").map((i) => [i.code, i.address])).toEqual(
      expect.arrayContaining([
        ["NOT_A_NUMBER", "B3"],
        ["NUMERATOR_GT_DENOMINATOR", "B4"],
        ["DUPLICATE_POINT", "A5"],
      ]),
    );
    // one issue per cell from the local checks: "n/a" is not also reported as a missing numerator
    expect(bundle.filter((i) => i.address === "B3")).toHaveLength(1);
    const severities = result.issues.filter((i) => i.sheetName === "Bundle (by hand)").map((i) => i.severity);
    expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === "error" ? -1 : 1)));

    expect(result.submission.reportingMonth).toBe("2026-04");
    expect(result.submission.client).toEqual({ name: "excel-taskpane", version: "0.1.0" });
    expect(result.locate(["points", 0, "numerator"])).toMatchObject({ sheetName: "Bundle (by hand)", address: "B2" });
  });

  it("is clean once the cells are fixed", async () => {
    const { host, workbook } = fakeHost({ "Bundle (by hand)": bundleSheetWithErrors(), "CLABSI rate": rateSheet() });
    workbook.setCell("Bundle (by hand)", "B3", 7);
    workbook.setCell("Bundle (by hand)", "D3", 70);
    workbook.setCell("Bundle (by hand)", "B4", 9);
    workbook.setCell("Bundle (by hand)", "D4", 90);
    workbook.setCell("Bundle (by hand)", "A5", "2026-04");
    workbook.setCell("Bundle (by hand)", "A6", "");
    workbook.setCell("Bundle (by hand)", "B6", "");
    workbook.setCell("Bundle (by hand)", "C6", "");
    const result = await checkWorkbook({
      host,
      core: defaultQiCore,
      collaborative,
      sheetFor: sheetFor({ bundle: "Bundle (by hand)", "clabsi-rate": "CLABSI rate" }),
      reportingMonth: "2026-04",
      asOf: "2026-05-10",
    });
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("reports a required measure without a sheet", async () => {
    const { host } = fakeHost({ "CLABSI rate": rateSheet() });
    const result = await checkWorkbook({ host, core: defaultQiCore, collaborative, sheetFor: sheetFor({ "clabsi-rate": "CLABSI rate" }), reportingMonth: "2026-04", asOf: "2026-05-10" });
    expect(result.issues.find((i) => i.code === "MISSING_REQUIRED_MEASURE")?.message).toMatch(/Bundle compliance/);
  });

  it("passes a host failure to the caller", async () => {
    const { host } = fakeHost({});
    await expect(
      checkWorkbook({ host, core: defaultQiCore, collaborative, sheetFor: sheetFor({ bundle: "Gone" }), reportingMonth: "2026-04", asOf: "2026-05-10" }),
    ).rejects.toThrow(/"Gone" does not exist/);
  });
});

describe("orderIssues and marksFor", () => {
  const issue = (partial: Partial<PaneIssue>): PaneIssue => ({ key: "k", severity: "error", code: "X", sheetName: "A", address: "B2", period: null, message: "m", source: "sheet", ...partial });

  it("orderIssues() sorts report-wide issues first, then sheets in order, errors before warnings, then by cell", () => {
    const ordered = orderIssues(
      [
        issue({ key: "1", sheetName: "B", address: "C10", severity: "warning" }),
        issue({ key: "2", sheetName: "A", address: "AA2" }),
        issue({ key: "3", sheetName: "B", address: "C9" }),
        issue({ key: "4", sheetName: null, address: null, code: "Y" }),
        issue({ key: "5", sheetName: "A", address: "C2" }),
      ],
      ["A", "B"],
    );
    expect(ordered.map((i) => i.key)).toEqual(["4", "5", "2", "3", "1"]);
  });

  it("marksFor() gives one mark per cell, an error winning over a warning", () => {
    const marks = marksFor([issue({ severity: "warning", message: "w" }), issue({ message: "e", code: "Z" }), issue({ sheetName: null, address: null })]);
    expect(marks).toEqual([{ sheetName: "A", address: "B2", severity: "error", message: "w\ne" }]);
  });

  it("keeps baseline months before the collaborative on the sheet but does not send them", async () => {
    const withBaseline = [rateSheet()[0], ["2025-11", 4, 1150, ""], ["2025-12", 5, 1210, ""], ...rateSheet().slice(1)];
    const { host } = fakeHost({ "CLABSI rate": withBaseline });
    const result = await checkWorkbook({
      host,
      core: defaultQiCore,
      collaborative,
      sheetFor: sheetFor({ "clabsi-rate": "CLABSI rate" }),
      reportingMonth: "2026-04",
      asOf: "2026-05-10",
    });
    expect(result.issues.find((i) => i.code === "BEFORE_COLLABORATIVE")).toMatchObject({ severity: "warning", address: "A2" });
    const periods = result.submission.points.filter((p) => p.measureId === "clabsi-rate").map((p) => p.period);
    expect(periods).toEqual(["2026-01", "2026-02", "2026-03", "2026-04"]);
    expect(result.issues.filter((i) => i.code === "PERIOD_OUTSIDE_COLLABORATIVE")).toEqual([]);
  });
});

describe("checkWorkbook with a PDSA log", () => {
  const names = { bundle: "Bundle (by hand)", "clabsi-rate": "CLABSI rate" };
  const run = async (log: ReturnType<typeof handBuiltPdsaLog>) => {
    const { host, workbook } = fakeHost({ "Bundle (by hand)": bundleSheetWithErrors(), "CLABSI rate": rateSheet(), "Our PDSAs": log });
    const result = await checkWorkbook({ host, core: defaultQiCore, collaborative, sheetFor: sheetFor(names), pdsaSheet: "Our PDSAs", reportingMonth: "2026-04", asOf: "2026-05-10" });
    return { result, workbook };
  };

  it("reads a hand-built log: its problems on their cells, its good cycles in the report", async () => {
    const { result, workbook } = await run(handBuiltPdsaLog());
    expect(workbook.reads["Our PDSAs"]).toBe(1);
    expect(result.issues.filter((i) => i.sheetName === "Our PDSAs").map((i) => [i.code, i.address, i.message])).toEqual([
      ["MISSING_CYCLE_FIELD", "H5", "H5: the cycle ended on 2026-03-31 but has no decision — type adopt, adapt, abandon or continue"],
      ["NOT_A_DATE", "F6", 'F6: the end date cannot be read: "next week" is not a date this add-in can read: write the date as 2026-03-15'],
    ]);
    expect(result.submission.cycles?.map((c) => [c.cycleId, c.measureIds, c.startDate, c.endDate, c.decision])).toEqual([
      ["1", ["bundle"], "2026-02-02", "2026-02-27", "adapt"],
      ["1b", ["bundle", "clabsi-rate"], "2026-03-01", null, "continue"],
    ]);
    expect(result.pdsa?.notes.join(" ")).toMatch(/"Who" is not one the PDSA log reader reads/);
    // a server conflict about a cycle lands on the log's cell
    expect(result.locate(["cycles", 1, "measureIds", 0])).toEqual({ sheetName: "Our PDSAs", address: "C4" });
    expect(result.locate(["cycles", 0, "decision"])).toEqual({ sheetName: "Our PDSAs", address: "H3" });
    // the log's issues come after the measure sheets'
    const sheetsInOrder = [...new Set(result.issues.map((i) => i.sheetName))];
    expect(sheetsInOrder.indexOf("Our PDSAs")).toBe(sheetsInOrder.length - 1);
  });

  it("once fixed, sends every cycle and labels each measure's chart where cycles of that measure started and ended", async () => {
    const { result } = await run(fixedPdsaLog());
    expect(result.issues.filter((i) => i.sheetName === "Our PDSAs")).toEqual([]);
    expect(result.submission.cycles?.map((c) => c.cycleId)).toEqual(["1", "1b", "2", "3"]);
    // Bundle (by hand) has rows for 2026-01 … 2026-04 (the 2026-03 twice, marked at its first row): point i is table row i
    expect(result.cycleLabels).toEqual([
      { sheetName: "Bundle (by hand)", labels: [{ point: 1, text: "C1 start; C1 end: adapt" }, { point: 2, text: "C1b start" }] },
      { sheetName: "CLABSI rate", labels: [{ point: 2, text: "C1b start; C2 start; C2 end: adopt" }, { point: 3, text: "C3 start" }] },
    ]);
  });

  it("without a log the report carries no cycles", async () => {
    const { host } = fakeHost({ "CLABSI rate": rateSheet() });
    const result = await checkWorkbook({ host, core: defaultQiCore, collaborative, sheetFor: sheetFor({ "clabsi-rate": "CLABSI rate" }), reportingMonth: "2026-04", asOf: "2026-05-10" });
    expect(result.submission.cycles).toBeUndefined();
    expect(result.pdsa).toBeNull();
  });
});
