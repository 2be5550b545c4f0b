import { compensatedSum } from "../numeric";

/**
 * Width of the XmR process limits in average moving ranges: mean ± 2.66·MR̄.
 *
 * 2.66 is 3/d₂ rounded to two decimals, where d₂ = 1.128 is the bias-correction constant for
 * moving ranges of two points (3/1.128 = 2.6596…; Wheeler & Chambers, "Understanding Statistical
 * Process Control"). NHS England's "Making Data Count" and NHSRplotthedots 0.2.2
 * (`ptd_spc_standard`: `limit <- 2.66`) use the rounded value; qicharts2 uses 3/1.128, so the two
 * peers' limits differ slightly (test/fixtures README, gotcha 3).
 *
 * @example
 * MDC_LIMIT_FACTOR; // => 2.66
 */
export const MDC_LIMIT_FACTOR = 2.66;

/**
 * Distance of the inner "close to the limit" line from the mean, in average moving ranges:
 * two thirds of {@link MDC_LIMIT_FACTOR}, i.e. the two-sigma line. The "2 in 3" rule looks at points
 * between this line and the process limit. Computed exactly as NHSRplotthedots 0.2.2 does
 * (`limitclose <- 2 * (limit / 3)`), so the float64 value is the same.
 *
 * @example
 * MDC_NEAR_LIMIT_FACTOR; // => 2 * (2.66 / 3)
 */
export const MDC_NEAR_LIMIT_FACTOR = 2 * (MDC_LIMIT_FACTOR / 3);

/**
 * Outlier screen for moving ranges: a moving range of at least 3.267·MR̄ is dropped and MR̄ is
 * recomputed once, so a single freak month does not widen the limits.
 *
 * 3.267 is D₄ for subgroups of two, the upper limit of a range chart in average ranges (Montgomery,
 * "Introduction to Statistical Quality Control", table of control-chart constants); screening the
 * moving ranges with it follows Nelson (1982, J. Quality Technology 14:172). NHSRplotthedots 0.2.2
 * (`ptd_spc_standard`) keeps a moving range only when it is strictly below 3.267·MR̄.
 *
 * @example
 * MDC_MR_SCREEN_FACTOR; // => 3.267
 */
export const MDC_MR_SCREEN_FACTOR = 3.267;

/**
 * Mean as R computes it (`mean.default`): a first estimate from a compensated sum, then one
 * correction pass that adds the mean of the residuals. The result is the correctly rounded mean in
 * all but pathological cases, so a point that equals the peer's mean in float64 equals ours too
 * (the shift and 2-in-3 rules compare with the mean exactly); a plain `sum / n`, even of a
 * compensated sum, rounds twice and can be one unit in the last place off.
 * `NaN` for an empty list. Runs in O(n).
 */
function refinedMean(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const first = compensatedSum(values) / n;
  if (!Number.isFinite(first)) return first;
  return first + compensatedSum(values.map((value) => value - first)) / n;
}

/** Options of {@link mdcLimits}. */
export interface MdcLimitsOptions {
  /**
   * Use only the first `fixAfter` points (counting missing ones) for the mean and the moving
   * ranges; later points are judged against these limits. Default: all points. Checked by the
   * caller ({@link makingDataCount} refuses values below 12).
   */
  fixAfter?: number | undefined;
  /** Drop moving ranges ≥ 3.267·MR̄ and recompute MR̄ once. Default `true`. */
  screenOutliers?: boolean | undefined;
}

/**
 * The centre line and limits of one limits period. Each is `null` when it cannot be computed.
 */
export interface MdcLimits {
  /** Mean of the period's (baseline) values; `null` when every value is missing. */
  mean: number | null;
  /** Lower process limit, mean − 2.66·MR̄; `null` when no moving range survives. */
  lpl: number | null;
  /** Upper process limit, mean + 2.66·MR̄. */
  upl: number | null;
  /** Lower "close to the limit" line, mean − (2/3)·2.66·MR̄. */
  nearLpl: number | null;
  /** Upper "close to the limit" line, mean + (2/3)·2.66·MR̄. */
  nearUpl: number | null;
  /** Average moving range after screening; `null` when no moving range survives. */
  averageMovingRange: number | null;
}

/**
 * XmR centre line and process limits of ONE limits period, as NHS England's "Making Data Count"
 * and NHSRplotthedots 0.2.2 compute them.
 *
 * - mean: the mean of the baseline values, computed as R computes it (compensated sum plus one
 *   correction pass), so it is the same float64 as the peer's: the rules compare points with the
 *   mean exactly, and a point "on the mean" must be on it in both.
 * - moving ranges: |yᵢ − yᵢ₋₁| of neighbouring baseline points. A missing value (`null`) is skipped
 *   by the mean, and the two moving ranges that touch it are missing too: ranges are never bridged
 *   across a gap (R's `diff` gives `NA` there).
 * - screening (default on): moving ranges ≥ 3.267·MR̄ are dropped and MR̄ recomputed once. When all
 *   values are equal, MR̄ = 0 and every range is "≥ 0", so none survives and the limits are `null`
 *   (the peer's behaviour; with screening off the limits equal the mean).
 * - limits: mean ± 2.66·MR̄; inner lines mean ± (2/3)·2.66·MR̄.
 *
 * Runs in O(n).
 *
 * @param values one period's observations in time order; `null` marks a missing month
 * @param options `fixAfter` (baseline length, default all) and `screenOutliers` (default `true`)
 * @returns the centre line, limits and inner lines; `null` where they cannot be computed
 * @example
 * mdcLimits([10, 12, 11, 13]).upl; // => 11.5 + 2.66 * (5 / 3)
 * mdcLimits([5, 5, 5]).upl; // => null
 * mdcLimits([5, 5, 5], { screenOutliers: false }).upl; // => 5
 */
export function mdcLimits(values: readonly (number | null)[], options: MdcLimitsOptions = {}): MdcLimits {
  const baseline = options.fixAfter === undefined ? values : values.slice(0, options.fixAfter);
  const present: number[] = [];
  const movingRanges: number[] = [];
  for (let i = 0; i < baseline.length; i++) {
    const value = baseline[i];
    if (value === null) continue;
    present.push(value);
    const previous = i > 0 ? baseline[i - 1] : null;
    if (previous !== null) movingRanges.push(Math.abs(value - previous));
  }

  const centre = present.length > 0 ? refinedMean(present) : null;
  let averageMovingRange = refinedMean(movingRanges);
  if (options.screenOutliers !== false) {
    const screenAt = MDC_MR_SCREEN_FACTOR * averageMovingRange;
    averageMovingRange = refinedMean(movingRanges.filter((range) => range < screenAt));
  }

  if (centre === null || Number.isNaN(averageMovingRange)) {
    return { mean: centre, lpl: null, upl: null, nearLpl: null, nearUpl: null, averageMovingRange: null };
  }
  return {
    mean: centre,
    lpl: centre - MDC_LIMIT_FACTOR * averageMovingRange,
    upl: centre + MDC_LIMIT_FACTOR * averageMovingRange,
    nearLpl: centre - MDC_NEAR_LIMIT_FACTOR * averageMovingRange,
    nearUpl: centre + MDC_NEAR_LIMIT_FACTOR * averageMovingRange,
    averageMovingRange,
  };
}
