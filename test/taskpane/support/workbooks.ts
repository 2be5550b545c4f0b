// Hand-made measure sheets for the task pane tests, and the fake workbook host over them.
import type { ExcelHost } from "../../../src/taskpane/host";
import { installFakeWorkbook, type FakeCell, type FakeWorkbook } from "../../browser/support/fakeWorkbook";

/** Bundle compliance kept by hand, with three mistakes: "n/a" in B3, 12 > 10 in B4, March twice (A5). */
export function bundleSheetWithErrors(): FakeCell[][] {
  return [
    ["Month", "Numerator", "Denominator", "Value"],
    ["2026-01", 8, 10, 80],
    ["2026-02", "n/a", 10, ""],
    ["2026-03", 12, 10, 120],
    ["2026-03", 9, 10, 90],
    ["2026-04", 9, 11, ""],
  ];
}

export function rateSheet(): FakeCell[][] {
  return [
    ["Month", "Infections", "Line days", "Rate per 1,000 line days"],
    ["2026-01", 3, 1200, 2.5],
    ["2026-02", 2, 1100, ""],
    ["2026-03", 2, 1250, ""],
    ["2026-04", 1, 1180, ""],
  ];
}

export function fakeHost(sheets: Record<string, FakeCell[][]>, settings: Record<string, unknown> = {}): { host: ExcelHost; workbook: FakeWorkbook } {
  installFakeWorkbook({ sheets, settings });
  const g = globalThis as unknown as { __QI_TEST_HOST__: ExcelHost; __QI_TEST_WORKBOOK__: FakeWorkbook };
  return { host: g.__QI_TEST_HOST__, workbook: g.__QI_TEST_WORKBOOK__ };
}

/**
 * A PDSA log kept by hand: a title row, loose headers ("PDSA #", "Change tested", "Started"…), a notes
 * column the reader ignores, dates typed as text and as a serial, and two mistakes: an ended cycle
 * without a decision (H5) and an end date that is not a date (F6).
 */
export function handBuiltPdsaLog(): FakeCell[][] {
  return [
    ["Riverside PDSA tracker", "", "", "", "", "", "", "", ""],
    ["PDSA #", "Change tested", "Measure(s)", "We predict", "Started", "Finished", "Results", "Act", "Who"],
    [1, "Bundle checklist at insertion", "Bundle compliance", "90% of insertions", "2026-02-02", "2026-02-27", "84%", "Adapt", "Sam"],
    ["1b", "Checklist with a second signature", "bundle; CLABSI rate", "95%", 46082, "", "", "continue", "Sam"],
    [2, "Daily line-need review", "CLABSI rate", "", "9 Mar 2026", "2026-03-31", "fewer line days", "", "Jo"],
    [3, "Chlorhexidine bathing", "clabsi-rate", "", "2026-04-01", "next week", "", "", "Jo"],
  ];
}

/** The same log with its two mistakes fixed. */
export function fixedPdsaLog(): FakeCell[][] {
  const log = handBuiltPdsaLog();
  log[4]![7] = "Adopt";
  log[5]![5] = "";
  return log;
}
