/** Which measures a funnel plot is drawn for. */

import type { MeasureKind } from "../schema/collaborative";

/**
 * The two kinds of measure a funnel plot compares, in the terms of Spiegelhalter 2005 (Stat Med
 * 24:1185-1202, Table I):
 * - `proportion`: a `percent` measure, numerator of n cases (binomial)
 * - `rate`: a `rate` measure, a count of events over an exposure E (Poisson)
 *
 * `count` and `mean` measures have no denominator a team's value is a share of, so they get no
 * funnel (a count has no denominator; a mean's n does not give its variance without the spread).
 */
export type FunnelMeasure = "proportion" | "rate";

/**
 * The funnel measure of a collaborative's measure kind, or `null` when it has no funnel.
 *
 * @param kind the measure's kind
 * @returns `proportion` for `percent`, `rate` for `rate`, otherwise `null`
 * @example
 * funnelMeasureOf("percent"); // => "proportion"
 * funnelMeasureOf("rate"); // => "rate"
 * funnelMeasureOf("mean"); // => null
 */
export function funnelMeasureOf(kind: MeasureKind): FunnelMeasure | null {
  if (kind === "percent") return "proportion";
  if (kind === "rate") return "rate";
  return null;
}
