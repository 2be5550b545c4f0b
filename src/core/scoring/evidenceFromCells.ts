/**
 * A team's evidence from Excel ranges, for `QI.SCORE`. Two forms:
 * - the data form ({@link teamInputFromCells}): the team's points and measure table, read by the
 *   one evidence builder (`teamEvidence`), so a sheet gets the same suggestion as the task pane and
 *   the data store;
 * - the earlier form ({@link evidenceFromCells}), kept for workbooks that use it: facts the cells
 *   have already judged (QI.IMPROVING, QI.GOALMET, QI.MONTHSATGOAL), one row per measure.
 */

import { booleansFromCells, choiceFromCell, describeCell, isBlankCell, numbersFromCells, parseDirection, shapeOf, textsFromCells } from "../cells";
import { CoreError } from "../errors";
import { MeasureType, type RuleSet } from "../schema/collaborative";
import { readPdsaLog } from "../pdsa/readPdsaLog";
import type { PdsaCycle } from "../schema/pdsa";
import { parsePeriod } from "../sheet/period";
import { countOf } from "../words";
import type { AssessmentEvidence, MeasureEvidence } from "./suggestAssessmentScore";
import type { EvidenceMeasure, TeamEvidenceInput, TeamPoint } from "./teamEvidence";

/**
 * Build {@link AssessmentEvidence} from parallel ranges, one row per measure (`QI.SCORE`'s earlier
 * form). A row whose type cell is blank is skipped (an unused line of the table). The cells judge
 * the facts (improving, goal met) themselves; the data form ({@link teamInputFromCells}) leaves
 * that to the one evidence builder.
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
  const months = monthsAtGoal === undefined || monthsAtGoal === null ? null : numbersFromCells(monthsAtGoal, "monthsAtGoal");
  const lengths: [string, number][] = [
    ["improving", improvingFlags.length],
    ["goalsMet", goalFlags.length],
  ];
  if (months !== null) lengths.push(["monthsAtGoal", months.length]);
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

/** The rule sets a cell may name (`ø` may be written `oe` or `o`). */
const RULE_SET_WORDS: readonly RuleSet[] = ["ihi", "anhoej", "mdc"];

/**
 * The input of {@link teamEvidence} from cells, for `QI.SCORE`'s data form: the same facts the task
 * pane reads from measure sheets and the data store keeps, laid out as two tables.
 *
 * - `data`: one row per measure and month, columns Measure | Month | Value | Annotation (the fourth
 *   column may be left out). Month: `YYYY-MM` text or a date (any day of the month). Value: a
 *   number, or empty for a month without data. Annotation: the change tested that month. Rows that
 *   are entirely empty are skipped, and so is a header row (first two cells "Measure" and "Month").
 * - `measures`: one row per measure, columns Measure | Type | Direction | Goal | Required (the last
 *   two may be empty or left out; Required defaults to TRUE). Rows with an empty Measure are
 *   skipped, and so is a header row (first two cells "Measure" and "Type"). Measure names are matched trimmed and case-insensitively.
 * - `reportingMonth`: the month the suggestion is for (`YYYY-MM` text or a date).
 * - `aim`: the aim's text; empty or omitted means no aim is set (the data store's rule).
 * - `ruleSet`: "ihi" (default), "anhoej" or "mdc".
 * - `narrativeChanges`: the "changes tested" text of this month's narrative; empty or omitted: none.
 * - `pdsaLog`: the team's PDSA log with its header row (e.g. `PdsaLog[#All]`), read by `readPdsaLog`
 *   as the task pane reads it (its measures matched to the measures table); its cycles count as
 *   changes tested (`countChangesTested`). Empty or omitted: none. A log with an error is refused,
 *   naming the cell counted from the range's top-left.
 *
 * @throws {CoreError} invalid_shape / invalid_value naming the row and column and how to fix it
 * @example
 * teamInputFromCells([["Falls", "2026-01", 3, "Checklist"]], [["Falls", "outcome", "decrease", 2]], "2026-01", "Zero falls", null, null).points; // => [{ measureId: "falls", period: "2026-01", value: 3, annotation: "Checklist" }]
 */
