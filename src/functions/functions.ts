// The QI.* Excel custom functions: thin wrappers, cells in -> src/core -> cells out.
//
// Each @customfunction below is a top-level `function` declaration (the metadata generator skips
// `const f = () =>`, docs/TOOLCHAIN.md, item 3); its JSDoc is the help Excel shows, and dist/functions.json
// and docs/functions.md are generated from it. The description and each @param stay within 255
// characters, the length Excel's function dialogs have historically cut help at
// (test/functions/metadata.test.ts); longer detail goes under @remarks, which only docs/functions.md shows. Every body runs through excelCall, so bad input
// shows as #VALUE! (or #N/A for "no data") with a message, never as a JavaScript exception.
//
// How Excel calls these: a range arrives as an array of rows; a blank cell in it as null or "";
// an omitted optional argument as null (not undefined, so TypeScript defaults would not apply).
// Baselines, rows and positions are counted from 1 here and converted for core (0-based).

import * as core from "../core";
import { excelCall, excelValue } from "./excelErrors";
import { goalMetOf, limitsWithOptions, mdcOptions, monthsAtGoalOf } from "./options";
import { mdcRow, runChartRows, runsVerdictText, signalLabels } from "./spill";

/**
 * The center line of a run chart: the median of the values, or of the first `baseline` months when given. Blank cells are missing months and are skipped. Example: =QI.CENTERLINE(C2:C25, 12)
 * @customfunction CENTERLINE
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @param baseline Optional: how many months, from the first, the median is taken from (e.g. 12). Empty or 0: all months.
 * @returns The median, in the measure's units.
 */
export function centerLine(values: unknown[][], baseline?: number): number {
  return excelValue(() => core.runChartCenterLine(...seriesAndBaseline(values, baseline)), NO_NUMBERS);
}

/**
 * TRUE when the run chart shows a shift: 6 or more months in a row all above or all below the median (IHI rule). Points on the median and blank months neither count nor break a shift. Example: =QI.SHIFT(C2:C25, 12)
 * @customfunction SHIFT
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @param baseline Optional: how many months, from the first, the median is taken from (e.g. 12). Empty or 0: all months.
 * @returns TRUE or FALSE.
 */
export function shift(values: unknown[][], baseline?: number): boolean {
  return excelCall(() => analyze(values, baseline).shifts.length > 0);
}

/**
 * TRUE when the run chart shows a trend: 5 or more months in a row each going up, or each going down (IHI rule). Equal neighbouring values count once; blank months are skipped. Example: =QI.TREND(C2:C25)
 * @customfunction TREND
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @returns TRUE or FALSE.
 */
export function trend(values: unknown[][]): boolean {
  return excelCall(() => analyze(values, null).trends.length > 0);
}

/**
 * The number of runs: series of consecutive months on the same side of the median (points on the median and blank months are skipped). Compare it with the IHI runs table, or use QI.RUNSTEST. Example: =QI.RUNS(C2:C25, 12)
 * @customfunction RUNS
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @param baseline Optional: how many months, from the first, the median is taken from (e.g. 12). Empty or 0: all months.
 * @returns The number of runs (0 when no point is off the median).
 */
export function runs(values: unknown[][], baseline?: number): number {
  return excelCall(() => analyze(values, baseline).runCount);
}

/**
 * The IHI runs test: "too few" or "too many" runs for the number of useful points (a signal of non-random variation), "ok", or "not applicable: ..." with the reason. Example: =QI.RUNSTEST(C2:C25, 12)
 * @remarks The answer is "not applicable: ..." outside the IHI table's 10 to 60 useful points, with the reason (e.g. "not applicable: needs at least 10 useful points; got 7").
 * @customfunction RUNSTEST
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @param baseline Optional: how many months, from the first, the median is taken from (e.g. 12). Empty or 0: all months.
 * @returns "too few", "too many", "ok" or "not applicable: ..." with the reason.
 */
export function runsTest(values: unknown[][], baseline?: number): string {
  return excelCall(() => runsTestText(analyze(values, baseline)));
}

