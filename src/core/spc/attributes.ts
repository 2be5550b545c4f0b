/**
 * Limits for attribute charts, as qicharts2 0.8.1 computes them: proportions (P, Laney P′), rates
 * (U, Laney U′), counts (C) and events between (G). Denominators may vary, so P, P′, U and U′
 * limits are computed point by point.
 */

import { ScratchSlot, scratchFloat64 } from "../scratch";
import { baseCount, fillConstant, finiteOrNaN, type LimitsFrame } from "./frame";
import { baselineMedian } from "./individuals";
import { averageMovingRangeOf, MOVING_RANGE_D2 } from "./movingRange";
import { maskedMean, maskedSum } from "./sums";

type Family = "proportion" | "rate";

/**
 * Weighted center line Σnumerators / Σdenominators over the baseline points with a complete
 * month. A zero denominator still adds its numerator (qicharts2 does the same), so events
 * recorded against a zero denominator raise the center line.
 */
function pooledCenterLine(frame: LimitsFrame): number {
  const numerators = frame.numerators as Float64Array;
  const denominators = frame.denominators as Float64Array;
  const top = maskedSum(numerators, frame.start, frame.end, frame.inBase).sum;
  const bottom = maskedSum(denominators, frame.start, frame.end, frame.inBase).sum;
  return top / bottom;
}

/** Binomial (p) or Poisson (u) standard deviation of one point with denominator `n`. */
function pointSigma(family: Family, cl: number, n: number): number {
  return family === "proportion" ? Math.sqrt((cl * (1 - cl)) / n) : Math.sqrt(cl / n);
}

/**
 * Laney's sigma_z (Laney 2002, "Improved control charts for attributes", Qual Eng 14:531-537):
 * the I-chart sigma of the z-scores (y - CL) / sigma_i of the baseline points, MR̄ / 1.128, with
 * Nelson screening when on. `NaN` when it cannot be estimated.
 */
function laneySigmaZ(frame: LimitsFrame, family: Family, cl: number): number {
  const { start, end, inBase, y } = frame;
  const denominators = frame.denominators as Float64Array;
  const z = scratchFloat64(ScratchSlot.Transformed, baseCount(frame));
  let k = 0;
  for (let i = start; i < end; i++) {
    if (inBase[i] === 1) z[k++] = (y[i] - cl) / pointSigma(family, cl, denominators[i]);
  }
  return averageMovingRangeOf(z, 0, k, null, 0, frame.screen) / MOVING_RANGE_D2;
}

/**
 * Shared body of P, P′, U and U′: per-point limits CL ± 3σᵢ and ± 2σᵢ, with σᵢ scaled by Laney's
 * sigma_z for the prime charts. P limits are clipped to [0, 1], U lower limits at 0 (finite limits
 * only; a missing month or a zero denominator has no limits).
 */
function perPointLimits(frame: LimitsFrame, family: Family, prime: boolean): void {
  const { start, end, out } = frame;
  const denominators = frame.denominators as Float64Array;
  const cl = pooledCenterLine(frame);
  const scale = prime ? laneySigmaZ(frame, family, cl) : 1;
  for (let i = start; i < end; i++) {
    const sigma = pointSigma(family, cl, denominators[i]) * scale;
    let lcl = cl - 3 * sigma;
    let ucl = cl + 3 * sigma;
    let lcl95 = cl - 2 * sigma;
    let ucl95 = cl + 2 * sigma;
    if (lcl < 0 && lcl > Number.NEGATIVE_INFINITY) lcl = 0;
    if (lcl95 < 0 && lcl95 > Number.NEGATIVE_INFINITY) lcl95 = 0;
    if (family === "proportion") {
      if (ucl > 1 && ucl < Number.POSITIVE_INFINITY) ucl = 1;
      if (ucl95 > 1 && ucl95 < Number.POSITIVE_INFINITY) ucl95 = 1;
    }
    out.cl[i] = finiteOrNaN(cl);
    out.lcl[i] = finiteOrNaN(lcl);
    out.ucl[i] = finiteOrNaN(ucl);
    out.lcl95[i] = finiteOrNaN(lcl95);
    out.ucl95[i] = finiteOrNaN(ucl95);
  }
}

/** P chart: CL = Σy/Σn, σᵢ = sqrt(CL(1 - CL)/nᵢ) (Montgomery eq. 7.8), clipped to [0, 1]. */
export function proportionLimits(frame: LimitsFrame): void {
  perPointLimits(frame, "proportion", false);
}

/** Laney P′ chart: P chart σᵢ times sigma_z (Laney 2002), clipped to [0, 1]. */
export function proportionPrimeLimits(frame: LimitsFrame): void {
  perPointLimits(frame, "proportion", true);
}

/** U chart: CL = Σy/Σn, σᵢ = sqrt(CL/nᵢ) (Montgomery eq. 7.19), lower limits clipped at 0. */
export function rateLimits(frame: LimitsFrame): void {
  perPointLimits(frame, "rate", false);
}

/** Laney U′ chart: U chart σᵢ times sigma_z (Laney 2002), lower limits clipped at 0. */
export function ratePrimeLimits(frame: LimitsFrame): void {
  perPointLimits(frame, "rate", true);
}

/** C chart: CL = mean count, σ = sqrt(CL) (Montgomery eq. 7.17), lower limits clipped at 0. */
export function countLimits(frame: LimitsFrame): void {
  const cl = maskedMean(frame.y, frame.start, frame.end, frame.inBase);
  const sigma = Math.sqrt(cl);
  fillConstant(frame, cl, clipAtZero(cl - 3 * sigma), cl + 3 * sigma, clipAtZero(cl - 2 * sigma), cl + 2 * sigma);
}

/**
 * G chart (events between rare events): limits from the mean m with σ = sqrt(m(m + 1))
 * (geometric distribution; Montgomery p. 319; Benneyan 2001), lower limits clipped at 0, while the
 * center line drawn is the median of the baseline, as qicharts2 0.8.1 draws it.
 */
export function eventsBetweenLimits(frame: LimitsFrame): void {
  const mean = maskedMean(frame.y, frame.start, frame.end, frame.inBase);
  const sigma = Math.sqrt(mean * (mean + 1));
  const lcl = mean - 3 * sigma;
  const lcl95 = mean - 2 * sigma;
  fillConstant(frame, baselineMedian(frame), lcl < 0 ? 0 : lcl, mean + 3 * sigma, lcl95 < 0 ? 0 : lcl95, mean + 2 * sigma);
}

function clipAtZero(limit: number): number {
  return limit < 0 && limit > Number.NEGATIVE_INFINITY ? 0 : limit;
}
