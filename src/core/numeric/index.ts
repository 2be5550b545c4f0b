// Numeric helpers shared by every analysis in core, one concept per file: compensated summation,
// the median, the "equal within 1e-9 relative" comparison, R's rounding, linear-time selection and
// the binomial quantile. Re-exports only.
export { compensatedSum, mean } from "./compensatedSum";
export { median } from "./median";
export { RELATIVE_TOLERANCE, nearlyEqual } from "./nearlyEqual";
export { roundHalfEven } from "./roundHalfEven";
export { quickselect, medianInPlace } from "./quickselect";
export { binomialQuantile } from "./binomialQuantile";