/**
 * Labels each month with the run-chart rules it is part of, spilled beside the data (same shape as values): "shift", "trend", "shift, trend" or empty. Example: =QI.SIGNALS(C2:C25, 12)
 * @remarks Use it for conditional formatting or a highlighted chart series. With ruleSet "anhoej", marks "long run" where a run is longer than Anhøj's limit.
 * @customfunction SIGNALS
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @param baseline Optional: how many months, from the first, the median is taken from (e.g. 12). Empty or 0: all months.
 * @param ruleSet Optional: "ihi" (default: shifts and trends), "anhoej" (runs longer than round(log2(useful points)) + 3) or "mdc" (Making Data Count special causes).
 * @returns One label per month, in a column (or a row when values is a row).
 */
export function signals(values: unknown[][], baseline?: number, ruleSet?: string): string[][] {
  return excelCall(() => signalCells(values, baseline, ruleSet));
}

/**
 * A two-column summary of the run chart (label, value): center line, points, runs and the runs test, each shift and trend, longest run and crossings, and whether any signal is present. Example: =QI.RUNCHART(C2:C25, 12)
 * @remarks The rows give the points (every month, blank ones included), the points with a value and the useful points, the runs with the IHI limits, each shift and trend with its first and last row (counted from 1 within the range), and the longest run and the crossings with their Anhøj limits.
 * @customfunction RUNCHART
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @param baseline Optional: how many months, from the first, the median is taken from (e.g. 12). Empty or 0: all months.
 * @returns A spilled table of (label, value) rows; figures that cannot be computed are empty.
 */
export function runChart(values: unknown[][], baseline?: number): unknown[][] {
  return excelCall(() => runChartRows(analyze(values, baseline)));
}

/**
 * Control limits, one row per month: center line, lower control limit (LCL), upper control limit (UCL), and TRUE when the month is outside the 3-sigma limits. Limits that are not defined are empty. Example: =QI.LIMITS("p", B2:B25, C2:C25, 12)
 * @remarks Charts: "i" (individuals), "mr" (moving range), "p" and "pp" (proportions; give denominators), "u" and "up" (rates; give denominators), "c" (counts), "g" (cases between events), "t" (time between events), "run" (median only).
 * With sigmaLines, each sigma k adds two columns after the tests (or after "outside" without tests): the center line minus k sigma, then plus k sigma, in increasing k (TRUE: CL-1σ, CL+1σ, CL-2σ, CL+2σ). Sigma is (UCL - CL)/3 or (CL - LCL)/3, the larger (a limit clipped at 0 is nearer); the lower lines are not clipped at 0.
 * @customfunction LIMITS
 * @param chart The chart type: "i", "mr", "p", "pp", "np", "ip", "u", "up", "c", "g", "t", "run", or from raw rows "xbar" and "s" (X-bar with S), "xbar-r" and "r" (X-bar with R).
 * @param values The monthly values in time order (the numerators for p, pp, np, ip, u and up charts), or for xbar, s, xbar-r and r one value per row (e.g. per patient): one column or one row.
 * @param denominators Optional: the denominator of each month (e.g. patients) for p, pp, np, ip, u and up charts; for xbar, s, xbar-r and r the subgroup of each row (a date, sample number or label).
 * @param baseline Optional: how many months (or subgroups), from the first, the center line and limits are taken from (e.g. 12); a negative number takes them from the last months instead (-12: the last 12). Empty or 0: all.
 * @param groupBy Optional, for xbar, s, xbar-r and r: "subgroup" (default: one point per distinct subgroup) or "month" (the subgroups are dates; one point per calendar month).
 * @param tests Optional: "western electric" (rules 1-4) or "nelson" (tests 1-8) adds a fifth column listing the tests each month completes (e.g. "2, 5"). For i, xbar, xbar-r, p, pp, np, ip, u, up and c charts.
 * @param sigmaLines Optional: TRUE adds the lines at 1 and 2 sigma (CL-1σ, CL+1σ, CL-2σ, CL+2σ columns), or a list such as "1" or "1,2". For the same charts as tests.
 * @returns Four columns (center line, LCL, UCL, outside), then the tests, then two per sigma line, one row per month (or per subgroup, in order); for p charts the lines are proportions (0 to 1).
 */
