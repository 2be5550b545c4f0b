// One typed SVG chart component for the faculty app and the task pane (src/web: no faculty-only code): a frame (an accessible <svg role="img">) and a
// few marks drawn with the frame's scales. Chosen over Observable Plot (docs/DESIGN.md, "Charts"):
// React renders it, so it needs no inline <style> under the page's CSP, adds no dependency to the
// bundle, and jsdom tests read it by role and title like any other element.
import type { ReactNode } from "react";
import { mergeClasses } from "@fluentui/react-components";
import type { Frame, LinearScale } from "./scale";
import { useChartStyles } from "./styles";

/**
 * One PDSA cycle on a chart: where it started and ended (SVG x, `null` when off the chart or still
 * running), its short label ("C2") and what a hover says at each end.
 */
export interface ChartCycle {
  key: string;
  label: string;
  start: number | null;
  startTitle: string;
  end: number | null;
  endTitle: string;
}

export function Chart({ frame, label, children, cycles }: { frame: Frame; label: string; children: ReactNode; cycles?: readonly ChartCycle[] }) {
  const classes = useChartStyles();
  return (
    <svg className={classes.svg} viewBox={`0 0 ${frame.width} ${frame.height}`} role="img" aria-label={label}>
      {children}
      {cycles && cycles.length > 0 ? <CycleMarks frame={frame} cycles={cycles} /> : null}
    </svg>
  );
}

/**
 * The cycles' marks, drawn over the plot: a dashed line down the plot where each cycle started, with
 * a flag (▶ and its label) at the top, and a square with its label where it ended; a bar joins the
 * two along the top, so a signal can be read against the change that preceded it. Labels alternate
 * between two heights so two cycles of one month stay readable; the end repeats the label only when
 * it is far enough from the start, and a label near the right edge sits left of its flag.
 */
export function CycleMarks({ frame, cycles }: { frame: Frame; cycles: readonly ChartCycle[] }) {
  const classes = useChartStyles();
  return (
    <g data-mark="cycles">
      {cycles.map((cycle, i) => {
        const top = frame.y0 + 2 + (i % 2) * 9;
        // A label near the right edge goes left of its flag, so it stays inside the card.
        const leftward = cycle.start !== null && cycle.start > frame.x1 - 6 * cycle.label.length - 10;
        return (
          <g key={cycle.key} data-cycle={cycle.label}>
            {cycle.start !== null && cycle.end !== null ? <line className={classes.cycleSpan} x1={cycle.start} x2={cycle.end} y1={top} y2={top} /> : null}
            {cycle.start !== null ? (
              <g data-mark="cycle-start">
                <title>{cycle.startTitle}</title>
                <line className={classes.cycleLine} x1={cycle.start} x2={cycle.start} y1={top} y2={frame.y1} />
                <path className={classes.cycle} d={`M${cycle.start},${top - 3.5} L${cycle.start + 6},${top} L${cycle.start},${top + 3.5} Z`} />
                <text className={classes.cycleLabel} x={leftward ? cycle.start - 2 : cycle.start + 7} y={top + 3} textAnchor={leftward ? "end" : "start"}>
                  {cycle.label}
                </text>
              </g>
            ) : null}
            {cycle.end !== null ? (
              <g data-mark="cycle-end">
                <title>{cycle.endTitle}</title>
                <rect className={classes.cycle} x={cycle.end - 3} y={top - 3} width={6} height={6} />
                {cycle.start === null || cycle.end - cycle.start > 12 + 12 * cycle.label.length ? (
                  <text className={classes.cycleLabel} x={cycle.end - 5} y={top + 3} textAnchor="end">
                    {cycle.label}
                  </text>
                ) : null}
              </g>
            ) : null}
          </g>
        );
      })}
    </g>
  );
}

/** A horizontal line across the plot area at `y(value)`, named by its title (e.g. "median 87.2%"). */
export function HRule({ frame, y, value, title, className }: { frame: Frame; y: LinearScale; value: number; title: string; className: string }) {
  const at = y(value);
  return (
    <line className={className} x1={frame.x0} x2={frame.x1} y1={at} y2={at} data-mark="rule">
      <title>{title}</title>
    </line>
  );
}

/** A vertical line down the plot area at `x(value)`. */
export function VRule({ frame, x, value, title, className }: { frame: Frame; x: LinearScale; value: number; title: string; className: string }) {
  const at = x(value);
  return (
    <line className={className} x1={at} x2={at} y1={frame.y0} y2={frame.y1} data-mark="rule">
      <title>{title}</title>
    </line>
  );
}

/**
 * A line through the points in order; a `null` value breaks the line (a month without data is a
 * gap, never a zero).
 */
export function LinePath({ values, x, y, className }: { values: readonly (number | null)[]; x: (index: number) => number; y: LinearScale; className: string }) {
  let d = "";
  values.forEach((value, i) => {
    if (value === null) return;
    d += `${i > 0 && values[i - 1] !== null ? "L" : "M"}${x(i).toFixed(1)},${y(value).toFixed(1)} `;
  });
  return d === "" ? null : <path className={className} d={d.trim()} data-mark="line" />;
}

/** A point with its title (what a hover shows, and what a screen reader reads). */
export function Dot({ cx, cy, r, title, className, data }: { cx: number; cy: number; r: number; title: string; className: string; data?: string }) {
  return (
    <circle className={className} cx={cx} cy={cy} r={r} data-mark={data ?? "dot"}>
      <title>{title}</title>
    </circle>
  );
}

/** A rectangle from `from` to `to` (SVG units) with its title. */
export function Bar({ x, y, width, height, title, className }: { x: number; y: number; width: number; height: number; title: string; className: string }) {
  return (
    <rect className={className} x={x} y={y} width={Math.max(0, width)} height={Math.max(1, height)} rx={2} data-mark="bar">
      <title>{title}</title>
    </rect>
  );
}

/** Text in the chart (axis ends, value labels). */
export function Label({ x, y, anchor, className, children }: { x: number; y: number; anchor: "start" | "middle" | "end"; className?: string; children: string }) {
  const classes = useChartStyles();
  return (
    <text className={mergeClasses(classes.tick, className)} x={x} y={y} textAnchor={anchor}>
      {children}
    </text>
  );
}

/** A downward triangle above the plot at `cx`, e.g. a change tested that month. */
export function Marker({ cx, top, title, className }: { cx: number; top: number; title: string; className: string }) {
  return (
    <path className={className} d={`M${cx - 4},${top} L${cx + 4},${top} L${cx},${top + 7} Z`} data-mark="marker">
      <title>{title}</title>
    </path>
  );
}
