// The task pane: Connect · Sheets · Validate · Report · Submit. Holds the pane's state and wires the
// screens to the host (ExcelHost), the data store (ApiClient), the outbox and core. No Office.js here:
// everything arrives through `services`, so the same component runs in Excel, jsdom and the browser test.
import { useCallback, useEffect, useMemo, useState } from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import type { MeasureDefinition, SubmissionInput } from "../../core/index";
import type { ApiClient } from "../api/client";
import { ApiFailure, plainMessage } from "../api/errors";
import type { Outbox, OutboxSnapshot, SendOutcome } from "../api/outbox";
import type { TeamStatus } from "../../core/index";
import type { ExcelHost, MarkResult, WorkbookSettings } from "../host";
import type { QiCore } from "../qiCore";
import { forgetToken, loadCachedMe, loadToken, saveCachedMe, saveToken } from "../storage/connection";
import { EMPTY_DRAFT, loadDraft, saveDraft, type ReportDraft } from "../storage/drafts";
import type { KeyValueStore } from "../storage/keyValueStore";
import type { PaneEvents } from "../office/paneEvents";
import { isoDay, previousMonth } from "../format";
import { monthRange } from "../../core/index";
import { checkWorkbook, marksFor, serverIssues, type CheckProgress, type PaneIssue, type WorkbookCheck } from "../workbook/checkWorkbook";
import { ConnectPanel, type Connection } from "./ConnectPanel";
import { OutboxBanner } from "./OutboxBanner";
import { ReportPanel } from "./ReportPanel";
import { SheetsPanel, type SheetChoice, type SheetPreview } from "./SheetsPanel";
import { IDLE_STEP, SubmitPanel, type StepState } from "./SubmitPanel";
import { ValidatePanel } from "./ValidatePanel";

export interface AppServices {
  /** The workbook; null outside Excel (the pane still opens, with workbook actions disabled). */
  host: ExcelHost | null;
  storage: KeyValueStore;
  outbox: Outbox;
  createClient(storeUrl: string, token: string): ApiClient;
  core: QiCore;
  /** Where the pane was served from: the data store, by default. */
  defaultStoreUrl: string;
  now(): Date;
  /**
   * When Office shows the pane again (the shared runtime keeps the page alive while the pane is closed,
   * so it is not reloaded): the pane then reads the sheets, the connection and the outbox again.
   */
  paneEvents?: PaneEvents | null;
}

export type TabId = "connect" | "sheets" | "validate" | "report" | "submit";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  banners: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
  },
  tabs: {
    overflowX: "auto",
  },
  booting: {
    padding: tokens.spacingHorizontalL,
  },
});

const TABS: readonly { id: TabId; label: string }[] = [
  { id: "connect", label: "Connect" },
  { id: "sheets", label: "Sheets" },
  { id: "validate", label: "Validate" },
  { id: "report", label: "Report" },
  { id: "submit", label: "Submit" },
];

function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

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