export function limits(chart: string, values: unknown[][], denominators?: unknown[][], baseline?: number, groupBy?: string, tests?: string, sigmaLines?: boolean | string | number): unknown[][] {
  return excelCall(() => limitsWithOptions(limitsOf(chart, values, denominators, baseline, groupBy), chart, tests, sigmaLines));
}

/**
 * A run chart that re-baselines itself as runcharter does: after a sustained shift (runLength months in a row on one side) the median is recomputed from those months and frozen. Example: =QI.REBASELINE(C2:C49, 12, 9)
 * @customfunction REBASELINE
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @param baseline Optional: how many months, from the first, the first median is taken from. Empty: 13 (runcharter's default), or all months of a shorter series.
 * @param runLength Optional: how many useful months in a row on one side of the median make a sustained shift that re-baselines. Empty: 9 (runcharter's default).
 * @param direction Optional: which shifts re-baseline: "both" (default), "above" or "below" the median.
 * @returns Three columns, one row per month: the median in force, its phase (1 = baseline, 2 = after the first shift, ...), and TRUE on the months of a sustained shift.
 */
export function rebaseline(values: unknown[][], baseline?: number, runLength?: number, direction?: string): unknown[][] {
  return excelCall(() => rebaselineRows(values, baseline, runLength, direction));
}

/**
 * The NHS "Making Data Count" verdict on an XmR chart, as a 1×2 row: the variation (special cause or common cause) and the assurance against the target (empty without a target). Example: =QI.MDC(C2:C25, "decrease", 2)
 * @remarks The variation is "special cause: improvement", "special cause: concern", "special cause: high" or "low" for neutral measures, or "common cause". The assurance is "consistently passing the target", "consistently failing the target" or "hit and miss: ...".
 * A target that varies by month (qicharts2's target vector) is judged as the target in force at the latest month: the last month's, or the last one given before it.
 * @customfunction MDC
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @param direction Which way is better: "increase" (or "up", "higher"), "decrease" (or "down", "lower"), or "neutral".
 * @param target Optional: the target, in the measure's units, for the assurance verdict: one number, or a range the same size as values with one per month (empty where a month has none).
 * @param shiftLength Optional: how many points in a row on one side of the mean make a shift (2 or more). Empty: 7 (NHSRplotthedots).
 * @param trendLength Optional: how many points in a row rising (or falling) make a trend (2 or more). Empty: 7 (NHSRplotthedots).
 * @returns Two cells in a row: variation, assurance.
 */
export function mdc(values: unknown[][], direction: string, target?: unknown[][], shiftLength?: number, trendLength?: number): unknown[][] {
  return excelValue(() => mdcOfSeries(core.fromCells(values), direction, target, shiftLength, trendLength), NO_DATA);
}

/**
 * Progress towards a goal: the fraction of the way from the baseline to the goal that the current value has covered, (current - baseline) / (goal - baseline). Format the cell as a percentage. Example: =QI.PROGRESS(40, 55, 70) gives 0.5
 * @remarks 0 = no change, 1 = goal reached, above 1 = goal beaten, below 0 = moved the wrong way.
 * @customfunction PROGRESS
 * @param baseline The value before the changes (e.g. the baseline median).
 * @param current The value now (e.g. the latest month, or the median of recent months).
 * @param goal The value the team aims for (must differ from baseline).
 * @returns A fraction (0.5 = halfway); #VALUE! when baseline equals goal.
 */
export function progress(baseline: number, current: number, goal: number): number {
  return excelCall(() => core.progressFraction(core.numberFromCell(baseline, "baseline"), core.numberFromCell(current, "current"), core.numberFromCell(goal, "goal")));
}

/**
 * TRUE when the latest months all meet the goal in the direction of improvement (at or above it for "increase", at or below it for "decrease"). Blank months are skipped. Example: =QI.GOALMET(C2:C25, 0.9, "increase", 3)
 * @customfunction GOALMET
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @remarks With a goal per month (a range the same size as values), each month is judged against its own goal; a month with a value but no goal is not at goal.
 * @param goal The goal, in the measure's units (e.g. 0.9 for 90%): one number, or a range the same size as values with one goal per month (empty where a month has none).
 * @param direction Which way is better: "increase" (or "up", "higher") or "decrease" (or "down", "lower").
 * @param months Optional: how many of the latest non-blank months must meet the goal. Default 3.
 * @returns TRUE or FALSE (FALSE when there are fewer months of data than asked for).
 */
