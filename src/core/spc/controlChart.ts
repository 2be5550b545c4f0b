/**
 * Control charts (and run charts) with per-phase center lines, limits and Anhøj runs analysis, as
 * qicharts2 0.8.1 computes them: one function, `controlChart`, for the ten chart types.
 */

import { CoreError } from "../errors";
import { checkBaseline, describeValue, toSeries } from "../runchart/series";
import { ScratchSlot, scratchFloat64, scratchUint8 } from "../scratch";
import {
  countLimits,
  eventsBetweenLimits,
  proportionLimits,
  proportionPrimeLimits,
  rateLimits,
  ratePrimeLimits,
} from "./attributes";
import type { LimitArrays, LimitsFrame } from "./frame";
import { individualsLimits, movingRangeLimits, runChartLines, timeBetweenLimits } from "./individuals";
import { iPrimeLimits } from "./iPrime";
import { npLimits } from "./np";
import { phaseRuns } from "./phaseRuns";
import { buildPoints } from "./points";
import { borrowedColumns, type ColumnMemory, freshColumns } from "./columnMemory";
import { checkRecent, checkScreen, checkValues, includeMask, OPTIONAL_DENOMINATORS, phaseStarts, readDenominators } from "./chartInput";

/**
 * Chart types, as qicharts2 names them:
 * - `"run"`: run chart (median, no limits)
 * - `"i"`: individuals (XmR) chart
 * - `"mr"`: moving-range chart
 * - `"p"`: proportion; `"pp"`: Laney P′ (over-dispersed proportions)
 * - `"u"`: rate; `"up"`: Laney U′ (over-dispersed rates)
 * - `"c"`: count
 * - `"g"`: opportunities or days between rare events (whole numbers >= 0)
 * - `"t"`: time between rare events (> 0)
 * - `"np"`: number of defective units in subgroups of n units (Montgomery, qcc; see np.ts)
 * - `"ip"`: qicharts2's I′ chart, an individuals chart of proportions with varying denominators (see iPrime.ts)
 */
export type ChartType = "run" | "i" | "mr" | "p" | "pp" | "u" | "up" | "c" | "g" | "t" | "np" | "ip";

/** Every chart type, in qicharts2's order of presentation. */
export const CHART_TYPES: ReadonlyArray<ChartType> = Object.freeze(["run", "i", "mr", "p", "pp", "u", "up", "c", "g", "t", "np", "ip"]);

/** Input of {@link controlChart}. Indices are 0-based. */
export type ControlChartInput = {
  /** the chart type (see {@link ChartType}) */
  chart: ChartType;
  /** observations in time order, `null` for a missing month; the numerators for p, pp, u, up, np, ip */
  values: ReadonlyArray<number | null>;
  /**
   * denominators, one per value, `null` for a missing month: required for p, pp, u, up, np, ip; optional
   * for run and i (the chart then shows value/denominator); refused for mr, c, g, t
   */
  denominators?: ReadonlyArray<number | null> | undefined;
  /** freeze: the center line and limits come from the first `baseline` points (1..n); ignored when `phases` is given (as qicharts2) */
  baseline?: number | undefined;
  /**
   * the center line and limits come from the LAST `recent` points (1..n) instead of the first
   * ("current" limits from the latest months); not with `baseline`; ignored when `phases` is given
   */
  recent?: number | undefined;
  /** 0-based indices where a new phase starts; each phase has its own center line, limits and runs analysis */
  phases?: ReadonlyArray<number> | undefined;
  /** 0-based indices left out of the center line, limits and runs analysis; still tested against the limits */
  exclude?: ReadonlyArray<number> | undefined;
  /** Nelson screening of large moving ranges for i, pp, up and t charts; default true (qicharts2 attached) */
  screenMovingRanges?: boolean | undefined;
};