export function App({ services }: { services: AppServices }) {
  const styles = useStyles();
  const { host, storage, outbox, createClient, core, defaultStoreUrl, now, paneEvents } = services;

  const [booted, setBooted] = useState(false);
  const [tab, setTab] = useState<TabId>("connect");
  const [connection, setConnection] = useState<Connection | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [settings, setSettings] = useState<WorkbookSettings>({});
  const [workbookError, setWorkbookError] = useState<string | null>(null);
  const [sheetNames, setSheetNames] = useState<string[]>([]);
  const [previews, setPreviews] = useState<Record<string, SheetPreview>>({});
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [statusNonce, setStatusNonce] = useState(0);
  const [chosenMonth, setChosenMonth] = useState<string | null>(null);
  const [draft, setDraft] = useState<ReportDraft>(EMPTY_DRAFT);
  const [check, setCheck] = useState<WorkbookCheck | null>(null);
  const [validating, setValidating] = useState(false);
  const [progress, setProgress] = useState<CheckProgress | null>(null);
  const [validateError, setValidateError] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState<StepState>(IDLE_STEP);
  const [submitStep, setSubmitStep] = useState<StepState & { queued: boolean; key: string | null }>({ ...IDLE_STEP, queued: false, key: null });
  /** The report the last dry run checked: what Submit sends. */
  const [prepared, setPrepared] = useState<WorkbookCheck | null>(null);
  const [outboxState, setOutboxState] = useState<OutboxSnapshot>(() => outbox.snapshot());
  /** How many times Office showed the pane again since it booted: each time, the boot's reads run again. */
  const [shownCount, setShownCount] = useState(0);

  const collaborative = connection?.me.collaborative ?? null;
  const team = connection?.me.team ?? null;
  const reportingMonth = chosenMonth ?? status?.reportingMonth ?? previousMonth(now());
  const client = useMemo(() => (connection && token ? createClient(connection.storeUrl, token) : null), [connection, token, createClient]);

  // Outbox: follow its queue, and show the receipt of a queued report once the timer or a retry sends it.
  useEffect(() => {
    setOutboxState(outbox.snapshot());
    return outbox.subscribe(setOutboxState);
  }, [outbox]);
  const finishedForQueued: SendOutcome | undefined = submitStep.queued
    ? outboxState.finished.find((o) => o.entry.idempotencyKey === submitStep.key)
    : undefined;
  useEffect(() => {
    if (!finishedForQueued) return;
    if (finishedForQueued.kind === "sent") {
      setSubmitStep((s) => ({ ...s, queued: false, error: null, summary: finishedForQueued.summary }));
      setDryRun((step) => ({ ...step, summary: null, issues: [] }));
      setStatusNonce((n) => n + 1);
    } else if (finishedForQueued.kind === "failed") {
      setSubmitStep((s) => ({ ...s, queued: false, error: finishedForQueued.error.message }));
    }
  }, [finishedForQueued]);

  // Shown again: the outbox is read again from storage (another workbook may have queued or sent
  // reports meanwhile) and retried; the boot below runs again for the connection, then the sheets.
  useEffect(() => {
    if (!paneEvents) return;
    return paneEvents.onShown(() => {
      setShownCount((n) => n + 1);
      void outbox
        .start()
        .then(() => outbox.retryAll())
        .catch(() => undefined);
    });
  }, [paneEvents, outbox]);

  // Boot (and again each time the pane is shown): workbook settings, then the saved token for that
  // store, checked against /me (cached profile when offline).
  useEffect(() => {
    let cancelled = false;
    const resumed = shownCount > 0;
    void (async () => {
      let saved: WorkbookSettings = {};
      if (host) {
        try {
          saved = await host.getSettings();
        } catch (error) {
          setWorkbookError(`Could not read this workbook's settings: ${messageOf(error)}`);
        }
      }
      const storeUrl = saved.storeUrl ?? defaultStoreUrl;
      const savedToken = await loadToken(storage, storeUrl);
      if (cancelled) return;
      setSettings(saved);
      if (resumed && !savedToken) {
        // Disconnected meanwhile (in another workbook, or the token was forgotten).
        setToken(null);
        setConnection(null);
        setTab("connect");
      }
      if (savedToken) {
        const cached = await loadCachedMe(storage, storeUrl);
        try {
          const me = await createClient(storeUrl, savedToken).me();
          if (cancelled) return;
          await saveCachedMe(storage, storeUrl, me);
          setToken(savedToken);
          setConnection({ storeUrl, me, offline: false });
          if (!resumed) setTab("validate");
          if (resumed) setNotice(null);
        } catch (error) {
          if (cancelled) return;
          if (error instanceof ApiFailure && error.retryable && cached) {
            setToken(savedToken);
            setConnection({ storeUrl, me: cached, offline: true });
            if (!resumed) setTab("validate");
          } else if (error instanceof ApiFailure && error.kind === "unauthorized") {
            setNotice(error.message);
            if (resumed) {
              setToken(null);
              setConnection(null);
              setTab("connect");
            }
          } else {
            setNotice(`Could not check your saved token: ${messageOf(error)}`);
          }
        }
      }
      if (!cancelled) setBooted(true);
    })();
    return () => {
      cancelled = true;
    };
  }, [host, storage, createClient, defaultStoreUrl, shownCount]);

  const refreshSheets = useCallback(async () => {
    if (!host) return;
    try {
      setSheetNames(await host.listSheets());
      setWorkbookError(null);
    } catch (error) {
      setWorkbookError(`Could not list this workbook's sheets: ${messageOf(error)}`);
    }
  }, [host]);

  useEffect(() => {
    if (connection) void refreshSheets();
  }, [connection, refreshSheets, shownCount]);

  // This month's status and due date.
  useEffect(() => {
    if (!client || !collaborative || !team) return;
    let cancelled = false;
    setStatusError(null);
    client.teamStatus(collaborative.id, team.id, isoDay(now())).then(
      (answer) => {
        if (!cancelled) setStatus(answer);
      },
      (error: unknown) => {
        if (!cancelled) setStatusError(messageOf(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, collaborative, team, statusNonce, now]);

  // The draft narrative of the chosen month: loaded when the month changes, saved on every keystroke.
  useEffect(() => {
    if (!collaborative || !team) return;
    let cancelled = false;
    void loadDraft(storage, collaborative.id, team.id, reportingMonth).then((loaded) => {
      if (!cancelled) setDraft(loaded);
    });
    return () => {
      cancelled = true;
    };
  }, [storage, collaborative, team, reportingMonth]);

  const updateDraft = useCallback(
    (next: ReportDraft) => {
      setDraft(next);
      if (collaborative && team) void saveDraft(storage, collaborative.id, team.id, reportingMonth, next);
    },
    [storage, collaborative, team, reportingMonth],
  );

  const sheetFor = useCallback(
    (measure: MeasureDefinition): SheetChoice | null => {
      const explicit = settings.sheetMap?.[measure.id];
      if (explicit && sheetNames.includes(explicit)) return { sheetName: explicit, chosen: true };
      const found = core.findMeasureSheet(sheetNames, measure);
      return found ? { sheetName: found, chosen: false } : null;
    },
    [settings, sheetNames, core],
  );

  async function saveSettings(next: WorkbookSettings) {
    setSettings(next);
    if (!host) return;
    try {
      await host.saveSettings(next);
    } catch (error) {
      setWorkbookError(`Could not save the connection in this workbook: ${messageOf(error)}`);
    }
  }

  async function connect(storeUrl: string, newToken: string) {
    const me = await createClient(storeUrl, newToken).me();
    if (me.role !== "team" || !me.team || !me.collaborative) {
      throw new ApiFailure("forbidden", `This is a ${me.role} token. The task pane sends a team's data: paste your team's token.`);
    }
    await saveToken(storage, storeUrl, newToken);
    await saveCachedMe(storage, storeUrl, me);
    const previous = settings.collaborativeId && settings.collaborativeId !== me.collaborative.id ? settings.collaborativeId : null;
    await saveSettings({ ...settings, storeUrl, collaborativeId: me.collaborative.id, teamId: me.team.id });
    setToken(newToken);
    setConnection({ storeUrl, me, offline: false });
    setNotice(previous ? `This workbook was connected to collaborative "${previous}" before; it now reports to "${me.collaborative.name}".` : null);
    void outbox.retryAll(); // a new token can release reports that waited for one
  }

  async function disconnect() {
    if (connection) await forgetToken(storage, connection.storeUrl);
    setToken(null);
    setConnection(null);
    setStatus(null);
    setCheck(null);
    setPrepared(null);
    setDryRun(IDLE_STEP);
    setSubmitStep({ ...IDLE_STEP, queued: false, key: null });
    setTab("connect");
  }

  async function mapSheet(measureId: string, sheetName: string | null) {
    const sheetMap = { ...(settings.sheetMap ?? {}) };
    if (sheetName === null) delete sheetMap[measureId];
    else sheetMap[measureId] = sheetName;
    await saveSettings({ ...settings, sheetMap });
    const measure = collaborative?.measures.find((m) => m.id === measureId);
    const target = sheetName ?? (measure ? core.findMeasureSheet(sheetNames, measure) : null);
    if (!host || !measure || !target) return;
    const snapshot = await host.readSheet(target);
    const reading = core.readMeasureSheet({
      sheetName: target,
      values: snapshot.values,
      formulas: snapshot.formulas,
      numberFormat: snapshot.numberFormat,
      origin: snapshot.origin,
      measure,
      ...(snapshot.dateSystem !== undefined ? { dateSystem: snapshot.dateSystem } : {}),
    });
    const signals = collaborative ? core.sheetSignals(collaborative, { measureId, reading }, reportingMonth) : null;
    setPreviews((p) => ({ ...p, [measureId]: { found: reading.found, rowCount: reading.rows.length, notes: reading.notes, signals } }));
  }

  async function createSheet(measure: MeasureDefinition) {
    if (!host || !collaborative) return;
    const today = isoDay(now()).slice(0, 7);
    const end = collaborative.endMonth < today ? collaborative.endMonth : today;
    const layout = core.measureSheetLayout(measure, monthRange(collaborative.startMonth, end));
    const { sheetName } = await host.createMeasureSheet(layout);
    const names = await host.listSheets();
    setSheetNames(names);
    if (core.findMeasureSheet(names, measure) !== sheetName) await mapSheet(measure.id, sheetName);
  }

  function rememberPreviews(result: WorkbookCheck) {
    setPreviews((p) => {
      const next = { ...p };
      for (const sheet of result.sheets) {
        const signals = collaborative ? core.sheetSignals(collaborative, { measureId: sheet.measure.id, reading: sheet.reading }, result.reportingMonth) : null;
        next[sheet.measure.id] = { found: sheet.reading.found, rowCount: sheet.reading.rows.length, notes: sheet.reading.notes, signals };
      }
      return next;
    });
  }

  /**
   * What the data store knows that the sheets do not: locked months and the team's stored history (for
   * suspicious-value warnings). Offline or on error the check runs without them; the dry run still asks
   * the server itself.
   */
  async function storeContext(month: string): Promise<{ lockedPeriods?: string[]; history?: Record<string, { period: string; value: number | null }[]> }> {
    if (!client || !collaborative || !team || connection?.offline) return {};
    const [periods, points] = await Promise.allSettled([client.periods(collaborative.id, isoDay(now())), client.points(collaborative.id, team.id)]);
    const context: { lockedPeriods?: string[]; history?: Record<string, { period: string; value: number | null }[]> } = {};
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

  /** Reads every sheet and checks the report; marks the bad cells. Returns null (error on screen) on failure. */
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
      const unmarked = markingIssues(await host.markCells(marksFor(result.issues)));
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

  async function selectIssue(issue: PaneIssue) {
    if (!host || !issue.sheetName || !issue.address) return;
    try {
      await host.selectCell(issue.sheetName, issue.address);
    } catch (error) {
      setWorkbookError(`Could not go to ${issue.sheetName}!${issue.address}: ${messageOf(error)}`);
    }
  }

  async function runDryRun() {
    if (!client || !collaborative) return;
    setDryRun({ ...IDLE_STEP, running: true });
    setPrepared(null);
    const result = await runCheck();
    if (!result) {
      setDryRun({ ...IDLE_STEP, error: "Validate could not read the sheets: see the Validate tab." });
      return;
    }
    try {
      const summary = await client.dryRun(collaborative.id, result.submission);
      const conflicts = serverIssues(result, summary.conflicts);
      setDryRun({ running: false, summary, issues: conflicts, error: null });
      setPrepared(result);
      if (host) await host.markCells(marksFor([...result.issues, ...conflicts]));
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : null;
      const issues = failure ? serverIssues(result, failure.conflicts) : [];
      setDryRun({ running: false, summary: null, issues, error: messageOf(error) });
      // Offline: the report can still be queued and sent when the store is back.
      if (failure?.retryable) setPrepared(result);
      if (host && issues.length > 0) await host.markCells(marksFor([...result.issues, ...issues]));
    }
  }

  async function runSubmit() {
    if (!prepared || !connection || !collaborative || !team) return;
    setSubmitStep({ ...IDLE_STEP, running: true, queued: false, key: null });
    try {
      const outcome = await outbox.submit({
        storeUrl: connection.storeUrl,
        collaborativeId: collaborative.id,
        teamId: team.id,
        reportingMonth: prepared.reportingMonth,
        body: prepared.submission,
      });
      const key = outcome.entry.idempotencyKey;
      if (outcome.kind === "sent") {
        const issues = serverIssues(prepared, outcome.summary.conflicts);
        setSubmitStep({ running: false, summary: outcome.summary, issues, error: null, queued: false, key });
        setDryRun((step) => ({ ...step, summary: null, issues: [] })); // "If you submit now" no longer applies
        setStatusNonce((n) => n + 1);
      } else if (outcome.kind === "queued") {
        setSubmitStep({ running: false, summary: null, issues: [], error: outcome.error.message, queued: true, key });
      } else {
        const issues = serverIssues(prepared, outcome.error.conflicts);
        setSubmitStep({ running: false, summary: null, issues, error: outcome.error.message, queued: false, key });
      }
    } catch (error) {
      // Only storage can throw here (the outbox turns every network outcome into a result).
      setSubmitStep({ running: false, summary: null, issues: [], error: `The report could not be saved for sending: ${messageOf(error)}`, queued: false, key: null });
    }
  }

  const suggestion = useMemo(() => {
    if (!check || !collaborative) return null;
    try {
      const sheets = check.sheets.map((s) => ({ measureId: s.measure.id, reading: s.reading }));
      return core.suggestTeamScore(core.teamInputFromReadings(collaborative, sheets, check.reportingMonth, { narrativeChanges: draft.changesTested }));
    } catch {
      return null;
    }
  }, [check, collaborative, core, draft.changesTested]);

  const months = useMemo(() => {
    if (!collaborative) return [reportingMonth];
    const thisMonth = isoDay(now()).slice(0, 7);
    return monthRange(collaborative.startMonth, collaborative.endMonth < thisMonth ? collaborative.endMonth : thisMonth);
  }, [collaborative, reportingMonth, now]);

  const hostAvailable = host !== null;
  const sheetCount = collaborative ? collaborative.measures.filter((m) => sheetFor(m) !== null).length : 0;
  const storageNote =
    storage.engine === "office-runtime"
      ? "Your token is kept in this add-in's own storage on this computer, never in the workbook."
      : storage.engine === "local-storage"
        ? "Your token is kept in this browser's storage for the add-in, never in the workbook."
        : "Your token is kept only until the pane closes (no storage is available).";

  if (!booted) {
    return (
      <div className={styles.booting}>
        <Spinner label="Opening…" />
      </div>
    );
  }

  return (
    <div className={styles.root}>
      <div className={styles.header}>
        <TabList className={styles.tabs} size="small" selectedValue={tab} onTabSelect={(_, data) => setTab(data.value as TabId)} aria-label="Steps">
          {TABS.map(({ id, label }) => (
            <Tab key={id} value={id} id={`tab-${id}`} aria-label={label} disabled={id !== "connect" && !connection}>
              {label}
            </Tab>
          ))}
        </TabList>
      </div>
      <div className={styles.banners}>
        {!hostAvailable ? (
          <MessageBar intent="info">
            <MessageBarBody>
              <MessageBarTitle>Open this add-in in Excel to read your sheets</MessageBarTitle>
              Outside Excel you can connect and write the report; reading, marking and creating sheets need Excel.
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {workbookError ? (
          <MessageBar intent="error">
            <MessageBarBody>{workbookError}</MessageBarBody>
          </MessageBar>
        ) : null}
        <OutboxBanner entries={outboxState.entries} sending={outboxState.sending.length > 0} onRetry={() => void outbox.retryAll()} />
      </div>
      <div role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === "connect" ? (
          <ConnectPanel
            defaultStoreUrl={settings.storeUrl ?? defaultStoreUrl}
            connection={connection}
            onConnect={connect}
            onDisconnect={disconnect}
            notice={notice}
            storageNote={storageNote}
            onNext={() => setTab("sheets")}
          />
        ) : null}
        {tab === "sheets" && collaborative ? (
          <SheetsPanel
            collaborative={collaborative}
            sheetNames={sheetNames}
            hostAvailable={hostAvailable}
            sheetFor={sheetFor}
            previews={previews}
            onMap={mapSheet}
            onCreate={createSheet}
            onRefresh={refreshSheets}
          />
        ) : null}
        {tab === "validate" && collaborative ? (
          <ValidatePanel
            reportingMonth={reportingMonth}
            hostAvailable={hostAvailable}
            sheetCount={sheetCount}
            measureCount={collaborative.measures.length}
            running={validating}
            progress={progress}
            check={check}
            error={validateError}
            onValidate={() => void runCheck()}
            onSelect={(issue) => void selectIssue(issue)}
            onNext={() => setTab("report")}
          />
        ) : null}
        {tab === "report" && collaborative ? (
          <ReportPanel
            months={months}
            reportingMonth={reportingMonth}
            dueMonth={status?.reportingMonth ?? null}
            onMonthChange={setChosenMonth}
            draft={draft}
            onDraftChange={updateDraft}
            scale={core.assessmentScale}
            suggestion={suggestion}
          />
        ) : null}
        {tab === "submit" && collaborative ? (
          <SubmitPanel
            reportingMonth={reportingMonth}
            status={status}
            statusError={connection?.offline ? plainMessage("network") : statusError}
            localErrors={check?.issues.filter((i) => i.severity === "error").length ?? 0}
            dryRun={dryRun}
            submit={submitStep}
            canSubmit={prepared !== null && prepared.reportingMonth === reportingMonth}
            hostAvailable={hostAvailable}
            onDryRun={() => void runDryRun()}
            onSubmit={() => void runSubmit()}
            onSelect={(issue) => void selectIssue(issue)}
          />
        ) : null}
      </div>
    </div>
  );
}