export function goalMet(values: unknown[][], goal: unknown[][], direction: string, months?: number): boolean {
  return excelCall(() => goalMetOf(values, goal, direction, months));
}

/**
 * How many of the latest months in a row meet the goal (blank months skipped), counting back from the most recent until a month misses it. Use it as the monthsAtGoal evidence of QI.SCORE. Example: =QI.MONTHSATGOAL(C2:C25, 0.9, "increase")
 * @customfunction MONTHSATGOAL
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @remarks With a goal per month (a range the same size as values), each month is judged against its own goal; a month with a value but no goal ends the count.
 * @param goal The goal, in the measure's units (e.g. 0.9 for 90%): one number, or a range the same size as values with one goal per month (empty where a month has none).
 * @param direction Which way is better: "increase" (or "up", "higher") or "decrease" (or "down", "lower").
 * @returns A number of months (0 when the latest month misses the goal).
 */
export function monthsAtGoal(values: unknown[][], goal: unknown[][], direction: string): number {
  return excelCall(() => monthsAtGoalOf(values, goal, direction));
}

/**
 * TRUE when the run-chart rules show improvement in the measure's direction: a shift on the good side of the median, a trend the good way, or too few runs. Always FALSE for a neutral measure. Example: =QI.IMPROVING(C2:C25, "decrease", 12)
 * @remarks Too few runs counts as improvement only when the latest point is on the good side of the median.
 * @customfunction IMPROVING
 * @param values The measure's monthly values in time order: one column or one row. Leave a cell empty for a missing month.
 * @param direction Which way is better: "increase" (or "up", "higher"), "decrease" (or "down", "lower"), or "neutral".
 * @param baseline Optional: how many months, from the first, the median is taken from (e.g. the months before the changes). Empty or 0: all months.
 * @param ruleSet Optional: the run-chart rules: "ihi" (default), "anhoej" or "mdc" (Making Data Count), as the collaborative reads them.
 * @returns TRUE or FALSE.
 */
export function improving(values: unknown[][], direction: string, baseline?: number, ruleSet?: string): boolean {
  return excelCall(() => core.isImproving(...improvingArguments(values, direction, baseline, ruleSet)));
}

/**
 * The IHI Assessment Scale score (0.5 to 5.0) a team's data suggest, as the task pane and the data store suggest it; faculty decide. #N/A without data. Why: QI.SCOREREASONS. Example: =QI.SCORE(A2:D40, F2:J5, "2026-04", H1, "ihi")
 * @customfunction SCORE
 * @param data One row per measure and month: Measure, Month, Value, Annotation (the change tested); a header row is skipped. In the earlier form, one cell: the number of changes tested.
 * @param measures One row per measure: Measure, Type (outcome, process, balancing), Direction, Goal, Required (TRUE if empty). In the earlier form: each measure's type.
 * @param reportingMonth The month scored, e.g. "2026-04" or a date; later months are ignored. In the earlier form: TRUE per measure that improves (e.g. =QI.IMPROVING(...)).
 * @param aim Optional: the aim's text; empty means no aim is set. In the earlier form: TRUE per goal met (e.g. =QI.GOALMET(...)), empty for no goal.
 * @param ruleSet Optional: the run-chart rules: "ihi" (default), "anhoej" or "mdc". In the earlier form: months at goal per measure (e.g. =QI.MONTHSATGOAL(...)).
 * @param narrativeChanges Optional: what this month's narrative says was tested; counts as one change when no annotation names one.
 * @param pdsaLog Optional: the team's PDSA log with its header row (e.g. PdsaLog[#All]); each change idea of a cycle started by the month counts as a change tested.
 * @returns A score: 0.5, 1.0, 1.5 ... 5.0.
 */