/** One point of a chart. Lines are `null` where they are not defined. */
export type ControlChartPoint = {
  /** the plotted value: the value, value/denominator, or the moving range on an mr chart */
  value: number | null;
  centerLine: number | null;
  /** 3-sigma limits */
  lcl: number | null;
  ucl: number | null;
  /** 2-sigma limits */
  lcl95: number | null;
  ucl95: number | null;
  /** value > ucl or value < lcl (strict); false where either is null */
  sigmaSignal: boolean;
  /** 0-based phase */
  phase: number;
  /** inside the frozen baseline (true everywhere without a baseline, or with phases) */
  baseline: boolean;
  /** false for excluded points */
  included: boolean;
};

/** Anhøj runs analysis of one phase; each observed figure sits beside its limit. */
export type ControlChartPhase = {
  /** index of the first and last point of the phase (inclusive) */
  start: number;
  end: number;
  /** points in the phase, missing ones included, excluded ones not (qicharts2 `n.obs`) */
  pointCount: number;
  /** included, non-missing points not on the center line (qicharts2 `n.useful`) */
  usefulCount: number;
  longestRun: number | null;
  longestRunMax: number | null;
  crossings: number | null;
  crossingsMin: number | null;
  /** longestRun > longestRunMax or crossings < crossingsMin; always false on mr charts (as qicharts2) */
  runsSignal: boolean;
};

/** Result of {@link controlChart}. */
export type ControlChartResult = { points: ControlChartPoint[]; phases: ControlChartPhase[] };

/**
 * Result of {@link controlChartColumns}: the same figures as {@link controlChart}, one typed array
 * per field instead of one object per point. `NaN` in a `Float64Array` stands where
 * `controlChart` has `null` (no value, or no line at that point); flags are 0 or 1.
 */
export type ControlChartColumns = {
  value: Float64Array;
  centerLine: Float64Array;
  lcl: Float64Array;
  ucl: Float64Array;
  lcl95: Float64Array;
  ucl95: Float64Array;
  sigmaSignal: Uint8Array;
  /** 0-based phase of each point */
  phase: Uint32Array;
  baseline: Uint8Array;
  included: Uint8Array;
  phases: ControlChartPhase[];
};

const LIMITS: Readonly<Record<ChartType, (frame: LimitsFrame) => void>> = {
  run: runChartLines,
  i: individualsLimits,
  mr: movingRangeLimits,
  p: proportionLimits,
  pp: proportionPrimeLimits,
  u: rateLimits,
  up: ratePrimeLimits,
  c: countLimits,
  g: eventsBetweenLimits,
  t: timeBetweenLimits,
  np: npLimits,
  ip: iPrimeLimits,
};

