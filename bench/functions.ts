// Speed of the QI.* custom functions through their exported wrappers (cells in -> core -> cells out),
// i.e. what a workbook pays on recalculation. Run with `npm run bench` (all benchmarks) or alone:
// `npx tsx bench/functions.ts`. Prints figures only; timings are never asserted in tests.
//
// - 10,000 calls of QI.SIGNALS on 36-point columns (a collaborative workbook with many measures
//   and teams recalculating at once), with and without a baseline;
// - one QI.LIMITS on 100,000 points (i and p charts), the largest range a team would plausibly pass.
import { performance } from "node:perf_hooks";
import { limits, signals } from "../src/functions/functions";

/** Deterministic column shaped like a monthly measure: one decimal, a step up, a few blanks. */
function column(n: number, seed: number): unknown[][] {
  let state = seed >>> 0;
  const random = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const cells: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.02) cells[i] = [null];
    else if (r < 0.03) cells[i] = [""];
    else cells[i] = [Math.round((50 + (i > n / 2 ? 6 : 0) + random() * 10) * 10) / 10];
  }
  return cells;
}

function counts(n: number, seed: number, denominator: number): { numerators: unknown[][]; denominators: unknown[][] } {
  const values = column(n, seed);
  return {
    numerators: values.map(([v]) => [v === null || v === "" ? v : Math.round(((v as number) / 100) * denominator)]),
    denominators: values.map(() => [denominator]),
  };
}

function time<T>(label: string, repeat: number, run: () => T): T {
  let result = run(); // warm-up, also the returned value
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(8)} ms  (best ${times[0].toFixed(1)} ms, ${repeat} runs)`);
  return result;
}

export async function run(): Promise<void> {
  const columns = Array.from({ length: 10_000 }, (_, i) => column(36, i + 1));
  const labelled = time("QI.SIGNALS x 10,000 columns of 36 points", 7, () => {
    let marked = 0;
    for (const cells of columns) marked += signals(cells).filter(([label]) => label !== "").length;
    return marked;
  });
  time("QI.SIGNALS x 10,000 columns of 36, baseline 12", 7, () => {
    for (const cells of columns) signals(cells, 12);
  });
  time('QI.SIGNALS x 10,000 columns of 36, ruleSet "anhoej"', 7, () => {
    for (const cells of columns) signals(cells, 12, "anhoej");
  });
  const big = column(100_000, 42);
  const rows = time('QI.LIMITS("i") on 100,000 points', 7, () => limits("i", big));
  time('QI.LIMITS("i") on 100,000 points, baseline 24', 7, () => limits("i", big, undefined, 24));
  const { numerators, denominators } = counts(100_000, 7, 200);
  time('QI.LIMITS("p") on 100,000 points with denominators', 7, () => limits("p", numerators, denominators));
  console.log(`(checks: ${labelled} points labelled; ${rows.length} limit rows)`);
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
