// Cells out: how the spilled custom functions lay core results out on the sheet (labels, 1-based
// rows, empty cells for missing figures). Pure and host-free like core; it lives beside the wrappers
// because the wording and layout are the Excel functions' own, not core's.

import {
  EMPTY_CELL,
  IHI_RUNS_TABLE_RANGE,
  toCells,
  type CellOutput,
  type ControlChartResult,
  type IhiRunsVerdict,
  type MakingDataCountResult,
  type RunChartAnalysis,
  type RunChartReading,
} from "../core";

/**
 * The runs test as `QI.RUNSTEST` words it. "not applicable" says why, in plain words with the
 * number of useful points: the IHI runs table covers 10 to 60 useful points.
 */
export function runsVerdictText(verdict: IhiRunsVerdict, usefulCount: number): string {
  switch (verdict) {
    case "too_few":
      return "too few";
    case "too_many":
      return "too many";
    case "ok":
      return "ok";
    default:
      return usefulCount > IHI_RUNS_TABLE_RANGE.max
        ? `not applicable: the runs table goes up to ${IHI_RUNS_TABLE_RANGE.max} useful points; got ${usefulCount}`
        : `not applicable: needs at least ${IHI_RUNS_TABLE_RANGE.min} useful points; got ${usefulCount}`;
  }
}

/** Any run-chart signal: a shift, a trend, too few or too many runs, or the Anhøj runs signal. */
export function anySignal(analysis: RunChartAnalysis): boolean {
  return (
    analysis.shifts.length > 0 ||
    analysis.trends.length > 0 ||
    analysis.runsVerdict === "too_few" ||
    analysis.runsVerdict === "too_many" ||
    analysis.runsSignal
  );
}

/**
 * The two-column summary of `QI.RUNCHART`: (label, value) rows. Shift and trend positions are
 * 1-based positions within the range (row 1 = the first cell), one row for the first and one for
 * the last counted point of each, so they can be used in formulas. Missing figures are empty cells.
 */
export function runChartRows(analysis: RunChartAnalysis): CellOutput[][] {
  const limits = analysis.runsLimits;
  const rows: (CellOutput | null)[][] = [
    ["center line", analysis.centerLine],
    ["points", analysis.pointCount],
    ["points with a value", analysis.observedCount],
    ["useful points", analysis.usefulCount],
    ["runs", analysis.runCount],
    ["runs lower limit", limits === null ? null : limits.lower],
    ["runs upper limit", limits === null ? null : limits.upper],
    ["runs test", runsVerdictText(analysis.runsVerdict, analysis.usefulCount)],
    ["shifts", analysis.shifts.length],
  ];
  analysis.shifts.forEach((shift, i) => {
    rows.push([`shift ${i + 1} (${shift.side}) first row`, shift.start + 1]);
    rows.push([`shift ${i + 1} (${shift.side}) last row`, shift.end + 1]);
  });
  rows.push(["trends", analysis.trends.length]);
  analysis.trends.forEach((trend, i) => {
    rows.push([`trend ${i + 1} (${trend.direction}) first row`, trend.start + 1]);
    rows.push([`trend ${i + 1} (${trend.direction}) last row`, trend.end + 1]);
  });
  rows.push(
    ["longest run", analysis.longestRun],
    ["longest run max", analysis.longestRunMax],
    ["crossings", analysis.crossings],
    ["crossings min", analysis.crossingsMin],
    ["Anhøj runs signal", analysis.runsSignal],
    ["any signal", anySignal(analysis)],
  );
  return toCells(rows);
}

/**
 * One label per point for `QI.SIGNALS`, aligned with the input; `null` (shown empty) where no rule
 * marks the point. The points and rules are core's `readRunChart` under the rule set (the reading
 * every door uses), so a cell marks what the faculty page marks:
 * - "ihi": "shift" on the useful points of each shift (blanks and points on the median stay
 *   unmarked), "trend" on every non-blank point of each trend, "shift, trend" where both apply;
 * - "anhoej": "long run" on the useful points of every run longer than `longestRunMax`
 *   (round(log2(useful points)) + 3); too few crossings is a whole-chart signal with no points;
 * - "mdc": the Making Data Count rule of each special-cause point ("outside the limits",
 *   "7 points rising or falling", "2 of 3 near a limit", "7 points on one side").
 */
export function signalLabels(length: number, reading: RunChartReading): (string | null)[] {
  const labels = new Array<string | null>(length).fill(null);
  for (const signal of reading.signals) {
    for (const i of signal.points) {
      const current = labels[i];
      if (current === null || current === undefined) labels[i] = signal.rule;
      else if (!current.split(", ").includes(signal.rule)) labels[i] = `${current}, ${signal.rule}`;
    }
  }
  return labels;
}

/**
 * `QI.LIMITS`: one row per point, (center line, LCL, UCL, outside). Lines that are not defined are
 * empty cells; "outside" is TRUE when the point is beyond the 3-sigma limits, FALSE when not, and
 * empty for a blank month.
 */
export function limitsRows(result: ControlChartResult): CellOutput[][] {
  return toCells(
    result.points.map((point) => [point.centerLine, point.lcl, point.ucl, point.value === null ? null : point.sigmaSignal]),
  );
}

/** Plain words for the Making Data Count variation icon (NHSRplotthedots `point_type`). */
export const VARIATION_TEXT: Readonly<Record<MakingDataCountResult["variation"], string>> = {
  special_cause_improvement: "special cause: improvement",
  special_cause_concern: "special cause: concern",
  special_cause_neutral_high: "special cause: high",
  special_cause_neutral_low: "special cause: low",
  common_cause: "common cause",
};

/** Plain words for the Making Data Count assurance icon. */
export const ASSURANCE_TEXT: Readonly<Record<NonNullable<MakingDataCountResult["assurance"]>, string>> = {
  consistent_pass: "consistently passing the target",
  consistent_fail: "consistently failing the target",
  inconsistent: "hit and miss: the target is within the process limits",
};

/**
 * `QI.MDC`: a 1×2 row (variation, assurance), so a table with one measure per row can fill a
 * column pair. Assurance is empty when there is no target or the measure is neutral.
 */
export function mdcRow(result: MakingDataCountResult): CellOutput[][] {
  return [[VARIATION_TEXT[result.variation], result.assurance === null ? EMPTY_CELL : ASSURANCE_TEXT[result.assurance]]];
}
