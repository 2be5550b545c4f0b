/** Single-cell word arguments: one of a list of choices, and the direction of improvement. */

import { basicCellValue } from "../cellValue";
import { IMPROVEMENT_DIRECTIONS, type ImprovementDirection } from "../direction";
import { CoreError } from "../errors";
import { describeCell, isBlankCell } from "./describeCell";

/**
 * An optional text argument chosen from a list (case-insensitive, trimmed); `fallback` when blank.
 *
 * @throws {CoreError} invalid_option listing the accepted words
 * @example
 * choiceFromCell(" Anhoej ", "ruleSet", ["ihi", "anhoej"], "ihi"); // => "anhoej"
 */
export function choiceFromCell<T extends string>(cell: unknown, name: string, choices: readonly T[], fallback?: T): T {
  const value = basicCellValue(cell);
  if (isBlankCell(value) && fallback !== undefined) return fallback;
  const text = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  const found = choices.find((choice) => choice === text);
  if (found !== undefined) return found;
  const shown = isBlankCell(value) ? "nothing" : describeCell(value);
  throw new CoreError("invalid_option", `${name} must be one of ${choices.map((c) => `"${c}"`).join(", ")}; got ${shown}`);
}

/** Words accepted for each improvement direction, lowercase. */
export const DIRECTION_WORDS: Readonly<Record<ImprovementDirection, readonly string[]>> = {
  increase: ["increase", "up", "higher", "increasing", "higher is better"],
  decrease: ["decrease", "down", "lower", "decreasing", "lower is better"],
  neutral: ["neutral", "none"],
};

/**
 * Read a measure's direction of improvement from a cell: "increase" (also "up", "higher",
 * "increasing", "higher is better"), "decrease" (also "down", "lower", "decreasing",
 * "lower is better") or "neutral" (also "none"), in any case, trimmed.
 *
 * @throws {CoreError} invalid_option listing the accepted words
 * @example
 * parseDirection(" Up "); // => "increase"
 * parseDirection("LOWER"); // => "decrease"
 */
export function parseDirection(cell: unknown): ImprovementDirection {
  const text = basicCellValue(cell);
  if (typeof text === "string") {
    const word = text.trim().toLowerCase().replace(/\s+/g, " ");
    for (const direction of IMPROVEMENT_DIRECTIONS) {
      if (DIRECTION_WORDS[direction].includes(word)) return direction;
    }
  }
  const shown = isBlankCell(text) ? "nothing" : describeCell(text);
  throw new CoreError(
    "invalid_option",
    `direction must be "increase" (or "up", "higher"), "decrease" (or "down", "lower") or "neutral"; got ${shown}`,
  );
}
