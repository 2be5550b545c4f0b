// One team on one page: every measure's run chart under the collaborative's rules with its goal, the
// narratives month by month (changes tested, lessons, barriers, help wanted), and the self, faculty
// and suggested scores over time with what was written beside each (GET …/teams/{teamId}/timeline),
// and the team's PDSA cycles: marked on each measure's chart where they started and ended, and
// listed (the dashboard's GET …/cycles, already loaded).
import { useEffect, useState } from "react";
import { makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import type { TeamTimeline, TeamTimelineMonth } from "../../core/index";
import { shortMonth } from "../../web/format";
import type { FacultyApi } from "../api";
import { Chart, Dot, Label, LinePath } from "../chart/Chart";
import { frame, linearScale } from "../chart/scale";
import { useChartStyles } from "../chart/styles";
import { routeHref } from "../routes";
import { usePageStyles } from "../styles";
import type { DashboardData } from "./Dashboard";
import { RunChartCard } from "./RunChartCard";
import { measureAbout } from "./RunCharts";

const useStyles = makeStyles({
  charts: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(290px, 1fr))", gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalS },
  about: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, margin: "0 0 6px" },
  month: { borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: `${tokens.spacingVerticalS} 0` },
  monthTitle: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: "0 0 4px" },
  story: { display: "grid", gridTemplateColumns: "140px 1fr", columnGap: tokens.spacingHorizontalM, rowGap: "2px", margin: 0, fontSize: tokens.fontSizeBase300 },
  pair: { display: "contents" },
  term: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0, whiteSpace: "pre-wrap" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, width: "100%" },
  cell: { textAlign: "left", verticalAlign: "top", padding: "4px 12px 4px 0", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  scoresChart: { maxWidth: "760px" },
  suggestion: { textAlign: "left", verticalAlign: "top", padding: "4px 12px 4px 0", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, maxWidth: "560px" },
  self: { stroke: tokens.colorPalettePurpleForeground2, strokeWidth: "1.6px", fill: "none" },
  faculty: { stroke: tokens.colorPaletteBlueForeground2, strokeWidth: "1.6px", fill: "none" },
  suggested: { stroke: tokens.colorNeutralForeground3, strokeWidth: "1.2px", strokeDasharray: "4 3", fill: "none" },
  selfDot: { fill: tokens.colorPalettePurpleForeground2 },
  facultyDot: { fill: tokens.colorPaletteBlueForeground2 },
  suggestedDot: { fill: tokens.colorNeutralForeground3 },
});

const STORY: ReadonlyArray<[keyof NonNullable<TeamTimelineMonth["narrative"]>, string]> = [
  ["changesTested", "Changes tested"],
  ["lessons", "Lessons"],
  ["barriers", "Barriers"],
  ["helpWanted", "Help wanted"],
];

type ScoreKind = "self" | "faculty" | "suggested";
const SCORE_NAME: Record<ScoreKind, string> = { self: "self-assessment", faculty: "faculty", suggested: "suggested" };

/** The score of one kind in a month, or null. */
export function scoreOf(month: TeamTimelineMonth, kind: ScoreKind): number | null {
  return kind === "suggested" ? (month.suggested?.score ?? null) : (month[kind]?.score ?? null);
}

