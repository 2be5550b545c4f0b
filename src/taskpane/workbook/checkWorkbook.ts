// Validate: read every measure sheet and the PDSA log through the host, then let core read, validate
// and turn them into the report (readMeasureSheet → validateWorkbook → toSubmission, readPdsaLog →
// cycles → checkSubmission). No Office.js and no React here: the same function runs in Excel, in
// jsdom tests and in the headless browser test.
import { a1Address, activeMeasures, parseA1, type ChartLabel, type CollaborativeDefinition, type Conflict, type MeasureDefinition, type SubmissionInput } from "../../core/index";
import type { CellMark, ExcelHost, SheetSnapshot } from "../host";
import type { MeasureSheetReading, PdsaLogReading, QiCore, SheetForMeasure, SheetIssue } from "../qiCore";
import { CLIENT } from "../version";

/** An issue as the pane lists it: from the sheet reader, the workbook validator or the server. */
export interface PaneIssue {
  /** Stable within one check, for React keys. */
  key: string;
  severity: "error" | "warning";
  code: string;
  /** The sheet to fix; null for an issue about the whole report. */
  sheetName: string | null;
  address: string | null;
  /** The month it is about, when there is one. */
  period: string | null;
  message: string;
  source: "sheet" | "server";
}

export interface CheckedSheet {
  measure: MeasureDefinition;
  sheetName: string;
  reading: MeasureSheetReading;
}

export interface WorkbookCheck {
  reportingMonth: string;
  /** ISO time the check finished. */
  checkedAt: string;
  sheets: CheckedSheet[];
  /** Errors first, then warnings; grouped by sheet in the order of the measure set. */
  issues: PaneIssue[];
  submission: SubmissionInput;
  locate(path: readonly (string | number)[]): { sheetName: string; address: string } | null;
  /** The PDSA log as read (`null` when the workbook has none): its cycles are the report's `cycles`. */
  pdsa: PdsaLogReading | null;
  /** The cycle labels for each measure sheet's run chart (every checked sheet, `[]` when none). */
  cycleLabels: { sheetName: string; labels: ChartLabel[] }[];
}

export interface CheckProgress {
  sheetName: string;
  /** 0-based index of the sheet being read, of `total`. */
  index: number;
  total: number;
  /** Rows of this sheet read so far, when the host reports it. */
  rowsRead?: number;
  rowCount?: number;
}

export interface CheckWorkbookInput {
  host: ExcelHost;
  core: QiCore;
  collaborative: CollaborativeDefinition;
  /** The sheet each measure is kept on (null: none yet). */
  sheetFor(measure: MeasureDefinition): string | null;
  /** The sheet holding the PDSA log (null or omitted: none; the report then carries no cycles). */
  pdsaSheet?: string | null;
  reportingMonth: string;
  /** Today, `YYYY-MM-DD`. */
  asOf: string;
  /** Months the data store no longer accepts (GET …/periods). */
  lockedPeriods?: readonly string[];
  /** The team's stored values per measure id (GET …/points), for the suspicious-value warnings. */
  history?: Readonly<Record<string, readonly { period: string; value: number | null }[]>>;
  narrative?: SubmissionInput["narrative"];
  selfAssessment?: number;
  onProgress?(progress: CheckProgress): void;
  /** The clock for `checkedAt` (default: the system clock). */
  now?(): Date;
}

function fromSheetIssue(issue: SheetIssue, index: number): PaneIssue {
  return {
    key: `s${index}`,
    severity: issue.severity,
    code: issue.code,
    sheetName: issue.sheetName,
    address: issue.address,
    period: issue.period,
    message: issue.message,
    source: "sheet",
  };
}

/**
 * A server (or checkSubmission) conflict, placed on its cell with the report's locate(); a conflict
 * about a whole measure (e.g. a required measure with no value) goes under that measure's sheet.
 */
export function fromConflict(
  conflict: Conflict,
  index: number,
  locate: WorkbookCheck["locate"],
  sheetOfMeasure: (measureId: string) => string | null = () => null,
): PaneIssue {
  const place = locate(conflict.path);
  const message = place && !conflict.message.startsWith(place.address) ? `${place.address}: ${conflict.message}` : conflict.message;
  return {
    key: `c${index}`,
    severity: conflict.severity,
    code: conflict.code,
    sheetName: place?.sheetName ?? (conflict.measureId ? sheetOfMeasure(conflict.measureId) : null),
    address: place?.address ?? null,
    period: conflict.period,
    message,
    source: "server",
  };
}

/**
 * Puts issues in the order the Validate screen lists them: sheet by sheet (in `sheetOrder`, report-wide
 * issues first), errors before warnings, then by cell. Drops exact repeats (the same code on the same
 * cell from two checks).
 */
