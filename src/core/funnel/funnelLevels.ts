/** The two funnel limits every plot draws, as Spiegelhalter (2005) recommends. */

/**
 * One limit pair of a funnel plot: its name, its two-sided coverage and its standard normal
 * deviate.
 * - `inner`: 95% (about 2 SD): p = 0.025 and 0.975, z = 1.959963984540054
 * - `outer`: 99.8% (about 3 SD): p = 0.001 and 0.999, z = 3.090232306167813
 *
 * Source: Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat Med
 * 2005;24:1185-1202, section 3: limits at p = 0.025, 0.975 ("2 SD") and p = 0.001, 0.999 ("3 SD"),
 * so that under the null a unit lies outside the inner pair 1 time in 20 and outside the outer pair
 * 1 time in 500. The deviates are R 4.2's `qnorm(0.975)` and `qnorm(0.999)` to 16 digits (the
 * normal quantile simple-statistics offers, `probit`, is an approximation good to about 3 digits,
 * too coarse for a limit a team is judged against).
 */
export type FunnelLevel = {
  readonly name: "inner" | "outer";
  /** Two-sided coverage in percent: 95 or 99.8. */
  readonly coverage: number;
  /** Upper-tail probability of the lower limit (0.025, 0.001). */
  readonly tail: number;
  readonly z: number;
};

/** The inner (95%) and outer (99.8%) levels of every funnel plot, in that order. */
export const FUNNEL_LEVELS: readonly [FunnelLevel, FunnelLevel] = [
  { name: "inner", coverage: 95, tail: 0.025, z: 1.959963984540054 },
  { name: "outer", coverage: 99.8, tail: 0.001, z: 3.090232306167813 },
];
