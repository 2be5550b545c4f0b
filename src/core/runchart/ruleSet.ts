/**
 * Reading one run chart under a collaborative's rule set: the IHI rules, Anhøj's rules or the NHS
 * "Making Data Count" rules. Every door (the score evidence, `/runcharts` and the faculty page's
 * charts, the task pane's suggestion) reads a chart through {@link readRunChart}, so changing the
 * collaborative's `ruleSet` changes what every door shows, and each door can say which rules it applied.
 */

import { improvementSign, type ImprovementDirection } from "../direction";
import { makingDataCount } from "../mdc/makingDataCount";
import { nearlyEqual } from "../numeric";
import type { RuleSet } from "../schema/collaborative";
import type { RunChartRule } from "../schema/reads";
import { analyzeRunChart } from "./analyzeRunChart";

/** One signal of non-random variation found by the rule set. */
export type RunChartSignal = {
  /** the rule, in plain words (`RunChartRule` of the API schema, shown as is on the faculty page) */
  rule: RunChartRule;
  /**
   * indexes into the series of the points that make the signal; empty for a whole-chart signal
   * (too few or too many runs, too few crossings)
   */
  points: number[];
  /**
   * which side the signal is on: `high` above the center line or rising, `low` below it or
   * falling; for a whole-chart signal, the side of the latest useful point; `null` for too many runs
   */
  side: "high" | "low" | null;
  /** the side read with the measure's direction: `neutral` for a neutral measure or no side */
  meaning: "improvement" | "concern" | "neutral";
};

/** What {@link readRunChart} returns. */
export type RunChartReading = {
  ruleSet: RuleSet;
  /** the median (`ihi`, `anhoej`) or the mean of the XmR chart (`mdc`); `null` without data */
  centerLine: number | null;
  /** the process limits of the XmR chart (`mdc` only; `null` otherwise or when they cannot be computed) */
  lpl: number | null;
  upl: number | null;
  signals: RunChartSignal[];
  /** a signal whose meaning is improvement (never for a neutral measure) */
  improving: boolean;
};

/** How each rule set is shown: its name, its center line, and the rules it applies in one sentence. */
export type RuleSetDescription = { name: string; centerLine: "median" | "mean"; rules: string };

/**
 * The rule sets as every door names them. The thresholds are those of the functions that apply
 * them: IHI shift 6 / trend 5 / runs table (Perla, Provost & Murray 2011, BMJ Qual Saf 20:46-51);
 * Anhøj longest run and crossings (Anhøj & Olesen 2014, PLoS ONE 9(11):e113825, as qicharts2
 * 0.8.1); Making Data Count (NHS England 2019, as NHSRplotthedots 0.2.2).
 *
 * @example
 * RULE_SETS.anhoej.name; // => "Anhøj rules"
 */
export const RULE_SETS: Readonly<Record<RuleSet, RuleSetDescription>> = {
  ihi: {
    name: "IHI rules",
    centerLine: "median",
    rules: "a shift (6 or more points in a row on one side of the median), a trend (5 or more points in a row going up or down), too few or too many runs (IHI runs table)",
  },
  anhoej: {
    name: "Anhøj rules",
    centerLine: "median",
    rules: "a run on one side of the median longer than round(log2(useful points)) + 3, or fewer crossings of the median than expected (5th percentile of a binomial)",
  },
  mdc: {
    name: "Making Data Count rules",
    centerLine: "mean",
    rules: "on an XmR chart: a point outside the process limits, 7 points in a row rising or falling, 7 points in a row on one side of the mean, 2 of 3 points near a limit",
  },
};

/** Options of {@link readRunChart}. */
export type ReadRunChartOptions = {
  /**
   * the first `baseline` points give the center line (IHI, Anhøj: the median); for `mdc` they fix
   * the limits (`fixAfter`, at least 12). Default: all points
   */
  baseline?: number | undefined;
};

/**
 * Read a run chart under a rule set and say, for a measure's direction, which signals are
 * improvement and which are concern.
 *
 * - `ihi`: `analyzeRunChart`'s shifts, trends and runs verdict. Too few runs is a whole-chart
 *   signal whose side is that of the latest useful point (the clustering ends there), so it is an
 *   improvement when that point is on the good side; too many runs has no side.
 * - `anhoej`: each run on one side of the median longer than `longestRunMax`, and too few
 *   crossings (`crossings < crossingsMin`, sided by the latest useful point as above).
 * - `mdc`: `makingDataCount`'s labels; consecutive points with the same label are one signal.
 *
 * `improving` is true when any signal means improvement: the chart has shown non-random change
 * the good way at some point, which is what the IHI Assessment Scale asks ("improvement in
 * measures"). A neutral measure never improves.
 *
 * Missing values (`null`) are never points of a signal. An empty series has no signals.
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing month
 * @param ruleSet `"ihi"`, `"anhoej"` or `"mdc"`
 * @param direction the measure's direction of improvement
 * @param options `baseline`
 * @returns the center line, the signals and whether one means improvement
 * @throws {CoreError} as `analyzeRunChart` / `makingDataCount`: invalid_value for a non-finite value,
 *   invalid_option for a bad baseline (under `mdc`, a baseline below 12)
 * @example
 * const series = [44, 47, 40, 51, 45, 50, 42, 47, 64, 65, 56, 69, 51, 65];
 * readRunChart(series, "ihi", "increase").signals.map((s) => s.rule); // => ["shift"]
 * readRunChart(series, "anhoej", "increase").signals.map((s) => s.rule); // => ["too few crossings"]
 * readRunChart(series, "mdc", "increase").signals.map((s) => `${s.rule}: ${s.meaning}`); // => ["7 points on one side: concern"]
 * readRunChart([1, 2, 3, 4, 5, 6, 7], "mdc", "decrease").signals[1].meaning; // => "concern"
 */