export function score(data: unknown[][], measures: unknown[][], reportingMonth: unknown[][], aim?: unknown[][], ruleSet?: unknown[][], narrativeChanges?: unknown[][], pdsaLog?: unknown[][]): number {
  return excelValue(() => suggestionOf(data, measures, reportingMonth, aim, ruleSet, narrativeChanges, pdsaLog)?.score ?? null, NO_TEAM_DATA);
}

/**
 * Why QI.SCORE suggests its score, spilled as a column of sentences: the evidence behind each level reached, what the next level still needs, and the rules read. Same arguments as QI.SCORE. Example: =QI.SCOREREASONS(A2:D40, F2:J5, "2026-04", H1, "ihi")
 * @customfunction SCOREREASONS
 * @param data One row per measure and month: Measure, Month, Value, Annotation (the change tested); a header row is skipped. In the earlier form, one cell: the number of changes tested.
 * @param measures One row per measure: Measure, Type (outcome, process, balancing), Direction, Goal, Required (TRUE if empty). In the earlier form: each measure's type.
 * @param reportingMonth The month scored, e.g. "2026-04" or a date; later months are ignored. In the earlier form: TRUE per measure that improves (e.g. =QI.IMPROVING(...)).
 * @param aim Optional: the aim's text; empty means no aim is set. In the earlier form: TRUE per goal met (e.g. =QI.GOALMET(...)), empty for no goal.
 * @param ruleSet Optional: the run-chart rules: "ihi" (default), "anhoej" or "mdc". In the earlier form: months at goal per measure (e.g. =QI.MONTHSATGOAL(...)).
 * @param narrativeChanges Optional: what this month's narrative says was tested; counts as one change when no annotation names one.
 * @param pdsaLog Optional: the team's PDSA log with its header row (e.g. PdsaLog[#All]); each change idea of a cycle started by the month counts as a change tested.
 * @returns One sentence per cell, in a column.
 */
export function scoreReasons(data: unknown[][], measures: unknown[][], reportingMonth: unknown[][], aim?: unknown[][], ruleSet?: unknown[][], narrativeChanges?: unknown[][], pdsaLog?: unknown[][]): string[][] {
  return excelValue(() => suggestionOf(data, measures, reportingMonth, aim, ruleSet, narrativeChanges, pdsaLog)?.reasons.map((reason) => [reason]) ?? null, NO_TEAM_DATA);
}

/**
 * The name of a level of the IHI Assessment Scale for Collaboratives, e.g. "Significant improvement" for 4.0. Example: =QI.SCORELABEL(4)
 * @customfunction SCORELABEL
 * @param score A score on the scale: 0.5, 1.0, 1.5 ... 5.0.
 * @returns The level's name.
 */
export function scoreLabel(score: number): string {
  return excelCall(() => core.assessmentLabel(core.numberFromCell(score, "score")));
}

/**
 * The share of teams scoring at or above a threshold: the collaborative's headline figure "% of teams at 4 or above". Empty cells (teams not scored) are left out. Format the cell as a percentage. Example: =QI.PCTATLEAST(D2:D40, 4)
 * @customfunction PCTATLEAST
 * @param scores One score per team, each a level of the IHI scale (0.5, 1.0 ... 5.0; anything else is #VALUE!): one column or one row. Leave a cell empty for a team not scored.
 * @param threshold Optional: the score to reach. Default 4 (significant improvement).
 * @returns A fraction from 0 to 1 (0.25 = 25% of scored teams); #N/A when no team is scored.
 */
export function pctAtLeast(scores: unknown[][], threshold?: number): number {
  // Core's percent is 0-100; a cell holds a percentage as a fraction (Excel shows 0.25 formatted as
  // a percentage as 25%: https://learn.microsoft.com/office/vba/api/excel.application.autopercententry).
  return excelValue(() => {
    const percent = core.percentAtLeast(core.fromCells(scores, "scores"), core.optionalNumberFromCell(threshold, "threshold"));
    return percent === null ? null : percent / 100;
  }, NO_SCORES);
}

// ---- helpers (not custom functions: no @customfunction tag) ----

