import { isImprovementDirection, type ImprovementDirection } from "../direction";
import { CoreError } from "../errors";
import { currentTarget, targetsPerPoint } from "../runchart/targets";
import { mdcAssurance, type Assurance } from "./assurance";
import { mdcLimits, type MdcLimits } from "./limits";
import { mdcPointType, mdcSpecialCauseTypes, type PointType, type SpecialCauseType } from "./specialCause";

/**
 * Smallest `fixAfter` accepted: limits fixed on fewer than 12 points are too unstable.
 * Source: NHSRplotthedots 0.2.2 (`ptd_spc_options`: "fix_after_n_points must be a single numeric
 * that is greater than or equal to 12"), which also warns that any period of 12 points or fewer has
 * only "trial limits".
 *
 * @example
 * MDC_MIN_FIX_AFTER; // => 12
 */
export const MDC_MIN_FIX_AFTER = 12;

/** Options of {@link makingDataCount}. */
export interface MakingDataCountOptions {
  /**
   * Which way is better:
   * - `"increase"`: higher values are improvement;
   * - `"decrease"`: lower values are improvement;
   * - `"neutral"`: neither (signals are "high" or "low"; no assurance).
   */
  improvementDirection: ImprovementDirection;
  /**
   * The target, for the assurance icon: one number, or one per point (`null` where a month has
   * none; qicharts2's variable target line). A varying target is read as the target in force at the
   * latest month ({@link currentTarget}), since assurance speaks of the process as it runs now (our
   * convention; NHSRplotthedots 0.2.2 takes one number). Default: none (assurance `null`).
   */
  target?: number | ReadonlyArray<number | null> | undefined;
  /**
   * 0-based indices of the points where a new limits period starts (NHS "rebasing"). Each period
   * gets its own mean and limits and its own rule checks. Duplicates are ignored. Default: none.
   */
  rebase?: readonly number[] | undefined;
  /**
   * Compute each period's mean and limits from its first `fixAfter` points only (counting missing
   * months), an integer of at least 12. Default: all points of the period.
   */
  fixAfter?: number | undefined;
  /** Screen moving ranges ≥ 3.267·MR̄ out of MR̄ (see {@link mdcLimits}). Default `true`. */
  screenOutliers?: boolean | undefined;
  /**
   * Points on one side of the mean that make a shift, an integer of at least 2. Default 7
   * (NHSRplotthedots 0.2.2); the Power BI SPC visual (AUS-DOH-Safety-and-Quality/PowerBI-SPC,
   * docs/PatternDetection/shift.md) defaults to 7 and lets users change it, as here.
   */
  shiftLength?: number | undefined;
  /** Points rising (or falling) in a row that make a trend, an integer of at least 2. Default 7 (NHSRplotthedots 0.2.2). */
  trendLength?: number | undefined;
}

/** One point of a {@link MakingDataCountResult}. */
export interface MakingDataCountPoint {
  /** The centre line of the point's period; `null` when the period has no value. */
  mean: number | null;
  /** Lower process limit of the point's period; `null` when it cannot be computed. */
  lpl: number | null;
  /** Upper process limit of the point's period; `null` when it cannot be computed. */
  upl: number | null;
  /** The special cause shown at this point, by the rules' precedence. */
  specialCauseType: SpecialCauseType;
  /** The classification behind the variation icon. */
  pointType: PointType;
  /** The limits period: starts at 0, or at 1 when a rebase is on the first point. */
  rebaseGroup: number;
}

/** What {@link makingDataCount} returns. */
export interface MakingDataCountResult {
  /** One entry per input value, in input order (missing values keep their place). */
  points: MakingDataCountPoint[];
  /** The variation icon: the last point's `pointType` (`"common_cause"` for an empty series). */
  variation: PointType;
  /** The assurance icon (see {@link mdcAssurance}); `null` without a target or for neutral measures. */
  assurance: Assurance | null;
}