/**
 * A control chart (or run chart) of one series, with center line, 3-sigma and 2-sigma limits,
 * 3-sigma signals per point, and the Anhøj runs analysis per phase: the figures qicharts2 0.8.1
 * gives for `qic(y, n, chart, freeze, part, exclude)` with the package attached.
 *
 * Limits by chart (CL = center line, from the baseline points of each phase):
 * - run: CL = median; no limits.
 * - i: CL = mean; CL ± 3σ, σ = MR̄ / 1.128 (Montgomery 6.33), MR̄ with Nelson screening (ranges
 *   >= 3.267·MR̄ dropped once; Nelson 1982). An all-equal series therefore has no limits when
 *   screening is on, and limits equal to CL when it is off (as qicharts2).
 * - mr: plotted value = |yᵢ - yᵢ₋₁| within the phase; CL = mean; UCL = 3.267·CL; LCL = 0.
 * - p: CL = Σy/Σn; σᵢ = sqrt(CL(1-CL)/nᵢ); limits clipped to [0, 1].
 * - pp: p limits times Laney's sigma_z (MR̄/1.128 of the z-scores, screened; Laney 2002).
 * - u: CL = Σy/Σn; σᵢ = sqrt(CL/nᵢ); lower limits clipped at 0. up: u limits times sigma_z.
 * - c: CL = mean; σ = sqrt(CL); lower limits clipped at 0.
 * - g: limits from the mean m, σ = sqrt(m(m+1)), lower limits clipped at 0; CL drawn = median.
 * - t: an i chart of y^(1/3.6) transformed back by ^3.6 (Nelson 1994); LCL below 0 (or undefined) = 0.
 * - np: plotted value = the count; p̄ = Σy/Σn; CL = nᵢp̄, σᵢ = sqrt(nᵢp̄(1-p̄)); limits clipped to [0, nᵢ] (np.ts).
 * - ip: qicharts2's I′ chart: CL = Σ(yᵢnᵢ)/Σnᵢ, σᵢ = mean(s)/sqrt(nᵢ) from scaled moving ranges (iPrime.ts).
 *
 * Missing data and edge rules:
 * - `null` stays missing: no value, not useful, never 0. For p, pp, u, up (and ratios on run
 *   and i charts) a month with either part missing is wholly missing.
 * - Zero denominators are allowed. On p, pp, u and up charts (as qicharts2): 0/0 is missing; k/0
 *   has no plotted value and no limits, but its numerator still enters Σy/Σn, and on u and up
 *   charts it counts as a useful point above the center line. On run and i charts a zero
 *   denominator makes the month missing (qicharts2 would put +Inf into the median or mean).
 * - `baseline` freezes the center line and limits at the first `baseline` points and is ignored
 *   when `phases` is given (as qicharts2 ignores `freeze` with `part`).
 * - `exclude`d points are left out of the center line, the limits and the runs analysis, but are
 *   still plotted and tested against the limits. On i, t, pp and up charts the moving range then
 *   spans the excluded point, while a missing point breaks it (as qicharts2).
 * - On t charts the plotted value is the time itself; qicharts2 plots (y^(1/3.6))^3.6, which can
 *   differ from y in the last binary digit.
 * - **Deliberate difference from qicharts2:** a point is on the center line when equal to it
 *   within 1e-9 relative. qicharts2 compares exactly in float64, so where a value equals the center
 *   line in decimal but not in float64 (81.2 against the median (81.1 + 81.3) / 2 =
 *   81.19999999999999; a moving range |4.0 - 3.6| = 0.3999999999999999 against a mean moving range
 *   of 0.4000000000000001) qicharts2 counts a useful point and we do not, which changes
 *   `usefulCount` and possibly the other runs figures of that phase. Lines and limits are unchanged.
 * - Means and sums use compensated summation, so the mean of decimal data is correctly rounded (as
 *   R's extended precision gives it); naive summation can be one unit in the last place off.
 * - Insufficient data is not an error: lines are `null` and phases report `usefulCount: 0`.
 * - An empty series gives `{ points: [], phases: [] }` (qicharts2 refuses it with an error).
 *
 * Runs in O(n) time and memory (run and g medians by sampled selection, no sort). Most of the
 * time for long series goes into making one object per point and collecting them later (about
 * 130 bytes each in V8; see points.ts); {@link controlChartColumns} returns the same figures as
 * typed arrays, several times faster and in less than half the memory.
 *
 * @param input the chart type, values and options (see {@link ControlChartInput})
 * @returns one point per value and one runs analysis per phase
 * @throws {CoreError} invalid_option for an unknown chart, a bad baseline, phase or exclude index,
 *   missing or unused denominators; invalid_value for non-finite values, negative counts or
 *   denominators, numerators above denominators on p and pp charts, and times <= 0 on t charts;
 *   length_mismatch when denominators and values differ in length. Messages about the data
 *   (denominators missing, unused or of another length; a bad value or denominator) are worded
 *   for spreadsheet users, as `QI.LIMITS` shows them: they count points from 1 ("point 3: numerator
 *   12 is larger than denominator 10; ..."), name no function, and say what to enter instead.
 *   Messages about the form of the input name `controlChart`.
 * @example
 * controlChart({ chart: "c", values: [3, 5] }).points[0].ucl; // => 10
 * controlChart({ chart: "i", values: [1, 3, 2, 4] }).points[0].ucl; // => 6.932624113475178
 * controlChart({ chart: "p", values: [1, 3], denominators: [10, 10] }).points[1].value; // => 0.3
 * controlChart({ chart: "run", values: [] }); // => { points: [], phases: [] }
 * controlChart({ chart: "np", values: [4, 6], denominators: [50, 50] }).points[0].centerLine; // => 5
 * controlChart({ chart: "c", values: [1, 1, 9, 9], recent: 2 }).points[0].centerLine; // => 9
 */
