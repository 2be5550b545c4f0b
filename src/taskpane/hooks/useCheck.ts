// Checking the report: read every sheet, check it with core (and with what the data store knows:
// locked months, the team's stored history), mark the bad cells, and go to an issue's cell.
import { useState } from "react";
import type { CollaborativeDefinition, MeasureDefinition, SubmissionInput } from "../../core/index";
import type { ApiClient } from "../api/client";
import type { ExcelHost, MarkResult } from "../host";
import type { QiCore } from "../qiCore";
import { isoDay } from "../format";
import type { ReportDraft } from "../storage/drafts";
import { checkWorkbook, marksFor, type CheckProgress, type PaneIssue, type WorkbookCheck } from "../workbook/checkWorkbook";
import type { SheetChoice } from "../components/SheetsPanel";
import { messageOf } from "./errorMessage";

export type CheckOptions = {
  host: ExcelHost | null;
  core: QiCore;
  now(): Date;
  client: ApiClient | null;
  /** Offline: the check runs without what the data store knows. */
  offline: boolean;
  collaborative: CollaborativeDefinition | null;
  team: { id: string } | null;
  sheetFor(measure: MeasureDefinition): SheetChoice | null;
  /** The sheet holding the PDSA log, or null when the workbook has none. */
  pdsaSheet: SheetChoice | null;
  reportingMonth: string;
  draft: ReportDraft;
  rememberPreviews(result: WorkbookCheck): void;
  /** Stable (a state setter): shows a workbook error above the tabs. */
  setWorkbookError(message: string | null): void;
};

export type CheckState = {
  check: WorkbookCheck | null;
  validating: boolean;
  progress: CheckProgress | null;
  validateError: string | null;
  /** Reads every sheet and checks the report; marks the bad cells. Returns null (error on screen) on failure. */
  runCheck(): Promise<WorkbookCheck | null>;
  selectIssue(issue: PaneIssue): Promise<void>;
  clearCheck(): void;
};

type StoreContext = { lockedPeriods?: string[]; history?: Record<string, { period: string; value: number | null }[]> };

function narrativeOf(draft: ReportDraft): SubmissionInput["narrative"] | undefined {
  const { changesTested, lessons, barriers, helpWanted } = draft;
  if ([changesTested, lessons, barriers, helpWanted].every((text) => text.trim() === "")) return undefined;
  return { changesTested, lessons, barriers, helpWanted };
}

/** Warnings for the issue list about what marking could not do: protected sheets, cells that refused a note. */
function markingIssues(result: MarkResult | undefined): PaneIssue[] {
  const issue = (key: string, sheetName: string | null, message: string): PaneIssue => ({ key, severity: "warning", code: "MARKS_NOT_SHOWN", sheetName, address: null, period: null, message, source: "sheet" });
  const issues = (result?.skippedSheets ?? []).map((sheetName) =>
    issue(`marks-protected-${sheetName}`, sheetName, `Sheet "${sheetName}" is protected: unprotect it to see the marks on its cells.`),
  );
  const refused = result?.notesRefused ?? [];
  if (refused.length > 0) {
    issues.push(issue("marks-notes-refused", null, `${refused.join(", ")} ${refused.length === 1 ? "has a comment, so it is" : "have comments, so they are"} marked with a fill only, without a note.`));
  }
  return issues;
}

/**
 * Labels each measure sheet's run chart with the PDSA cycles of its measure (sheets "Create sheet"
 * made; others have no chart to label). A chart that refuses is a warning, never a failed check.
 */
async function labelCharts(host: ExcelHost, result: WorkbookCheck): Promise<PaneIssue[]> {
  const refused: string[] = [];
  for (const { sheetName, labels } of result.cycleLabels) {
    try {
      await host.labelCycles(sheetName, labels);
    } catch {
      refused.push(sheetName);
    }
  }
  if (refused.length === 0) return [];
  const message = `The PDSA cycles could not be labelled on the run chart of ${refused.map((n) => `"${n}"`).join(", ")}; the report is not affected.`;
  return [{ key: "cycles-not-shown", severity: "warning", code: "CYCLES_NOT_SHOWN", sheetName: null, address: null, period: null, message, source: "sheet" }];
}

export function useCheck(options: CheckOptions): CheckState {
  const { host, core, now, client, offline, collaborative, team, sheetFor, pdsaSheet, reportingMonth, draft, rememberPreviews, setWorkbookError } = options;
  const [check, setCheck] = useState<WorkbookCheck | null>(null);
  const [validating, setValidating] = useState(false);
  const [progress, setProgress] = useState<CheckProgress | null>(null);
  const [validateError, setValidateError] = useState<string | null>(null);

  /**
   * What the data store knows that the sheets do not: locked months and the team's stored history (for
   * suspicious-value warnings). Offline or on error the check runs without them; the dry run still asks
   * the server itself.
   */
  async function storeContext(month: string): Promise<StoreContext> {
    if (!client || !collaborative || !team || offline) return {};
    const [periods, points] = await Promise.allSettled([client.periods(collaborative.id, isoDay(now())), client.points(collaborative.id, team.id)]);
    const context: StoreContext = {};
    // Only the reporting month's lock is checked here: for earlier months the store lets through a
    // point that equals what it holds, which only the dry run can tell.
    if (periods.status === "fulfilled") context.lockedPeriods = periods.value.periods.filter((p) => p.locked && p.period === month).map((p) => p.period);
    if (points.status === "fulfilled") {
      const history: Record<string, { period: string; value: number | null }[]> = {};
      for (const measure of points.value.measures) {
        const own = measure.series.find((series) => series.own);
        // A measure with nothing stored yet is judged against its sheet's own earlier months instead.
        if (own && own.points.length > 0) history[measure.measureId] = own.points.map((p) => ({ period: p.period, value: p.value }));
      }
      context.history = history;
    }
    return context;
  }

  async function runCheck(): Promise<WorkbookCheck | null> {
    if (!host || !collaborative) return null;
    setValidating(true);
    setProgress(null);
    setValidateError(null);
    try {
      const narrative = narrativeOf(draft);
      const context = await storeContext(reportingMonth);
      const result = await checkWorkbook({
        host,
        core,
        collaborative,
        sheetFor: (m) => sheetFor(m)?.sheetName ?? null,
        pdsaSheet: pdsaSheet?.sheetName ?? null,
        reportingMonth,
        asOf: isoDay(now()),
        ...(narrative ? { narrative } : {}),
        ...(draft.selfAssessment !== null ? { selfAssessment: draft.selfAssessment } : {}),
        onProgress: setProgress,
        now,
        ...context,
      });
      setCheck(result);
      rememberPreviews(result);
      const unmarked = [...markingIssues(await host.markCells(marksFor(result.issues))), ...(result.pdsa ? await labelCharts(host, result) : [])];
      if (unmarked.length > 0) setCheck({ ...result, issues: [...result.issues, ...unmarked] });
      return result;
    } catch (error) {
      setValidateError(messageOf(error));
      return null;
    } finally {
      setValidating(false);
      setProgress(null);
    }
  }

  async function selectIssue(issue: PaneIssue): Promise<void> {
    if (!host || !issue.sheetName || !issue.address) return;
    try {
      await host.selectCell(issue.sheetName, issue.address);
    } catch (error) {
      setWorkbookError(`Could not go to ${issue.sheetName}!${issue.address}: ${messageOf(error)}`);
    }
  }

  return { check, validating, progress, validateError, runCheck, selectIssue, clearCheck: () => setCheck(null) };
}
