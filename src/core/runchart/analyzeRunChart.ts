/**
 * The whole run-chart analysis of one series: median, IHI rules (shifts, trends, runs against the
 * table) and Anhøj rules (longest run, crossings), computed in a few O(n) passes.
 */

import { ScratchSlot, scratchFloat64 } from "../scratch";
import { anhoejSignal, crossingsMin, longestRunMax } from "./anhoej";
import { medianOfRange } from "./median";
import { ihiRunsLimits, ihiRunsVerdict, type IhiRunsVerdict } from "./ihiRunsTable";
import { runStats } from "./runs";
import { checkBaseline, toSeries } from "./series";
import { IHI_SHIFT_MIN_LENGTH, type Shift } from "./shift";
import { findTrends, IHI_TREND_MIN_LENGTH, type Trend } from "./trend";

/** Options of {@link analyzeRunChart}. */
export type RunChartOptions = {
  /**
   * Freeze the center line at the median of the first `baseline` points (an integer from 1 to the
   * number of points; missing points count towards it). Default: all points. The rules are still
   * applied to every point.
   */
  baseline?: number | undefined;
};

/** Result of {@link analyzeRunChart}. Each observed Anhøj figure sits beside its limit. */
export type RunChartAnalysis = {
  /** median (of the first `baseline` points when given); `null` when there is no data */
  centerLine: number | null;
  /**
   * every point of the series, missing ones included: the one meaning of `pointCount` in core (as a
   * control-chart phase's, and qicharts2's `n.obs`, which counts a missing month: its reference
   * case ref-run-005 has n.obs 23 for 23 months of which 2 are NA)
   */
  pointCount: number;
  /** points with a value (not missing) */
  observedCount: number;
  /** non-null points not on the center line (within 1e-9 relative) */
  usefulCount: number;
  /** runs about the center line: crossings + 1; 0 when no point is useful */
  runCount: number;
  /** IHI table row for `usefulCount`, `null` outside 10..60 */
  runsLimits: { lower: number; upper: number } | null;
  /** IHI runs rule: too few runs, too many, ok, or not applicable (outside 10..60) */
  runsVerdict: IhiRunsVerdict;
  /** IHI shifts: 6 or more useful points on one side of the center line */
  shifts: Shift[];
  /** IHI trends: 5 or more points going up or down (ties count once) */
  trends: Trend[];
  /** Anhøj: longest run, and its limit round(log2(usefulCount)) + 3; `null` when nothing is useful */
  longestRun: number | null;
  longestRunMax: number | null;
  /** Anhøj: crossings, and their limit qbinom(0.05, usefulCount - 1, 0.5); `null` when nothing is useful */
  crossings: number | null;
  crossingsMin: number | null;
  /** Anhøj: `longestRun > longestRunMax || crossings < crossingsMin`; false when nothing is useful */
  runsSignal: boolean;
};

/**
 * Analyze a run chart with both rule sets.
 *
 * - Center line: the median of all non-missing points, or of those among the first `baseline`
 *   points (IHI: Perla, Provost & Murray 2011, BMJ Qual Saf 20:46-51).
 * - IHI shifts (6 or more useful points on one side; points on the median and blanks neither add
 *   nor break; one long run is one shift), trends (5 or more points all up or all down; equal
 *   consecutive values count once; blanks skipped; the median plays no part), and the number of
 *   runs against {@link IHI_RUNS_TABLE} (too few if below `lower`, too many if above `upper`, not
 *   applicable outside 10..60 useful points). Astronomical points are not computed.
 * - Anhøj rules as qicharts2 0.8.1 implements them (Anhøj & Olesen 2014): longest run against
 *   round(log2(n)) + 3 (Schilling 2012) and crossings against qbinom(0.05, n - 1, 0.5) (Chen 2010),
 *   both with strict inequalities.
 *
 * Missing values (`null`) stay missing: they are not points, not useful, and never become 0.
 * An empty series is not an error: the result has `centerLine: null` and every count 0.
 *
 * **Deliberate difference from qicharts2:** a point equal to the center line in decimal (87.2 on
 * the median of 87.1 and 87.3, which float64 holds as 87.19999999999999) is ON the line here and
 * so is not useful; qicharts2 compares exactly in float64 and counts it as above or below. On such
 * series our `usefulCount`, runs, shifts and Anhøj figures differ from qicharts2's, on purpose.
 *
 * Runs in O(n) time (a few passes; the median by sampled selection, see median.ts) and O(n) memory
 * (one typed copy of the series).
 *
 * @param values observations in time order; `null` marks a missing value
 * @param options `baseline`: freeze the median at the first `baseline` points
 * @returns the analysis
 * @throws {CoreError} invalid_value for a non-finite entry; invalid_option for a bad baseline
 * @example
 * analyzeRunChart([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).trends; // => [{ start: 0, end: 9, direction: "up", length: 10 }]
 * analyzeRunChart([87.1, 87.3, 87.2], { baseline: 2 }).usefulCount; // => 2
 * analyzeRunChart([5, 5, 5, 9, 9, 9, 9, 9, 9], { baseline: 3 }).shifts; // => [{ start: 3, end: 8, side: "above", length: 6 }]
 * analyzeRunChart([]).centerLine; // => null
 */
export function analyzeRunChart(values: ReadonlyArray<number | null>, options: RunChartOptions = {}): RunChartAnalysis {
  const series = toSeries(values, "analyzeRunChart", "values", borrowSeries); // a working copy: never returned
  const n = series.length;
  const baseline = options?.baseline === undefined ? n : checkBaseline(options.baseline, n, "analyzeRunChart");
  const median = medianOfRange(series, 0, baseline, null);
  const shiftCollector = { minLength: IHI_SHIFT_MIN_LENGTH, found: [] as Shift[] };
  const stats = runStats(series, median, 0, n, null, shiftCollector);
  const useful = stats.usefulCount;
  const runCount = useful === 0 ? 0 : stats.crossings + 1;
  const longestRun = useful === 0 ? null : stats.longestRun;
  const crossings = useful === 0 ? null : stats.crossings;
  const runMax = longestRunMax(useful);
  const crossMin = crossingsMin(useful);
  return {
    centerLine: Number.isNaN(median) ? null : median,
    pointCount: stats.pointCount,
    observedCount: stats.observedCount,
    usefulCount: useful,
    runCount,
    runsLimits: ihiRunsLimits(useful),
    runsVerdict: ihiRunsVerdict(runCount, useful),
    shifts: shiftCollector.found,
    trends: findTrends(series, IHI_TREND_MIN_LENGTH),
    longestRun,
    longestRunMax: runMax,
    crossings,
    crossingsMin: crossMin,
    runsSignal: anhoejSignal({ longestRun, longestRunMax: runMax, crossings, crossingsMin: crossMin }),
  };
}

function borrowSeries(n: number): Float64Array {
  return scratchFloat64(ScratchSlot.Series, n);
}
