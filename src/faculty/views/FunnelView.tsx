// Funnel plots: one percent or rate measure in one month, every team against its denominator with
// the 95% and 99.8% limits around the collaborative's overall value (core's funnelPlot, Spiegelhalter
// 2005). This replaces a league table: ranking teams by their value ranks noise, because a small
// team's value swings widely by chance; the funnel shows which differences chance cannot explain.
import { useEffect, useState } from "react";
import { Field, Select, Subtitle2, Switch, makeStyles, tokens } from "@fluentui/react-components";
import type { FunnelResponse } from "../../core/index";
import { formatValue, shortMonth } from "../../web/format";
import type { FacultyApi } from "../api";
import { formatCount, Funnel, POSITION_TEXT } from "../chart/Funnel";
import { routeHref } from "../routes";
import { usePageStyles } from "../styles";
import type { DashboardData } from "./Dashboard";

const useStyles = makeStyles({
  pickers: { display: "flex", columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS, flexWrap: "wrap", alignItems: "flex-end", marginBottom: tokens.spacingVerticalM },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, marginTop: tokens.spacingVerticalM },
  cell: { textAlign: "left", padding: "3px 12px 3px 0", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  number: { textAlign: "right", padding: "3px 12px 3px 0", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

const LIMITS_FROM: Record<FunnelResponse["limitsFrom"], string> = {
  exact: "exact limits (binomial for a percent, Poisson for a rate, interpolated as Spiegelhalter 2005 gives)",
  normal: "the normal approximation (θ ± z·s)",
  random_effects: "the normal approximation widened for overdispersion (additive random effects, Spiegelhalter 2005)",
};

/** The sentence under the plot: what the limits are and how they were computed. */
export function funnelAbout(funnel: FunnelResponse): string {
  const od = funnel.overdispersion;
  const dispersion =
    od === null
      ? ""
      : ` Overdispersion: φ = ${od.phi.toFixed(2)} (${od.teamCount} teams, 10% winsorised); ${od.tau2 > 0 ? `τ² = ${od.tau2.toPrecision(3)} added to every team's variance.` : "no more spread than chance, so the limits are not widened."}`;
  return (
    `Overall ${formatValue(funnel.target, funnel.unit)}${funnel.unit && funnel.unit !== "%" ? ` ${funnel.unit}` : ""} (all teams' numerators over all denominators). ` +
    `Dashed: 95% limits (about 2 SD); solid: 99.8% limits (about 3 SD); from ${LIMITS_FROM[funnel.limitsFrom]}. ` +
    `A team outside the 99.8% limits differs by more than chance; inside the 95% limits, its place among the teams is noise.${dispersion}`
  );
}

/**
 * The month to open on: of the months in which the most teams have a value of the measure, the
 * latest (the reporting month often has only the teams that reported early); else the last month.
 */
export function defaultPeriod(data: DashboardData, measureId: string): string | null {
  const measure = data.runcharts.measures.find((m) => m.measureId === measureId);
  const months = data.runcharts.months;
  let best: string | null = null;
  let most = 0;
  months.forEach((month, i) => {
    const count = measure?.series.filter((s) => s.points[i] !== undefined && s.points[i]?.value !== null).length ?? 0;
    if (count > 0 && count >= most) {
      most = count;
      best = month;
    }
  });
  return best ?? months[months.length - 1] ?? null;
}

export function FunnelView({ api, data, measureId: wantedMeasure, period: wantedPeriod }: { api: FacultyApi; data: DashboardData; measureId: string | null; period: string | null }) {
  const page = usePageStyles();
  const classes = useStyles();
  const measures = data.collaborative.measures.filter((m) => m.kind === "percent" || m.kind === "rate");
  const [measureId, setMeasureId] = useState<string | null>(measures.some((m) => m.id === wantedMeasure) ? wantedMeasure : (measures[0]?.id ?? null));
  const [period, setPeriod] = useState<string | null>(wantedPeriod !== null && data.runcharts.months.includes(wantedPeriod) ? wantedPeriod : measureId ? defaultPeriod(data, measureId) : null);
  const [overdispersion, setOverdispersion] = useState(false);
  const [funnel, setFunnel] = useState<FunnelResponse | null>(null);
  const [status, setStatus] = useState("");

  useEffect(() => {
    if (measureId === null || period === null) return undefined;
    let current = true;
    setStatus("Loading the funnel…");
    api.funnel(data.collaborative.id, measureId, period, { overdispersion }).then(
      (answer) => {
        if (!current) return;
        setFunnel(answer);
        setStatus("");
      },
      (error: unknown) => current && setStatus(`Could not load the funnel: ${error instanceof Error ? error.message : String(error)}`),
    );
    return () => {
      current = false;
    };
  }, [api, data.collaborative.id, measureId, period, overdispersion]);

  return (
    <section className={page.card} aria-labelledby="funnel-title">
      <div className={page.cardHead}>
        <Subtitle2 as="h2" id="funnel-title">
          Funnel plot
        </Subtitle2>
        <a className={page.link} href={routeHref({ view: "dashboard" })}>
          Back to the dashboard
        </a>
      </div>
      <p className={`${page.muted} ${page.small}`}>
        Each team's value against how many cases (or how much exposure) it is based on. Teams are not ranked: a league table ranks noise, because small teams swing widely by chance.
      </p>
      {measures.length === 0 ? (
        <p className={page.muted}>This collaborative has no percent or rate measure, so there is no funnel to draw.</p>
      ) : (
        <div className={classes.pickers}>
          <Field label="Measure">
            <Select
              value={measureId ?? ""}
              onChange={(_, d) => {
                setMeasureId(d.value);
                if (period === null) setPeriod(defaultPeriod(data, d.value));
              }}
            >
              {measures.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Month">
            <Select value={period ?? ""} onChange={(_, d) => setPeriod(d.value)}>
              {data.runcharts.months.map((m) => (
                <option key={m} value={m}>
                  {shortMonth(m)}
                </option>
              ))}
            </Select>
          </Field>
          <Switch label="Adjust for overdispersion" checked={overdispersion} onChange={(_, d) => setOverdispersion(d.checked)} />
        </div>
      )}
      <p className={page.status} role="status">
        {status}
      </p>
      {funnel && funnel.measureId === measureId && funnel.period === period ? (
        funnel.teams.length === 0 ? (
          <p className={page.muted}>{`No team reported ${funnel.name} with a denominator for ${shortMonth(funnel.period)}.`}</p>
        ) : (
          <>
            <Funnel funnel={funnel} />
            <p className={`${page.muted} ${page.small}`} data-part="funnel-about">
              {funnelAbout(funnel)}
              {funnel.teamsWithoutDenominator > 0 ? ` ${funnel.teamsWithoutDenominator} team(s) reported without a denominator and are not shown.` : ""}
            </p>
            <table className={classes.table} aria-label={`Teams on the funnel of ${funnel.name}, ${shortMonth(funnel.period)}`}>
              <thead>
                <tr>
                  <th className={classes.cell} scope="col">
                    Team
                  </th>
                  <th className={classes.number} scope="col">
                    Value
                  </th>
                  <th className={classes.number} scope="col">
                    Numerator / denominator
                  </th>
                  <th className={classes.cell} scope="col">
                    Against the limits
                  </th>
                </tr>
              </thead>
              <tbody>
                {funnel.teams.map((t) => (
                  <tr key={t.teamLabel}>
                    <th className={classes.cell} scope="row">
                      {t.teamId !== null ? (
                        <a className={page.link} href={routeHref({ view: "team", teamId: t.teamId })}>
                          {t.teamLabel}
                        </a>
                      ) : (
                        t.teamLabel
                      )}
                    </th>
                    <td className={classes.number}>{formatValue(t.value, funnel.unit)}</td>
                    <td className={classes.number}>{`${formatCount(t.numerator)} / ${formatCount(t.denominator)}`}</td>
                    <td className={classes.cell}>{POSITION_TEXT[t.position]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
      ) : null}
    </section>
  );
}
