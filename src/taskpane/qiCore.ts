// The parts of src/core the pane calls, gathered in one object: components and the workbook check take
// it as a dependency, so the pane reads as a list of what it relies on and a test can swap one piece.
import {
  ASSESSMENT_SCALE,
  checkSubmission,
  cycleChartLabels,
  findPdsaLogSheet,
  pdsaLogLayout,
  readPdsaLog,
  findMeasureSheet,
  measureSheetLayout,
  readMeasureSheet,
  RULE_SETS,
  suggestAssessmentScore,
  suggestTeamScore,
  teamRunCharts,
  toSubmission,
  validateWorkbook,
  type AssessmentEvidence,
  type AssessmentLevel,
  type AssessmentSuggestion,
  type CheckSubmissionOptions,
  type CollaborativeDefinition,
  type MeasureSheetLayout,
  type MeasureSheetReading,
  type PdsaCycle,
  type PdsaLogReading,
  type ReadMeasureSheetInput,
  type ReadPdsaLogInput,
  type SheetIssue,
  type SheetSubmission,
  type TeamEvidenceInput,
  type TeamPoint,
  type ToSubmissionInput,
  type ValidateWorkbookInput,
} from "../core/index";

export type { PdsaLogReading, SheetIssue, MeasureSheetReading, MeasureSheetLayout, AssessmentSuggestion, AssessmentLevel, AssessmentEvidence, SheetSubmission, TeamEvidenceInput };

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
  /** The PDSA log: its reader, the layout "Create PDSA log" writes, the sheet found by name, the chart labels. */
  readPdsaLog(input: ReadPdsaLogInput): PdsaLogReading;
  pdsaLogLayout: typeof pdsaLogLayout;
  findPdsaLogSheet: typeof findPdsaLogSheet;
  cycleChartLabels: typeof cycleChartLabels;
  suggestAssessmentScore(evidence: AssessmentEvidence): AssessmentSuggestion;
  /** core's one evidence builder and its suggestion (`null` without data), as QI.SCORE and the data store use them */
  suggestTeamScore(input: TeamEvidenceInput): AssessmentSuggestion | null;
  /** The input of the suggestion, gathered from the sheets the pane read. */
  teamInputFromReadings(
    collaborative: CollaborativeDefinition,
    sheets: readonly SheetForMeasure[],
    reportingMonth: string,
    options?: { narrativeChanges?: string; cycles?: readonly PdsaCycle[] },
  ): TeamEvidenceInput;
  /** What the run chart of one sheet shows under the collaborative's rule set, naming the rules; `null` without data. */
  sheetSignals(collaborative: CollaborativeDefinition, sheet: SheetForMeasure, reportingMonth: string): string | null;
  assessmentScale: readonly AssessmentLevel[];
}

/**
 * The pane's part of the suggestion: gather the team's points from the sheets it read (every row
 * with a readable month, its counts, value and annotation), the PDSA log's cycles and this month's narrative. Every rule
 * (which months count, how annotations are compared, the rule set) is core's `teamEvidence`, the
 * builder QI.SCORE and the data store use too; a measure without a readable sheet has no points.
 */
export function teamInputFromReadings(
  collaborative: CollaborativeDefinition,
  sheets: readonly SheetForMeasure[],
  reportingMonth: string,
  options: { narrativeChanges?: string; cycles?: readonly PdsaCycle[] } = {},
): TeamEvidenceInput {
  const points: TeamPoint[] = [];
  for (const measure of collaborative.measures) {
    const reading = sheets.find((s) => s.measureId === measure.id)?.reading;
    if (!reading || !reading.found) continue;
    for (const row of reading.rows) {
      if (row.period === null) continue;
      points.push({ measureId: measure.id, period: row.period, numerator: row.numerator, denominator: row.denominator, value: row.value, annotation: row.annotation });
    }
  }
  return { definition: collaborative, points, reportingMonth, narrativeChanges: options.narrativeChanges ?? null, cycles: options.cycles ?? [] };
}

/**
 * The sheet preview's line about the measure's run chart: the signals core's `teamRunCharts` reads
 * under the collaborative's rule set up to the reporting month (the chart the suggestion is built
 * from), e.g. "IHI rules: shift (improvement)" or "Anhøj rules: no signal". `null` when the sheet
 * has no value up to that month or cannot be read as points (validation says why).
 */
export function sheetSignals(collaborative: CollaborativeDefinition, sheet: SheetForMeasure, reportingMonth: string): string | null {
  try {
    const chart = teamRunCharts(teamInputFromReadings(collaborative, [sheet], reportingMonth)).find((c) => c.measureId === sheet.measureId);
    if (!chart || chart.reading === null) return null;
    const found = chart.reading.signals.map((signal) => (signal.meaning === "neutral" ? signal.rule : `${signal.rule} (${signal.meaning})`));
    return `${RULE_SETS[chart.reading.ruleSet].name}: ${found.length > 0 ? found.join(", ") : "no signal"}`;
  } catch {
    return null;
  }
}

export const defaultQiCore: QiCore = {
  findMeasureSheet,
  readMeasureSheet,
  validateWorkbook,
  toSubmission,
  checkSubmission,
  measureSheetLayout,
  readPdsaLog,
  pdsaLogLayout,
  findPdsaLogSheet,
  cycleChartLabels,
  suggestAssessmentScore,
  suggestTeamScore,
  teamInputFromReadings,
  sheetSignals,
  assessmentScale: ASSESSMENT_SCALE,
};

export type { CheckSubmissionOptions };
