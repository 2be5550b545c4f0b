/** Exact binomial and Poisson funnel limits with Spiegelhalter's interpolation. */

import { CoreError } from "../errors";

/**
 * The p-th quantile of a discrete distribution, made continuous by Spiegelhalter's interpolation:
 * with r the smallest count for which P(X <= r) >= p,
 * α = (P(X <= r) − p) / (P(X = r)) and the quantile is r − α.
 * Source: Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat Med
 * 2005;24:1185-1202, Appendix A.1.1 ("interpolation" for discrete distributions, so that limits
 * are smooth in the denominator instead of stepping at each integer).
 *
 * The point probabilities are built from the mode outward by their ratios (next/previous) over a
 * window of 12 SD + 25 each side, then normalised by their sum: no factorials, no underflow at
 * large counts, and the mass outside the window is below 1e-30.
 *
 * @param probability the lower-tail probability, in (0, 1)
 * @param mode a most likely count
 * @param lowest the smallest possible count of the window
 * @param highest the largest possible count of the window
 * @param up ratio P(X = k + 1) / P(X = k)
 */
function interpolatedQuantile(probability: number, mode: number, lowest: number, highest: number, up: (k: number) => number): number {
  const weights: number[] = [1];
  // downward from the mode: P(k - 1) = P(k) / up(k - 1)
  const below: number[] = [];
  let weight = 1;
  for (let k = mode - 1; k >= lowest; k--) {
    weight /= up(k);
    if (weight === 0 || !Number.isFinite(weight)) break;
    below.push(weight);
  }
  weight = 1;
  const above: number[] = [];
  for (let k = mode; k < highest; k++) {
    weight *= up(k);
    if (weight === 0 || !Number.isFinite(weight)) break;
    above.push(weight);
  }
  below.reverse();
  const first = mode - below.length;
  const all = [...below, ...weights, ...above];
  let total = 0;
  for (const w of all) total += w;
  let cdf = 0;
  for (let i = 0; i < all.length; i++) {
    const point = (all[i] as number) / total;
    cdf += point;
    if (cdf >= probability || i === all.length - 1) {
      const alpha = point > 0 ? Math.min(1, Math.max(0, (cdf - probability) / point)) : 0;
      return first + i - alpha;
    }
  }
  /* c8 ignore next */
  return first + all.length - 1;
}

function checkProbability(name: string, probability: number): void {
  if (!(probability > 0 && probability < 1)) {
    throw new CoreError("invalid_option", `${name}: invalid probability ${String(probability)} (expected a number between 0 and 1)`);
  }
}

/**
 * Exact binomial funnel limit for a proportion: the p-th quantile of Binomial(n, θ), interpolated
 * (see below), divided by n. This is the limit a team's proportion of `n` cases is compared with
 * when the collaborative's overall proportion is θ.
 *
 * Method: Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat Med
 * 2005;24:1185-1202, Appendix A.1.1: r is the smallest count with P(R <= r) >= p,
 * α = (P(R <= r) − p) / (P(R <= r) − P(R <= r − 1)), limit = (r − α) / n.
 *
 * When r is 0 the formula gives r − α < 0 (α = (P(R <= 0) − p) / P(R = 0) > 0): no proportion is
 * below 0, so the limit is 0 there (the funnel's lower limit sits on the axis at small n).
 *
 * Runs in O(sqrt(n θ (1 − θ))) (a window of about 12 SD each side of the mode).
 *
 * @param probability lower-tail probability of the limit: 0.025 and 0.975 for the 95% pair,
 *   0.001 and 0.999 for the 99.8% pair
 * @param denominator n, the number of cases, an integer >= 1
 * @param target θ, the overall proportion, in [0, 1] (0 and 1 give limits equal to θ)
 * @returns the limit as a proportion, in [0, 1]
 * @throws {CoreError} invalid_option when an argument is out of range
 * @example
 * exactBinomialLimit(0.975, 20, 0.5); // => 0.6941764705882353
 * exactBinomialLimit(0.5, 1, 0.5); // => 0
 * exactBinomialLimit(0.025, 100, 0); // => 0
 */
export function exactBinomialLimit(probability: number, denominator: number, target: number): number {
  checkProbability("exactBinomialLimit", probability);
  if (!Number.isInteger(denominator) || denominator < 1) {
    throw new CoreError("invalid_option", `exactBinomialLimit: invalid denominator ${String(denominator)} (expected an integer >= 1)`);
  }
  if (!(target >= 0 && target <= 1)) {
    throw new CoreError("invalid_option", `exactBinomialLimit: invalid target ${String(target)} (expected a proportion from 0 to 1)`);
  }
  if (target === 0 || target === 1) return target;
  const n = denominator;
  const ratio = target / (1 - target);
  const mode = Math.min(n, Math.floor((n + 1) * target));
  const reach = Math.ceil(12 * Math.sqrt(n * target * (1 - target))) + 25;
  const quantile = interpolatedQuantile(probability, mode, Math.max(0, mode - reach), Math.min(n, mode + reach), (k) => ((n - k) / (k + 1)) * ratio);
  return Math.max(0, quantile) / n;
}

/**
 * Exact Poisson funnel limit for a rate: the p-th quantile of Poisson(θ · E), interpolated as for
 * the binomial, divided by E. This is the limit a team's rate over an exposure E (patient days,
 * line days) is compared with when the collaborative's overall rate per unit of exposure is θ.
 *
 * Method: Spiegelhalter 2005 (Stat Med 24:1185-1202), Appendix A.1.1 and Table I (a Poisson count
 * with mean θE; the same interpolation α = (P(O <= r) − p) / P(O = r), limit (r − α) / E).
 *
 * A negative r − α (when r is 0) is a limit of 0, as for the binomial.
 *
 * Runs in O(sqrt(θ E)).
 *
 * @param probability lower-tail probability of the limit (0.025, 0.975, 0.001, 0.999)
 * @param exposure E, the denominator (> 0; need not be an integer)
 * @param target θ, the overall events per unit of exposure, >= 0 (0 gives 0)
 * @returns the limit as events per unit of exposure
 * @throws {CoreError} invalid_option when an argument is out of range
 * @example
 * exactPoissonLimit(0.5, 1, 1); // => 0.35914091422952277
 * exactPoissonLimit(0.975, 10, 0); // => 0
 */
export function exactPoissonLimit(probability: number, exposure: number, target: number): number {
  checkProbability("exactPoissonLimit", probability);
  if (!(exposure > 0 && Number.isFinite(exposure))) {
    throw new CoreError("invalid_option", `exactPoissonLimit: invalid exposure ${String(exposure)} (expected a number > 0)`);
  }
  if (!(target >= 0 && Number.isFinite(target))) {
    throw new CoreError("invalid_option", `exactPoissonLimit: invalid target ${String(target)} (expected a rate >= 0)`);
  }
  if (target === 0) return 0;
  const mean = target * exposure;
  const mode = Math.floor(mean);
  const reach = Math.ceil(12 * Math.sqrt(mean)) + 25;
  const quantile = interpolatedQuantile(probability, mode, Math.max(0, mode - reach), mode + reach, (k) => mean / (k + 1));
  return Math.max(0, quantile) / exposure;
}
