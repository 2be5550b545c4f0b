// Latest values compared: each team's latest value of the chosen measure in the teams' own order (the
// order they joined, as the charts), green where it meets the goal (core's meetsGoal). Not ranked: a
// ranking of noisy monthly values is a league table, which puts small teams at the top or bottom by
// chance (Spiegelhalter 2005); the funnel plot is the fair comparison of percent and rate measures.
import { Subtitle2 } from "@fluentui/react-components";
import { meetsGoal, type RunChartsResponse } from "../../core/index";
import { formatValue, shortMonth } from "../../web/format";
import { Bar, Chart, Label, VRule } from "../chart/Chart";
import { frame, linearScale } from "../chart/scale";
import { useChartStyles } from "../chart/styles";
import { usePageStyles } from "../styles";

type Measure = RunChartsResponse["measures"][number];

export interface LatestValue {
  label: string;
  period: string;
  value: number;
}

/** Each team's latest value, in the order of the measure's series (the teams' order: not a ranking). */
export function latestValues(measure: Measure): LatestValue[] {
  const rows: LatestValue[] = [];
  for (const series of measure.series) {
    const point = [...series.points].reverse().find((p) => p.value !== null);
    if (point && point.value !== null) rows.push({ label: series.teamLabel, period: point.period, value: point.value });
  }
  return rows;
}

/** `funnelHref`: the funnel plot of the same measure, for percent and rate measures (a fair comparison). */
export function Comparison({ measure, funnelHref }: { measure: Measure | undefined; funnelHref?: string | null }) {
  const page = usePageStyles();
  const chart = useChartStyles();
  const rows = measure ? latestValues(measure) : [];
  const rowH = 24;
  const f = frame(560, 6 + rowH * rows.length + 6, { top: 6, right: 96, bottom: 6, left: 170 });
  const max = Math.max(...rows.map((r) => r.value), measure?.goal ?? 0) || 1;
  const x = linearScale([0, max], [f.x0, f.x1]);
  return (
    <section className={page.card} aria-labelledby="compare-title">
      <Subtitle2 as="h2" id="compare-title">
        Latest values compared
      </Subtitle2>
      {measure ? (
        <p className={`${page.muted} ${page.small}`} data-part="compare-about">
          {`${measure.name}: each team's latest value, in team order (not ranked)${measure.goal !== null ? "; the line is the goal" : ""}.`}
        </p>
      ) : null}
      {measure && funnelHref ? (
        <p className={`${page.muted} ${page.small}`}>
          {"A ranking puts small teams at the top or bottom by chance. "}
          <a className={page.link} href={funnelHref}>
            {`Read ${measure.name} on the funnel plot`}
          </a>
          {" to see which differences chance cannot explain."}
        </p>
      ) : null}
      {measure && rows.length === 0 ? <p className={page.muted}>No data yet.</p> : null}
      {measure && rows.length > 0 ? (
        <Chart frame={f} label="Latest values by team">
          {rows.map((r, i) => {
            const top = f.y0 + i * rowH;
            const met = meetsGoal(r.value, measure.goal, measure.improvementDirection);
            return (
              <g key={r.label}>
                <Label x={f.x0 - 8} y={top + 15} anchor="end" className={chart.label}>
                  {r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label}
                </Label>
                <Bar x={f.x0} y={top + 4} width={x(Math.max(0, r.value)) - f.x0} height={rowH - 9} className={met ? chart.barGoalMet : chart.barSeries} title={`${r.label}: ${formatValue(r.value, measure.unit)} in ${shortMonth(r.period)}`} />
                <Label x={x(Math.max(0, r.value)) + 5} y={top + 15} anchor="start">
                  {`${formatValue(r.value, measure.unit)} · ${shortMonth(r.period)}`}
                </Label>
              </g>
            );
          })}
          {measure.goal !== null ? <VRule frame={{ ...f, y0: 2, y1: f.height - 2 }} x={x} value={measure.goal} className={chart.goal} title={`goal ${formatValue(measure.goal, measure.unit)}`} /> : null}
        </Chart>
      ) : null}
    </section>
  );
}
