/**
 * The one evidence builder: a team's points, its narrative and the collaborative's definition, read
 * for a reporting month, become the {@link AssessmentEvidence} that `suggestAssessmentScore` scores.
 * `QI.SCORE` (from cells), the task pane (from sheet readings) and the data store (from stored
 * current points) all call {@link teamEvidence}; they differ only in how they gather its input, so
 * the same data give the same suggestion and the same reasons at every door.
 */

import { CoreError } from "../errors";
import { readRunChart, type RunChartReading } from "../runchart/ruleSet";
import type { MeasureDefinition, RuleSet } from "../schema/collaborative";
import { Period } from "../schema/common";
import { monthRange } from "../period";
import { pointValue } from "../submission/checkSubmission";
import type { PdsaCycle } from "../schema/pdsa";
import { countChangesTested } from "./changesTested";
import { goalMet, monthsAtGoal } from "./goalMet";
import { suggestAssessmentScore, type AssessmentEvidence, type AssessmentSuggestion, type MeasureEvidence } from "./suggestAssessmentScore";

/** One month of one measure of the team, as every door holds it. */
export type TeamPoint = {
  measureId: string;
  /** `YYYY-MM` */
  period: string;
  numerator?: number | null | undefined;
  denominator?: number | null | undefined;
  value?: number | null | undefined;
  /** the change tested that month, as drawn on the run chart */
  annotation?: string | null | undefined;
};

/** The parts of a measure definition the evidence reads. */
export type EvidenceMeasure = Pick<MeasureDefinition, "id" | "name" | "type" | "improvementDirection"> & {
  /** how a value is made from the counts; omitted: points carry their value (as cells do) */
  kind?: MeasureDefinition["kind"] | undefined;
  multiplier?: number | undefined;
  goal?: number | undefined;
  /** default `true` */
  required?: boolean | undefined;
};

/** What {@link teamEvidence} reads. */
export type TeamEvidenceInput = {
  /** the collaborative's aim, rule set (default `"ihi"`) and measure set */
  definition: { aim: string; ruleSet?: RuleSet | undefined; measures: readonly EvidenceMeasure[] };
  /** the team's points, any order; months after `reportingMonth` are ignored */
  points: readonly TeamPoint[];
  /** the month the suggestion is for, `YYYY-MM` */
  reportingMonth: string;
  /** the "changes tested" text of the reporting month's narrative (PDSA facts); blank or omitted: none */
  narrativeChanges?: string | null | undefined;
  /** the team's PDSA cycles (their change ideas count as changes tested; see `countChangesTested`) */
  cycles?: readonly Pick<PdsaCycle, "changeIdea" | "startDate">[] | undefined;
};


