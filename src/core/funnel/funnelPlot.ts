/** A funnel plot of one measure in one month: each team against the collaborative's overall value. */

import { CoreError } from "../errors";
import { compensatedSum } from "../numeric/compensatedSum";
import { exactBinomialLimit, exactPoissonLimit } from "./exactLimit";
import { FUNNEL_LEVELS } from "./funnelLevels";
import type { FunnelMeasure } from "./funnelMeasure";
import { normalLimit } from "./normalLimit";
import { overdispersion as estimateOverdispersion, type Overdispersion } from "./overdispersion";

/** One team's month for the funnel. */
export type FunnelTeamInput = { readonly id: string; readonly numerator: number; readonly denominator: number };

/**
 * How the limits are computed:
 * - `exact` (default): exact binomial (proportions) or Poisson (rates) quantiles with
 *   Spiegelhalter's interpolation (`exactBinomialLimit`, `exactPoissonLimit`)
 * - `normal`: the normal approximation θ ± z·s (`normalLimit`)
 */
export type FunnelMethod = "exact" | "normal";

/** Options of {@link funnelPlot}. */
export type FunnelOptions = {
  readonly measure: FunnelMeasure;
  /** Value = scale · numerator / denominator: 100 for a percent, the multiplier for a rate (default 1). */
  readonly scale?: number;
  /** `exact` (default) or `normal`. */
  readonly method?: FunnelMethod;
  /** Widen the limits by the between-team variance τ² (Spiegelhalter 2005, QSHC); default false. */
  readonly adjustForOverdispersion?: boolean;
  /** How many denominators the drawn curve has (default 60). */
  readonly curvePoints?: number;
};

/** The four limits at one denominator, in the measure's display scale. */
export type FunnelLimits = {
  readonly denominator: number;
  /** 95% (2 SD) limits. */
  readonly innerLower: number;
  readonly innerUpper: number;
  /** 99.8% (3 SD) limits. */
  readonly outerLower: number;
  readonly outerUpper: number;
};

/**
 * Where a team's value lies against its own limits: `above_outer` / `below_outer` beyond the 99.8%
 * limits, `above_inner` / `below_inner` between the 95% and 99.8% limits, `within` inside the 95%
 * limits (a value exactly on a limit is inside it). Whether above is better depends on the
 * measure's improvement direction, which the funnel does not judge.
 */
export type FunnelPosition = "above_outer" | "above_inner" | "within" | "below_inner" | "below_outer";

/** One team on the funnel. */
export type FunnelTeam = {
  readonly id: string;
  readonly numerator: number;
  readonly denominator: number;
  /** scale · numerator / denominator. */
  readonly value: number;
  /** (y − θ) / s, the team's unadjusted z-score. */
  readonly zScore: number;
  readonly limits: FunnelLimits;
  readonly position: FunnelPosition;
};

/**
 * Which limits were drawn: `exact` or `normal` as asked, `normal` when `exact` was asked for a
 * proportion whose denominators are not all whole numbers (a binomial needs whole cases), or
 * `random_effects` (normal with τ² added) when the overdispersion adjustment found τ² > 0.
 */
export type FunnelLimitsFrom = "exact" | "normal" | "random_effects";

/** The whole plot: the overall value, each team, and the limit curves to draw. */
export type FunnelPlot = {
  readonly measure: FunnelMeasure;
  readonly scale: number;
  /** θ · scale, the collaborative's overall value: Σ numerators / Σ denominators. */
  readonly target: number;
  readonly limitsFrom: FunnelLimitsFrom;
  readonly teams: readonly FunnelTeam[];
  /** The limits at `curvePoints` denominators spread evenly on a log scale over the teams' range. */
  readonly curve: readonly FunnelLimits[];
  /** The estimate, when the adjustment was asked for; else `null`. */
  readonly overdispersion: Overdispersion | null;
};

/**
 * A funnel plot: each team's value against its denominator, with 95% and 99.8% limits around the
 * collaborative's overall value (Σ numerators / Σ denominators), so that a team is read against
 * what chance allows at its size instead of being ranked. League tables rank noise: a small team
 * tops or bottoms them by chance alone; the funnel shows that it sits within its (wide) limits.
 *
 * Sources: Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat Med
 * 2005;24:1185-1202 (limits at p = 0.025/0.975 and 0.001/0.999, exact limits with interpolation,
 * Appendix A.1.1); Spiegelhalter DJ. Handling over-dispersion of performance indicators. Qual Saf
 * Health Care 2005;14:347-351 (winsorised φ and additive τ²; see `overdispersion`).
 *
 * Runs in O((I + curvePoints) · sqrt(max expected count)).
 *
 * @param teams one entry per team with a report this month; denominators > 0
 * @param options see {@link FunnelOptions}
 * @returns the plot; no teams gives an empty plot with target 0
 * @throws {CoreError} invalid_value for a denominator <= 0, a negative numerator, or (proportions)
 *   a numerator above its denominator; invalid_option for a bad scale or curvePoints
 * @example
 * funnelPlot([{ id: "a", numerator: 30, denominator: 40 }, { id: "b", numerator: 10, denominator: 40 }], { measure: "proportion", scale: 100 }).target; // => 50
 * funnelPlot([{ id: "a", numerator: 30, denominator: 40 }, { id: "b", numerator: 10, denominator: 40 }], { measure: "proportion", scale: 100 }).teams.map((t) => t.position); // => ["above_outer", "below_inner"]
 */
