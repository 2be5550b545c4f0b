// Run charts: one small multiple per team for the chosen measure, read under the collaborative's rule
// set; the key names the rules applied (the server's `rules`, from core's readRunChart).
import { makeStyles, Subtitle2, Tab, TabList, tokens } from "@fluentui/react-components";
import type { CollaborativeView, CurrentCycle, RunChartsResponse } from "../../core/index";
import { formatValue } from "../../web/format";
import { routeHref } from "../routes";
import { usePageStyles } from "../styles";
import { RunChartCard } from "./RunChartCard";

const useStyles = makeStyles({
  charts: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(290px, 1fr))", gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalS },
});

type Measure = RunChartsResponse["measures"][number];

/** "process · % · higher is better · goal 95.0%". */
export function measureAbout(measure: Measure, definition: CollaborativeView["measures"][number] | undefined): string {
  const direction = measure.improvementDirection === "increase" ? "higher is better" : measure.improvementDirection === "decrease" ? "lower is better" : "";
  return [definition?.type, measure.unit, direction, measure.goal !== null ? `goal ${formatValue(measure.goal, measure.unit)}` : null].filter(Boolean).join(" · ");
}

/** The legend: which rules read the charts, and what each mark means. */
export function chartKey(runcharts: RunChartsResponse): string {
  const { rules } = runcharts;
  const limits = runcharts.ruleSet === "mdc" ? " Light dashed: process limits." : "";
  return (
    `Read by the ${rules.name} (the collaborative's rule set): ${rules.description}. ` +
    `Blue: the team's monthly values. Grey dashed: ${rules.centerLine}.${limits} Green dashed: goal. ` +
    "Orange points: part of a signal, named under the team's name with what it means for this measure (improvement or concern). Triangles: changes tested (hover for the annotation). " +
    "Teal flags: PDSA cycles aiming at this measure, where each started (▶) and ended (■, with its decision); hover for the change idea."
  );
}

export function MeasureTabs({ runcharts, measureId, onSelect }: { runcharts: RunChartsResponse; measureId: string | null; onSelect: (id: string) => void }) {
  return (
    <TabList selectedValue={measureId ?? undefined} onTabSelect={(_, data) => onSelect(String(data.value))} aria-label="Measure" size="small">
      {runcharts.measures.map((m) => (
        <Tab key={m.measureId} value={m.measureId}>
          {m.name}
        </Tab>
      ))}
    </TabList>
  );
}

export function RunCharts({
  collaborative,
  runcharts,
  cycles = [],
  measureId,
  onSelectMeasure,
}: {
  collaborative: CollaborativeView;
  runcharts: RunChartsResponse;
  /** every team's current PDSA cycles; each card shows its own team's cycles of the measure */
  cycles?: readonly CurrentCycle[];
  measureId: string | null;
  onSelectMeasure: (id: string) => void;
}) {
  const page = usePageStyles();
  const classes = useStyles();
  const measure = runcharts.measures.find((m) => m.measureId === measureId);
  return (
    <section className={page.card} aria-labelledby="charts-title">
      <div className={page.cardHead}>
        <Subtitle2 as="h2" id="charts-title">
          Run charts
        </Subtitle2>
        <MeasureTabs runcharts={runcharts} measureId={measureId} onSelect={onSelectMeasure} />
      </div>
      {measure ? (
        <>
          <p className={page.muted} data-part="measure-about">
            {measureAbout(
              measure,
              collaborative.measures.find((m) => m.id === measure.measureId),
            )}
          </p>
          <div className={classes.charts}>
            {measure.series.map((series) => (
              <RunChartCard
                key={series.teamId ?? series.teamLabel}
                series={series}
                measure={measure}
                months={runcharts.months}
                centerLineName={runcharts.rules.centerLine}
                href={series.teamId !== null ? routeHref({ view: "team", teamId: series.teamId }) : null}
                cycles={series.teamId === null ? [] : cycles.filter((c) => c.teamId === series.teamId)}
              />
            ))}
          </div>
        </>
      ) : (
        <p className={page.muted}>No measures defined.</p>
      )}
      <p className={`${page.muted} ${page.small}`} data-part="chart-key">
        {chartKey(runcharts)}
      </p>
    </section>
  );
}