const NO_NUMBERS = "no numbers to take the median of: enter at least one month of data (within the baseline months, when a baseline is given)";
const NO_SCORES = "no team is scored: enter at least one score";
const NO_DATA = "no data to judge: every month is empty; enter at least one month of data";
const NO_TEAM_DATA =
  "no data to judge: no measure has a value up to the reporting month (or, in the earlier form, measureTypes has no row); enter the team's data first";
const ALL_RULE_SETS: readonly core.RuleSet[] = ["ihi", "anhoej", "mdc"];

/** The series and its optional baseline count, as core takes them. */
function seriesAndBaseline(values: unknown[][], baseline: unknown): [(number | null)[], number | undefined] {
  const series = core.fromCells(values);
  return [series, core.baselineFromCell(baseline, series.length)];
}

function analyze(values: unknown[][], baseline: unknown): core.RunChartAnalysis {
  const [series, frozen] = seriesAndBaseline(values, baseline);
  return core.analyzeRunChart(series, { baseline: frozen });
}

function runsTestText(analysis: core.RunChartAnalysis): string {
  return runsVerdictText(analysis.runsVerdict, analysis.usefulCount);
}

function signalCells(values: unknown[][], baseline: unknown, ruleSet: unknown): string[][] {
  const [series, frozen] = seriesAndBaseline(values, baseline);
  // the direction does not change which points a rule marks, only what they mean
  const labels = signalLabels(series.length, core.readRunChart(series, ruleSetOf(ruleSet), "neutral", { baseline: frozen }));
  return core.spillLike(values, labels) as string[][];
}

function chartInput(chart: unknown, values: unknown[][], denominators: unknown[][] | undefined | null, baseline: unknown): core.ControlChartInput {
  const [series, frozen] = seriesAndBaseline(values, baseline);
  return {
    chart: core.choiceFromCell(chart, "chart", core.CHART_TYPES),
    values: series,
    denominators: denominators === undefined || denominators === null ? undefined : core.fromCells(denominators, "denominators"),
    baseline: frozen,
  };
}

const LIMITS_CHARTS: readonly string[] = [...core.CHART_TYPES, ...core.SUBGROUP_CHART_TYPES];
const GROUP_BY = ["subgroup", "month"] as const;

/** QI.LIMITS: a control chart of monthly values, or a subgroup chart (xbar, s, xbar-r, r) of raw rows. */
function limitsOf(chart: unknown, values: unknown[][], subgroupsOrDenominators: unknown[][] | undefined | null, baseline: unknown, groupBy: unknown): core.ControlChartResult {
  const name = core.choiceFromCell(chart, "chart", LIMITS_CHARTS);
  const omitted = subgroupsOrDenominators === undefined || subgroupsOrDenominators === null;
  if (!(core.SUBGROUP_CHART_TYPES as readonly string[]).includes(name)) {
    if (!core.isBlankCell(groupBy)) throw new core.CoreError("invalid_option", `groupBy applies to xbar, s, xbar-r and r charts only: leave it empty for a "${name}" chart`);
    if (typeof baseline === "number" && baseline < 0) {
      // a negative baseline: limits from the last -baseline months (core's `recent`)
      return core.controlChart({ ...chartInput(name, values, subgroupsOrDenominators, null), recent: core.baselineFromCell(-baseline, core.fromCells(values).length) });
    }
    return core.controlChart(chartInput(name, values, subgroupsOrDenominators, baseline));
  }
  if (omitted) {
    throw new core.CoreError("invalid_option", `a "${name}" chart needs subgroups: give the subgroup of each value (a date, a sample number or a label) as the third argument, in a range the same size as values`);
  }
  const input = {
    chart: name as core.SubgroupChartType,
    values: core.fromCells(values),
    subgroups: core.subgroupKeysFromCells(subgroupsOrDenominators, "subgroups"),
    byMonth: core.choiceFromCell(groupBy, "groupBy", GROUP_BY, "subgroup") === "month",
  };
  const count = core.groupIntoSubgroups(input.values, input.subgroups, input).length;
  return core.subgroupChart({ ...input, baseline: core.baselineFromCell(baseline, count) });
}

const REBASELINE_DIRECTIONS = ["both", "above", "below"] as const;

