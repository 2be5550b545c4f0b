/**
 * The runs analysis of one phase of a control chart: useful points, longest run and crossings, each
 * beside its Anhøj limit, and the runs signal, as qicharts2 reports them per part.
 */

import { anhoejSignal, crossingsMin, longestRunMax } from "../runchart/anhoej";
import { runStats } from "../runchart/runs";
import type { ControlChartPhase } from "./controlChart";

/**
 * The runs analysis of `y[start, end)` around `centerLine` (points left out by `include` do not
 * count). Longest run and crossings are `null` when no point is useful. `runsRules: false` never
 * reports a runs signal (qicharts2 does not on an mr chart: moving ranges are not independent).
 *
 * Runs in O(end - start).
 */
export function phaseRuns(
  y: Float64Array,
  centerLine: number,
  start: number,
  end: number,
  include: Uint8Array | null,
  runsRules = true,
): ControlChartPhase {
  const stats = runStats(y, centerLine, start, end, include);
  const useful = stats.usefulCount;
  const longestRun = useful === 0 ? null : stats.longestRun;
  const crossings = useful === 0 ? null : stats.crossings;
  const runMax = longestRunMax(useful);
  const crossMin = crossingsMin(useful);
  return {
    start,
    end: end - 1,
    pointCount: stats.pointCount,
    usefulCount: useful,
    longestRun,
    longestRunMax: runMax,
    crossings,
    crossingsMin: crossMin,
    runsSignal: runsRules && anhoejSignal({ longestRun, longestRunMax: runMax, crossings, crossingsMin: crossMin }),
  };
}
