// The task pane: Connect · Sheets · Validate · Report · Submit · Collaborative. Composes the pane's hooks (connection,
// sheets, status, draft, check, submission) and wires the screens to them. No Office.js here:
// everything arrives through `services`, so the same component runs in Excel, jsdom and the browser test.
import { useMemo, useState } from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { activeMeasures, monthRange } from "../../core/index";
import type { ApiClient } from "../api/client";
import { plainMessage } from "../api/errors";
import type { Outbox } from "../api/outbox";
import type { ExcelHost } from "../host";
import type { QiCore } from "../qiCore";
import type { KeyValueStore } from "../storage/keyValueStore";
import type { PaneEvents } from "../office/paneEvents";
import { isoDay, previousMonth } from "../format";
import { useCheck } from "../hooks/useCheck";
import { useCollaborative } from "../hooks/useCollaborative";
import { useConnection } from "../hooks/useConnection";
import { useDraft } from "../hooks/useDraft";
import { usePaneShown } from "../hooks/usePaneShown";
import { useSheets } from "../hooks/useSheets";
import { useSubmission } from "../hooks/useSubmission";
import { useTeamStatus } from "../hooks/useTeamStatus";
import { CollaborativePanel } from "./CollaborativePanel";
import { ConnectPanel } from "./ConnectPanel";
import { OutboxBanner } from "./OutboxBanner";
import { ReportPanel } from "./ReportPanel";
import { SheetsPanel } from "./SheetsPanel";
import { SubmitPanel } from "./SubmitPanel";
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

export type TabId = "connect" | "sheets" | "validate" | "report" | "submit" | "collaborative";

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
  // Six steps do not fit one row of a 320-360 px pane: they wrap to a second row rather than scroll,
  // so the last tab (Collaborative) is never hidden off the edge.
  tabs: {
    flexWrap: "wrap",
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
  { id: "collaborative", label: "Collaborative" },
];

export function App({ services }: { services: AppServices }) {
  const styles = useStyles();
  const { host, storage, outbox, createClient, core, defaultStoreUrl, now, paneEvents } = services;

  const [tab, setTab] = useState<TabId>("connect");
  const [workbookError, setWorkbookError] = useState<string | null>(null);
  const [chosenMonth, setChosenMonth] = useState<string | null>(null);

  const shownCount = usePaneShown(paneEvents, outbox);
  const link = useConnection({ host, storage, outbox, createClient, defaultStoreUrl, shownCount, showTab: setTab, setWorkbookError });
  const { connection, client, settings } = link;
  const collaborative = connection?.me.collaborative ?? null;
  const team = connection?.me.team ?? null;
  const teamStatus = useTeamStatus(client, collaborative, team, now);
  const { status } = teamStatus;
  const reportingMonth = chosenMonth ?? status?.reportingMonth ?? previousMonth(now());
  const sheets = useSheets({
    host,
    core,
    now,
    connected: connection !== null,
    shownCount,
    collaborative,
    reportingMonth,
    settings,
    saveSettings: link.saveSettings,
    setWorkbookError,
  });
  const { sheetFor } = sheets;
  const { draft, updateDraft } = useDraft(storage, collaborative, team, reportingMonth);
  const checking = useCheck({
    host,
    core,
    now,
    client,
    offline: connection?.offline ?? false,
    collaborative,
    team,
    sheetFor,
    pdsaSheet: sheets.pdsaSheet,
    reportingMonth,
    draft,
    rememberPreviews: sheets.rememberPreviews,
    setWorkbookError,
  });
  const { check } = checking;
  const submission = useSubmission({ host, outbox, client, connection, collaborative, team, runCheck: checking.runCheck, onSent: teamStatus.refreshStatus });
  const { outboxState, prepared } = submission;
  const shared = useCollaborative(client, collaborative, tab === "collaborative");

  async function disconnect() {
    await link.disconnect();
    teamStatus.clearStatus();
    checking.clearCheck();
    submission.reset();
    setTab("connect");
  }

  const suggestion = useMemo(() => {
    if (!check || !collaborative) return null;
    try {
      const readings = check.sheets.map((s) => ({ measureId: s.measure.id, reading: s.reading }));
      return core.suggestTeamScore(core.teamInputFromReadings(collaborative, readings, check.reportingMonth, { narrativeChanges: draft.changesTested, cycles: check.pdsa?.cycles ?? [] }));
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
  const sheetCount = collaborative ? activeMeasures(collaborative).filter((m) => sheetFor(m) !== null).length : 0;
  const storageNote =
    storage.engine === "office-runtime"
      ? "Your token is kept in this add-in's own storage on this computer, never in the workbook."
      : storage.engine === "local-storage"
        ? "Your token is kept in this browser's storage for the add-in, never in the workbook."
        : "Your token is kept only until the pane closes (no storage is available).";

  if (!link.booted) {
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
            onConnect={link.connect}
            onDisconnect={disconnect}
            notice={link.notice}
            storageNote={storageNote}
            onNext={() => setTab("sheets")}
          />
        ) : null}
        {tab === "sheets" && collaborative ? (
          <SheetsPanel
            collaborative={collaborative}
            sheetNames={sheets.sheetNames}
            hostAvailable={hostAvailable}
            sheetFor={sheetFor}
            previews={sheets.previews}
            onMap={sheets.mapSheet}
            onCreate={sheets.createSheet}
            onRefresh={sheets.refreshSheets}
            pdsaSheet={sheets.pdsaSheet}
            pdsaPreview={sheets.pdsaPreview}
            onMapPdsa={sheets.mapPdsaSheet}
            onCreatePdsa={sheets.createPdsaLog}
          />
        ) : null}
        {tab === "validate" && collaborative ? (
          <ValidatePanel
            reportingMonth={reportingMonth}
            hostAvailable={hostAvailable}
            sheetCount={sheetCount}
            measureCount={activeMeasures(collaborative).length}
            running={checking.validating}
            progress={checking.progress}
            check={check}
            error={checking.validateError}
            onValidate={() => void checking.runCheck()}
            onSelect={(issue) => void checking.selectIssue(issue)}
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
            statusError={connection?.offline ? plainMessage("network") : teamStatus.statusError}
            localErrors={check?.issues.filter((i) => i.severity === "error").length ?? 0}
            dryRun={submission.dryRun}
            submit={submission.submit}
            canSubmit={prepared !== null && prepared.reportingMonth === reportingMonth}
            hostAvailable={hostAvailable}
            onDryRun={() => void submission.runDryRun()}
            onSubmit={() => void submission.runSubmit()}
            onSelect={(issue) => void checking.selectIssue(issue)}
          />
        ) : null}
        {tab === "collaborative" && collaborative ? (
          <CollaborativePanel
            sharing={shared.learning?.sharing ?? collaborative.sharing}
            measures={collaborative.measures}
            measureId={shared.measureId}
            onMeasureChange={shared.setMeasureId}
            charts={shared.charts}
            learning={shared.learning}
            loading={shared.loading}
            error={connection?.offline ? plainMessage("network") : shared.error}
            onRefresh={shared.refresh}
          />
        ) : null}
      </div>
    </div>
  );
}
