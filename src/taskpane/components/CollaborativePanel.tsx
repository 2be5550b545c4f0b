// Collaborative: what the other teams show ("all teach, all learn"): one measure's run charts, their
// latest changes tested and lessons, and the collaborative's % of teams at 4+. Everything here came
// from the data store already cut by the sharing mode (named, blinded, aggregate); the panel shows
// it and says which mode applies, and never has more to hide. No Office.js: data arrive as props.
import { Button, Field, MessageBar, MessageBarBody, Select, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { CollaborativeLearning, RunChartSeries, RunChartsResponse, SharingMode } from "../../core/index";
import { CompactRunChart } from "../../web/chart/CompactRunChart";
import { formatPercent, formatValue } from "../../web/format";
import { monthLabel } from "../format";
import { usePanelStyles } from "./styles";

type ChartMeasure = RunChartsResponse["measures"][number];

/** What each sharing mode shows a team, in a sentence. */
export const SHARING_TEXT: Record<SharingMode, string> = {
  named: "This collaborative shares by name: you see every team's run charts and what they tested and learned.",
  blinded: "This collaborative is blinded: other teams appear as letters (the same letter every month). Their narratives are shown in their own words.",
  aggregate: "This collaborative shares only pooled figures: you see your own team and the collaborative as a whole, never another team's data or narrative.",
};

/** How many months to list in the % at 4+. */
const SCORE_MONTHS = 6;

const useStyles = makeStyles({
  chartCard: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  teamName: { margin: 0, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  meta: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  signal: { color: tokens.colorPaletteDarkOrangeForeground1 },
  quote: { margin: 0, whiteSpace: "pre-wrap", fontSize: tokens.fontSizeBase200 },
  scoreRow: { display: "flex", justifyContent: "space-between", columnGap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200 },
});

export interface CollaborativePanelProps {
  sharing: SharingMode;
  measures: readonly { id: string; name: string }[];
  measureId: string | null;
  onMeasureChange(measureId: string): void;
  charts: RunChartsResponse | null;
  learning: CollaborativeLearning | null;
  loading: boolean;
  error: string | null;
  onRefresh(): void;
}

export function CollaborativePanel(props: CollaborativePanelProps) {
  const styles = usePanelStyles();
  const own = useStyles();
  const { sharing, charts, learning } = props;
  const measure = charts?.measures.find((m) => m.measureId === props.measureId) ?? null;
  return (
    <div className={styles.panel}>
      <Text className={styles.intro}>{SHARING_TEXT[sharing]}</Text>
      <div className={styles.actions}>
        <Field label="Measure" className={styles.grow}>
          <Select value={props.measureId ?? ""} onChange={(_, data) => props.onMeasureChange(data.value)}>
            {props.measures.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={props.onRefresh} disabled={props.loading}>
          Refresh
        </Button>
      </div>
      {props.error ? (
        <MessageBar intent="error">
          <MessageBarBody>{props.error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {props.loading ? <Spinner size="tiny" label="Reading the collaborative…" /> : null}
      {measure && charts ? <RunCharts measure={measure} charts={charts} sharing={sharing} /> : null}
      {learning ? <ScoreHeadline scores={learning.scores} /> : null}
      {learning ? (
        <section className={styles.section} aria-label="What other teams tested and learned">
          <h3 className={own.heading}>What other teams tested and learned</h3>
          {sharing === "aggregate" ? (
            <Text size={200} className={styles.muted}>
              Only pooled figures are shared in this collaborative, so other teams&apos; narratives are not shown.
            </Text>
          ) : learning.narratives.length === 0 ? (
            <Text size={200} className={styles.muted}>
              No other team has written what it tested or learned yet.
            </Text>
          ) : (
            <ul className={styles.cards}>
              {learning.narratives.map((n) => (
                <li key={`${n.teamLabel}-${n.reportingMonth}`} className={own.chartCard} aria-label={`${n.teamLabel}, ${monthLabel(n.reportingMonth)}`}>
                  <h4 className={own.teamName}>
                    {n.teamLabel} <span className={own.meta}>· {monthLabel(n.reportingMonth)}</span>
                  </h4>
                  {n.changesTested ? (
                    <p className={own.quote}>
                      <strong>Changes tested: </strong>
                      {n.changesTested}
                    </p>
                  ) : null}
                  {n.lessons ? (
                    <p className={own.quote}>
                      <strong>Lessons: </strong>
                      {n.lessons}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** The pooled series (every team's month summed, or withheld) as one chart's points. */
function pooledPoints(measure: ChartMeasure, months: readonly string[]): { points: { period: string; value: number | null }[]; withheld: number } {
  const byPeriod = new Map(measure.aggregate.map((a) => [a.period, a]));
  let withheld = 0;
  const points = months.map((period) => {
    const a = byPeriod.get(period);
    if (a?.suppressed) withheld += 1;
    return { period, value: a && !a.suppressed ? a.value : null };
  });
  return { points, withheld };
}

function RunCharts({ measure, charts, sharing }: { measure: ChartMeasure; charts: RunChartsResponse; sharing: SharingMode }) {
  const styles = usePanelStyles();
  const own = useStyles();
  const pooled = pooledPoints(measure, charts.months);
  const ordered = [...measure.series.filter((s) => s.own), ...measure.series.filter((s) => !s.own)];
  const others = ordered.filter((s) => !s.own).length;
  return (
    <section className={styles.section} aria-label="Run charts">
      <h3 className={own.heading}>Run charts: {measure.name}</h3>
      <Text size={100} className={styles.muted}>
        {charts.rules.name}; dashed line: {charts.rules.centerLine}; dotted green line: goal; orange points: a signal.
      </Text>
      <ul className={styles.cards}>
        <li className={own.chartCard} aria-label="The collaborative (pooled)">
          <h4 className={own.teamName}>The collaborative (all teams pooled)</h4>
          <CompactRunChart label={`Pooled run chart of ${measure.name}`} points={pooled.points} centerLine={null} goal={measure.goal} unit={measure.unit} />
          {pooled.withheld > 0 ? (
            <Text size={100} className={styles.muted}>
              {pooled.withheld === 1 ? "1 month is" : `${pooled.withheld} months are`} withheld: fewer than 3 other teams reported, so the pool would show their figures.
            </Text>
          ) : null}
        </li>
        {ordered.map((series) => (
          <TeamChart key={series.own ? "own" : series.teamLabel} series={series} measure={measure} centerLineName={charts.rules.centerLine} />
        ))}
      </ul>
      {sharing !== "aggregate" && others === 0 ? (
        <Text size={200} className={styles.muted}>
          No other team in this collaborative yet.
        </Text>
      ) : null}
    </section>
  );
}

function TeamChart({ series, measure, centerLineName }: { series: RunChartSeries; measure: ChartMeasure; centerLineName: string }) {
  const own = useStyles();
  const last = [...series.points].reverse().find((p) => p.value !== null);
  const signalPoints = new Set(series.signals.flatMap((s) => s.points));
  const name = series.own ? `${series.teamLabel} (your team)` : series.teamLabel;
  return (
    <li className={own.chartCard} aria-label={name}>
      <h4 className={own.teamName}>{name}</h4>
      <span className={own.meta}>
        {last ? `latest ${formatValue(last.value, measure.unit)} (${monthLabel(last.period)})` : "no data yet"}
        {series.signals.map((s, i) => (
          <span key={i} className={own.signal}>{` · ${s.meaning === "neutral" ? s.rule : `${s.rule}: ${s.meaning}`}`}</span>
        ))}
      </span>
      <CompactRunChart
        label={`${series.teamLabel} run chart of ${measure.name}`}
        points={series.points}
        centerLine={series.centerLine}
        centerLineName={centerLineName}
        goal={measure.goal}
        unit={measure.unit}
        signalPoints={signalPoints}
      />
    </li>
  );
}

function ScoreHeadline({ scores }: { scores: CollaborativeLearning["scores"] }) {
  const styles = usePanelStyles();
  const own = useStyles();
  const recent = scores.slice(-SCORE_MONTHS).reverse();
  return (
    <section className={styles.section} aria-label="Teams at 4 or above">
      <h3 className={own.heading}>Teams at 4 or above (faculty scores)</h3>
      <ul className={styles.list}>
        {recent.map((s) => (
          <li key={s.period} className={own.scoreRow}>
            <span>{monthLabel(s.period)}</span>
            <span>
              {s.suppressed
                ? "withheld: fewer than 3 other teams scored"
                : s.teamsScored === 0 || s.teamsScored === null
                  ? "no scores yet"
                  : `${formatPercent(s.percentAtLeast4)} (${s.teamsAtLeast4} of ${s.teamsScored} scored teams)`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
