// The collaborative at a glance: this month, who reported, run charts, % at 4+, the comparison and
// scoring, and the reminder ledger, one view per file. The measure chosen in the run charts also drives the comparison.
import { useState } from "react";
import type { CollaborativeView, Completeness, CurrentCycle, RunChartsResponse, ScoresResponse } from "../../core/index";
import type { FacultyApi } from "../api";
import { routeHref } from "../routes";
import { usePageStyles } from "../styles";
import { Comparison } from "./Comparison";
import { PercentAtLeast4 } from "./PercentAtLeast4";
import { Reminders } from "./Reminders";
import { ReportingGrid } from "./ReportingGrid";
import { RunCharts } from "./RunCharts";
import { Scoring } from "./Scoring";
import { Summary } from "./Summary";

/** Everything the dashboard draws, each parsed with core's schemas. */
export interface DashboardData {
  collaborative: CollaborativeView;
  completeness: Completeness;
  runcharts: RunChartsResponse;
  scores: ScoresResponse;
  /** every team's current PDSA cycles (GET …/cycles), marked on the run charts */
  cycles?: readonly CurrentCycle[];
}

/** Whether the measure gets a funnel plot (percent and rate measures). */
function funnelKind(data: DashboardData, measureId: string | null): measureId is string {
  const kind = data.collaborative.measures.find((m) => m.id === measureId)?.kind;
  return kind === "percent" || kind === "rate";
}

export function Dashboard({ api, data, onScoresChanged }: { api: FacultyApi; data: DashboardData; onScoresChanged: () => Promise<void> }) {
  const page = usePageStyles();
  const [chosen, setChosen] = useState<string | null>(null);
  const measureId = data.runcharts.measures.some((m) => m.measureId === chosen) ? chosen : (data.runcharts.measures[0]?.measureId ?? null);
  const measure = data.runcharts.measures.find((m) => m.measureId === measureId);
  return (
    <>
      <Summary collaborative={data.collaborative} completeness={data.completeness} scores={data.scores} />
      <p className={page.small}>
        <a className={page.link} href="#reminders">
          Reminders sent to teams and faculty
        </a>
      </p>
      <ReportingGrid completeness={data.completeness} />
      <RunCharts collaborative={data.collaborative} runcharts={data.runcharts} cycles={data.cycles ?? []} measureId={measureId} onSelectMeasure={setChosen} />
      <div className={page.two}>
        <PercentAtLeast4 scores={data.scores} />
        <Comparison measure={measure} funnelHref={funnelKind(data, measureId) ? routeHref({ view: "funnel", measureId, period: null }) : null} />
      </div>
      <Scoring key={data.collaborative.id} api={api} collaborative={data.collaborative} completeness={data.completeness} scores={data.scores} onSaved={onScoresChanged} />
      <Reminders api={api} collaborativeId={data.collaborative.id} />
    </>
  );
}
