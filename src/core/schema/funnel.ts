import * as z from "zod";
import { IMPROVEMENT_DIRECTIONS } from "../direction";

/** The four funnel limits at one denominator, in the measure's display scale (percent, or per multiplier). */
export const FunnelLimitsView = z.object({
  denominator: z.number(),
  /** 95% (2 SD) */
  innerLower: z.number(),
  innerUpper: z.number(),
  /** 99.8% (3 SD) */
  outerLower: z.number(),
  outerUpper: z.number(),
});
export type FunnelLimitsView = z.infer<typeof FunnelLimitsView>;

/** One team on the funnel, labelled as the sharing mode lets the reader see it (`teamId` null when blinded). */
export const FunnelTeamView = z.object({
  teamId: z.string().nullable(),
  teamLabel: z.string(),
  own: z.boolean(),
  numerator: z.number(),
  denominator: z.number(),
  value: z.number(),
  zScore: z.number(),
  limits: FunnelLimitsView,
  position: z.enum(["above_outer", "above_inner", "within", "below_inner", "below_outer"]),
});
export type FunnelTeamView = z.infer<typeof FunnelTeamView>;

/**
 * `GET /api/v1/collaboratives/{id}/funnel?measureId=&period=`: one percent or rate measure in one
 * month, each team against its denominator, limits from core's `funnelPlot` (Spiegelhalter 2005).
 */
export const FunnelResponse = z.object({
  collaborativeId: z.string(),
  measureId: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  improvementDirection: z.enum(IMPROVEMENT_DIRECTIONS),
  period: z.string(),
  /** `proportion` (a percent measure, binomial) or `rate` (Poisson) */
  measure: z.enum(["proportion", "rate"]),
  /** value = scale · numerator / denominator: 100 for a percent, the measure's multiplier for a rate */
  scale: z.number(),
  /** the collaborative's overall value that month: Σ numerators / Σ denominators, times scale; `null` without teams */
  target: z.number().nullable(),
  method: z.enum(["exact", "normal"]),
  /** which limits were drawn: exact, normal, or random_effects (normal widened by τ²) */
  limitsFrom: z.enum(["exact", "normal", "random_effects"]),
  overdispersion: z
    .object({ phi: z.number(), tau2: z.number(), dispersion: z.number(), dispersionExpected: z.number(), teamCount: z.number().int() })
    .nullable(),
  teams: z.array(FunnelTeamView),
  curve: z.array(FunnelLimitsView),
  /** teams with a point that month but no usable denominator (missing or 0), left off the plot */
  teamsWithoutDenominator: z.number().int().nonnegative(),
});
export type FunnelResponse = z.infer<typeof FunnelResponse>;
