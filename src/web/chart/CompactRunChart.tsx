// A small run chart (about 260 × 96): the values as a line with dots, the center line, the goal, and
// the points of a signal highlighted. For the task pane's Collaborative tab (many teams in a narrow
// column), built from the same marks and styles as the faculty app's charts.
import { formatValue, shortMonth } from "../format";
import { Chart, Dot, HRule, Label, LinePath } from "./Chart";
import { frame, linearScale, valueDomain } from "./scale";
import { useChartStyles } from "./styles";

export interface CompactRunChartProps {
  /** what the chart shows, read by screen readers ("Team A run chart of Bundle compliance") */
  label: string;
  /** one point per month, in order; `null` is a month without data (a gap, never a zero) */
  points: readonly { period: string; value: number | null }[];
  centerLine: number | null;
  /** what the center line is, in its title ("median") */
  centerLineName?: string;
  goal: number | null;
  unit: string | null;
  /** indexes of points that are part of a signal */
  signalPoints?: ReadonlySet<number>;
  width?: number;
  height?: number;
}

export function CompactRunChart({ label, points, centerLine, centerLineName = "center line", goal, unit, signalPoints, width = 260, height = 96 }: CompactRunChartProps) {
  const chart = useChartStyles();
  const f = frame(width, height, { top: 6, right: 6, bottom: 16, left: 32 });
  const values = points.map((p) => p.value);
  const present = values.filter((v): v is number => v !== null);
  const [lo, hi] = valueDomain(present, goal !== null ? [goal] : [], { percent: unit === "%" });
  const y = linearScale([lo, hi], [f.y1, f.y0]);
  const x = (i: number) => (points.length <= 1 ? (f.x0 + f.x1) / 2 : f.x0 + (i * (f.x1 - f.x0)) / (points.length - 1));
  return (
    <Chart frame={f} label={label}>
      <line className={chart.axis} x1={f.x0} x2={f.x1} y1={f.y1} y2={f.y1} />
      <Label x={f.x0 - 3} y={y(hi) + 4} anchor="end">
        {formatValue(hi, null)}
      </Label>
      <Label x={f.x0 - 3} y={y(lo)} anchor="end">
        {formatValue(lo, null)}
      </Label>
      {points.length > 0 ? (
        <>
          <Label x={x(0)} y={height - 4} anchor="start">
            {shortMonth(points[0]!.period)}
          </Label>
          <Label x={x(points.length - 1)} y={height - 4} anchor="end">
            {shortMonth(points[points.length - 1]!.period)}
          </Label>
        </>
      ) : null}
      {goal !== null ? <HRule frame={f} y={y} value={goal} className={chart.goal} title={`goal ${formatValue(goal, unit)}`} /> : null}
      {centerLine !== null ? <HRule frame={f} y={y} value={centerLine} className={chart.centerLine} title={`${centerLineName} ${formatValue(centerLine, unit)}`} /> : null}
      <LinePath values={values} x={x} y={y} className={chart.series} />
      {points.map((p, i) => {
        if (p.value === null) return null;
        const signal = signalPoints?.has(i) ?? false;
        return (
          <Dot
            key={p.period}
            cx={x(i)}
            cy={y(p.value)}
            r={signal ? 3 : 2.2}
            className={signal ? chart.signal : chart.point}
            data={signal ? "signal" : "point"}
            title={`${shortMonth(p.period)}: ${formatValue(p.value, unit)}${signal ? " (part of a signal)" : ""}`}
          />
        );
      })}
    </Chart>
  );
}
