/**
 * The measure evidence of a team as Excel ranges: one row per measure, in parallel columns.
 */

import { booleansFromCells, describeCell, isBlankCell, numbersFromCells, textsFromCells } from "../cells";
import { CoreError } from "../errors";
import { MeasureType } from "../schema/collaborative";
import { countOf } from "../words";
import type { AssessmentEvidence, MeasureEvidence } from "./suggestAssessmentScore";

/**
 * Build {@link AssessmentEvidence} from parallel ranges, one row per measure (what `QI.SCORE`
 * takes). A row whose type cell is blank is skipped (an unused line of the table).
 *
 * What the ranges cannot say is assumed from the fact that the team keeps measures with data and
 * goals: the team is formed and has an aim, and the baseline is reported when at least one
 * measure row is given. A team with no measure rows is therefore "planning" (1.5) at most.
 *
 * - `measureTypes`: "outcome", "process" or "balancing" (any case)
 * - `improving`: TRUE/FALSE (e.g. from `QI.IMPROVING`); blank means FALSE
 * - `goalsMet`: TRUE/FALSE (e.g. from `QI.GOALMET`); blank means the measure has no goal
 * - `monthsAtGoal` (optional): months each goal has been met (e.g. from `QI.MONTHSATGOAL`); blank = unknown
 *
 * @throws {CoreError} length_mismatch when the ranges differ in length; invalid_value for an
 *   unknown type or a wrong cell, naming the row; invalid_value for a bad `changesTested`
 * @example
 * evidenceFromCells(2, [["outcome"], ["process"]], [[true], [false]], [[false], [true]]).measures.length; // => 2
 */
export function evidenceFromCells(
  changesTested: unknown,
  measureTypes: unknown[][],
  improving: unknown[][],
  goalsMet: unknown[][],
  monthsAtGoal?: unknown[][] | null,
): AssessmentEvidence {
  const types = textsFromCells(measureTypes, "measureTypes");
  const improvingFlags = booleansFromCells(improving, "improving");
  const goalFlags = booleansFromCells(goalsMet, "goalsMet");
  const months = monthsAtGoal === undefined || monthsAtGoal === null ? null : numbersFromCells(monthsAtGoal, "sustainedMonths");
  const lengths: [string, number][] = [
    ["improving", improvingFlags.length],
    ["goalsMet", goalFlags.length],
  ];
  if (months !== null) lengths.push(["sustainedMonths", months.length]);
  for (const [name, length] of lengths) {
    if (length !== types.length) {
      throw new CoreError(
        "length_mismatch",
        `${name} has ${countOf(length, "row")} but measureTypes has ${types.length}: give one row per measure in each range`,
      );
    }
  }
  if (typeof changesTested !== "number" || !Number.isInteger(changesTested) || changesTested < 0) {
    if (typeof changesTested === "number" || isBlankCell(changesTested)) {
      const shown = typeof changesTested === "number" ? String(changesTested) : "empty";
      throw new CoreError("invalid_value", `changesTested must be a whole number of 0 or more (changes tested so far), got ${shown}`);
    }
    // text (a number stored as text too), a logical or an error value: say what the cell holds
    throw new CoreError(
      "invalid_value",
      `changesTested is ${describeCell(changesTested)}: enter the number of changes tested so far as a number (a whole number of 0 or more)`,
    );
  }
  const measures: MeasureEvidence[] = [];
  types.forEach((type, i) => {
    if (type === null) return;
    const parsed = MeasureType.safeParse(type.toLowerCase());
    if (!parsed.success) {
      throw new CoreError("invalid_value", `measureTypes row ${i + 1} is '${type}': use "outcome", "process" or "balancing"`);
    }
    measures.push({
      name: `row ${i + 1}`,
      type: parsed.data,
      improving: improvingFlags[i] === true,
      goalMet: goalFlags[i],
      monthsAtGoal: months === null ? null : months[i],
    });
  });
  return { teamFormed: true, aimSet: true, baselineReported: measures.length > 0, changesTested, measures };
}