/** Self, faculty and suggested scores per month on the IHI scale (0.5 to 5). */
function ScoresChart({ timeline }: { timeline: TeamTimeline }) {
  const chart = useChartStyles();
  const classes = useStyles();
  const f = frame(620, 170, { top: 10, right: 12, bottom: 22, left: 30 });
  const months = timeline.months;
  const x = (i: number) => (months.length <= 1 ? (f.x0 + f.x1) / 2 : f.x0 + (i * (f.x1 - f.x0)) / (months.length - 1));
  const y = linearScale([0, 5], [f.y1, f.y0]);
  const kinds: ReadonlyArray<[ScoreKind, string, string]> = [
    ["suggested", classes.suggested, classes.suggestedDot],
    ["self", classes.self, classes.selfDot],
    ["faculty", classes.faculty, classes.facultyDot],
  ];
  return (
    <Chart frame={f} label={`${timeline.teamName}: self, faculty and suggested scores per month`}>
      {[1, 2, 3, 4, 5].map((s) => (
        <g key={s}>
          <line className={chart.gridLine} x1={f.x0} x2={f.x1} y1={y(s)} y2={y(s)} />
          <Label x={f.x0 - 5} y={y(s) + 3} anchor="end">
            {String(s)}
          </Label>
        </g>
      ))}
      {months.length > 0 ? (
        <>
          <Label x={x(0)} y={f.height - 6} anchor="start">
            {shortMonth(months[0]!.period)}
          </Label>
          <Label x={x(months.length - 1)} y={f.height - 6} anchor="end">
            {shortMonth(months[months.length - 1]!.period)}
          </Label>
        </>
      ) : null}
      {kinds.map(([kind, lineClass, dotClass]) => {
        const values = months.map((m) => scoreOf(m, kind));
        return (
          <g key={kind} data-series={kind}>
            <LinePath values={values} x={x} y={y} className={lineClass} />
            {values.map((v, i) => (v === null ? null : <Dot key={i} cx={x(i)} cy={y(v)} r={3} className={dotClass} data={kind} title={`${shortMonth(months[i]!.period)}: ${SCORE_NAME[kind]} ${v.toFixed(1)}`} />))}
          </g>
        );
      })}
    </Chart>
  );
}

