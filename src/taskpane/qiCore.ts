// The parts of src/core the pane calls, gathered in one object: components and the workbook check take
// it as a dependency, so the pane reads as a list of what it relies on and a test can swap one piece.
import type { CollaborativeDefinition } from "../core/schema";
import { findMeasureSheet, measureSheetLayout, type MeasureSheetLayout } from "../core/sheet/layout";
import { readMeasureSheet, type MeasureSheetReading, type ReadMeasureSheetInput } from "../core/sheet/readMeasureSheet";
import { validateWorkbook, type ValidateWorkbookInput } from "../core/sheet/validateWorkbook";
import { toSubmission, type SheetSubmission, type ToSubmissionInput } from "../core/sheet/toSubmission";
import type { SheetIssue } from "../core/sheet/issues";
import { checkSubmission, type CheckSubmissionOptions } from "../core/submission/checkSubmission";
import { ASSESSMENT_SCALE, type AssessmentLevel } from "../core/scoring/assessmentScale";
import { suggestAssessmentScore, type AssessmentEvidence, type AssessmentSuggestion } from "../core/scoring/suggestAssessmentScore";
import { isImproving } from "../core/scoring/isImproving";
import { goalMet, monthsAtGoal } from "../core/scoring/goalMet";
import { pointValue } from "../core/submission/checkSubmission";

export type { SheetIssue, MeasureSheetReading, MeasureSheetLayout, AssessmentSuggestion, AssessmentLevel, AssessmentEvidence, SheetSubmission };

export interface SheetForMeasure {
  measureId: string;
  reading: MeasureSheetReading;
}

export interface QiCore {
  findMeasureSheet: typeof findMeasureSheet;
  readMeasureSheet(input: ReadMeasureSheetInput): MeasureSheetReading;
  validateWorkbook(input: ValidateWorkbookInput): SheetIssue[];
  toSubmission(input: ToSubmissionInput): SheetSubmission;
  checkSubmission: typeof checkSubmission;
  measureSheetLayout: typeof measureSheetLayout;
  suggestAssessmentScore(evidence: AssessmentEvidence): AssessmentSuggestion;
  /** The evidence for the suggestion, from the sheets the pane read. */
  evidenceFromReadings(
    collaborative: CollaborativeDefinition,
    sheets: readonly SheetForMeasure[],
    reportingMonth: string,
    options?: { changesInNarrative?: boolean },
  ): AssessmentEvidence;
  assessmentScale: readonly AssessmentLevel[];
}

/**
 * What the sheets say for the IHI scale suggestion:
 * - the team is formed and has an aim (it reports into a collaborative with its measures);
 * - the baseline is reported when any month up to the reporting month has a value;
 * - changes tested = distinct annotations up to the reporting month (each annotation names the change
 *   tested that month, DESIGN.md), across all measures; at least 1 when this month's narrative says
 *   what was tested (`changesInNarrative`);
 * - per measure: improving by the IHI run-chart rules in its direction, goal met (the latest 3 months)
 *   and months at goal, from its values (worked out from the counts where the sheet has them) in month
 *   order up to the reporting month.
 */
export function evidenceFromReadings(
  collaborative: CollaborativeDefinition,
  sheets: readonly SheetForMeasure[],
  reportingMonth: string,
  options: { changesInNarrative?: boolean } = {},
): AssessmentEvidence {
  const changes = new Set<string>();
  let anyValue = false;
  const measures = collaborative.measures.flatMap((measure) => {
    const reading = sheets.find((s) => s.measureId === measure.id)?.reading;
    if (!reading || !reading.found) return [];
    const rows = reading.rows
      .filter((row): row is typeof row & { period: string } => row.period !== null && row.period <= reportingMonth)
      .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    for (const row of rows) if (row.annotation && row.annotation.trim() !== "") changes.add(row.annotation.trim().toLowerCase());
    // A hand-built sheet often has no Value column: the value is what the counts give, else what is typed.
    const values = rows.map((row) => pointValue(measure, row.numerator, row.denominator) ?? row.value);
    if (values.some((v) => v !== null)) anyValue = true;
    const direction = measure.improvementDirection;
    const hasGoal = measure.goal !== undefined && direction !== "neutral" && values.some((v) => v !== null);
    return [
      {
        name: measure.name,
        type: measure.type,
        improving: values.some((v) => v !== null) ? isImproving(values, direction) : false,
        goalMet: hasGoal ? goalMet(values, measure.goal as number, direction) : null,
        monthsAtGoal: hasGoal ? monthsAtGoal(values, measure.goal as number, direction) : null,
      },
    ];
  });
  const changesTested = Math.max(changes.size, options.changesInNarrative ? 1 : 0);
  return { teamFormed: true, aimSet: true, baselineReported: anyValue, changesTested, measures };
}

export const defaultQiCore: QiCore = {
  findMeasureSheet,
  readMeasureSheet,
  validateWorkbook,
  toSubmission,
  checkSubmission,
  measureSheetLayout,
  suggestAssessmentScore,
  evidenceFromReadings,
  assessmentScale: ASSESSMENT_SCALE,
};

export type { CheckSubmissionOptions };
