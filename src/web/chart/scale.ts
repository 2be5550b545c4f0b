// Linear scales and the plot frame for the SVG charts of the faculty app and the task pane. Small on purpose: the run
// charts, the bars and (next) funnel plots need only linear x/y and a band of equal steps.

/** A linear map from data (`domain`) to SVG units (`range`). */
export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

/**
 * `linearScale([0, 100], [140, 10])(50)` is 75. A domain of zero width maps everything to the middle
 * of the range (one point, or a flat series, is drawn in the middle instead of dividing by zero).
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const width = d1 - d0;
  const scale = (value: number) => (width === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / width) * (r1 - r0));
  return Object.assign(scale, { domain, range });
}

/** Space around the plot area, in SVG units. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The chart's size and the plot area inside its margins. */
export interface Frame {
  width: number;
  height: number;
  margin: Margin;
  /** left, right, top and bottom edges of the plot area */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export function frame(width: number, height: number, margin: Margin): Frame {
  return { width, height, margin, x0: margin.left, x1: width - margin.right, y0: margin.top, y1: height - margin.bottom };
}

/**
 * A y domain that holds every value and the extra lines (goal, limits), padded by 10% of its span,
 * never below 0 for non-negative data, and capped at 100 for a percent that stays within 100.
 * Without values: [0, 1].
 */
export function valueDomain(values: readonly number[], extra: readonly number[], options: { percent: boolean }): [number, number] {
  if (values.length === 0) return [0, 1];
  const all = [...values, ...extra];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  const bottom = lo >= 0 ? Math.max(0, lo - pad) : lo - pad;
  const top = options.percent && hi <= 100 ? Math.min(100, hi + pad) : hi + pad;
  return [bottom, top];
}