export function TeamView({ api, data, teamId }: { api: FacultyApi; data: DashboardData; teamId: string }) {
  const page = usePageStyles();
  const classes = useStyles();
  const team = data.collaborative.teams.find((t) => t.id === teamId);
  const [timeline, setTimeline] = useState<TeamTimeline | null>(null);
  const [status, setStatus] = useState("");

  useEffect(() => {
    if (!team) return undefined;
    let current = true;
    setStatus("Loading the team's months…");
    api.timeline(data.collaborative.id, teamId).then(
      (answer) => {
        if (!current) return;
        setTimeline(answer);
        setStatus("");
      },
      (error: unknown) => current && setStatus(`Could not load the team's months: ${error instanceof Error ? error.message : String(error)}`),
    );
    return () => {
      current = false;
    };
  }, [api, data.collaborative.id, teamId, team]);

  if (!team) {
    return (
      <section className={page.card}>
        <p>{`There is no team "${teamId}" in this collaborative.`}</p>
        <a className={page.link} href={routeHref({ view: "dashboard" })}>
          Back to the dashboard
        </a>
      </section>
    );
  }
  const measureCharts = data.runcharts.measures.flatMap((measure) => {
    const series = measure.series.find((s) => s.teamId === teamId);
    return series ? [{ measure, series }] : [];
  });
  const teamCycles = (data.cycles ?? []).filter((c) => c.teamId === teamId);
  const measureName = new Map(data.collaborative.measures.map((m) => [m.id, m.name]));
  const told = timeline ? [...timeline.months].reverse().filter((m) => m.narrative !== null) : [];
  const scored = timeline ? timeline.months.filter((m) => m.self !== null || m.faculty !== null || m.suggested !== null) : [];

  return (
    <>
      <section className={page.card} aria-labelledby="team-title">
        <div className={page.cardHead}>
          <Subtitle2 as="h2" id="team-title">
            {team.name}
          </Subtitle2>
          <a className={page.link} href={routeHref({ view: "dashboard" })}>
            Back to the dashboard
          </a>
        </div>
        {team.organisation ? <p className={page.muted}>{team.organisation}</p> : null}
        <p className={`${page.muted} ${page.small}`}>{`Every measure read by the ${data.runcharts.rules.name}: ${data.runcharts.rules.description}.`}</p>
        <div className={classes.charts}>
          {measureCharts.map(({ measure, series }) => (
            <div key={measure.measureId}>
              <RunChartCard series={series} measure={measure} months={data.runcharts.months} centerLineName={data.runcharts.rules.centerLine} heading={measure.name} cycles={teamCycles} />
              <p className={classes.about}>{measureAbout(measure, data.collaborative.measures.find((m) => m.id === measure.measureId))}</p>
            </div>
          ))}
        </div>
      </section>
      <section className={page.card} aria-labelledby="cycles-title">
        <Subtitle2 as="h2" id="cycles-title">
          PDSA cycles
        </Subtitle2>
        {teamCycles.length === 0 ? (
          <p className={page.muted}>No PDSA cycles sent yet (the team's PDSA log travels with its monthly report).</p>
        ) : (
          <table className={classes.table} aria-label={`${team.name}: PDSA cycles`}>
            <thead>
              <tr>
                {["Cycle", "Change idea", "Measures", "Started", "Ended", "Decision", "What happened"].map((h) => (
                  <th key={h} className={classes.cell} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {teamCycles.map((c) => (
                <tr key={c.cycleId}>
                  <th className={classes.cell} scope="row">
                    {c.cycleId}
                  </th>
                  <td className={classes.cell}>{c.changeIdea}</td>
                  <td className={classes.cell}>{c.measureIds.map((id) => measureName.get(id) ?? id).join(", ") || "–"}</td>
                  <td className={classes.cell}>{c.startDate}</td>
                  <td className={classes.cell}>{c.endDate ?? "running"}</td>
                  <td className={classes.cell}>{c.decision ?? "–"}</td>
                  <td className={classes.cell}>{c.whatHappened || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className={page.status} role="status">
        {status}
      </p>
      {timeline ? (
        <>
          <section className={page.card} aria-labelledby="scores-title">
            <Subtitle2 as="h2" id="scores-title">
              Scores over time
            </Subtitle2>
            <p className={`${page.muted} ${page.small}`}>IHI Assessment Scale. Blue: faculty. Purple: the team's self-assessment. Grey dashed: what the data suggest.</p>
            <div className={classes.scoresChart}>
              <ScoresChart timeline={timeline} />
            </div>
            {scored.length === 0 ? (
              <p className={page.muted}>No scores yet.</p>
            ) : (
              <table className={classes.table} aria-label={`${team.name}: scores and their rationale`}>
                <thead>
                  <tr>
                    {["Month", "Self", "Faculty", "Faculty's rationale", "Suggested"].map((h) => (
                      <th key={h} className={classes.cell} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[...scored].reverse().map((m) => (
                    <tr key={m.period}>
                      <th className={classes.cell} scope="row">
                        {shortMonth(m.period)}
                      </th>
                      <td className={classes.cell}>{m.self ? m.self.score.toFixed(1) : "–"}</td>
                      <td className={classes.cell}>{m.faculty ? m.faculty.score.toFixed(1) : "–"}</td>
                      <td className={classes.cell}>{m.faculty ? `${m.faculty.rationale} (${m.faculty.by})` : ""}</td>
                      <td className={classes.suggestion}>
                        {m.suggested ? (
                          <details>
                            <summary>{`${m.suggested.score.toFixed(1)} · ${m.suggested.label}`}</summary>
                            {m.suggested.reasons.join(" ")}
                          </details>
                        ) : (
                          "–"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className={page.card} aria-labelledby="story-title">
            <Subtitle2 as="h2" id="story-title">
              Month by month
            </Subtitle2>
            {told.length === 0 ? <p className={page.muted}>No narrative sent yet.</p> : null}
            {told.map((m) => (
              <article key={m.period} className={classes.month} aria-label={`${team.name}, ${shortMonth(m.period)}`}>
                <h3 className={classes.monthTitle}>{`${shortMonth(m.period)}${m.narrativeRevision !== null ? ` · revision ${m.narrativeRevision}` : ""}`}</h3>
                <dl className={classes.story}>
                  {STORY.map(([key, name]) => (
                    <div key={key} className={classes.pair}>
                      <dt className={classes.term}>{name}</dt>
                      <dd className={classes.detail}>{m.narrative?.[key] ? m.narrative[key] : "–"}</dd>
                    </div>
                  ))}
                </dl>
              </article>
            ))}
          </section>
        </>
      ) : null}
    </>
  );
}
