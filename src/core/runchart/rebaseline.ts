/**
 * Automatic re-baselining of a run chart, as runcharter 0.2.0.9000 does it (github.com/
 * johnmackintosh/runcharter, R/runcharter.R and R/utilities.R): the median of the first months is
 * the baseline; after it, the first run of `runLength` consecutive useful points on one side of the
 * median (a sustained shift) gives a new median, the median of those points, which is frozen from
 * the run's first point on; the search starts again after the run, against the new median, until
 * fewer than `runLength` months are left or no run is found. The phases come back so a chart can
 * draw each median (solid over its own points, extended to the next phase).
 */

import { CoreError } from "../errors";
import { median } from "../numeric";
import { sideOf } from "./centerLine";
import { describeValue } from "./series";

/** Which side of the median a sustained run must be on: runcharter's `direction`. */
export type RebaselineDirection = "above" | "below" | "both";

/** Options of {@link rebaseline}; the defaults are runcharter's (`med_rows = 13`, `runlength = 9`). */
export type RebaselineOptions = {
  /** months the first median is taken from (runcharter `med_rows`); default 13, or every month of a shorter series */
  baseline?: number | undefined;
  /** consecutive useful points on one side that make a sustained shift (runcharter `runlength`); default 9; 0 = never re-baseline */
  runLength?: number | undefined;
  /** "above", "below" or "both" (default): which shifts re-baseline (runcharter `direction`) */
  direction?: RebaselineDirection | undefined;
};

/** One median of a re-baselined run chart. Indices are 0-based and inclusive. */
export type RebaselinePhase = {
  /** "baseline" for the first median, "sustained" for one set by a sustained shift (runcharter `run_type`) */
  kind: "baseline" | "sustained";
  /** the median; `null` when its points have no value */
  median: number | null;
  /** first and last point it was computed from (runcharter `start_date`, `end_date`) */
  start: number;
  end: number;
  /** last point it is drawn to: the point before the next phase starts, or the last point (runcharter `extend_to` is the next phase's first date) */
  extendTo: number;
};

/** Result of {@link rebaseline}. */
export type RebaselineResult = {
  phases: RebaselinePhase[];
  /** the median in force at each point */
  centerLine: (number | null)[];
  /** points of a sustained run that are not on the median before it (runcharter's highlighted points) */
  highlighted: boolean[];
};

/** runcharter's default number of baseline months (`med_rows = 13`). */
export const RUNCHARTER_BASELINE = 13;
/** runcharter's default sustained-run length (`runlength = 9`). */
export const RUNCHARTER_RUN_LENGTH = 9;

/**
 * A run chart with automatic re-baselining, as runcharter computes it (see the file comment).
 *
 * Rules, from runcharter's source:
 * - Useful points are neither missing nor on the current median; they alone make up a run, and a
 *   point on the median or a blank neither extends nor breaks it.
 * - The new median is the median of the `runLength` points of the run (runcharter's right-aligned
 *   rolling median at the run's `runLength`-th point); points of the run beyond that are judged
 *   against the new median.
 * - A search needs at least `runLength` months left after the last phase (blanks and points on the
 *   median count as months, as runcharter counts rows).
 * - With direction "above" (or "below") only runs on that side re-baseline; runs on the other side
 *   are passed over.
 *
 * Deliberate differences (docs/DESIGN.md): a point is on the median when equal to it within 1e-9
 * relative, as everywhere in core (runcharter compares exactly); a series shorter than
 * `baseline + runLength` gets its baseline phase alone (runcharter stops with an error when no
 * group is that long); a baseline of 0 months is refused (runcharter draws no median).
 *
 * Runs in O(n + phases · runLength log runLength).
 *
 * @param values the series in time order, `null` for a missing month
 * @param options baseline months, run length and direction (runcharter's defaults 13, 9, "both")
 * @returns the phases, the median in force at each point, and the highlighted points
 * @throws {CoreError} invalid_option for a bad baseline, runLength or direction; invalid_value for a non-finite value
 * @example
 * rebaseline([5, 5, 6, 4, 5, 9, 9, 9, 9], { baseline: 5, runLength: 4 }).phases.map((p) => p.median); // => [5, 9]
 * rebaseline([5, 5, 6, 4, 5, 9, 9, 9, 9], { baseline: 5, runLength: 4 }).centerLine[5]; // => 9
 */
