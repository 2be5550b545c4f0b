/**
 * Subgroup charts from raw rows: X-bar with S ("xbar" and "s", as qicharts2 0.8.1 draws them) and
 * X-bar with R ("xbar-r" and "r", Montgomery section 6.2; qcc 2.7's defaults). Rows are grouped
 * into subgroups by a subgroup column, or by calendar month of a date column
 * (see {@link groupIntoSubgroups}); one point per subgroup.
 */

import { CoreError } from "../errors";
import { checkBaseline, describeValue } from "../runchart/series";
import { c4, rangeFactors } from "./constants";
import type { ControlChartPhase, ControlChartPoint } from "./controlChart";
import { finiteOrNaN } from "./frame";
import { phaseRuns } from "./phaseRuns";
import { groupIntoSubgroups, type Subgroup, type SubgroupKey } from "./subgroups";

/**
 * - `"xbar"`: subgroup means, limits from the pooled standard deviation (X-bar with S; qicharts2)
 * - `"s"`: subgroup standard deviations (qicharts2)
 * - `"xbar-r"`: subgroup means, limits from the mean range (X-bar with R; equal subgroups of 2 to 25)
 * - `"r"`: subgroup ranges (equal subgroups of 2 to 25)
 */
export type SubgroupChartType = "xbar" | "s" | "xbar-r" | "r";

/** Every subgroup chart type. */
export const SUBGROUP_CHART_TYPES: ReadonlyArray<SubgroupChartType> = Object.freeze(["xbar", "s", "xbar-r", "r"]);

/** Input of {@link subgroupChart}. */
export type SubgroupChartInput = {
  chart: SubgroupChartType;
  /** one value per raw row (e.g. one patient), `null` for a blank */
  values: ReadonlyArray<number | null>;
  /** one subgroup per row: a sample number, a date serial (with `byMonth`) or a label; `null` leaves the row out */
  subgroups: ReadonlyArray<SubgroupKey | null>;
  /** group date serials by calendar month */
  byMonth?: boolean | undefined;
  /** the center line and limits come from the first `baseline` subgroups */
  baseline?: number | undefined;
  /** 0-based subgroup indices left out of the center line, limits and runs analysis */
  exclude?: ReadonlyArray<number> | undefined;
};

/** Result of {@link subgroupChart}: one point per subgroup, with the subgroups themselves. */
export type SubgroupChartResult = { points: ControlChartPoint[]; phases: ControlChartPhase[]; subgroups: Subgroup[] };

type Lines = { cl: number; lcl: number; ucl: number; lcl95: number; ucl95: number };

