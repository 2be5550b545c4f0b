/**
 * Internal shape shared by the limit calculations: one phase of one chart, its inputs as typed
 * arrays and the arrays its center line and limits are written into. Indices are positions in the
 * whole series; a phase covers `[start, end)`.
 */

/** Per-point output arrays (`NaN` = no line at that point). */
export type LimitArrays = {
  cl: Float64Array;
  lcl: Float64Array;
  ucl: Float64Array;
  lcl95: Float64Array;
  ucl95: Float64Array;
};

/** One phase of a chart, as the limit functions see it. */
export type LimitsFrame = {
  /** plotted values: `NaN` missing; `+Infinity` for events over a zero denominator (u, u′) */
  readonly y: Float64Array;
  /** numerators and denominators (p, p′, u, u′), `NaN` where the month is missing */
  readonly numerators: Float64Array | null;
  readonly denominators: Float64Array | null;
  /** 1 where the point is in the baseline and not excluded: the points the limits are computed from */
  readonly inBase: Uint8Array;
  readonly start: number;
  readonly end: number;
  /** Nelson screening of large moving ranges (I, T, P′, U′) */
  readonly screen: boolean;
  readonly out: LimitArrays;
};

/**
 * Write one center line and one set of limits to every point of the phase. A line that is not a
 * finite number is written as `NaN` (no line), as qicharts2 turns non-finite limits into NA.
 */
export function fillConstant(
  frame: LimitsFrame,
  cl: number,
  lcl: number,
  ucl: number,
  lcl95: number,
  ucl95: number,
): void {
  const { out, start, end } = frame;
  out.cl.fill(finiteOrNaN(cl), start, end);
  out.lcl.fill(finiteOrNaN(lcl), start, end);
  out.ucl.fill(finiteOrNaN(ucl), start, end);
  out.lcl95.fill(finiteOrNaN(lcl95), start, end);
  out.ucl95.fill(finiteOrNaN(ucl95), start, end);
}

/** The number itself when finite, else `NaN` (the typed-array spelling of "no value"). */
export function finiteOrNaN(value: number): number {
  return value - value === 0 ? value : Number.NaN;
}

/** Number of baseline points of the phase. */
export function baseCount(frame: LimitsFrame): number {
  let count = 0;
  for (let i = frame.start; i < frame.end; i++) count += frame.inBase[i];
  return count;
}