export function orderIssues(issues: readonly PaneIssue[], sheetOrder: readonly string[]): PaneIssue[] {
  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    const id = `${issue.sheetName}|${issue.address ?? issue.message}|${issue.code}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const rank = (sheetName: string | null) => (sheetName === null ? -1 : sheetOrder.indexOf(sheetName) === -1 ? sheetOrder.length : sheetOrder.indexOf(sheetName));
  const cell = (address: string | null) => (address ? parseA1(address) : null) ?? { row: -1, column: -1 };
  return unique
    .map((issue, position) => ({ issue, position }))
    .sort((a, b) => {
      const bySheet = rank(a.issue.sheetName) - rank(b.issue.sheetName);
      if (bySheet !== 0) return bySheet;
      if (a.issue.severity !== b.issue.severity) return a.issue.severity === "error" ? -1 : 1;
      const ca = cell(a.issue.address);
      const cb = cell(b.issue.address);
      return ca.row - cb.row || ca.column - cb.column || a.position - b.position;
    })
    .map(({ issue }) => issue);
}

/** The data store's conflicts about a checked report, placed on their cells and ordered like the check's issues. */
export function serverIssues(check: Pick<WorkbookCheck, "sheets" | "locate">, conflicts: readonly Conflict[]): PaneIssue[] {
  const sheetOfMeasure = (measureId: string) => check.sheets.find((s) => s.measure.id === measureId)?.sheetName ?? null;
  return orderIssues(
    conflicts.map((c, i) => fromConflict(c, i, check.locate, sheetOfMeasure)),
    check.sheets.map((s) => s.sheetName),
  );
}

/** The cells to mark for a list of issues: one mark per cell, errors winning over warnings. */
export function marksFor(issues: readonly PaneIssue[]): CellMark[] {
  const byCell = new Map<string, CellMark>();
  for (const issue of issues) {
    if (!issue.sheetName || !issue.address) continue;
    const id = `${issue.sheetName}!${issue.address}`;
    const existing = byCell.get(id);
    if (!existing) {
      byCell.set(id, { sheetName: issue.sheetName, address: issue.address, severity: issue.severity, message: issue.message });
    } else {
      byCell.set(id, {
        ...existing,
        severity: existing.severity === "error" || issue.severity === "error" ? "error" : "warning",
        message: `${existing.message}\n${issue.message}`,
      });
    }
  }
  return [...byCell.values()];
}

/** Core's reading of one measure sheet from what the host read of it (cells, formulas, formats, date system). */
export function readSnapshot(core: QiCore, snapshot: SheetSnapshot, measure: MeasureDefinition): MeasureSheetReading {
  return core.readMeasureSheet({
    sheetName: snapshot.sheetName,
    values: snapshot.values,
    formulas: snapshot.formulas,
    numberFormat: snapshot.numberFormat,
    origin: snapshot.origin,
    measure,
    ...(snapshot.dateSystem !== undefined ? { dateSystem: snapshot.dateSystem } : {}),
  });
}

/** The fields of a cycle in the report, by the log's column that holds them. */
const CYCLE_FIELD_COLUMN: Readonly<Record<string, keyof PdsaLogReading["columns"]>> = {
  cycleId: "cycle",
  changeIdea: "changeIdea",
  measureIds: "measures",
  prediction: "prediction",
  startDate: "startDate",
  endDate: "endDate",
  whatHappened: "whatHappened",
  decision: "decision",
};

/** The cell of a report path `["cycles", i, field, …]` on the PDSA log, or `null`. */
export function locateCycle(pdsa: PdsaLogReading | null, path: readonly (string | number)[]): { sheetName: string; address: string } | null {
  if (pdsa === null || path[0] !== "cycles" || typeof path[1] !== "number") return null;
  const row = pdsa.cycleRows[path[1]];
  if (row === undefined) return null;
  const field = typeof path[2] === "string" ? CYCLE_FIELD_COLUMN[path[2]] : undefined;
  const column = (field !== undefined ? pdsa.columns[field] : undefined) ?? pdsa.columns.cycle ?? pdsa.columns.changeIdea ?? 0;
  return { sheetName: pdsa.sheetName, address: a1Address(row, column) };
}

/**
 * The month of each point of a measure sheet's run chart: "Create sheet" charts whole table columns,
 * so point i is the table's data row i (the header row + 1 + i); `""` for a row without a month.
 */
export function chartMonths(reading: MeasureSheetReading): string[] {
  if (!reading.found || reading.headerRow === null) return [];
  const first = reading.headerRow + 1;
  const last = reading.rows.reduce((m, r) => Math.max(m, r.row), first - 1);
  const months = Array.from({ length: last - first + 1 }, () => "");
  for (const r of reading.rows) if (r.period !== null) months[r.row - first] = r.period;
  return months;
}

/** Reads every mapped measure sheet and checks the whole report. Host failures propagate (the caller shows them). */
export async function checkWorkbook(input: CheckWorkbookInput): Promise<WorkbookCheck> {
  const { host, core, collaborative } = input;
  // retired measures take no new data: their sheets are not read (core's activeMeasures)
  const planned = activeMeasures(collaborative)
    .map((measure) => ({ measure, sheetName: input.sheetFor(measure) }))
    .filter((entry): entry is { measure: MeasureDefinition; sheetName: string } => entry.sheetName !== null);

  const sheets: CheckedSheet[] = [];
  const total = planned.length + (input.pdsaSheet ? 1 : 0);
  for (const [index, { measure, sheetName }] of planned.entries()) {
    input.onProgress?.({ sheetName, index, total });
    const snapshot = await host.readSheet(sheetName, (progress) =>
      input.onProgress?.({ sheetName, index, total, rowsRead: progress.rowsRead, rowCount: progress.rowCount }),
    );
    const reading = readSnapshot(core, { ...snapshot, sheetName }, measure);
    sheets.push({ measure, sheetName, reading });
  }

  let pdsa: PdsaLogReading | null = null;
  if (input.pdsaSheet) {
    const pdsaSheet = input.pdsaSheet;
    input.onProgress?.({ sheetName: pdsaSheet, index: planned.length, total });
    const snapshot = await host.readSheet(pdsaSheet, (progress) =>
      input.onProgress?.({ sheetName: pdsaSheet, index: planned.length, total, rowsRead: progress.rowsRead, rowCount: progress.rowCount }),
    );
    pdsa = core.readPdsaLog({
      sheetName: pdsaSheet,
      values: snapshot.values,
      numberFormat: snapshot.numberFormat,
      origin: snapshot.origin,
      measures: collaborative.measures,
      ...(snapshot.dateSystem !== undefined ? { dateSystem: snapshot.dateSystem } : {}),
    });
  }

  const forCore: SheetForMeasure[] = sheets.map((s) => ({ measureId: s.measure.id, reading: s.reading }));
  // validateWorkbook returns each sheet's own issues too, plus measures with no sheet.
  const sheetIssues = core.validateWorkbook({
    collaborative,
    sheets: forCore,
    reportingMonth: input.reportingMonth,
    asOf: input.asOf,
    ...(input.history ? { history: input.history } : {}),
  });
  const { submission: measured, locate: locatePoint } = core.toSubmission({
    sheets: forCore,
    reportingMonth: input.reportingMonth,
    // baseline months before the collaborative began stay on the sheet (BEFORE_COLLABORATIVE says so)
    // but are not sent: the data store would refuse each one as PERIOD_OUTSIDE_COLLABORATIVE
    startMonth: collaborative.startMonth,
    client: { ...CLIENT },
    ...(input.narrative ? { narrative: input.narrative } : {}),
    ...(input.selfAssessment !== undefined ? { selfAssessment: input.selfAssessment } : {}),
  });
  // The log's cycles read without an error go with the report (the reader already put every problem
  // on its cell); a log with none still sends [] so the dry run counts what it holds.
  const submission: SubmissionInput = pdsa !== null && pdsa.found ? { ...measured, cycles: pdsa.cycles } : measured;
  const locate: WorkbookCheck["locate"] = (path) => locateCycle(pdsa, path) ?? locatePoint(path);
  const conflicts = core.checkSubmission(submission, collaborative, { asOf: input.asOf, lockedPeriods: new Set(input.lockedPeriods ?? []) });

  // checkSubmission applies the server's rules to the same rows; the sheet checks usually said it
  // already, in the sheet's words. A conflict is kept only when it adds something: not on a cell that
  // already has an issue, not the same code for the same sheet and month, and not a sheet-wide remark
  // about a month whose sheet already shows an error for it (the error explains it).
  const local = [...sheetIssues, ...(pdsa?.issues ?? [])].map(fromSheetIssue);
  const onCell = new Set(local.map((i) => `${i.sheetName}!${i.address}`));
  const sameProblem = new Set(local.map((i) => `${i.sheetName}|${i.code}|${i.period}`));
  const errorMonths = new Set(local.filter((i) => i.severity === "error").map((i) => `${i.sheetName}|${i.period}`));
  const codes = new Set(local.map((i) => i.code));
  const sheetOfMeasure = (measureId: string) => sheets.find((s) => s.measure.id === measureId)?.sheetName ?? null;
  const extra = conflicts
    .map((c, i) => ({ ...fromConflict(c, i, locate, sheetOfMeasure), source: "sheet" as const }))
    .filter((issue) => {
      if (sameProblem.has(`${issue.sheetName}|${issue.code}|${issue.period}`)) return false;
      if (issue.address) return !onCell.has(`${issue.sheetName}!${issue.address}`);
      if (issue.sheetName) return !errorMonths.has(`${issue.sheetName}|${issue.period}`);
      return !codes.has(issue.code);
    });
  const sheetOrder = [...sheets.map((s) => s.sheetName), ...(pdsa ? [pdsa.sheetName] : [])];
  const issues = orderIssues([...local, ...extra], sheetOrder);
  const cycles = pdsa?.cycles ?? [];
  const cycleLabels = sheets.map((s) => ({ sheetName: s.sheetName, labels: core.cycleChartLabels(cycles, chartMonths(s.reading), s.measure.id) }));
  const checkedAt = (input.now ? input.now() : new Date()).toISOString();
  return { reportingMonth: input.reportingMonth, checkedAt, sheets, issues, submission, locate, pdsa, cycleLabels };
}