/**
 * An X-bar, S or R chart of raw rows grouped into subgroups.
 *
 * X-bar with S, as qicharts2 0.8.1 (R/helper.functions.R, `qic.xbar`, `qic.s`, `a3`, `b3`, `b4`):
 * - CL (xbar) = Σnᵢx̄ᵢ / Σnᵢ over the baseline subgroups (Montgomery eq. 6.30): the grand mean of
 *   the observations, so a larger subgroup weighs more.
 * - σ̂: with equal subgroup sizes S̄ = mean of sᵢ (Montgomery 6.29); with unequal sizes the pooled
 *   sqrt(Σ(nᵢ - 1)sᵢ² / Σ(nᵢ - 1)) (Montgomery 6.31). Sizes are "unequal" when any two subgroups
 *   differ, as qicharts2 decides it (`length(unique(y.length)) > 1`).
 * - xbar limits CL ± 3σ̂/(c4(nᵢ)√nᵢ) (A3), s chart CL = σ̂ and limits B3(nᵢ)·σ̂, B4(nᵢ)·σ̂ with
 *   B3, B4 = max(0, 1 ∓ 3·sqrt(1 - c4²)/c4), per subgroup, so they step with the size. A subgroup
 *   of one observation has a mean but no limits; an empty one has neither.
 * - **Deliberate difference:** qicharts2 counts an empty subgroup as -1 in Σ(nᵢ - 1); here it
 *   counts 0 (an empty month carries no information about spread). See docs/DESIGN.md.
 *
 * X-bar with R (Montgomery 6.2, eqs. 6.4 and 6.5; qcc 2.7 `type = "R"` and `type = "xbar"` with its
 * default `std.dev = "UWAVE-R"`): every subgroup must have the same size n, 2..25. CL (xbar-r) =
 * mean of the subgroup means; R̄ = mean range; xbar-r limits CL ± 3R̄/(d2√n) (A2·R̄); r chart
 * CL = R̄, limits R̄·max(0, 1 ∓ 3d3/d2) (D3, D4). Empty subgroups are missing points.
 *
 * 2-sigma lines (lcl95, ucl95) use 2 in place of 3. 3-sigma signals and the Anhøj runs analysis are
 * as in {@link controlChart}.
 *
 * @param input chart, values, subgroups and options (see {@link SubgroupChartInput})
 * @returns one point per subgroup, the runs analysis, and the subgroups
 * @throws {CoreError} invalid_option for an unknown chart, bad baseline or exclude; invalid_value for
 *   bad values or subgroups, or unequal or out-of-range sizes on R charts; length_mismatch
 * @example
 * subgroupChart({ chart: "xbar", values: [1, 3, 2, 4], subgroups: [1, 1, 2, 2] }).points[0].centerLine; // => 2.5
 * subgroupChart({ chart: "r", values: [1, 3, 2, 4], subgroups: [1, 1, 2, 2] }).points[0].ucl; // => 6.534592021276596
 */
export function subgroupChart(input: SubgroupChartInput): SubgroupChartResult {
  if (input === null || typeof input !== "object") {
    throw new CoreError("invalid_option", `subgroupChart: invalid input ${describeValue(input)} (expected an object with chart, values and subgroups)`);
  }
  const chart = input.chart;
  if (!SUBGROUP_CHART_TYPES.includes(chart)) {
    throw new CoreError("invalid_option", `subgroupChart: invalid chart ${describeValue(chart)} (expected one of ${SUBGROUP_CHART_TYPES.join(", ")})`);
  }
  const subgroups = groupIntoSubgroups(input.values, input.subgroups, { byMonth: input.byMonth });
  const k = subgroups.length;
  if (k === 0) return { points: [], phases: [], subgroups };
  const baseline = input.baseline === undefined ? k : checkBaseline(input.baseline, k, "subgroupChart");
  const included = new Uint8Array(k).fill(1);
  for (const index of input.exclude ?? []) {
    if (!Number.isInteger(index) || index < 0 || index >= k) {
      throw new CoreError("invalid_option", `subgroupChart: invalid exclude index ${describeValue(index)} (expected an integer from 0 to ${k - 1})`);
    }
    included[index] = 0;
  }
  const inBase = (i: number): boolean => i < baseline && included[i] === 1;
  const base = subgroups.filter((_, i) => inBase(i));

  const y = Float64Array.from(subgroups, (s) => {
    const value = chart === "s" ? s.sd : chart === "r" ? s.range : s.mean;
    return value === null ? Number.NaN : value;
  });
  const lines = chart === "xbar" || chart === "s" ? standardDeviationLines(chart, subgroups, base) : rangeLines(chart, subgroups, base);

  const points: ControlChartPoint[] = subgroups.map((_, i) => {
    const { cl, lcl, ucl, lcl95, ucl95 } = lines[i];
    const value = Number.isNaN(y[i]) ? null : y[i];
    const line = (x: number): number | null => (Number.isNaN(finiteOrNaN(x)) ? null : x);
    return {
      value,
      centerLine: line(cl),
      lcl: line(lcl),
      ucl: line(ucl),
      lcl95: line(lcl95),
      ucl95: line(ucl95),
      sigmaSignal: value !== null && (value > ucl || value < lcl),
      phase: 0,
      baseline: i < baseline,
      included: included[i] === 1,
    };
  });
  const centerLine = lines[0].cl;
  const phase = phaseRuns(y, finiteOrNaN(centerLine), 0, k, input.exclude === undefined || input.exclude.length === 0 ? null : included);
  return { points, phases: [phase], subgroups };
}