export function funnelPlot(teams: readonly FunnelTeamInput[], options: FunnelOptions): FunnelPlot {
  const { measure } = options;
  const scale = options.scale ?? 1;
  const method = options.method ?? "exact";
  const curvePoints = options.curvePoints ?? 60;
  if (measure !== "proportion" && measure !== "rate") {
    throw new CoreError("invalid_option", `funnelPlot: invalid measure ${String(measure)} (expected "proportion" or "rate")`);
  }
  if (method !== "exact" && method !== "normal") {
    throw new CoreError("invalid_option", `funnelPlot: invalid method ${String(method)} (expected "exact" or "normal")`);
  }
  if (!(scale > 0 && Number.isFinite(scale))) throw new CoreError("invalid_option", `funnelPlot: invalid scale ${String(scale)} (expected a number > 0)`);
  if (!(Number.isInteger(curvePoints) && curvePoints >= 2 && curvePoints <= 1000)) {
    throw new CoreError("invalid_option", `funnelPlot: invalid curvePoints ${String(curvePoints)} (expected an integer from 2 to 1000)`);
  }
  for (const team of teams) {
    if (!(team.denominator > 0 && Number.isFinite(team.denominator))) {
      throw new CoreError("invalid_value", `funnelPlot: team ${team.id} has denominator ${String(team.denominator)} (expected a number > 0)`);
    }
    if (!(team.numerator >= 0 && Number.isFinite(team.numerator))) {
      throw new CoreError("invalid_value", `funnelPlot: team ${team.id} has numerator ${String(team.numerator)} (expected a number >= 0)`);
    }
    if (measure === "proportion" && team.numerator > team.denominator) {
      throw new CoreError("invalid_value", `funnelPlot: team ${team.id} has numerator ${team.numerator} above its denominator ${team.denominator}`);
    }
  }
  if (teams.length === 0) {
    return { measure, scale, target: 0, limitsFrom: method, teams: [], curve: [], overdispersion: null };
  }
  const theta = compensatedSum(teams.map((t) => t.numerator)) / compensatedSum(teams.map((t) => t.denominator));
  const od = options.adjustForOverdispersion === true ? estimateOverdispersion(teams, measure, theta) : null;
  const tau2 = od?.tau2 ?? 0;
  const wholeDenominators = teams.every((t) => Number.isInteger(t.denominator));
  const limitsFrom: FunnelLimitsFrom =
    tau2 > 0 ? "random_effects" : method === "exact" && measure === "proportion" && !wholeDenominators ? "normal" : method;

  const [inner, outer] = FUNNEL_LEVELS;
  const limitAt = (denominator: number, tail: number, z: number): number => {
    if (limitsFrom === "exact") {
      return measure === "proportion" ? exactBinomialLimit(tail, denominator, theta) : exactPoissonLimit(tail, denominator, theta);
    }
    const lowerTail = tail < 0.5;
    return normalLimit(lowerTail ? -z : z, measure, denominator, theta, tau2);
  };
  const limitsAt = (denominator: number): FunnelLimits => ({
    denominator,
    innerLower: scale * limitAt(denominator, inner.tail, inner.z),
    innerUpper: scale * limitAt(denominator, 1 - inner.tail, inner.z),
    outerLower: scale * limitAt(denominator, outer.tail, outer.z),
    outerUpper: scale * limitAt(denominator, 1 - outer.tail, outer.z),
  });

  const sd0 = (denominator: number): number => Math.sqrt(measure === "proportion" ? (theta * (1 - theta)) / denominator : theta / denominator);
  const placed = teams.map((team): FunnelTeam => {
    const share = team.numerator / team.denominator;
    const value = scale * share;
    const limits = limitsAt(team.denominator);
    const s = sd0(team.denominator);
    const zScore = s > 0 ? (share - theta) / s : 0;
    const position: FunnelPosition =
      value > limits.outerUpper
        ? "above_outer"
        : value > limits.innerUpper
          ? "above_inner"
          : value < limits.outerLower
            ? "below_outer"
            : value < limits.innerLower
              ? "below_inner"
              : "within";
    return { id: team.id, numerator: team.numerator, denominator: team.denominator, value, zScore, limits, position };
  });

  const smallest = Math.min(...teams.map((t) => t.denominator));
  const largest = Math.max(...teams.map((t) => t.denominator));
  const from = Math.max(limitsFrom === "exact" && measure === "proportion" ? 1 : Number.MIN_VALUE, smallest / 2);
  const to = largest * 1.1;
  const denominators: number[] = [];
  for (let i = 0; i < curvePoints; i++) {
    const raw = from * Math.pow(to / from, i / (curvePoints - 1));
    const d = limitsFrom === "exact" && measure === "proportion" ? Math.max(1, Math.round(raw)) : raw;
    if (denominators.at(-1) !== d) denominators.push(d);
  }
  return { measure, scale, target: scale * theta, limitsFrom, teams: placed, curve: denominators.map(limitsAt), overdispersion: od };
}
