/**
 * Limits of the np chart (number of defective units in subgroups of n units), as Montgomery
 * (section 7.2.1, "The np control chart") and qcc 2.7 (`stats.np`, `limits.np`) define it.
 * qicharts2 0.8.1 has no np chart; its p-chart conventions (center line from the baseline points,
 * limits clipped to what a count can be) are kept.
 */

import { finiteOrNaN, type LimitsFrame } from "./frame";
import { maskedSum } from "./sums";

/**
 * np chart: p̄ = Σdefectives / Σunits over the baseline points; each point i has CL = nᵢ·p̄ and
 * σᵢ = sqrt(nᵢ·p̄(1 - p̄)) (Montgomery eq. 7.13); lower limits are clipped at 0 and upper limits at
 * nᵢ (a count cannot leave 0..nᵢ). With equal subgroup sizes the lines are straight, as qcc draws
 * them; with unequal sizes they step with nᵢ (qcc does the same). A missing month or a subgroup of
 * 0 units has no lines.
 *
 * Reference (test/core/np.test.ts): qcc 2.7 vignette, `qcc(D[trial], sizes = size[trial], type = "np")`
 * on the first 30 samples of 50 of qcc's `orangejuice` data: CL 11.56667, LCL 2.621377, UCL 20.51196.
 */
export function npLimits(frame: LimitsFrame): void {
  const { start, end, out, inBase } = frame;
  const numerators = frame.numerators as Float64Array;
  const denominators = frame.denominators as Float64Array;
  const p = maskedSum(numerators, start, end, inBase).sum / maskedSum(denominators, start, end, inBase).sum;
  for (let i = start; i < end; i++) {
    const n = denominators[i];
    if (!(n > 0)) {
      out.cl[i] = out.lcl[i] = out.ucl[i] = out.lcl95[i] = out.ucl95[i] = Number.NaN;
      continue;
    }
    const cl = n * p;
    const sigma = Math.sqrt(n * p * (1 - p));
    out.cl[i] = finiteOrNaN(cl);
    out.lcl[i] = finiteOrNaN(Math.max(0, cl - 3 * sigma));
    out.ucl[i] = finiteOrNaN(Math.min(n, cl + 3 * sigma));
    out.lcl95[i] = finiteOrNaN(Math.max(0, cl - 2 * sigma));
    out.ucl95[i] = finiteOrNaN(Math.min(n, cl + 2 * sigma));
  }
}
