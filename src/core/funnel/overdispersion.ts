/** Spiegelhalter's estimate of overdispersion between teams: winsorised z-scores, φ and τ². */

import { quantile } from "simple-statistics";
import { CoreError } from "../errors";
import type { FunnelMeasure } from "./funnelMeasure";
import { nullVariance } from "./normalLimit";

/**
 * The share of z-scores winsorised at each end before φ is estimated: 10% (the lowest 10% set to
 * the 10th percentile, the highest 10% to the 90th).
 * Source: Spiegelhalter DJ. Handling over-dispersion of performance indicators. Qual Saf Health
 * Care 2005;14:347-351, and its appendix ("set the lowest 100q% of z-scores to Z_q, and the highest
 * 100q% to Z_(1−q) … q = 0.1"): outlying teams must not inflate the limits they are judged by.
 */
export const WINSORISE_AT = 0.1;

/** One team's figures for the overdispersion estimate. */
export type OverdispersionInput = { readonly numerator: number; readonly denominator: number };

/** What {@link overdispersion} estimated, each figure beside what it is compared with. */
export type Overdispersion = {
  /** I, the number of teams with a denominator > 0. */
  readonly teamCount: number;
  /** z_i = (y_i − θ) / s_i, in input order (`null` where the denominator is 0). */
  readonly zScores: readonly (number | null)[];
  /** The 10th and 90th percentiles the z-scores were winsorised to. */
  readonly winsorisedBelow: number;
  readonly winsorisedAbove: number;
  /** φ, the mean of the winsorised z². Near 1 when teams differ by chance alone. */
  readonly phi: number;
  /** I·φ, the test statistic, and I − 1, its expected value without overdispersion (chi-square on I − 1 df). */
  readonly dispersion: number;
  readonly dispersionExpected: number;
  /** τ², the between-team variance added to every team's s² (0 when I·φ <= I − 1). */
  readonly tau2: number;
};

/**
 * Estimates how much more teams differ than chance allows, and the additive random-effects
 * variance τ² that widens the funnel to match.
 *
 * Method (Spiegelhalter DJ. Handling over-dispersion of performance indicators. Qual Saf Health
 * Care 2005;14:347-351, "additive random effects" and its appendix):
 * 1. z_i = (y_i − θ) / s_i with y_i = numerator / denominator and s_i² the null variance at the
 *    team's denominator (`nullVariance`: θ(1 − θ)/n or θ/E), θ the overall value;
 * 2. winsorise at 10% / 90% ({@link WINSORISE_AT}); percentiles by simple-statistics' `quantile`
 *    (linear interpolation between order statistics, R's default type 7, as FunnelPlotR uses);
 * 3. φ = (1/I) Σ z_w²;
 * 4. τ² = (I φ − (I − 1)) / (Σ w_i − Σ w_i² / Σ w_i) with w_i = 1 / s_i², and τ² = 0 when
 *    I φ <= I − 1: the DerSimonian-Laird moment estimate on the winsorised statistic.
 * The scale is the measure's own (untransformed), as in the paper's worked examples; FunnelPlotR
 * offers transformed scales (arcsine for proportions, log for ratios) that this does not.
 *
 * Runs in O(I log I).
 *
 * @param teams each team's numerator and denominator (denominator 0 is left out)
 * @param measure `proportion` or `rate`
 * @param target θ, the overall value on the measure's own scale (a proportion, events per unit)
 * @returns the estimate; with fewer than 2 teams, or when every s_i is 0 (θ of 0 or 1), φ is 1 and
 *   τ² is 0 (nothing to estimate)
 * @throws {CoreError} invalid_value when a numerator or denominator is negative or not finite
 * @example
 * overdispersion([{ numerator: 5, denominator: 10 }, { numerator: 5, denominator: 10 }], "proportion", 0.5).tau2; // => 0
 * overdispersion([{ numerator: 10, denominator: 100 }, { numerator: 50, denominator: 100 }, { numerator: 90, denominator: 100 }], "proportion", 0.5).tau2 > 0; // => true
 */
export function overdispersion(teams: readonly OverdispersionInput[], measure: FunnelMeasure, target: number): Overdispersion {
  const zScores: (number | null)[] = [];
  const weights: number[] = [];
  for (const [index, team] of teams.entries()) {
    if (!(team.numerator >= 0 && Number.isFinite(team.numerator) && team.denominator >= 0 && Number.isFinite(team.denominator))) {
      throw new CoreError(
        "invalid_value",
        `overdispersion: team ${index} has numerator ${String(team.numerator)} and denominator ${String(team.denominator)} (expected numbers >= 0)`,
      );
    }
    if (team.denominator === 0) {
      zScores.push(null);
      continue;
    }
    const variance = nullVariance(measure, team.denominator, target);
    if (variance === 0) {
      zScores.push(null);
      continue;
    }
    zScores.push((team.numerator / team.denominator - target) / Math.sqrt(variance));
    weights.push(1 / variance);
  }
  const present = zScores.filter((z): z is number => z !== null);
  const teamCount = present.length;
  if (teamCount < 2) {
    return { teamCount, zScores, winsorisedBelow: 0, winsorisedAbove: 0, phi: 1, dispersion: teamCount, dispersionExpected: Math.max(0, teamCount - 1), tau2: 0 };
  }
  const winsorisedBelow = quantile(present, WINSORISE_AT);
  const winsorisedAbove = quantile(present, 1 - WINSORISE_AT);
  let sumSquares = 0;
  for (const z of present) {
    const w = Math.min(winsorisedAbove, Math.max(winsorisedBelow, z));
    sumSquares += w * w;
  }
  const phi = sumSquares / teamCount;
  const dispersion = teamCount * phi;
  const dispersionExpected = teamCount - 1;
  let sumW = 0;
  let sumW2 = 0;
  for (const w of weights) {
    sumW += w;
    sumW2 += w * w;
  }
  const tau2 = dispersion <= dispersionExpected ? 0 : Math.max(0, (dispersion - dispersionExpected) / (sumW - sumW2 / sumW));
  return { teamCount, zScores, winsorisedBelow, winsorisedAbove, phi, dispersion, dispersionExpected, tau2 };
}
