/**
 * The object form of a control chart: one `ControlChartPoint` per point, built from the columns
 * that `controlChartColumns` returns. On long series this is most of `controlChart`'s time, because
 * allocating a million 10-field objects (and collecting them later) costs more than computing the
 * chart. The loop here allocates nothing else.
 */

import type { ControlChartColumns, ControlChartPoint } from "./controlChart";

/**
 * One object per point, from the columns (`NaN` becomes `null`, 0/1 flags become booleans), in one
 * loop that allocates nothing but the points and their values' number boxes:
 *
 * - Points are made by {@link pointOf}, so they all share one hidden class. A first object with
 *   nulls makes the numeric fields "tagged" in V8, so that a number stored in one is a reference
 *   to a number box, which points can share.
 * - The lines are constant within a phase on most charts: each distinct value is boxed once and
 *   the box shared by the points that follow (about 130 instead of 210 bytes per point).
 * - Long series get their own object literal (see {@link pointOf}), so that V8 learns to allocate
 *   their points straight into the old generation instead of copying them through the young one.
 *
 * Measured and rejected: sharing the boxes of repeated values through a small hash table. It
 * saves 16 bytes a point, but the extra work in the loop cost more time than the collector saved.
 *
 * Runs in O(n).
 */
export function buildPoints(columns: ControlChartColumns): ControlChartPoint[] {
  const { value, centerLine, lcl, ucl, lcl95, ucl95, sigmaSignal, phase, baseline, included } = columns;
  const n = value.length;
  const points: ControlChartPoint[] = new Array(n);
  const long = n >= LONG_SERIES;
  pointOf(long, null, null, null, null, null, null, false, 0, false, false);
  let lastCl = Number.NaN;
  let lastLcl = Number.NaN;
  let lastUcl = Number.NaN;
  let lastLcl95 = Number.NaN;
  let lastUcl95 = Number.NaN;
  let boxedCl: number | null = null;
  let boxedLcl: number | null = null;
  let boxedUcl: number | null = null;
  let boxedLcl95: number | null = null;
  let boxedUcl95: number | null = null;
  for (let i = 0; i < n; i++) {
    if (!Object.is(centerLine[i], lastCl)) boxedCl = finiteOrNull((lastCl = centerLine[i]));
    if (!Object.is(lcl[i], lastLcl)) boxedLcl = finiteOrNull((lastLcl = lcl[i]));
    if (!Object.is(ucl[i], lastUcl)) boxedUcl = finiteOrNull((lastUcl = ucl[i]));
    if (!Object.is(lcl95[i], lastLcl95)) boxedLcl95 = finiteOrNull((lastLcl95 = lcl95[i]));
    if (!Object.is(ucl95[i], lastUcl95)) boxedUcl95 = finiteOrNull((lastUcl95 = ucl95[i]));
    points[i] = pointOf(
      long,
      finiteOrNull(value[i]),
      boxedCl,
      boxedLcl,
      boxedUcl,
      boxedLcl95,
      boxedUcl95,
      sigmaSignal[i] === 1,
      phase[i],
      baseline[i] === 1,
      included[i] === 1,
    );
  }
  return points;
}

/**
 * Series at least this long get their own allocation site (see {@link pointOf}). Their points take
 * at least 8 MiB, half of V8's default young generation on 64-bit node (16 MiB semi-spaces), so
 * copying them through it costs more than allocating them old; shorter charts, which a workbook
 * makes and drops by the thousand, are cheapest young.
 */
const LONG_SERIES = 65_536;

/**
 * The one place point objects are made, so that they all share one shape. There are two object
 * literals on purpose, one for long series: V8 decides per literal (allocation site), from how
 * many of its objects survive, whether to allocate them straight into the old generation. With one
 * literal, thousands of short charts would teach it that points die young, and a million-point
 * chart would then be copied through the young generation, and slowed by it.
 */
function pointOf(
  long: boolean,
  value: number | null,
  centerLine: number | null,
  lcl: number | null,
  ucl: number | null,
  lcl95: number | null,
  ucl95: number | null,
  sigmaSignal: boolean,
  phase: number,
  baseline: boolean,
  included: boolean,
): ControlChartPoint {
  if (long) return { value, centerLine, lcl, ucl, lcl95, ucl95, sigmaSignal, phase, baseline, included };
  return { value, centerLine, lcl, ucl, lcl95, ucl95, sigmaSignal, phase, baseline, included };
}

function finiteOrNull(value: number): number | null {
  return value - value === 0 ? value : null;
}
