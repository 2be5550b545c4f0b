import type { ImprovementDirection } from "../direction";
import type { MdcLimits } from "./limits";

/**
 * The "Making Data Count" assurance icon: will the process, as it runs now, meet its target?
 *
 * - `"consistent_pass"`: the whole range between the process limits is on the good side of the target;
 * - `"consistent_fail"`: the whole range is on the bad side;
 * - `"inconsistent"`: the target lies between the limits, so the process will hit and miss it at random.
 *
 * @example
 * ASSURANCE_TYPES.includes("inconsistent"); // => true
 */
export const ASSURANCE_TYPES = ["consistent_pass", "consistent_fail", "inconsistent"] as const;

/** One of {@link ASSURANCE_TYPES}. */
export type Assurance = (typeof ASSURANCE_TYPES)[number];

/**
 * Assurance of a measure against its target, from the limits of its LATEST limits period (the last
 * point's limits), as NHSRplotthedots 0.2.2 computes it in `ptd_calculate_assurance_type`:
 *
 * - target above the upper limit: fail when higher is better, pass when lower is better;
 * - target below the lower limit: pass when higher is better, fail when lower is better;
 * - otherwise `"inconsistent"`. That includes limits that are `null` (for example a single point,
 *   or all-equal values, whose moving ranges are all screened out); the peer does the same.
 *
 * `null` when there is no target or the measure is neutral (the peer's rule), and also when the
 * latest period has no mean at all (every value missing). There the peer says `"inconsistent"` or
 * stops with an error; we say "no assurance" because there is no data to give one (a deliberate
 * difference).
 *
 * Runs in O(1).
 *
 * @param limits the latest period's mean and limits (from {@link mdcLimits})
 * @param target the target, or `undefined` for none
 * @param direction the measure's improvement direction
 * @returns the assurance, or `null` when none applies
 * @example
 * mdcAssurance({ mean: 95, lpl: 92, upl: 98 }, 90, "increase"); // => "consistent_pass"
 * mdcAssurance({ mean: 95, lpl: 92, upl: 98 }, 90, "decrease"); // => "consistent_fail"
 * mdcAssurance({ mean: 95, lpl: 92, upl: 98 }, 95, "increase"); // => "inconsistent"
 * mdcAssurance({ mean: 95, lpl: 92, upl: 98 }, 90, "neutral"); // => null
 */
export function mdcAssurance(
  limits: Pick<MdcLimits, "mean" | "lpl" | "upl">,
  target: number | undefined,
  direction: ImprovementDirection,
): Assurance | null {
  if (target === undefined || direction === "neutral" || limits.mean === null) return null;
  const higherIsBetter = direction === "increase";
  if (limits.upl !== null && target > limits.upl) return higherIsBetter ? "consistent_fail" : "consistent_pass";
  if (limits.lpl !== null && target < limits.lpl) return higherIsBetter ? "consistent_pass" : "consistent_fail";
  return "inconsistent";
}