function fail(code: "invalid_option" | "invalid_value", message: string): never {
  throw new CoreError(code, `makingDataCount: ${message}`);
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * NHS England "Making Data Count" analysis of an XmR (individuals) chart, as NHSRplotthedots 0.2.2
 * computes it (`ptd_spc` and its summary), point for point.
 *
 * For each limits period (split by `rebase`), the mean and process limits come from
 * {@link mdcLimits} (mean ± 2.66·MR̄, screened moving ranges, optional `fixAfter`); each point is then
 * labelled by {@link mdcSpecialCauseTypes} (outside the limits, then 7-point trend, then 2 in 3, then
 * 7-point shift, each rule looking only inside the period) and classified by {@link mdcPointType}.
 * The variation icon is the last point's type; the assurance icon compares the target with the
 * latest period's limits ({@link mdcAssurance}).
 *
 * Missing values (`null`) keep their place: the mean and MR̄ skip them, they are always
 * "Common Cause", and they break trends, shifts and 2-in-3 windows.
 *
 * Deliberate differences from NHSRplotthedots 0.2.2 (everything else matches its output):
 * - A missing month whose 7-point neighbourhood otherwise rises (or falls) strictly: the peer stops
 *   with "missing value where TRUE/FALSE needed"; we treat the gap as breaking the trend, as the
 *   peer does wherever it can answer (reference case ref-ptd-052).
 * - Every value missing: the peer stops with the same error (when a period has 7 or more points); we
 *   return null means and limits, "Common Cause" everywhere and assurance `null` (ref-ptd-054).
 * - Assurance is `null`, not `"inconsistent"`, when the latest period has no value at all.
 * - Two trends separated by a tie: the peer labels the last point of the first trend
 *   "(Decreasing)" whatever its direction; we keep that trend's direction.
 * - `fixAfter` must be an integer (the peer also takes 12.5, acting as 12), rebase indices must be
 *   inside the series (the peer ignores rebase dates it does not find) and values must be finite.
 * - An empty series returns no points, variation `"common_cause"`, assurance `null`.
 *
 * Runs in O(n + r log r) for n values and r rebase indices.
 *
 * @param values observations in time order, one per month; `null` marks a missing month
 * @param options `improvementDirection` (required), `target`, `rebase`, `fixAfter`, `screenOutliers`, `shiftLength`, `trendLength`
 * @returns per-point mean, limits, label, type and period, plus the variation and assurance icons
 * @throws {CoreError} `invalid_value` when a value is not a finite number or `null`;
 *   `invalid_option` when `improvementDirection` is not one of the three, `target` is not finite,
 *   `fixAfter` is not an integer of at least 12, `screenOutliers` is not a boolean, or a `rebase`
 *   index is not an integer inside the series
 * @example
 * makingDataCount([1, 2, 3, 4, 5, 6, 7], { improvementDirection: "increase" }).variation; // => "special_cause_improvement"
 * makingDataCount([3, 4, 3, 4, 3], { improvementDirection: "decrease", target: 10 }).assurance; // => "consistent_pass"
 * makingDataCount([3, 4, 3, 9, 9], { improvementDirection: "neutral", rebase: [3] }).points.map((p) => p.rebaseGroup); // => [0, 0, 0, 1, 1]
 * makingDataCount([1, 2, 3, 4, 5, 6], { improvementDirection: "increase", trendLength: 6 }).variation; // => "special_cause_improvement"
 * makingDataCount([3, 4, 3, 4, 3], { improvementDirection: "decrease", target: [2, 2, 2, 10, null] }).assurance; // => "consistent_pass"
 */
export function makingDataCount(
  values: ReadonlyArray<number | null>,
  options: MakingDataCountOptions,
): MakingDataCountResult {
  if (!Array.isArray(values)) fail("invalid_value", `values must be an array, got ${show(values)}`);
  values.forEach((value, i) => {
    if (value !== null && !(typeof value === "number" && Number.isFinite(value))) {
      fail("invalid_value", `values[${i}] must be a finite number or null, got ${show(value)}`);
    }
  });
  const { improvementDirection, target, rebase, fixAfter, screenOutliers, shiftLength, trendLength } = options;
  for (const [name, length] of [["shiftLength", shiftLength], ["trendLength", trendLength]] as const) {
    if (length !== undefined && !(Number.isInteger(length) && length >= 2)) {
      fail("invalid_option", `${name} must be a whole number of points, 2 or more, got ${show(length)}`);
    }
  }
  if (!isImprovementDirection(improvementDirection)) {
    fail("invalid_option", `improvementDirection must be increase, decrease or neutral, got ${show(improvementDirection)}`);
  }
  if (target !== undefined && !Array.isArray(target) && !(typeof target === "number" && Number.isFinite(target))) {
    fail("invalid_option", `target must be a finite number, got ${show(target)}`);
  }
  const assuranceTarget = Array.isArray(target) ? (currentTarget(targetsPerPoint(target, values.length)) ?? undefined) : (target as number | undefined);
  if (fixAfter !== undefined) {
    if (!Number.isInteger(fixAfter)) fail("invalid_option", `fixAfter must be an integer, got ${show(fixAfter)}`);
    if (fixAfter < MDC_MIN_FIX_AFTER) {
      fail("invalid_option", `fixAfter must be at least ${MDC_MIN_FIX_AFTER}, got ${fixAfter}`);
    }
  }
  if (screenOutliers !== undefined && typeof screenOutliers !== "boolean") {
    fail("invalid_option", `screenOutliers must be true or false, got ${show(screenOutliers)}`);
  }
  const starts = new Set<number>();
  for (const index of rebase ?? []) {
    if (!Number.isInteger(index) || index < 0 || index >= values.length) {
      const range = values.length === 0 ? "none (the series is empty)" : `an integer from 0 to ${values.length - 1}`;
      fail("invalid_option", `rebase index must be ${range}, got ${show(index)}`);
    }
    starts.add(index);
  }

  // Split into limits periods. The first period is group 0, or group 1 when a rebase is on point 0
  // (the peer numbers periods by a running count of rebase points).
  const boundaries = [...starts].sort((a, b) => a - b);
  if (boundaries[0] !== 0) boundaries.unshift(0);
  const firstGroup = starts.has(0) ? 1 : 0;

  const points: MakingDataCountPoint[] = [];
  let latest: MdcLimits | null = null;
  for (let g = 0; g < boundaries.length; g++) {
    const end = g + 1 < boundaries.length ? boundaries[g + 1] : values.length;
    const period = values.slice(boundaries[g], end);
    const limits = mdcLimits(period, { fixAfter, screenOutliers });
    for (const type of mdcSpecialCauseTypes(period, limits, { shift: shiftLength, trend: trendLength })) {
      points.push({
        mean: limits.mean,
        lpl: limits.lpl,
        upl: limits.upl,
        specialCauseType: type,
        pointType: mdcPointType(type, improvementDirection),
        rebaseGroup: firstGroup + g,
      });
    }
    latest = limits;
  }

  const last = points[points.length - 1];
  return {
    points,
    variation: last === undefined ? "common_cause" : last.pointType,
    assurance: latest === null ? null : mdcAssurance(latest, assuranceTarget, improvementDirection),
  };
}