/** qicharts2's xbar and s lines (see {@link subgroupChart}). */
function standardDeviationLines(chart: "xbar" | "s", subgroups: Subgroup[], base: Subgroup[]): Lines[] {
  const unequal = new Set(subgroups.map((s) => s.size)).size > 1;
  let sigma: number;
  if (unequal) {
    let top = 0;
    let bottom = 0;
    for (const s of base) {
      if (s.size === 0) continue; // qicharts2 adds -1 here (docs/DESIGN.md)
      if (s.sd !== null) top += (s.size - 1) * s.sd * s.sd;
      bottom += s.size - 1;
    }
    sigma = Math.sqrt(top / bottom);
  } else {
    const sds = base.flatMap((s) => (s.sd === null ? [] : [s.sd]));
    sigma = sds.length === 0 ? Number.NaN : sum(sds) / sds.length;
  }
  if (chart === "s") {
    return subgroups.map((s) => {
      const ratio = Math.sqrt(1 - c4(s.size) ** 2) / c4(s.size);
      return { cl: sigma, lcl: Math.max(0, 1 - 3 * ratio) * sigma, ucl: (1 + 3 * ratio) * sigma, lcl95: Math.max(0, 1 - 2 * ratio) * sigma, ucl95: (1 + 2 * ratio) * sigma };
    });
  }
  const weighted = base.filter((s) => s.mean !== null);
  const cl = sum(weighted.map((s) => s.size * (s.mean as number))) / sum(weighted.map((s) => s.size));
  return subgroups.map((s) => {
    const width = sigma / (c4(s.size) * Math.sqrt(s.size));
    return { cl, lcl: cl - 3 * width, ucl: cl + 3 * width, lcl95: cl - 2 * width, ucl95: cl + 2 * width };
  });
}

/** Montgomery's X-bar with R lines (see {@link subgroupChart}). */
function rangeLines(chart: "xbar-r" | "r", subgroups: Subgroup[], base: Subgroup[]): Lines[] {
  const sizes = new Set(subgroups.filter((s) => s.size > 0).map((s) => s.size));
  if (sizes.size > 1) {
    throw new CoreError(
      "invalid_value",
      `an R chart needs subgroups of equal size; these have ${Array.from(sizes).sort((a, b) => a - b).join(", ")} observations. Use an X-bar with S chart ("xbar" and "s") for unequal subgroups`,
    );
  }
  const n = sizes.size === 0 ? 2 : Array.from(sizes)[0];
  const { d2, d3 } = rangeFactors(n);
  const ranges = base.flatMap((s) => (s.range === null ? [] : [s.range]));
  const rBar = ranges.length === 0 ? Number.NaN : sum(ranges) / ranges.length;
  let lines: Lines;
  if (chart === "r") {
    const ratio = d3 / d2;
    lines = { cl: rBar, lcl: Math.max(0, 1 - 3 * ratio) * rBar, ucl: (1 + 3 * ratio) * rBar, lcl95: Math.max(0, 1 - 2 * ratio) * rBar, ucl95: (1 + 2 * ratio) * rBar };
  } else {
    const means = base.flatMap((s) => (s.mean === null ? [] : [s.mean]));
    const cl = means.length === 0 ? Number.NaN : sum(means) / means.length;
    const width = rBar / (d2 * Math.sqrt(n));
    lines = { cl, lcl: cl - 3 * width, ucl: cl + 3 * width, lcl95: cl - 2 * width, ucl95: cl + 2 * width };
  }
  return subgroups.map(() => lines);
}

/** Compensated sum (Neumaier), so means of decimal data are correctly rounded as in sums.ts. */
function sum(values: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const value of values) {
    const t = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - t + value : value - t + total;
    total = t;
  }
  return total + compensation;
}