export function readRunChart(
  values: ReadonlyArray<number | null>,
  ruleSet: RuleSet,
  direction: ImprovementDirection,
  options: ReadRunChartOptions = {},
): RunChartReading {
  const sign = improvementSign(direction);
  const meaningOf = (side: "high" | "low" | null): RunChartSignal["meaning"] =>
    side === null || sign === 0 ? "neutral" : (side === "high" ? 1 : -1) * sign > 0 ? "improvement" : "concern";
  const signal = (rule: RunChartRule, points: number[], side: "high" | "low" | null): RunChartSignal => ({ rule, points, side, meaning: meaningOf(side) });
  const signals: RunChartSignal[] = [];
  let centerLine: number | null = null;
  let lpl: number | null = null;
  let upl: number | null = null;

  if (ruleSet === "mdc") {
    const result = makingDataCount(values, { improvementDirection: direction, fixAfter: options.baseline });
    const first = result.points[0];
    if (first !== undefined) {
      // one limits period (no rebase): every point carries the same mean and limits
      centerLine = first.mean;
      lpl = first.lpl;
      upl = first.upl;
    }
    let open: { type: string; signal: RunChartSignal } | null = null;
    result.points.forEach((point, i) => {
      const type = point.specialCauseType;
      if (type === "Common Cause" || values[i] === null) {
        open = null;
        return;
      }
      if (open !== null && open.type === type) {
        open.signal.points.push(i);
        return;
      }
      const side = /Above|Increasing/.test(type) ? "high" : "low";
      const rule: RunChartRule = /UCL|LCL/.test(type) ? "outside the limits" : /Trend/.test(type) ? "7 points rising or falling" : /2 in 3/.test(type) ? "2 of 3 near a limit" : "7 points on one side";
      open = { type, signal: signal(rule, [i], side) };
      signals.push(open.signal);
    });
  } else {
    const analysis = analyzeRunChart(values, { baseline: options.baseline });
    centerLine = analysis.centerLine;
    const line = centerLine;
    const useful = (i: number): boolean => {
      const value = values[i];
      return value !== null && value !== undefined && line !== null && !nearlyEqual(value, line);
    };
    const sideOf = (i: number): "high" | "low" => ((values[i] as number) > (line as number) ? "high" : "low");
    let latestSide: "high" | "low" | null = null;
    for (let i = values.length - 1; i >= 0; i--) {
      if (useful(i)) {
        latestSide = sideOf(i);
        break;
      }
    }
    if (ruleSet === "ihi") {
      for (const shift of analysis.shifts) {
        const points: number[] = [];
        for (let i = shift.start; i <= shift.end; i++) if (useful(i)) points.push(i);
        signals.push(signal("shift", points, shift.side === "above" ? "high" : "low"));
      }
      for (const trend of analysis.trends) {
        const points: number[] = [];
        for (let i = trend.start; i <= trend.end; i++) if (values[i] !== null) points.push(i);
        signals.push(signal("trend", points, trend.direction === "up" ? "high" : "low"));
      }
      if (analysis.runsVerdict === "too_few") signals.push(signal("too few runs", [], latestSide));
      if (analysis.runsVerdict === "too_many") signals.push(signal("too many runs", [], null));
    } else {
      const max = analysis.longestRunMax;
      if (max !== null) {
        let run: number[] = [];
        const close = () => {
          if (run.length > max) signals.push(signal("long run", run, sideOf(run[0] as number)));
        };
        values.forEach((_, i) => {
          if (!useful(i)) return;
          if (run.length > 0 && sideOf(run[0] as number) !== sideOf(i)) {
            close();
            run = [];
          }
          run.push(i);
        });
        close();
      }
      if (analysis.crossings !== null && analysis.crossingsMin !== null && analysis.crossings < analysis.crossingsMin) {
        signals.push(signal("too few crossings", [], latestSide));
      }
    }
  }
  return { ruleSet, centerLine, lpl, upl, signals, improving: signals.some((s) => s.meaning === "improvement") };
}
