/**
 * Every {@link ImprovementDirection}, in the order used in messages and pickers. The one list: the
 * type below, the contract's measure schema (`z.enum(IMPROVEMENT_DIRECTIONS)`) and every reader
 * take it from here.
 *
 * @example
 * IMPROVEMENT_DIRECTIONS.length; // => 3
 */
export const IMPROVEMENT_DIRECTIONS = ["increase", "decrease", "neutral"] as const;

/**
 * Direction of improvement of a measure: whether a higher value is better (`"increase"`), a lower
 * value is better (`"decrease"`), or neither (`"neutral"`, e.g. activity volumes). Scoring needs it
 * before it can call a signal an "improvement" or a "concern". The values are NHSRplotthedots'
 * `improvement_direction` values, so its reference cases compare directly.
 */
export type ImprovementDirection = (typeof IMPROVEMENT_DIRECTIONS)[number];

/**
 * Whether a value is one of the {@link IMPROVEMENT_DIRECTIONS} (exact, case-sensitive match), for
 * checking input that arrives untyped (cells, JSON, JavaScript callers).
 *
 * Runs in O(1).
 *
 * @param value anything
 * @returns `true` when `value` is `"increase"`, `"decrease"` or `"neutral"`
 * @example
 * isImprovementDirection("decrease"); // => true
 * isImprovementDirection("Up"); // => false
 */
export function isImprovementDirection(value: unknown): value is ImprovementDirection {
  return value === "increase" || value === "decrease" || value === "neutral";
}

/**
 * The sign of "better": `1` when higher is better, `-1` when lower is better, `0` for neutral.
 * Multiply it by the side of a signal (+1 above / rising, -1 below / falling) to get
 * improvement (> 0), concern (< 0) or neither (0), as NHSRplotthedots does with its integer
 * direction.
 *
 * Runs in O(1).
 *
 * @param direction the measure's improvement direction
 * @returns `1`, `-1` or `0`
 * @example
 * improvementSign("decrease"); // => -1
 */
export function improvementSign(direction: ImprovementDirection): 1 | -1 | 0 {
  return direction === "increase" ? 1 : direction === "decrease" ? -1 : 0;
}