export function teamInputFromCells(
  data: unknown[][],
  measures: unknown[][],
  reportingMonth: unknown,
  aim: unknown,
  ruleSet: unknown,
  narrativeChanges: unknown,
  pdsaLog: unknown = null,
): TeamEvidenceInput {
  const definitions = measureRows(measures);
  const byKey = new Map(definitions.map((m) => [m.id, m]));
  const { columns } = shapeOf(data, "data");
  if (columns < 3 || columns > 4) {
    throw new CoreError("invalid_shape", `data has ${countOf(columns, "column")}: select Measure, Month, Value and (optionally) Annotation, one row per measure and month`);
  }
  const points: TeamPoint[] = [];
  data.forEach((row, i) => {
    if (row.every(isBlankCell) || (i === 0 && isHeader(row, "month"))) return;
    const [name, month, value, annotation] = row;
    const where = `data row ${i + 1}`;
    const key = measureKey(name);
    if (key === null) throw new CoreError("invalid_value", `${where}: the Measure is empty: name the measure as in the measures table`);
    if (!byKey.has(key)) {
      throw new CoreError("invalid_value", `${where}: measure ${describeCell(name)} is not in the measures table: add it there or correct the name`);
    }
    const period = parsePeriod(month);
    if ("error" in period) throw new CoreError("invalid_value", `${where}, Month: ${period.error}`);
    if (!isBlankCell(value) && !(typeof value === "number" && Number.isFinite(value))) {
      throw new CoreError("invalid_value", `${where}, Value is ${describeCell(value)}: enter a number, or leave it empty for a month without data`);
    }
    if (!isBlankCell(annotation) && typeof annotation !== "string") {
      throw new CoreError("invalid_value", `${where}, Annotation is ${describeCell(annotation)}: enter the change tested as text`);
    }
    points.push({
      measureId: key,
      period: period.period,
      value: isBlankCell(value) ? null : (value as number),
      annotation: isBlankCell(annotation) ? null : (annotation as string),
    });
  });
  const month = parsePeriod(isBlankCell(reportingMonth) ? null : reportingMonth);
  if ("error" in month) throw new CoreError("invalid_value", `reportingMonth: ${month.error}`);
  if (!isBlankCell(aim) && typeof aim !== "string") throw new CoreError("invalid_value", `aim is ${describeCell(aim)}: enter the aim as text, or leave it empty`);
  if (!isBlankCell(narrativeChanges) && typeof narrativeChanges !== "string") {
    throw new CoreError("invalid_value", `narrativeChanges is ${describeCell(narrativeChanges)}: enter the changes tested this month as text, or leave it empty`);
  }
  const rules = choiceFromCell(typeof ruleSet === "string" ? ruleSet.replace(/ø/gi, "oe") : ruleSet, "ruleSet", RULE_SET_WORDS, "ihi");
  return {
    definition: { aim: typeof aim === "string" ? aim : "", ruleSet: rules, measures: definitions },
    points,
    reportingMonth: month.period,
    narrativeChanges: typeof narrativeChanges === "string" ? narrativeChanges : null,
    cycles: cyclesFromCells(pdsaLog, definitions),
  };
}

/** The cycles of a PDSA log range (`[]` when omitted or empty); the log's first error is thrown, naming its cell in the range. */
function cyclesFromCells(pdsaLog: unknown, measures: readonly EvidenceMeasure[]): PdsaCycle[] {
  if (pdsaLog === null || pdsaLog === undefined || isBlankCell(pdsaLog)) return [];
  if (!Array.isArray(pdsaLog) || pdsaLog.every((row) => Array.isArray(row) && row.every(isBlankCell))) return [];
  const reading = readPdsaLog({ sheetName: "pdsaLog", values: pdsaLog as unknown[][], measures: measures.map((m) => ({ id: m.id, name: m.name })) });
  const error = reading.issues.find((issue) => issue.severity === "error");
  if (error !== undefined) {
    const words = error.address === null ? error.message : error.message.slice(error.address.length + 2);
    const where = error.address === null ? "pdsaLog" : `pdsaLog, cell ${error.address} of the range`;
    throw new CoreError("invalid_value", `${where}: ${words.replace(/ on sheet "pdsaLog"/, "")}`);
  }
  return reading.cycles;
}

/** A header row the user selected with the table: "Measure" then `second` (any case). */
function isHeader(row: readonly unknown[], second: string): boolean {
  const [a, b] = row;
  return typeof a === "string" && typeof b === "string" && a.trim().toLowerCase() === "measure" && b.trim().toLowerCase() === second;
}

/** A measure's name as a key: trimmed, case-folded; `null` when blank. */
function measureKey(name: unknown): string | null {
  if (typeof name === "number") return String(name);
  if (typeof name !== "string") return null;
  const key = name.trim().replace(/\s+/g, " ").toLowerCase();
  return key === "" ? null : key;
}

function measureRows(measures: unknown[][]): EvidenceMeasure[] {
  const { columns } = shapeOf(measures, "measures");
  if (columns < 3 || columns > 5) {
    throw new CoreError("invalid_shape", `measures has ${countOf(columns, "column")}: select Measure, Type, Direction and (optionally) Goal and Required, one row per measure`);
  }
  const out: EvidenceMeasure[] = [];
  measures.forEach((row, i) => {
    if (i === 0 && isHeader(row, "type")) return;
    const [name, type, direction, goal, required] = row;
    const where = `measures row ${i + 1}`;
    const key = measureKey(name);
    if (key === null) {
      if (row.every(isBlankCell)) return;
      throw new CoreError("invalid_value", `${where}: the Measure is empty: name the measure`);
    }
    if (out.some((m) => m.id === key)) throw new CoreError("invalid_value", `${where}: measure ${describeCell(name)} is listed twice: keep one row per measure`);
    const parsedType = MeasureType.safeParse(typeof type === "string" ? type.trim().toLowerCase() : type);
    if (!parsedType.success) throw new CoreError("invalid_value", `${where}, Type is ${describeCell(type)}: use "outcome", "process" or "balancing"`);
    if (!isBlankCell(goal) && !(typeof goal === "number" && Number.isFinite(goal))) {
      throw new CoreError("invalid_value", `${where}, Goal is ${describeCell(goal)}: enter a number, or leave it empty for a measure without a goal`);
    }
    if (!isBlankCell(required) && typeof required !== "boolean") {
      throw new CoreError("invalid_value", `${where}, Required is ${describeCell(required)}: enter TRUE or FALSE, or leave it empty (TRUE)`);
    }
    out.push({
      id: key,
      name: (name as string | number).toString().trim(),
      type: parsedType.data,
      improvementDirection: parseDirection(direction),
      goal: isBlankCell(goal) ? undefined : (goal as number),
      required: required !== false,
    });
  });
  return out;
}