/** QI.REBASELINE's rows: (median in force, phase from 1, TRUE on the months of a sustained shift). */
function rebaselineRows(values: unknown[][], baseline: unknown, runLength: unknown, direction: unknown): core.CellOutput[][] {
  const series = core.fromCells(values);
  const result = core.rebaseline(series, {
    baseline: core.baselineFromCell(baseline, series.length),
    runLength: core.countFromCell(runLength, "runLength", core.RUNCHARTER_RUN_LENGTH, 0),
    direction: core.choiceFromCell(direction, "direction", REBASELINE_DIRECTIONS, "both"),
  });
  const phaseOf = (i: number): number => result.phases.filter((phase, k) => k === 0 || phase.start <= i).length;
  return core.toCells(result.centerLine.map((median, i) => [median, phaseOf(i), result.highlighted[i]]));
}

/** `QI.MDC`'s row, or `null` (#N/A) when every month is empty: with nothing to judge, "common cause" would be a verdict on no data. */
function mdcOfSeries(series: (number | null)[], direction: unknown, target: unknown, shiftLength: unknown, trendLength: unknown): unknown[][] | null {
  const options = mdcOptions(direction, target, series.length, shiftLength, trendLength);
  if (series.every((value) => value === null)) return null;
  return mdcRow(core.makingDataCount(series, options));
}

function ruleSetOf(cell: unknown): core.RuleSet {
  return core.choiceFromCell(typeof cell === "string" ? cell.replace(/ø/gi, "oe") : cell, "ruleSet", ALL_RULE_SETS, "ihi");
}

function improvingArguments(values: unknown[][], direction: unknown, baseline: unknown, ruleSet: unknown): [(number | null)[], core.ImprovementDirection, core.IsImprovingOptions] {
  const [series, frozen] = seriesAndBaseline(values, baseline);
  return [series, core.parseDirection(direction), { baseline: frozen, ruleSet: ruleSetOf(ruleSet) }];
}

/** One cell's value: Excel passes a 1×1 matrix for a `matrix` parameter given one cell or a literal; omitted is null. */
function oneCell(cells: unknown, name: string): unknown {
  if (!Array.isArray(cells)) return cells;
  const { rows, columns } = core.shapeOf(cells as unknown[][], name);
  if (rows !== 1 || columns !== 1) throw new core.CoreError("invalid_shape", `${name} must be one cell, got ${rows}×${columns} cells`);
  return (cells as unknown[][])[0]![0];
}

/**
 * `QI.SCORE`'s two forms. A `data` of one cell is the earlier form (changes tested, then per-measure
 * types, improving, goals met, months at goal: facts the cells judged); a table is the data form,
 * read by core's one evidence builder (`suggestTeamScore`), as the task pane and the data store read
 * it. `null` (#N/A) when there is nothing to judge.
 */
function suggestionOf(data: unknown, measures: unknown[][], third: unknown, fourth: unknown, fifth: unknown, sixth: unknown, seventh: unknown): core.AssessmentSuggestion | null {
  const isOneCell = !Array.isArray(data) || (data.length === 1 && Array.isArray(data[0]) && data[0].length === 1);
  if (isOneCell) {
    if (seventh !== undefined && seventh !== null && !core.isBlankCell(Array.isArray(seventh) && seventh.length === 1 && Array.isArray(seventh[0]) && seventh[0].length === 1 ? seventh[0][0] : seventh)) {
      throw new core.CoreError("invalid_value", "pdsaLog is read only with the data form: give data as one row per measure and month (Measure, Month, Value, Annotation)");
    }
    const nothing = (cells: unknown) => (cells === undefined || cells === null ? undefined : (cells as unknown[][]));
    const evidence = core.evidenceFromCells(oneCell(data, "changesTested"), measures, nothing(third) ?? [[null]], nothing(fourth) ?? [[null]], nothing(fifth) ?? null);
    return evidence.measures.length === 0 ? null : core.suggestAssessmentScore(evidence);
  }
  const input = core.teamInputFromCells(data as unknown[][], measures, oneCell(third, "reportingMonth"), oneCell(fourth, "aim"), oneCell(fifth, "ruleSet"), oneCell(sixth, "narrativeChanges"), seventh ?? null);
  return core.suggestTeamScore(input);
}