/**
 * The evidence for the IHI Assessment Scale suggestion of one team for one reporting month. Each
 * rule is decided here once, for every door:
 *
 * - **Months**: only points up to and including `reportingMonth` count. The suggestion is for that
 *   month; a later month (a correction sent ahead, a month typed early) must not change what the
 *   team was scored on, so the faculty read passes the month being scored.
 * - **Values**: a point's value is worked out from its counts by the measure's kind when it can be
 *   (`pointValue`), else the value given; this is what the data store stores, and what a sheet
 *   without a Value column means.
 * - **Series**: every month from the team's first point (any measure) to the reporting month, a
 *   month without a value being a gap (`null`), as on the run chart. Leading gaps change no rule.
 * - **Team formed**: always (the team reports into the collaborative).
 * - **Aim set**: the collaborative's aim is not blank. It is the only aim the data store keeps; a
 *   blank aim means no one wrote it down, so the data cannot show it is set.
 * - **Baseline reported**: any value of any measure up to the reporting month.
 * - **Changes tested**: `countChangesTested`: the distinct change ideas of the PDSA cycles started
 *   by the end of the reporting month and the distinct annotations of all measures and months up to
 *   it, compared together by {@link changeKey} (trimmed, case-folded): the IHI scale counts
 *   changes, and the same change tested again is the same change. When none names one but the
 *   reporting month's narrative says what was tested, 1.
 * - **Improving**: the collaborative's `ruleSet` (`readRunChart`), on the series in the measure's
 *   direction, the center line taken from every month up to the reporting month (no frozen
 *   baseline: the definition has none to give); the reasons name the rules.
 * - **Neutral measures** have no better direction: they are never improving, any goal is ignored,
 *   and they are left out of the improvement and goal shares (named in the reasons).
 * - **Measures without a goal** count towards improvement and are left out of the goal share
 *   (`goalMet: null`).
 * - **Goal met**: the latest 3 non-blank months meet the goal (`goalMet`); months at goal: the
 *   latest months in a row that do (`monthsAtGoal`).
 * - **A measure with no data** up to the reporting month stays in the evidence when it is required:
 *   not improving and, with a goal, the goal not met (0 months at goal). It is part of the measure
 *   set, and not reporting it must not raise the share of measures improving. An optional measure
 *   (`required: false`) with no data is left out: the team does not collect it.
 * - **No data at all**: the evidence says the baseline is not reported, and `suggestTeamScore`
 *   makes no suggestion.
 * - **The same month twice** for one measure is refused: no door may pick one silently.
 *
 * Runs in O(p + m·n) for p points, m measures and n months.
 *
 * @param input the definition, the team's points, the reporting month and the narrative's changes text
 * @returns the evidence, with the rule set it was read by
 * @throws {CoreError} invalid_value for a bad reporting month or point period, a point of a measure
 *   not in the definition, two points of one measure in one month, or a non-finite number
 * @example
 * teamEvidence({ definition: { aim: "Zero falls", measures: [{ id: "falls", name: "Falls", type: "outcome", kind: "count", improvementDirection: "decrease", goal: 2 }] }, points: [{ measureId: "falls", period: "2026-01", value: 1, annotation: "Checklist" }, { measureId: "falls", period: "2026-02", value: 1, annotation: "checklist " }], reportingMonth: "2026-02" }).changesTested; // => 1
 * teamEvidence({ definition: { aim: "", measures: [] }, points: [], reportingMonth: "2026-02" }).aimSet; // => false
 */
export function teamEvidence(input: TeamEvidenceInput): AssessmentEvidence {
  const { ruleSet, charts, changes } = readTeam(input);
  let anyValue = false;
  const measures: MeasureEvidence[] = [];
  input.definition.measures.forEach((measure, i) => {
    const { values, reading } = charts[i] as TeamRunChart;
    if (reading !== null) anyValue = true;
    if (reading === null && measure.required === false) return;
    const direction = measure.improvementDirection;
    const judged = direction !== "neutral" && measure.goal !== undefined;
    measures.push({
      name: measure.name,
      type: measure.type,
      improvementDirection: direction,
      improving: reading !== null && reading.improving,
      goalMet: judged ? goalMet(values, measure.goal as number, direction) : null,
      monthsAtGoal: judged ? monthsAtGoal(values, measure.goal as number, direction) : null,
    });
  });
  return {
    teamFormed: true,
    aimSet: input.definition.aim.trim() !== "",
    baselineReported: anyValue,
    changesTested: countChangesTested({ annotations: changes, cycles: input.cycles, reportingMonth: input.reportingMonth, narrativeChanges: input.narrativeChanges }),
    measures,
    ruleSet,
  };
}

/**
 * The suggestion every door shows for a team and a reporting month: {@link teamEvidence} scored by
 * `suggestAssessmentScore`, or `null` when no measure has a value up to the reporting month. With no
 * data there is nothing to judge: the data store answers `suggested: null`, `QI.SCORE` answers
 * #N/A with a message, and the task pane shows no suggestion (rather than "1.5, planning", which
 * would read as a judgement of data that are not there).
 *
 * Runs in O(p + m·n), as {@link teamEvidence}.
 *
 * @param input as {@link teamEvidence}
 * @returns the score, its label and reasons; `null` without data
 * @throws {CoreError} as {@link teamEvidence}
 * @example
 * suggestTeamScore({ definition: { aim: "Zero falls", measures: [{ id: "falls", name: "Falls", type: "outcome", kind: "count", improvementDirection: "decrease" }] }, points: [], reportingMonth: "2026-02" }); // => null
 * suggestTeamScore({ definition: { aim: "Zero falls", measures: [{ id: "falls", name: "Falls", type: "outcome", kind: "count", improvementDirection: "decrease" }] }, points: [{ measureId: "falls", period: "2026-01", value: 3 }], reportingMonth: "2026-02" }).score; // => 2
 */
