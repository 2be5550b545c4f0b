/** Funnel limits by the normal approximation, with an optional between-team variance. */

import { CoreError } from "../errors";
import type { FunnelMeasure } from "./funnelMeasure";

/**
 * The variance of one team's value under the null hypothesis that it shares the collaborative's
 * overall value θ:
 * - `proportion`: θ (1 − θ) / n (binomial)
 * - `rate`: θ / E (Poisson count over an exposure E)
 *
 * Source: Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat Med
 * 2005;24:1185-1202, Table I (the "target" θ0 and its "variance" g(θ0)/ρ for each indicator).
 *
 * @param measure `proportion` or `rate`
 * @param denominator n or E, > 0
 * @param target θ: a proportion in [0, 1], or a rate >= 0
 * @returns the null variance of the team's value
 * @throws {CoreError} invalid_option when an argument is out of range
 * @example
 * nullVariance("proportion", 100, 0.2); // => 0.0016000000000000003
 * nullVariance("rate", 50, 0.1); // => 0.002
 */
export function nullVariance(measure: FunnelMeasure, denominator: number, target: number): number {
  if (!(denominator > 0 && Number.isFinite(denominator))) {
    throw new CoreError("invalid_option", `nullVariance: invalid denominator ${String(denominator)} (expected a number > 0)`);
  }
  if (measure === "proportion") {
    if (!(target >= 0 && target <= 1)) {
      throw new CoreError("invalid_option", `nullVariance: invalid target ${String(target)} (expected a proportion from 0 to 1)`);
    }
    return (target * (1 - target)) / denominator;
  }
  if (!(target >= 0 && Number.isFinite(target))) {
    throw new CoreError("invalid_option", `nullVariance: invalid target ${String(target)} (expected a rate >= 0)`);
  }
  return target / denominator;
}

/**
 * A funnel limit by the normal approximation: θ + z · sqrt(s² + τ²), where s² is the null variance
 * at this denominator ({@link nullVariance}) and τ² the between-team variance of the additive
 * random-effects model (0 when no overdispersion adjustment is made). A proportion's limits are
 * clipped to [0, 1] and a rate's lower limit to 0, the values a team can take.
 *
 * Sources: Spiegelhalter 2005 (Stat Med 24:1185-1202), section 3 ("θ0 ± z_p · σ(ρ)") for τ² = 0;
 * Spiegelhalter DJ. Handling over-dispersion of performance indicators. Qual Saf Health Care
 * 2005;14:347-351, "additive random effects": limits θ0 ± z_p · sqrt(s² + τ²).
 *
 * @param z the standard normal deviate, signed: −1.96 for the lower 95% limit, +3.09 for the upper
 *   99.8% limit (see `FUNNEL_LEVELS`)
 * @param measure `proportion` or `rate`
 * @param denominator n or E, > 0
 * @param target θ
 * @param tau2 τ², the between-team variance, >= 0 (default 0)
 * @returns the limit in the measure's own scale (a proportion, or events per unit of exposure)
 * @throws {CoreError} invalid_option when an argument is out of range
 * @example
 * normalLimit(1.959963984540054, "proportion", 100, 0.5); // => 0.5979981992270027
 * normalLimit(-3.090232306167813, "rate", 10, 0.1); // => 0
 */
export function normalLimit(z: number, measure: FunnelMeasure, denominator: number, target: number, tau2 = 0): number {
  if (!Number.isFinite(z)) throw new CoreError("invalid_option", `normalLimit: invalid z ${String(z)} (expected a finite number)`);
  if (!(tau2 >= 0 && Number.isFinite(tau2))) {
    throw new CoreError("invalid_option", `normalLimit: invalid tau2 ${String(tau2)} (expected a number >= 0)`);
  }
  const limit = target + z * Math.sqrt(nullVariance(measure, denominator, target) + tau2);
  const clippedBelow = Math.max(0, limit);
  return measure === "proportion" ? Math.min(1, clippedBelow) : clippedBelow;
}
