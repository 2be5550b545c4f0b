// A naive reference for core's run-chart rules, written from the rules' definitions (Perla, Provost
// & Murray 2011, BMJ Qual Saf 20:46-51, as core's JSDoc states them), with none of core's one-pass
// tricks: lists of useful points, then plain loops. The property tests compare core against it on
// values where "equal" is exact (small integers and halves), so core's 1e-9 relative tolerance plays
// no part.

export type Side = "above" | "below";

/** Indices and values of the useful points: not missing (`null`) and not on the center line. */
function usefulPoints(values: ReadonlyArray<number | null>, centerLine: number): Array<{ i: number; side: Side }> {
  const out: Array<{ i: number; side: Side }> = [];
  values.forEach((v, i) => {
    if (v !== null && v !== centerLine) out.push({ i, side: v > centerLine ? "above" : "below" });
  });
  return out;
}

/** Maximal runs of useful points on one side: first and last index and length. */
export function naiveRuns(values: ReadonlyArray<number | null>, centerLine: number): Array<{ start: number; end: number; side: Side; length: number }> {
  const runs: Array<{ start: number; end: number; side: Side; length: number }> = [];
  for (const p of usefulPoints(values, centerLine)) {
    const last = runs[runs.length - 1];
    if (last && last.side === p.side) {
      last.end = p.i;
      last.length++;
    } else runs.push({ start: p.i, end: p.i, side: p.side, length: 1 });
  }
  return runs;
}

/** IHI shifts: the runs of at least `minLength` useful points. */
export function naiveShifts(values: ReadonlyArray<number | null>, centerLine: number, minLength: number) {
  return naiveRuns(values, centerLine).filter((r) => r.length >= minLength);
}

/** Crossings, the number of runs and the longest run. */
export function naiveRunFigures(values: ReadonlyArray<number | null>, centerLine: number): { crossings: number; runCount: number; longestRun: number } {
  const runs = naiveRuns(values, centerLine);
  return { crossings: Math.max(0, runs.length - 1), runCount: runs.length, longestRun: runs.reduce((m, r) => Math.max(m, r.length), 0) };
}

/**
 * IHI trends: drop missing points; of consecutive equal values keep the first; then each maximal
 * stretch of steps in one direction is a trend when it has at least `minLength` points (a turning
 * point ends one stretch and starts the next).
 */
export function naiveTrends(values: ReadonlyArray<number | null>, minLength: number): Array<{ start: number; end: number; direction: "up" | "down"; length: number }> {
  const kept: Array<{ i: number; v: number }> = [];
  values.forEach((v, i) => {
    if (v === null) return;
    if (kept.length > 0 && kept[kept.length - 1].v === v) return;
    kept.push({ i, v });
  });
  const found: Array<{ start: number; end: number; direction: "up" | "down"; length: number }> = [];
  let from = 0;
  for (let k = 1; k <= kept.length; k++) {
    const direction = k < kept.length ? (kept[k].v > kept[k - 1].v ? "up" : "down") : null;
    const current = from + 1 < kept.length ? (kept[from + 1].v > kept[from].v ? "up" : "down") : null;
    if (k === kept.length || direction !== current) {
      // the stretch kept[from..k-1]
      const length = k - from;
      if (current !== null && length >= minLength) found.push({ start: kept[from].i, end: kept[k - 1].i, direction: current, length });
      from = k - 1;
    }
  }
  return found;
}