export function suggestTeamScore(input: TeamEvidenceInput): AssessmentSuggestion | null {
  const evidence = teamEvidence(input);
  return evidence.baselineReported ? suggestAssessmentScore(evidence) : null;
}

/** One measure's run chart as the evidence reads it (see {@link teamRunCharts}). */
export type TeamRunChart = {
  measureId: string;
  /** the measure's series, every month from the team's first point to the reporting month (`null`: a gap) */
  values: (number | null)[];
  /** the series read by the rule set; `null` when the measure has no value up to the reporting month */
  reading: RunChartReading | null;
};

/**
 * Each measure's run chart as {@link teamEvidence} reads it: the same months, values and rule set,
 * so a door that shows a measure's signals (the task pane's sheet preview) shows what the
 * suggestion was built from.
 *
 * Runs in O(p + m·n), as {@link teamEvidence}.
 *
 * @param input as {@link teamEvidence}
 * @returns one chart per measure of the definition, in its order
 * @throws {CoreError} as {@link teamEvidence}
 * @example
 * teamRunCharts({ definition: { aim: "", measures: [{ id: "falls", name: "Falls", type: "outcome", kind: "count", improvementDirection: "decrease" }] }, points: [{ measureId: "falls", period: "2026-01", value: 4 }, { measureId: "falls", period: "2026-03", value: 2 }], reportingMonth: "2026-03" })[0].values; // => [4, null, 2]
 */
export function teamRunCharts(input: TeamEvidenceInput): TeamRunChart[] {
  return readTeam(input).charts;
}

/** The checked points up to the reporting month, read once for {@link teamEvidence} and {@link teamRunCharts}. */
function readTeam(input: TeamEvidenceInput): { ruleSet: RuleSet; charts: TeamRunChart[]; changes: string[] } {
  const { definition, reportingMonth } = input;
  if (!Period.safeParse(reportingMonth).success) {
    throw new CoreError("invalid_value", `reportingMonth must be a month written YYYY-MM (e.g. 2026-03), got ${JSON.stringify(reportingMonth)}`);
  }
  const ruleSet = definition.ruleSet ?? "ihi";
  const byMeasure = new Map<string, Map<string, TeamPoint>>(definition.measures.map((m) => [m.id, new Map()]));
  const changes: string[] = [];
  let first: string | null = null;
  input.points.forEach((point, i) => {
    const where = `point ${i + 1} (${point.measureId}, ${String(point.period)})`;
    if (!Period.safeParse(point.period).success) {
      throw new CoreError("invalid_value", `${where}: the month must be written YYYY-MM (e.g. 2026-03)`);
    }
    const months = byMeasure.get(point.measureId);
    if (months === undefined) {
      throw new CoreError("invalid_value", `${where}: ${JSON.stringify(point.measureId)} is not a measure of the collaborative`);
    }
    for (const [field, value] of [["numerator", point.numerator], ["denominator", point.denominator], ["value", point.value]] as const) {
      if (value !== null && value !== undefined && !(typeof value === "number" && Number.isFinite(value))) {
        throw new CoreError("invalid_value", `${where}: ${field} must be a finite number or empty, got ${String(value)}`);
      }
    }
    if (point.period > reportingMonth) return;
    if (months.has(point.period)) {
      throw new CoreError("invalid_value", `${where}: the month is given twice for this measure; keep one row per measure and month`);
    }
    months.set(point.period, point);
    if (point.annotation !== null && point.annotation !== undefined) changes.push(point.annotation);
    if (first === null || point.period < first) first = point.period;
  });
  const months = first === null ? [] : monthRange(first, reportingMonth);
  const charts = definition.measures.map((measure): TeamRunChart => {
    const points = byMeasure.get(measure.id) as Map<string, TeamPoint>;
    const values = months.map((period) => {
      const point = points.get(period);
      if (point === undefined) return null;
      const counted = measure.kind === undefined ? null : pointValue({ kind: measure.kind, multiplier: measure.multiplier }, point.numerator, point.denominator);
      return counted ?? point.value ?? null;
    });
    const reading = values.some((v) => v !== null) ? readRunChart(values, ruleSet, measure.improvementDirection) : null;
    return { measureId: measure.id, values, reading };
  });
  return { ruleSet, charts, changes };
}
