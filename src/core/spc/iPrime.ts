/**
 * Limits of qicharts2's I′ ("ip") chart: an individuals chart for proportions or rates whose
 * denominators vary, with limits that widen and narrow with each point's denominator (added in
 * qicharts2 0.8.0, NEWS.md "Add I prime chart (ip)"). qicharts2 0.8.1, R/helper.functions.R, `qic.ip`:
 *
 * - CL = Σ(yᵢ·nᵢ) / Σnᵢ over the baseline points (yᵢ = numeratorᵢ / nᵢ);
 * - sⱼ = sqrt(π/2)·|yⱼ - yⱼ₋₁| / sqrt(1/nⱼ₋₁ + 1/nⱼ) for consecutive points;
 * - with Nelson screening (qicharts2 attached), s values at or above 3.2665·mean(s) are dropped
 *   once (qicharts2 keeps `s < 3.2665·mean(s)`);
 * - σᵢ = mean(s)·sqrt(1/nᵢ); limits CL ± 3σᵢ and ± 2σᵢ, not clipped (qicharts2's default
 *   `y.neg = TRUE` leaves them as computed).
 *
 * **Deliberate difference:** qicharts2 takes the s values from every consecutive pair of the part,
 * even after the baseline (`freeze`) and across excluded points. Here both points of a pair must
 * be in the baseline and included, so a frozen baseline freezes the limits too. Without `baseline`
 * and `exclude` the two agree (test/core/iPrime.test.ts).
 */

import { finiteOrNaN, type LimitsFrame } from "./frame";
import { maskedSum } from "./sums";

/** qicharts2's screening factor for the s values of the I′ chart (`uls <- as * 3.2665`). */
export const I_PRIME_SCREEN_FACTOR = 3.2665;

/** I′ chart limits of one phase (see the file comment). */
export function iPrimeLimits(frame: LimitsFrame): void {
  const { start, end, out, inBase, y } = frame;
  const denominators = frame.denominators as Float64Array;
  let top = 0;
  let topCompensation = 0;
  for (let i = start; i < end; i++) {
    if (inBase[i] === 0) continue;
    const term = y[i] * denominators[i];
    if (term !== term) continue;
    const t = top + term;
    topCompensation += Math.abs(top) >= Math.abs(term) ? top - t + term : term - t + top;
    top = t;
  }
  const cl = (top + topCompensation) / maskedSum(denominators, start, end, inBase).sum;
  const s: number[] = [];
  for (let j = start + 1; j < end; j++) {
    if (inBase[j] === 0 || inBase[j - 1] === 0) continue;
    const value = (Math.sqrt(Math.PI / 2) * Math.abs(y[j] - y[j - 1])) / Math.sqrt(1 / denominators[j - 1] + 1 / denominators[j]);
    if (value - value === 0) s.push(value);
  }
  let meanS = mean(s);
  if (frame.screen) {
    const limit = I_PRIME_SCREEN_FACTOR * meanS;
    meanS = mean(s.filter((value) => value < limit));
  }
  for (let i = start; i < end; i++) {
    const sigma = meanS * Math.sqrt(1 / denominators[i]);
    out.cl[i] = finiteOrNaN(cl);
    out.lcl[i] = finiteOrNaN(cl - 3 * sigma);
    out.ucl[i] = finiteOrNaN(cl + 3 * sigma);
    out.lcl95[i] = finiteOrNaN(cl - 2 * sigma);
    out.ucl95[i] = finiteOrNaN(cl + 2 * sigma);
  }
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const { sum } = maskedSum(Float64Array.from(values), 0, values.length, null);
  return sum / values.length;
}
