// Speed of the QI.* custom functions through their exported wrappers (cells in -> core -> cells out),
// i.e. what a workbook pays on recalculation. Run with `npm run bench` (all benchmarks) or alone:
// `npx tsx bench/functions.ts`. Prints figures only; timings are never asserted in tests.
//
// - 10,000 calls of QI.SIGNALS on 36-point columns (a collaborative workbook with many measures
//   and teams recalculating at once), with and without a baseline;
// - one QI.LIMITS on 100,000 points (i and p charts), the largest range a team would plausibly pass.
import { limits, signals } from "../src/functions/functions";
import { measure, seededRandom } from "./timing";

/** Deterministic column shaped like a monthly measure: one decimal, a step up, a few blanks. */
function column(n: number, seed: number): unknown[][] {
  const random = seededRandom(seed);
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

/** One warm-up run, then `repeat` timed runs; prints the median and best, returns the last result. */
function time<T>(label: string, repeat: number, run: () => T): T {
  run();
  const { median, best, result } = measure(repeat, run);
  console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(8)} ms  (best ${best.toFixed(1)} ms, ${repeat} runs)`);
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
