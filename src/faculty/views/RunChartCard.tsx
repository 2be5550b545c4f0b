// One team's run chart of one measure, as the server read it under the collaborative's rule set:
// the values, the center line the rules read by (median or XmR mean), process limits (mdc), the
// goal, the points of each signal, the changes tested (annotations) and the team's PDSA cycles of
// the measure where they started and ended (core's cycleMarks).
import { makeStyles, tokens } from "@fluentui/react-components";
import { cycleMarks, type CycleView, type RunChartSeries, type RunChartsResponse } from "../../core/index";
import { formatValue, shortMonth } from "../../web/format";
import { Chart, Dot, HRule, Label, LinePath, Marker, type ChartCycle } from "../chart/Chart";
import { frame, linearScale, valueDomain } from "../chart/scale";
import { useChartStyles } from "../chart/styles";

type Measure = RunChartsResponse["measures"][number];

const useStyles = makeStyles({
  card: { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusLarge, padding: "10px 10px 4px" },
  name: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: "0 0 2px" },
  meta: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, marginBottom: "4px" },
  signal: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
});

const W = 290;
const H = 150;

/** The rules each point's signals come from, "shift, trend", by point index. */
export function signalRulesByPoint(series: RunChartSeries): Map<number, string> {
  const rules = new Map<number, string>();
  for (const signal of series.signals) for (const i of signal.points) rules.set(i, rules.has(i) ? `${rules.get(i)}, ${signal.rule}` : signal.rule);
  return rules;
}

/** "shift: improvement" (neutral signals name only the rule). */
export function signalText(signal: RunChartSeries["signals"][number]): string {
  return signal.meaning === "neutral" ? signal.rule : `${signal.rule}: ${signal.meaning}`;
}

/**
 * The team's cycles of `measureId` as the chart draws them: one entry per cycle with a start or end
 * on the chart's months (core's `cycleMarks` decides which), at the x of that month.
 */
export function chartCycles(cycles: readonly CycleView[], months: readonly string[], measureId: string, x: (index: number) => number): ChartCycle[] {
  const byCycle = new Map<string, ChartCycle>();
  for (const mark of cycleMarks(cycles, months, measureId)) {
    const label = /^\d/.test(mark.cycleId) ? `C${mark.cycleId}` : mark.cycleId;
    const entry = byCycle.get(mark.cycleId) ?? { key: mark.cycleId, label, start: null, startTitle: "", end: null, endTitle: "" };
    if (mark.kind === "start") Object.assign(entry, { start: x(mark.index), startTitle: `${shortMonth(mark.period)}: ${mark.label}` });
    else Object.assign(entry, { end: x(mark.index), endTitle: `${shortMonth(mark.period)}: ${mark.label}` });
    byCycle.set(mark.cycleId, entry);
  }
  return [...byCycle.values()];
}

/**
 * `heading` replaces the team's name as the card's title (the team view titles each card with its
 * measure); `href` makes the title a link (the team's page, from the dashboard's charts).
 */
export function RunChartCard({
  series,
  measure,
  months,
  centerLineName,
  heading,
  href,
  cycles = [],
}: {
  series: RunChartSeries;
  measure: Measure;
  months: readonly string[];
  centerLineName: RunChartsResponse["rules"]["centerLine"];
  heading?: string;
  href?: string | null;
  /** the team's PDSA cycles (any measure: those of this measure are drawn) */
  cycles?: readonly CycleView[];
}) {
  const classes = useStyles();
  const chart = useChartStyles();
  const f = frame(W, H, { top: 14, right: 8, bottom: 22, left: 36 });
  const values = series.points.map((p) => p.value);
  const present = values.filter((v): v is number => v !== null);
  const [lo, hi] = valueDomain(present, measure.goal !== null ? [measure.goal] : [], { percent: measure.unit === "%" });
  const y = linearScale([lo, hi], [f.y1, f.y0]);
  const x = (i: number) => (months.length <= 1 ? (f.x0 + f.x1) / 2 : f.x0 + (i * (f.x1 - f.x0)) / (months.length - 1));
  const signalRules = signalRulesByPoint(series);
  const last = [...series.points].reverse().find((p) => p.value !== null);
  const limits: [string, number][] = [];
  for (const [name, limit] of [["lower process limit", series.lpl], ["upper process limit", series.upl]] as const) {
    if (limit !== null && limit >= lo && limit <= hi) limits.push([name, limit]);
  }

  return (
    <article className={classes.card} aria-label={`${series.teamLabel}: ${measure.name}`}>
      <h3 className={classes.name}>{href ? <a href={href}>{heading ?? series.teamLabel}</a> : (heading ?? series.teamLabel)}</h3>
      <div className={classes.meta} data-part="meta">
        {last ? `latest ${formatValue(last.value, measure.unit)} (${shortMonth(last.period)})` : "no data yet"}
        {series.signals.map((signal, i) => (
          <span key={i} className={classes.signal}>
            {` · ${signalText(signal)}`}
          </span>
        ))}
      </div>
      <Chart frame={f} label={`${series.teamLabel} run chart of ${measure.name}`} cycles={chartCycles(cycles, months, measure.measureId, x)}>
        <line className={chart.axis} x1={f.x0} x2={f.x1} y1={f.y1} y2={f.y1} />
        <Label x={f.x0 - 4} y={y(hi) + 4} anchor="end">
          {formatValue(hi, null)}
        </Label>
        <Label x={f.x0 - 4} y={y(lo)} anchor="end">
          {formatValue(lo, null)}
        </Label>
        {months.length > 0 ? (
          <>
            <Label x={x(0)} y={H - 6} anchor="start">
              {shortMonth(months[0]!)}
            </Label>
            <Label x={x(months.length - 1)} y={H - 6} anchor="end">
              {shortMonth(months[months.length - 1]!)}
            </Label>
          </>
        ) : null}
        {measure.goal !== null ? <HRule frame={f} y={y} value={measure.goal} className={chart.goal} title={`goal ${formatValue(measure.goal, measure.unit)}`} /> : null}
        {series.centerLine !== null ? <HRule frame={f} y={y} value={series.centerLine} className={chart.centerLine} title={`${centerLineName} ${formatValue(series.centerLine, measure.unit)}`} /> : null}
        {limits.map(([name, limit]) => (
          <HRule key={name} frame={f} y={y} value={limit} className={chart.limit} title={`${name} ${formatValue(limit, measure.unit)}`} />
        ))}
        <LinePath values={values} x={x} y={y} className={chart.series} />
        {series.points.map((p, i) =>
          p.annotation ? (
            <g key={`a${p.period}`}>
              <Marker cx={x(i)} top={f.y0 - 10} className={chart.annotation} title={`${shortMonth(p.period)}: ${p.annotation}`} />
              <line className={chart.annotationLine} x1={x(i)} x2={x(i)} y1={f.y0 - 3} y2={f.y1} />
            </g>
          ) : null,
        )}
        {series.points.map((p, i) => {
          if (p.value === null) return null;
          const rules = signalRules.get(i);
          return (
            <Dot
              key={p.period}
              cx={x(i)}
              cy={y(p.value)}
              r={rules ? 3.6 : 2.8}
              className={rules ? chart.signal : chart.point}
              data={rules ? "signal" : "point"}
              title={`${shortMonth(p.period)}: ${formatValue(p.value, measure.unit)}${rules ? ` (part of a signal: ${rules})` : ""}`}
            />
          );
        })}
      </Chart>
    </article>
  );
}
