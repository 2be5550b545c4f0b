// The admin pages of one collaborative (admin token): its settings, measures, teams, tokens, months
// and audit log, one tab each, addressed by the hash ("#/admin/teams") so a link or a reload opens
// the same tab. The collaborative's definition is read once and replaced by each change's answer.
import { useEffect, useState } from "react";
import { Tab, TabList } from "@fluentui/react-components";
import type { CollaborativeDefinition, RunChartsResponse } from "../../core/index";
import type { FacultyApi } from "../api";
import { ADMIN_TABS, type AdminTab } from "../routes";
import { usePageStyles } from "../styles";
import type { AdminApi } from "./adminApi";
import { AuditPanel } from "./AuditPanel";
import { SettingsForm } from "./CollaborativeForm";
import { MeasuresPanel } from "./MeasuresPanel";
import { MonthsPanel } from "./MonthsPanel";
import { TeamsPanel } from "./TeamsPanel";
import { TokensPanel, type CopyText } from "./TokensPanel";
import { useAdminStyles } from "./styles";

/**
 * The measures some team has a value for, from the run charts the dashboard reads: Delete is not
 * offered for them (the server refuses it with 409 anyway, and has the last word for the rest).
 */
export function measuresWithData(runcharts: RunChartsResponse): Set<string> {
  return new Set(runcharts.measures.filter((m) => m.series.some((s) => s.points.some((p) => p.value !== null))).map((m) => m.measureId));
}

export const TAB_TEXT: Record<AdminTab, string> = { settings: "Settings", measures: "Measures", teams: "Teams", tokens: "Tokens", months: "Months", audit: "Audit log" };

export function AdminPage(props: {
  api: FacultyApi;
  admin: AdminApi;
  collaborativeId: string;
  tab: AdminTab;
  onTab: (tab: AdminTab) => void;
  /** the definition changed (its name shows in the header) */
  onChanged: (definition: CollaborativeDefinition) => void;
  today: string;
  copy?: CopyText | undefined;
}) {
  const { api, admin, collaborativeId, tab, onTab, onChanged, today, copy } = props;
  const page = usePageStyles();
  const classes = useAdminStyles();
  const [definition, setDefinition] = useState<CollaborativeDefinition | null>(null);
  const [message, setMessage] = useState("");
  const [withData, setWithData] = useState<Set<string> | null>(null);

  useEffect(() => {
    if (tab !== "measures") return undefined;
    let current = true;
    api.runcharts(collaborativeId).then(
      (r) => current && setWithData(measuresWithData(r)),
      () => current && setWithData(null),
    );
    return () => {
      current = false;
    };
  }, [api, collaborativeId, tab]);

  useEffect(() => {
    let current = true;
    setDefinition(null);
    api.collaborative(collaborativeId).then(
      ({ teams: _teams, teamCount: _count, ...d }) => current && setDefinition(d),
      (error: unknown) => current && setMessage(`Could not load the collaborative: ${error instanceof Error ? error.message : String(error)}`),
    );
    return () => {
      current = false;
    };
  }, [api, collaborativeId]);

  const changed = (d: CollaborativeDefinition) => {
    setDefinition(d);
    onChanged(d);
  };

  return (
    <div>
      <TabList className={classes.nav} selectedValue={tab} onTabSelect={(_, d) => onTab(d.value as AdminTab)} aria-label="Set up">
        {ADMIN_TABS.map((t) => (
          <Tab key={t} value={t}>
            {TAB_TEXT[t]}
          </Tab>
        ))}
      </TabList>
      {definition === null ? (
        <p className={page.status} role="status">
          {message || "Loading…"}
        </p>
      ) : (
        <div role="tabpanel" aria-label={TAB_TEXT[tab]}>
          {tab === "settings" ? <SettingsForm key={definition.id} api={admin} collaborative={definition} onSaved={changed} /> : null}
          {tab === "measures" ? <MeasuresPanel api={admin} collaborative={definition} onChanged={changed} withData={withData} /> : null}
          {tab === "teams" ? <TeamsPanel api={admin} collaborative={definition} /> : null}
          {tab === "tokens" ? <TokensPanel api={admin} collaborative={definition} today={today} {...(copy ? { copy } : {})} /> : null}
          {tab === "months" ? <MonthsPanel api={admin} collaborative={definition} /> : null}
          {tab === "audit" ? <AuditPanel api={admin} collaborative={definition} /> : null}
        </div>
      )}
    </div>
  );
}
