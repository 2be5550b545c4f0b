// % of teams at 4 or above per month (IHI Assessment Scale, faculty scores; the denominator is the
// teams scored that month: core's countAtLeast on the server).
import { Subtitle2 } from "@fluentui/react-components";
import type { ScoresResponse } from "../../core/index";
import { formatPercent, shortMonth } from "../../web/format";
import { Bar, Chart, Label } from "../chart/Chart";
import { frame, linearScale } from "../chart/scale";
import { useChartStyles } from "../chart/styles";
import { usePageStyles } from "../styles";

export function PercentAtLeast4({ scores }: { scores: ScoresResponse }) {
  const page = usePageStyles();
  const chart = useChartStyles();
  const months = scores.months;
  const f = frame(560, 200, { top: 16, right: 8, bottom: 28, left: 34 });
  const y = linearScale([0, 100], [f.y1, f.y0]);
  const step = months.length ? (f.x1 - f.x0) / months.length : 0;
  const width = Math.min(28, step * 0.6);
  return (
    <section className={page.card} aria-labelledby="scores-title">
      <Subtitle2 as="h2" id="scores-title">
        % of teams at 4 or above
      </Subtitle2>
      <p className={`${page.muted} ${page.small}`}>IHI Assessment Scale, faculty scores; the denominator is the teams scored that month.</p>
      {months.length === 0 ? (
        <p className={page.muted}>No scores yet.</p>
      ) : (
        <Chart frame={f} label="Percent of teams at 4 or above per month">
          {[0, 50, 100].map((v) => (
            <g key={v}>
              <line className={chart.gridLine} x1={f.x0} x2={f.x1} y1={y(v)} y2={y(v)} />
              <Label x={f.x0 - 4} y={y(v) + 3} anchor="end">{`${v}%`}</Label>
            </g>
          ))}
          {months.map((m, i) => {
            const cx = f.x0 + step * i + step / 2;
            return (
              <g key={m.period}>
                {m.percentAtLeast4 !== null ? (
                  <>
                    <Bar
                      x={cx - width / 2}
                      y={y(m.percentAtLeast4)}
                      width={width}
                      height={y(0) - y(m.percentAtLeast4)}
                      className={chart.bar}
                      title={`${shortMonth(m.period)}: ${m.teamsAtLeast4} of ${m.teamsScored} scored teams at 4 or above (${m.teamsTotal} teams)`}
                    />
                    <Label x={cx} y={y(m.percentAtLeast4) - 3} anchor="middle" className={chart.label}>
                      {formatPercent(m.percentAtLeast4)}
                    </Label>
                  </>
                ) : null}
                {months.length <= 18 || i % 2 === 0 ? (
                  <Label x={cx} y={f.height - 10} anchor="middle">
                    {shortMonth(m.period)}
                  </Label>
                ) : null}
              </g>
            );
          })}
        </Chart>
      )}
    </section>
  );
}
