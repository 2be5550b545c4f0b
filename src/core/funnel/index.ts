// Funnel plots (Spiegelhalter 2005), one concept per file. Re-exports only.
export { FUNNEL_LEVELS, type FunnelLevel } from "./funnelLevels";
export { funnelMeasureOf, type FunnelMeasure } from "./funnelMeasure";
export { exactBinomialLimit, exactPoissonLimit } from "./exactLimit";
export { nullVariance, normalLimit } from "./normalLimit";
export { overdispersion, WINSORISE_AT, type Overdispersion, type OverdispersionInput } from "./overdispersion";
export {
  funnelPlot,
  type FunnelPlot,
  type FunnelOptions,
  type FunnelMethod,
  type FunnelLimits,
  type FunnelLimitsFrom,
  type FunnelPosition,
  type FunnelTeam,
  type FunnelTeamInput,
} from "./funnelPlot";