export function controlChart(input: ControlChartInput): ControlChartResult {
  // the columns are only read by buildPoints, so short series compute them in borrowed memory
  const columns = computeColumns(input, "controlChart", borrowedColumns);
  return { points: buildPoints(columns), phases: columns.phases };
}

/**
 * {@link controlChart} in columns: the same computation and the same figures, returned as one typed
 * array per field (`NaN` where `controlChart` says `null`) instead of one object per point. Use it
 * for long series (a million points take a few tens of milliseconds; building a million point
 * objects costs more than the analysis itself) or to feed a chart library that takes columns.
 *
 * Runs in O(n) time and memory. On series up to 4,096 points the six number columns are views on
 * one buffer and the four flag columns on another (two allocations instead of ten, see scratch.ts);
 * each column is its own range of its buffer, so writing one never changes another.
 *
 * @param input as for {@link controlChart}
 * @returns the columns and the per-phase runs analysis
 * @throws {CoreError} as {@link controlChart} (messages about the form of the input name `controlChartColumns`)
 * @example
 * Array.from(controlChartColumns({ chart: "c", values: [3, null, 5] }).value); // => [3, NaN, 5]
 * Array.from(controlChartColumns({ chart: "c", values: [3, null, 5] }).centerLine); // => [4, 4, 4]
 */
export function controlChartColumns(input: ControlChartInput): ControlChartColumns {
  return computeColumns(input, "controlChartColumns", freshColumns);
}

function emptyColumns(): ControlChartColumns {
  const none = new Float64Array(0);
  return {
    value: none,
    centerLine: none,
    lcl: none,
    ucl: none,
    lcl95: none,
    ucl95: none,
    sigmaSignal: new Uint8Array(0),
    phase: new Uint32Array(0),
    baseline: new Uint8Array(0),
    included: new Uint8Array(0),
    phases: [],
  };
}