export function rebaseline(values: ReadonlyArray<number | null>, options: RebaselineOptions = {}): RebaselineResult {
  if (!Array.isArray(values)) throw new CoreError("invalid_option", `rebaseline: invalid values ${describeValue(values)} (expected an array of numbers and nulls)`);
  const n = values.length;
  values.forEach((value, i) => {
    if (value !== null && !(typeof value === "number" && Number.isFinite(value))) {
      throw new CoreError("invalid_value", `point ${i + 1}: ${describeValue(value)} is not a number; enter a number, or leave the cell empty for a missing month`);
    }
  });
  const baseline = options.baseline ?? Math.min(RUNCHARTER_BASELINE, Math.max(n, 1));
  const runLength = options.runLength ?? RUNCHARTER_RUN_LENGTH;
  const direction = options.direction ?? "both";
  if (!Number.isInteger(baseline) || baseline < 1 || (n > 0 && baseline > n)) {
    throw new CoreError("invalid_option", `rebaseline: baseline ${describeValue(baseline)} must be a whole number of months from 1 to ${Math.max(n, 1)}`);
  }
  if (!Number.isInteger(runLength) || runLength < 0) {
    throw new CoreError("invalid_option", `rebaseline: runLength ${describeValue(runLength)} must be a whole number of months, 0 or more (0: never re-baseline)`);
  }
  if (direction !== "above" && direction !== "below" && direction !== "both") {
    throw new CoreError("invalid_option", `rebaseline: direction ${describeValue(direction)} must be "above", "below" or "both"`);
  }
  if (n === 0) return { phases: [], centerLine: [], highlighted: [] };

  const medianOf = (indices: number[]): number | null => (indices.length === 0 ? null : median(indices.map((i) => values[i] as number)));
  const baselinePoints = Array.from({ length: baseline }, (_, i) => i).filter((i) => values[i] !== null);
  const phases: RebaselinePhase[] = [{ kind: "baseline", median: medianOf(baselinePoints), start: 0, end: baseline - 1, extendTo: n - 1 }];
  const highlighted = new Array<boolean>(n).fill(false);
  let from = baseline;
  let current = phases[0].median;
  while (runLength > 0 && current !== null && n - from >= runLength) {
    const run = findRun(values, current, from, runLength, direction);
    if (run === null) break;
    const next = medianOf(run);
    const start = run[0];
    const end = run[run.length - 1];
    for (let i = start; i <= end; i++) {
      const value = values[i];
      if (value !== null && sideOf(value, current) !== 0) highlighted[i] = true;
    }
    phases[phases.length - 1].extendTo = start - 1;
    phases.push({ kind: "sustained", median: next, start, end, extendTo: n - 1 });
    current = next;
    from = end + 1;
  }
  const centerLine = new Array<number | null>(n);
  phases.forEach((phase, k) => {
    const first = k === 0 ? 0 : phase.start;
    for (let i = first; i <= phase.extendTo; i++) centerLine[i] = phase.median;
  });
  return { phases, centerLine, highlighted };
}

/** The useful points of the first run of `runLength` on an allowed side, from `from` on; `null` when none. */
function findRun(values: ReadonlyArray<number | null>, centerLine: number, from: number, runLength: number, direction: RebaselineDirection): number[] | null {
  let run: number[] = [];
  let side = 0;
  for (let i = from; i < values.length; i++) {
    const value = values[i];
    if (value === null) continue;
    const s = sideOf(value, centerLine);
    if (s === 0) continue;
    if (s !== side) {
      run = [];
      side = s;
    }
    run.push(i);
    if (run.length === runLength && (direction === "both" || (direction === "above") === (side > 0))) return run;
  }
  return null;
}
