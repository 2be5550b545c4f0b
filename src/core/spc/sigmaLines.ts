/**
 * Lines at any number of sigmas from the center line (1-sigma lines, the zone boundaries of the
 * Western Electric and Nelson tests), from a chart's own center line and 3-sigma limits.
 */

import { CoreError } from "../errors";
import { describeValue } from "../runchart/series";
import type { ControlChartPoint } from "./controlChart";

/**
 * σ of one point of a chart: (UCL - CL)/3 or (CL - LCL)/3, whichever is larger. A limit clipped at
 * 0 or 1 (p, c, u charts) is nearer the center line than 3σ, so the larger side is the unclipped
 * one. `null` without a center line or limits. Fits charts whose limits are CL ± 3σ (i, xbar,
 * xbar-r, p, pp, np, ip, u, up, c), not the skewed limits of mr, s, r, g and t charts.
 *
 * @example
 * pointSigma({ centerLine: 0.1, lcl: 0, ucl: 0.4 }); // => 0.10000000000000002
 */
export function pointSigma(point: Pick<ControlChartPoint, "centerLine" | "lcl" | "ucl">): number | null {
  if (point.centerLine === null) return null;
  const up = point.ucl === null ? -Infinity : point.ucl - point.centerLine;
  const down = point.lcl === null ? -Infinity : point.centerLine - point.lcl;
  const sigma = Math.max(up, down) / 3;
  return sigma > 0 && Number.isFinite(sigma) ? sigma : null;
}

/**
 * CL ± k·σ for every point (see {@link pointSigma}), e.g. k = 1 for 1-sigma lines, the zone
 * boundaries the Western Electric and Nelson tests read ({@link sigmaTests}). The lower line is not
 * clipped: clip it at 0 yourself for counts and proportions if you draw it.
 *
 * @param points the points of a chart ({@link controlChart} or {@link subgroupChart})
 * @param k sigmas from the center line, more than 0 (e.g. 1)
 * @returns per point `{ lower, upper }`, `null` where the chart has no limits
 * @throws {CoreError} invalid_option for k not a positive number
 * @example
 * sigmaLines([{ centerLine: 10, lcl: 4, ucl: 16 }], 1); // => [{ lower: 8, upper: 12 }]
 */
export function sigmaLines(
  points: ReadonlyArray<Pick<ControlChartPoint, "centerLine" | "lcl" | "ucl">>,
  k: number,
): Array<{ lower: number | null; upper: number | null }> {
  if (typeof k !== "number" || !(k > 0) || !Number.isFinite(k)) {
    throw new CoreError("invalid_option", `sigmaLines: invalid k ${describeValue(k)} (expected a number of sigmas more than 0, e.g. 1)`);
  }
  return points.map((point) => {
    const sigma = pointSigma(point);
    if (sigma === null || point.centerLine === null) return { lower: null, upper: null };
    return { lower: point.centerLine - k * sigma, upper: point.centerLine + k * sigma };
  });
}