function computeColumns(input: ControlChartInput, caller: string, memoryFor: (n: number) => ColumnMemory): ControlChartColumns {
  if (input === null || typeof input !== "object") {
    throw new CoreError("invalid_option", `${caller}: invalid input ${describeValue(input)} (expected an object with chart and values)`);
  }
  const chart = input.chart;
  if (typeof chart !== "string" || !Object.prototype.hasOwnProperty.call(LIMITS, chart)) {
    throw new CoreError("invalid_option", `${caller}: invalid chart ${describeValue(chart)} (expected one of ${CHART_TYPES.join(", ")})`);
  }
  // the plotted values are the input's own copy unless they are ratios or moving ranges
  const rawIsValue = input.denominators === undefined && chart !== "mr";
  const n = Array.isArray(input.values) ? input.values.length : 0;
  const memory = memoryFor(n);
  const raw = toSeries(input.values, caller, "values", () => (rawIsValue ? memory.float64(ScratchSlot.Series) : scratchFloat64(ScratchSlot.Series, n)));
  const denominators = readDenominators(input, chart, n, caller);
  checkValues(raw, denominators, chart);
  const screen = checkScreen(input.screenMovingRanges ?? true, caller);
  const baseline = input.baseline === undefined ? n : checkBaseline(input.baseline, n, caller);
  if (input.recent !== undefined && input.baseline !== undefined) {
    throw new CoreError("invalid_option", `${caller}: give baseline (the first points) or recent (the last points), not both`);
  }
  const recent = input.recent === undefined ? 0 : n - checkRecent(input.recent, n, caller);
  const starts = phaseStarts(input.phases, n, caller);
  const include = includeMask(input.exclude, n, caller, memory.uint8(ScratchSlot.Included));
  if (n === 0) return emptyColumns();

  const frozen = input.phases === undefined ? baseline : n; // freeze is ignored with phases
  const from = input.phases === undefined ? recent : 0; // first point of the baseline: 0, or n - recent
  // the points the limits come from: the included ones within the baseline (only read, so without
  // a baseline the include mask itself serves)
  let inBase = include;
  if (frozen < n || from > 0) {
    inBase = scratchUint8(ScratchSlot.InBase, n); // zero-filled
    for (let i = from; i < frozen; i++) inBase[i] = include[i];
  }
  const runsMask = input.exclude === undefined || input.exclude.length === 0 ? null : include; // null: every point

  const { y, numerators, denominators: perPoint } = plottedValues(raw, denominators, chart, rawIsValue ? null : memory.float64(ScratchSlot.Plotted));
  const out: LimitArrays = {
    cl: memory.float64(ScratchSlot.CenterLine),
    lcl: memory.float64(ScratchSlot.Lcl),
    ucl: memory.float64(ScratchSlot.Ucl),
    lcl95: memory.float64(ScratchSlot.Lcl95),
    ucl95: memory.float64(ScratchSlot.Ucl95),
  };
  const phaseOf = memory.uint32(ScratchSlot.Phase);
  const phases: ControlChartPhase[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : n;
    if (chart === "mr") {
      y[start] = Number.NaN;
      for (let i = start + 1; i < end; i++) y[i] = Math.abs(raw[i] - raw[i - 1]);
    }
    LIMITS[chart]({ y, numerators, denominators: perPoint, inBase, start, end, screen, out });
    phases.push(phaseRuns(y, out.cl[start], start, end, runsMask, chart !== "mr"));
    if (k > 0) phaseOf.fill(k, start, end);
  }

  // A plotted value that is not finite (k/0) has none (qicharts2 writes NA; the lines are already
  // NaN where not finite), then the 3-sigma signals: value > ucl or value < lcl, strictly; never
  // where either is missing.
  const value = chart === "t" ? raw : y;
  const sigmaSignal = memory.uint8(ScratchSlot.Signal);
  const baselineFlags = memory.uint8(ScratchSlot.Baseline);
  baselineFlags.fill(1, from, frozen);
  const { cl, lcl, ucl, lcl95, ucl95 } = out;
  for (let i = 0; i < n; i++) {
    const v = value[i];
    if (v - v !== 0) value[i] = Number.NaN;
    else if (v > ucl[i] || v < lcl[i]) sigmaSignal[i] = 1;
  }
  return { value, centerLine: cl, lcl, ucl, lcl95, ucl95, sigmaSignal, phase: phaseOf, baseline: baselineFlags, included: include, phases };
}

/**
 * The plotted series. With denominators, a month with either part missing is wholly missing;
 * value/denominator follows IEEE (0/0 = NaN missing, k/0 = +Infinity) on p, pp, u and up charts,
 * while run and i charts treat a zero denominator as missing.
 */
function plottedValues(
  raw: Float64Array,
  denominators: Float64Array | null,
  chart: ChartType,
  plotted: Float64Array | null,
): { y: Float64Array; numerators: Float64Array | null; denominators: Float64Array | null } {
  const n = raw.length;
  // raw is our own copy (toSeries); only the mr chart and the ratios need the plotted values apart
  if (plotted === null) return { y: raw, numerators: null, denominators: null };
  if (denominators === null) return { y: plotted, numerators: null, denominators: null };
  const y = plotted;
  const numerators = scratchFloat64(ScratchSlot.Numerators, n);
  const perPoint = scratchFloat64(ScratchSlot.PerPoint, n);
  const ratioOnly = OPTIONAL_DENOMINATORS.has(chart);
  for (let i = 0; i < n; i++) {
    const top = raw[i];
    const bottom = denominators[i];
    if (top !== top || bottom !== bottom || (ratioOnly && bottom === 0)) {
      y[i] = numerators[i] = perPoint[i] = Number.NaN;
    } else {
      numerators[i] = top;
      perPoint[i] = bottom;
      y[i] = chart === "np" ? top : top / bottom; // an np chart plots the count itself
    }
  }
  return { y, numerators, denominators: perPoint };
}

