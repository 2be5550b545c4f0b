import { CoreError, measureSheetName, SUSPICIOUS_VALUE_RULE, validateWorkbook } from "../../../src/core/index";
import { bundle, clabsi, collaborative, falls, messages, read } from "./support";

const H = ["Month", "Numerator", "Denominator", "Value"];
const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2026-${String(from + i).padStart(2, "0")}`);
/** A bundle sheet with a row per month, numerator/denominator given per month. */
const bundleSheet = (rows: unknown[][]) => ({ measureId: bundle.id, reading: read([H, ...rows], { measure: bundle, sheetName: "Bundle" }) });
const clabsiSheet = (rows: unknown[][]) => ({ measureId: clabsi.id, reading: read([H, ...rows], { measure: clabsi, sheetName: "CLABSI" }) });
const steady = (from: number, to: number) => months(from, to).map((m, i) => [m, 15 + (i % 3), 20, ""]);

function validate(sheets: ReturnType<typeof bundleSheet>[], options: { reportingMonth?: string; asOf?: string; history?: Record<string, { period: string; value: number | null }[]> } = {}) {
  return validateWorkbook({
    collaborative,
    sheets,
    reportingMonth: options.reportingMonth ?? "2026-03",
    asOf: options.asOf ?? "2026-04-10",
    ...(options.history === undefined ? {} : { history: options.history }),
  });
}

describe("validateWorkbook(input): months against the calendar and the collaborative", () => {
  it("PERIOD_IN_FUTURE for data after today's month; MONTH_NOT_OVER for the running month when it would be sent", () => {
    const issues = validate([bundleSheet([...steady(1, 4), ["2026-05", 1, 2, ""]]), clabsiSheet([["2026-03", 1, 900, ""]])], {
      reportingMonth: "2026-04",
      asOf: "2026-04-10",
    }).filter((i) => i.sheetName === "Bundle");
    expect(messages(issues)).toEqual([
      "PERIOD_IN_FUTURE A6: 2026-05 is in the future (today is 2026-04-10) — check the month (a mistyped year?); figures can be sent once a month has ended",
      "MONTH_NOT_OVER A5: 2026-04 is not over yet (today is 2026-04-10), so its figures may be incomplete — send them after the month ends, or send a revision then",
    ]);
    expect(issues.map((i) => i.severity)).toEqual(["error", "warning"]);
  });

  it("PERIOD_OUTSIDE_COLLABORATIVE after the end month; one BEFORE_COLLABORATIVE warning for baseline months", () => {
    const issues = validate(
      [bundleSheet([["2025-11", 10, 20, ""], ["2025-12", 11, 20, ""], ...steady(1, 12), ["2027-01", 15, 20, ""]]), clabsiSheet([["2027-01", 1, 900, ""]])],
      { reportingMonth: "2027-01", asOf: "2027-02-03" },
    ).filter((i) => i.sheetName === "Bundle");
    expect(messages(issues)).toEqual([
      "PERIOD_OUTSIDE_COLLABORATIVE A16: 2027-01 is after the collaborative ended (2026-12) — check the month; months after the end can't be sent",
      "BEFORE_COLLABORATIVE A2: 2 months before the collaborative began in 2026-01 (2025-11 to 2025-12) — they stay on your sheet as baseline for your run charts but are not sent (the collaborative collects 2026-01 to 2026-12); check the months if they are not baseline",
    ]);
  });

  it("MONTH_GAP: a blank row and missing rows, runs of months grouped, from the start to the month before the reporting month", () => {
    const issues = validate([bundleSheet([["2026-01", 10, 20, ""], ["2026-02", "", "", ""], ["2026-05", 11, 20, ""], ["2026-06", 12, 20, ""]])], {
      reportingMonth: "2026-08",
      asOf: "2026-09-01",
    }).filter((i) => i.sheetName === "Bundle");
    expect(messages(issues).filter((m) => m.startsWith("MONTH_GAP"))).toEqual([
      "MONTH_GAP B3: no data for 2026-02 to 2026-04 (3 months) — type the figures, or leave the cells blank if they were not collected (a blank month is a gap in the run chart, never 0)",
      "MONTH_GAP A6: there is no row for 2026-07 — add a row here for it, with the figures or left blank if they were not collected",
    ]);
    const noRow = validate([bundleSheet([["2026-01", 10, 20, ""], ["2026-04", 11, 20, ""]])], { reportingMonth: "2026-04", asOf: "2026-05-02" });
    expect(messages(noRow.filter((i) => i.code === "MONTH_GAP"))).toEqual([
      "MONTH_GAP A3: there is no row for 2026-02 to 2026-03 (2 months) — insert rows above this one for them, with the figures or left blank if they were not collected",
    ]);
  });
});

describe("validateWorkbook(input): the reporting month itself", () => {
  it("PERIOD_OUTSIDE_COLLABORATIVE and PERIOD_IN_FUTURE for the reporting month come first, with no sheet", () => {
    const outside = validate([bundleSheet(steady(1, 3))], { reportingMonth: "2027-02", asOf: "2027-03-01" });
    expect(outside[0]).toEqual({
      severity: "error",
      code: "PERIOD_OUTSIDE_COLLABORATIVE",
      sheetName: "",
      measureId: null,
      period: "2027-02",
      address: null,
      row: null,
      column: null,
      message: "The reporting month 2027-02 is outside the collaborative (2026-01 to 2026-12) — choose a month from 2026-01 to 2026-12",
    });
    const future = validate([bundleSheet(steady(1, 3))], { reportingMonth: "2026-05", asOf: "2026-04-10" });
    expect(messages(future.slice(0, 1))).toEqual([
      "PERIOD_IN_FUTURE The reporting month 2026-05 has not started yet (today is 2026-04-10) — choose a month that has ended",
    ]);
  });
});

describe("validateWorkbook(input): missing and unknown measures", () => {
  it("MISSING_REQUIRED_MEASURE (a warning, as the data store rates it): a required measure with no sheet gets the name Create sheet would give it; optional ones are not chased", () => {
    const issues = validate([bundleSheet(steady(1, 3))]);
    const missing = issues.filter((i) => i.code === "MISSING_REQUIRED_MEASURE");
    expect(missing).toEqual([
      {
        severity: "warning",
        code: "MISSING_REQUIRED_MEASURE",
        sheetName: measureSheetName(clabsi),
        measureId: "clabsi-rate",
        period: "2026-03",
        address: null,
        row: null,
        column: null,
        message: 'There is no sheet for the required measure "CLABSI rate" — click Create sheet to add one (it will be named "CLABSI rate"), or match an existing sheet to it',
      },
    ]);
    expect(issues.some((i) => i.measureId === falls.id)).toBe(false);
  });

  it("a retired required measure is not chased for a sheet (it takes no new data)", () => {
    const retired = { ...collaborative, measures: collaborative.measures.map((m) => (m.id === clabsi.id ? { ...m, retired: true } : m)) };
    const issues = validateWorkbook({ collaborative: retired, sheets: [bundleSheet(steady(1, 3))], reportingMonth: "2026-03", asOf: "2026-04-10" });
    expect(issues.filter((i) => i.code === "MISSING_REQUIRED_MEASURE")).toEqual([]);
  });

  it("MISSING_REQUIRED_MEASURE: no row, or a blank row, for the reporting month", () => {
    const noRow = validate([bundleSheet(steady(1, 2)), clabsiSheet([["2026-03", "", "", ""]])]);
    expect(messages(noRow.filter((i) => i.code === "MISSING_REQUIRED_MEASURE"))).toEqual([
      'MISSING_REQUIRED_MEASURE A4: there is no row for 2026-03 (the reporting month), and "Bundle compliance" is required — add a row here with the month and its figures',
      'MISSING_REQUIRED_MEASURE B2: 2026-03 (the reporting month) has no figures, and "CLABSI rate" is required — type them before submitting',
    ]);
  });

  it("UNKNOWN_MEASURE for a sheet matched to a measure the collaborative lacks; a sheet with no series counts as missing", () => {
    const stray = { measureId: "vap-rate", reading: read([H, ["2026-03", 1, 2, ""]], { sheetName: "VAP" }) };
    const empty = { measureId: clabsi.id, reading: read([["nothing here"]], { sheetName: "CLABSI" }) };
    const issues = validate([bundleSheet(steady(1, 3)), stray, empty]);
    expect(messages(issues.filter((i) => i.sheetName !== "Bundle"))).toEqual([
      'UNKNOWN_MEASURE Sheet "VAP" is matched to the measure "vap-rate", which is not in this collaborative — match it to one of: bundle-compliance, clabsi-rate, falls',
      'NO_SERIES_FOUND No measure data found on sheet "CLABSI": the only row does not name a month column and a numbers column. Put a header row above the data, e.g. Month | Numerator | Denominator | Value, or use Create sheet.',
      'MISSING_REQUIRED_MEASURE Sheet "CLABSI" has no data the add-in can read, and "CLABSI rate" is required — fix the sheet as its notes say, or use Create sheet',
    ]);
    expect(issues.find((i) => i.sheetName === "CLABSI")?.measureId).toBe("clabsi-rate");
  });
});

describe("validateWorkbook(input): suspicious data", () => {
  it("SUSPICIOUS_VALUE_RULE cites its thresholds as data", () => {
    expect(SUSPICIOUS_VALUE_RULE).toEqual({ minPointsForScore: 12, modifiedZ: 3.5, madToSigma: 0.6745, minPointsForRatio: 3, ratio: 3 });
  });

  // Iglewicz & Hoaglin's modified z-score, M = 0.6745 (x - median) / MAD, |M| > 3.5 (NIST/SEMATECH
  // e-Handbook 1.3.5.17, https://www.itl.nist.gov/div898/handbook/eda/section3/eda35h.htm).
  const months2025 = (values: readonly number[]) => values.map((value, i) => ({ period: `2025-${String(i + 1).padStart(2, "0")}`, value }));
  const suspicious = (history: readonly number[], numerator: number) =>
    messages(
      validate([bundleSheet([["2026-01", numerator, 100, ""]]), clabsiSheet([["2026-01", 1, 900, ""]])], {
        reportingMonth: "2026-01",
        asOf: "2026-02-05",
        history: { [bundle.id]: months2025(history) },
      }).filter((i) => i.code === "SUSPICIOUS_VALUE"),
    );

  it("SUSPICIOUS_VALUE: a modified z-score beyond 3.5 against at least 12 months of history, naming the cell", () => {
    // 50, 52 alternating: median 51, every deviation 1, so MAD 1 and the band is 51 ± 3.5 / 0.6745 = 51 ± 5.18903
    const steady = [50, 52, 50, 52, 50, 52, 50, 52, 50, 52, 50, 52];
    expect(suspicious(steady, 57)).toEqual([
      "SUSPICIOUS_VALUE B2: the 2026-01 value 57 is far outside this team's usual range (45.811 to 56.189: median ± 3.5 robust sigma of the 12 earlier months) — check the numerator and denominator; if it is right, say what happened in the annotation",
    ]);
    expect(suspicious(steady, 56)).toEqual([]); // M = 0.6745 × 5 / 1 = 3.37
    expect(suspicious(steady, 45)).toHaveLength(1); // M = -4.05
    const far = validate([bundleSheet([["2026-01", 57, 100, ""]])], { reportingMonth: "2026-01", asOf: "2026-02-05", history: { [bundle.id]: months2025(steady) } });
    expect(far.find((i) => i.code === "SUSPICIOUS_VALUE")?.severity).toBe("warning");
  });

  it("SUSPICIOUS_VALUE: an old typo in the history does not hide a new one", () => {
    // 520 in 2025-06: the median (51) and MAD (1) ignore it, so 5 (a slipped decimal) is M = -31.0.
    // The XmR band used before (mean ± 3·MR̄/1.128) was -141.6 to 321.6 here and let 5 through.
    const withTypo = [50, 52, 50, 52, 50, 520, 50, 52, 50, 52, 50, 52];
    expect(suspicious(withTypo, 5)).toEqual([
      "SUSPICIOUS_VALUE B2: the 2026-01 value 5 is far outside this team's usual range (45.811 to 56.189: median ± 3.5 robust sigma of the 12 earlier months) — check the numerator and denominator; if it is right, say what happened in the annotation",
    ]);
  });

  it("SUSPICIOUS_VALUE: a team that improved is not warned for staying improved", () => {
    // six months at 49/51, six at 79/81: median 65, MAD 15, band 65 ± 77.84, so 80 is M = 0.67.
    // The XmR band used before was 53.4 to 76.6 and warned about every month at the new level.
    expect(suspicious([49, 51, 49, 51, 49, 51, 79, 81, 79, 81, 79, 81], 80)).toEqual([]);
  });

  it("SUSPICIOUS_VALUE: with 3 to 11 earlier months, more than 3× or under ⅓ of their median; the sheet's own months serve as history", () => {
    const spike = validate([bundleSheet([["2026-01", 10, 100, ""], ["2026-02", 12, 100, ""], ["2026-03", 11, 100, ""], ["2026-04", 40, 100, ""]]), clabsiSheet([["2026-04", 1, 900, ""]])], {
      reportingMonth: "2026-04",
      asOf: "2026-05-02",
    });
    expect(messages(spike.filter((i) => i.code === "SUSPICIOUS_VALUE"))).toEqual([
      "SUSPICIOUS_VALUE B5: the 2026-04 value 40 is far outside this team's usual range (3.6667 to 33: a third to 3 times the median of the 3 earlier months) — check the numerator and denominator; if it is right, say what happened in the annotation",
    ]);
    const twoMonths = validate([bundleSheet([["2026-02", 12, 100, ""], ["2026-03", 11, 100, ""], ["2026-04", 90, 100, ""]])], { reportingMonth: "2026-04", asOf: "2026-05-02" });
    expect(twoMonths.filter((i) => i.code === "SUSPICIOUS_VALUE")).toEqual([]);
  });

  it("SUSPICIOUS_VALUE: a flat history has no spread to judge by", () => {
    const history = { [bundle.id]: Array.from({ length: 12 }, (_, i) => ({ period: `2025-${String(i + 1).padStart(2, "0")}`, value: 50 })) };
    const issues = validate([bundleSheet([["2026-01", 90, 100, ""]])], { reportingMonth: "2026-01", asOf: "2026-02-05", history });
    expect(issues.filter((i) => i.code === "SUSPICIOUS_VALUE")).toEqual([]);
    // nor does one where more than half the months share a value (MAD 0), as a count of rare events
    expect(suspicious([0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0], 2)).toEqual([]);
  });

  it("SAME_AS_LAST_MONTH: every measure repeats last month's numbers exactly", () => {
    const issues = validate([bundleSheet([["2026-02", 15, 20, ""], ["2026-03", 15, 20, ""]]), clabsiSheet([["2026-02", 1, 812, ""], ["2026-03", 1, 812, ""]])]);
    expect(messages(issues.filter((i) => i.code === "SAME_AS_LAST_MONTH"))).toEqual([
      "SAME_AS_LAST_MONTH B3: 2026-03 has exactly the same numbers as 2026-02 on all 2 measure sheets — if last month's row was copied, type this month's figures",
      "SAME_AS_LAST_MONTH B3: 2026-03 has exactly the same numbers as 2026-02 on all 2 measure sheets — if last month's row was copied, type this month's figures",
    ]);
    expect(issues.filter((i) => i.code === "SAME_AS_LAST_MONTH").map((i) => i.sheetName)).toEqual(["Bundle", "CLABSI"]);
  });

  it("SAME_AS_LAST_MONTH: not when one measure changed, when all are zero, or for a lone count", () => {
    const changed = validate([bundleSheet([["2026-02", 15, 20, ""], ["2026-03", 15, 20, ""]]), clabsiSheet([["2026-02", 1, 812, ""], ["2026-03", 1, 790, ""]])]);
    expect(changed.filter((i) => i.code === "SAME_AS_LAST_MONTH")).toEqual([]);
    const zeros = validate([bundleSheet([["2026-02", 0, 0, ""], ["2026-03", 0, 0, ""]]), clabsiSheet([["2026-02", 0, 0, ""], ["2026-03", 0, 0, ""]])]);
    expect(zeros.filter((i) => i.code === "SAME_AS_LAST_MONTH")).toEqual([]);
    const count = { measureId: falls.id, reading: read([["Month", "Falls"], ["2026-02", 2], ["2026-03", 2]], { measure: falls, sheetName: "Falls" }) };
    expect(validate([count]).filter((i) => i.code === "SAME_AS_LAST_MONTH")).toEqual([]);
    const lonePercent = validate([bundleSheet([["2026-02", 15, 20, ""], ["2026-03", 15, 20, ""]])]);
    expect(lonePercent.filter((i) => i.code === "SAME_AS_LAST_MONTH")).toHaveLength(1);
  });
});

describe("validateWorkbook(input): the list as a whole", () => {
  it("includes every sheet's own issues (with the measure id) and sorts by sheet, errors before warnings, then row", () => {
    const issues = validate([
      clabsiSheet([["2026-01", 1, 900, ""], ["2026-03", 2.5, 800, ""], ["2026-03", 1, 800, ""]]),
      bundleSheet([["2026-01", 30, 20, ""], ["2026-02", 10, 20, ""], ["2026-03", 12, 20, ""]]),
    ]);
    expect(issues.map((i) => `${i.sheetName} ${i.severity} ${i.address} ${i.code}`)).toEqual([
      "CLABSI error A4 DUPLICATE_POINT",
      "CLABSI warning A3 MONTH_GAP",
      "CLABSI warning B3 NOT_WHOLE_NUMBER",
      "Bundle error B2 NUMERATOR_GT_DENOMINATOR",
    ]);
    expect(issues.every((i) => i.measureId !== null)).toBe(true);
  });

  it("a clean workbook has no issues", () => {
    expect(validate([bundleSheet(steady(1, 3)), clabsiSheet([["2026-01", 1, 900, ""], ["2026-02", 0, 870, ""], ["2026-03", 2, 910, ""]])])).toEqual([]);
  });

  it("throws a CoreError for a reporting month or date that is not written YYYY-MM / YYYY-MM-DD", () => {
    expect(() => validate([], { reportingMonth: "March" })).toThrow(CoreError);
    expect(() => validate([], { reportingMonth: "2026-3" })).toThrow(/invalid reportingMonth: 2026-3/);
    expect(() => validate([], { asOf: "2026-04" })).toThrow(/invalid asOf: 2026-04 \(use YYYY-MM-DD\)/);
  });
});
