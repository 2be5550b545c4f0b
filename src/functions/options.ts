// The optional arguments of QI.MDC, QI.GOALMET, QI.MONTHSATGOAL and QI.LIMITS that choose a rule or
// draw an extra line: cells in -> core's options out. Helpers only (no @customfunction here: the
// metadata generator reads src/functions/functions.ts alone); the rules themselves stay in core.

import * as core from "../core";
import { limitsRows } from "./spill";

/**
 * A target or goal argument: one number for every month, or a range the same size as values with
 * one per month (empty where a month has none; qicharts2's variable target line, core's
 * `targetsPerPoint`). Excel passes a `matrix` parameter given one cell or a literal as a 1×1 range,
 * which is read as one number. `undefined` when omitted, or when one blank cell is given.
 *
 * @param cells the argument as Excel passes it (a range, a 1×1 range, a number, null)
 * @param name the argument's name in messages ("target", "goal")
 * @param count how many months values has
 * @throws {CoreError} length_mismatch for a range of another size, naming both sizes;
 *   invalid_value for a cell that is not a number, naming the cell (from 1)
 */
export function targetFromCells(cells: unknown, name: string, count: number): core.TargetInput | undefined {
  if (!Array.isArray(cells)) return core.optionalNumberFromCell(cells, name);
  const { rows, columns } = core.shapeOf(cells as unknown[][], name);
  if (rows === 1 && columns === 1) return core.optionalNumberFromCell((cells as unknown[][])[0][0], name);
  const targets = core.fromCells(cells as unknown[][], name);
  if (targets.length !== count) {
    throw new core.CoreError(
      "length_mismatch",
      `${name} has ${targets.length} cells but values has ${count}: give one ${name} per month (a range the same size as values, empty where a month has none), or a single ${name}`,
    );
  }
  return targets;
}

/** A required goal (one number or one per month): a blank single goal is refused, as before. */
function goalFromCells(cells: unknown, count: number): core.TargetInput {
  const goal = targetFromCells(cells, "goal", count);
  return goal ?? core.numberFromCell(null, "goal");
}

/**
 * The direction of a goal: refused when neutral whatever the goals are. Core's `monthsAtTargets`
 * judges the direction only on a month that has a goal, so a goal range whose latest month is empty
 * would answer for a neutral measure; `monthsAtGoal` of no months checks the same rule, worded once.
 */
function goalDirection(direction: unknown): core.ImprovementDirection {
  const towards = core.parseDirection(direction);
  core.monthsAtGoal([], 0, towards);
  return towards;
}

/** QI.GOALMET: `goalMet` for one goal, `targetsMet` (each month against its own goal) for a range. */
export function goalMetOf(values: unknown[][], goal: unknown, direction: unknown, months: unknown): boolean {
  const series = core.fromCells(values);
  const target = goalFromCells(goal, series.length);
  const count = core.countFromCell(months, "months", core.GOAL_MET_MONTHS);
  const towards = goalDirection(direction);
  return typeof target === "number" ? core.goalMet(series, target, towards, count) : core.targetsMet(series, target, towards, count);
}

/** QI.MONTHSATGOAL: `monthsAtGoal` for one goal, `monthsAtTargets` for a range. */
export function monthsAtGoalOf(values: unknown[][], goal: unknown, direction: unknown): number {
  const series = core.fromCells(values);
  const target = goalFromCells(goal, series.length);
  const towards = goalDirection(direction);
  return typeof target === "number" ? core.monthsAtGoal(series, target, towards) : core.monthsAtTargets(series, target, towards);
}

/** An optional run length of QI.MDC (shiftLength, trendLength): `undefined` (core's default, 7) when blank. */
function runLengthFromCell(cell: unknown, name: string): number | undefined {
  return core.isBlankCell(cell) ? undefined : core.countFromCell(cell, name, 0, 2);
}

/** QI.MDC's options: direction, target (one or one per month), shift and trend lengths. */
export function mdcOptions(direction: unknown, target: unknown, count: number, shiftLength: unknown, trendLength: unknown): core.MakingDataCountOptions {
  return {
    improvementDirection: core.parseDirection(direction),
    target: targetFromCells(target, "target", count),
    shiftLength: runLengthFromCell(shiftLength, "shiftLength"),
    trendLength: runLengthFromCell(trendLength, "trendLength"),
  };
}

const TEST_SETS: Readonly<Record<string, core.SigmaTestSet>> = { "western electric": "western-electric", nelson: "nelson" };
/** Charts whose limits are CL ± 3σ on both sides (core's `pointSigma`): the tests' zones and the sigma lines need them. */
const ZONE_CHARTS: readonly string[] = ["i", "xbar", "xbar-r", "p", "pp", "np", "ip", "u", "up", "c"];
/** Sigma lines drawn for `sigmaLines` TRUE: ±1σ and ±2σ, the zone boundaries of the Western Electric tests. */
const DEFAULT_SIGMAS: readonly number[] = [1, 2];

function requireZoneChart(chart: unknown, what: string): void {
  const name = String(chart).trim().toLowerCase();
  if (!ZONE_CHARTS.includes(name)) {
    throw new core.CoreError("invalid_option", `${what} need limits at 3 sigma on both sides: use them with ${ZONE_CHARTS.map((c) => `"${c}"`).join(", ")} charts, not "${name}"`);
  }
}

/**
 * The sigmas of QI.LIMITS' `sigmaLines` argument: TRUE for 1 and 2, a number, or a list such as
 * "1,2" (commas, semicolons or spaces); blank or FALSE for none. Sorted, each once.
 */
export function sigmasFromCell(cell: unknown): number[] {
  const value = core.isBlankCell(cell) ? false : cell;
  if (value === false) return [];
  if (value === true) return [...DEFAULT_SIGMAS];
  const parts = typeof value === "number" ? [value] : typeof value === "string" ? value.split(/[,;\s]+/).filter((part) => part !== "").map(Number) : [Number.NaN];
  if (parts.length === 0 || parts.some((k) => !(Number.isFinite(k) && k > 0))) {
    throw new core.CoreError(
      "invalid_value",
      `sigmaLines is ${core.describeCell(cell)}: enter TRUE (lines at 1 and 2 sigma), a number of sigmas such as 1, or a list such as "1,2"`,
    );
  }
  return [...new Set(parts)].sort((a, b) => a - b);
}

/**
 * QI.LIMITS' rows, with a column of Western Electric or Nelson tests when asked, then for each
 * sigma k asked the lines at CL - kσ and CL + kσ (core's `sigmaLines`; the lower one not clipped).
 */
export function limitsWithOptions(result: core.ControlChartResult, chart: unknown, tests: unknown, sigmaLines: unknown): core.CellOutput[][] {
  let rows: core.CellOutput[][] = limitsRows(result);
  if (!core.isBlankCell(tests)) {
    const words = typeof tests === "string" ? tests.replace(/[-_]/g, " ") : tests;
    const set = TEST_SETS[core.choiceFromCell(words, "tests", Object.keys(TEST_SETS))];
    requireZoneChart(chart, "tests");
    const fired = core.sigmaTests(result.points, set);
    rows = rows.map((row, i) => [...row, fired[i].join(", ")]);
  }
  const sigmas = sigmasFromCell(sigmaLines);
  if (sigmas.length === 0) return rows;
  requireZoneChart(chart, "sigma lines");
  const lines = sigmas.map((k) => core.sigmaLines(result.points, k));
  return rows.map((row, i) => [...row, ...core.toCells([lines.flatMap((line) => [line[i].lower, line[i].upper])])[0]]);
}
