// A funnel plot drawn with the faculty app's chart marks: each team's value (y) against its
// denominator (x), the collaborative's overall value as a line, and the 95% and 99.8% limits as two
// pairs of curves (computed by core's funnelPlot on the server; this only draws them). Typed,
// accessible (an <svg role="img"> whose marks carry titles), no Observable Plot (docs/DESIGN.md).
import { useId } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { FunnelResponse } from "../../core/index";
import { formatValue } from "../../web/format";
import { Chart, Dot, HRule, Label, LinePath } from "./Chart";
import { frame, linearScale } from "./scale";
import { useChartStyles } from "./styles";

type Position = FunnelResponse["teams"][number]["position"];

/** What a position means in words, for titles and the table beside the plot. */
export const POSITION_TEXT: Record<Position, string> = {
  above_outer: "above the 99.8% limit",
  above_inner: "above the 95% limit",
  within: "within the 95% limits",
  below_inner: "below the 95% limit",
  below_outer: "below the 99.8% limit",
};

const useStyles = makeStyles({
  inner: { stroke: tokens.colorNeutralForeground3, strokeWidth: "1.2px", strokeDasharray: "5 3", fill: "none" },
  outer: { stroke: tokens.colorNeutralForeground2, strokeWidth: "1.4px", fill: "none" },
  target: { stroke: tokens.colorBrandStroke1, strokeWidth: "1.4px" },
  within: { fill: tokens.colorPaletteBlueForeground2, stroke: tokens.colorNeutralBackground1, strokeWidth: "1px" },
  beyondInner: { fill: tokens.colorPaletteDarkOrangeBorderActive, stroke: tokens.colorNeutralBackground1, strokeWidth: "1px" },
  beyondOuter: { fill: tokens.colorPaletteRedBorderActive, stroke: tokens.colorNeutralBackground1, strokeWidth: "1px" },
  own: { stroke: tokens.colorNeutralForeground1, strokeWidth: "2px" },
  teamLabel: { fill: tokens.colorNeutralForeground2, fontSize: "10px", fontFamily: tokens.fontFamilyBase },
});

const COUNT = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

/** A numerator or denominator as people write counts: "1,100", "12.5". */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** Up to `count` round tick values from `lo` to `hi` (1, 2 or 5 times a power of ten apart). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.round(t / step) * step);
  return ticks;
}

/** The y range: the teams, the overall value and each team's limits (not the curve's extremes at tiny n). */
export function funnelDomain(funnel: FunnelResponse): [number, number] {
  const values: number[] = [];
  for (const t of funnel.teams) values.push(t.value, t.limits.outerLower, t.limits.outerUpper);
  if (funnel.target !== null) values.push(funnel.target);
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
  const top = funnel.measure === "proportion" ? Math.min(funnel.scale, hi + pad) : hi + pad;
  return [Math.max(0, lo - pad), top];
}

const W = 860;
const H = 380;

export function Funnel({ funnel }: { funnel: FunnelResponse }) {
  const chart = useChartStyles();
  const classes = useStyles();
  const clip = useId().replace(/:/g, "");
  const f = frame(W, H, { top: 16, right: 24, bottom: 40, left: 56 });
  const unit = funnel.unit;
  const [lo, hi] = funnelDomain(funnel);
  const y = linearScale([lo, hi], [f.y1, f.y0]);
  const maxN = Math.max(1, ...funnel.teams.map((t) => t.denominator), ...funnel.curve.map((c) => c.denominator));
  const x = linearScale([0, maxN], [f.x0, f.x1]);
  const curveX = (i: number) => x(funnel.curve[i]?.denominator ?? 0);
  const line = (pick: (c: FunnelResponse["curve"][number]) => number) => funnel.curve.map(pick);
  const dotClass = (p: Position) => (p === "within" ? classes.within : p === "above_outer" || p === "below_outer" ? classes.beyondOuter : classes.beyondInner);
  const label = `Funnel plot of ${funnel.name}, ${funnel.period}: ${funnel.teams.length} teams against their denominators, overall ${formatValue(funnel.target, unit)}`;
  return (
    <Chart frame={f} label={label}>
      <defs>
        <clipPath id={clip}>
          <rect x={f.x0} y={f.y0} width={f.x1 - f.x0} height={f.y1 - f.y0} />
        </clipPath>
      </defs>
      <line className={chart.axis} x1={f.x0} x2={f.x1} y1={f.y1} y2={f.y1} />
      <line className={chart.axis} x1={f.x0} x2={f.x0} y1={f.y0} y2={f.y1} />
      {niceTicks(lo, hi).map((t) => (
        <g key={`y${t}`}>
          <line className={chart.gridLine} x1={f.x0} x2={f.x1} y1={y(t)} y2={y(t)} />
          <Label x={f.x0 - 6} y={y(t) + 3} anchor="end">
            {formatValue(t, unit)}
          </Label>
        </g>
      ))}
      {niceTicks(0, maxN).map((t) => (
        <Label key={`x${t}`} x={x(t)} y={f.y1 + 14} anchor="middle">
          {formatCount(t)}
        </Label>
      ))}
      <Label x={(f.x0 + f.x1) / 2} y={H - 6} anchor="middle" className={chart.label}>
        {funnel.measure === "proportion" ? "denominator (cases that month)" : "denominator (exposure that month)"}
      </Label>
      <g clipPath={`url(#${clip})`}>
        <LinePath values={line((c) => c.outerLower)} x={curveX} y={y} className={classes.outer} />
        <LinePath values={line((c) => c.outerUpper)} x={curveX} y={y} className={classes.outer} />
        <LinePath values={line((c) => c.innerLower)} x={curveX} y={y} className={classes.inner} />
        <LinePath values={line((c) => c.innerUpper)} x={curveX} y={y} className={classes.inner} />
      </g>
      {funnel.target !== null ? <HRule frame={f} y={y} value={funnel.target} className={classes.target} title={`overall ${formatValue(funnel.target, unit)}`} /> : null}
      {funnel.teams.map((t) => (
        <g key={`${t.teamLabel}`}>
          <Dot
            cx={x(t.denominator)}
            cy={y(t.value)}
            r={4.5}
            className={`${dotClass(t.position)}${t.own ? ` ${classes.own}` : ""}`}
            data={t.position}
            title={`${t.teamLabel}: ${formatValue(t.value, unit)} (${formatCount(t.numerator)} of ${formatCount(t.denominator)}), ${POSITION_TEXT[t.position]}`}
          />
          <Label
            x={x(t.denominator) > f.x1 - 140 ? x(t.denominator) - 7 : x(t.denominator) + 7}
            y={y(t.value) + 3}
            anchor={x(t.denominator) > f.x1 - 140 ? "end" : "start"}
            className={classes.teamLabel}
          >
            {t.teamLabel.length > 22 ? `${t.teamLabel.slice(0, 21)}…` : t.teamLabel}
          </Label>
        </g>
      ))}
    </Chart>
  );
}
