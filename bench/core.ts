// Speed and memory of the run-chart rules and control charts (src/core).
// Run with `npm run bench` (all benchmarks) or alone: `npx tsx bench/core.ts`.
// Prints figures only; timings are never asserted in tests.
//
// Targets (issue): analyzeRunChart + controlChart({ chart: "i" }) on 1,000,000 points < 100 ms;
// 1,000 series of 24 points < 10 ms in total; memory linear in n.
// R reference (qicharts2): about 0.7 ms per point: a 10,000-point i chart takes 6.7 s and 1,000 run
// charts of 24 points 16.7 s.
//
// The machine is shared, so every figure is a median with the best run beside it: the best is the
// work itself, the median adds what the machine and the garbage collector added. Long series are
// timed two ways: back to back (each line starts from a collected heap, then each run also pays
// for collecting the garbage the runs before it left, as a loop of calls would) and one call on a
// freshly collected heap (as a single recalculation would; it pays instead for memory the
// collection gave back to the system, which must be mapped again).
import { PerformanceObserver } from "node:perf_hooks";
import { analyzeRunChart, controlChart, controlChartColumns, rebaseline, subgroupChart } from "../src/core/index";
import { gcFunction, measure, ms, seededRandom, type Timing } from "./timing";

const R_I_CHART_10K_MS = 6700;
const R_RUN_CHARTS_1000x24_MS = 16700;

/** Deterministic series shaped like a monthly QI measure: one decimal, a step, some blanks. */
function series(n: number, seed: number): (number | null)[] {
  const random = seededRandom(seed);
  const values: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (random() < 0.01) {
      values[i] = null;
      continue;
    }
    const noise = (random() + random() + random() - 1.5) * 4;
    values[i] = Math.round((80 + (i > n / 2 ? 2 : 0) + noise) * 10) / 10;
  }
  return values;
}

/** `measure`, plus the garbage collector's pauses during the runs (node's "gc" entries), per run. */
async function measureWithGc<T>(repeats: number, work: () => T): Promise<Timing<T> & { gcPerRun: number }> {
  let paused = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) paused += entry.duration;
  });
  observer.observe({ entryTypes: ["gc"] });
  const timing = measure(repeats, work);
  await new Promise((resolve) => setTimeout(resolve, 50)); // node reports gc entries asynchronously
  observer.disconnect();
  return { ...timing, gcPerRun: paused / repeats };
}

/**
 * The least any one-object-per-point result can cost: `n` objects with the same ten fields as a
 * `ControlChartPoint` (a shared number box in each numeric field, as `controlChart` shares them for
 * repeated values and constant lines), kept in an array, with nothing computed.
 */
function plainObjects(n: number): unknown[] {
  const numbers: (number | null)[] = [null, 80.1, 80.2, 80.3, 80.4, 80.5, 80.6, 80.7]; // with a null: boxed once, kept as references
  const [, a, b, c, d, e, f, g] = numbers;
  const objects: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) {
    objects[i] = { value: (i & 1) === 0 ? a : b, centerLine: c, lcl: d, ucl: e, lcl95: f, ucl95: g, sigmaSignal: false, phase: 0, baseline: true, included: true };
  }
  return objects;
}

/**
 * The least any columns result can cost: the ten typed arrays of a `ControlChartColumns` for `n`
 * points (55 MB at a million), allocated and written once, with nothing computed. On a heap that
 * also holds the million-value input, the collections these arrays trigger are most of the cost.
 */
function plainColumns(n: number): unknown[] {
  const columns: unknown[] = [];
  for (let k = 0; k < 6; k++) columns.push(new Float64Array(n).fill(80.1));
  columns.push(new Uint32Array(n));
  for (let k = 0; k < 3; k++) columns.push(new Uint8Array(n).fill(1));
  return columns;
}

const row = (label: string, timing: { median: number; best: number }, note = ""): string =>
  `  ${label.padEnd(44)} ${ms(timing.median).padStart(9)} (${ms(timing.best)})${note === "" ? "" : `   ${note}`}`;

export async function run(): Promise<void> {
  const gc = gcFunction();

  // 1,000 series of 24 points
  const many = Array.from({ length: 1000 }, (_, k) => series(24, 100 + k));
  const manyRuns = (): void => {
    for (const values of many) analyzeRunChart(values);
  };
  const manyBoth = (): void => {
    for (const values of many) {
      analyzeRunChart(values);
      controlChart({ chart: "i", values });
    }
  };
  for (let w = 0; w < 50; w++) manyBoth();
  const runsOnly = measure(21, manyRuns);
  const runsAndI = measure(21, manyBoth);
  console.log("1,000 series of 24 points (median of 21 runs):");
  console.log(
    `  analyzeRunChart                          ${ms(runsOnly.median)}   target < 10 ms; R ${R_RUN_CHARTS_1000x24_MS / 1000} s -> ~${Math.round(R_RUN_CHARTS_1000x24_MS / runsOnly.median).toLocaleString("en")}x faster`,
  );
  console.log(`  analyzeRunChart + controlChart i         ${ms(runsAndI.median)}   target < 10 ms`);

  // the charts of issue 18 beside the old: the same 1,000 series, and raw rows for subgroup charts
  const sizes = Array.from({ length: 24 }, (_, i) => 80 + ((i * 7) % 40));
  const counted = many.map((values) => values.map((value, i) => (value === null ? null : Math.round((value / 100) * sizes[i]))));
  const chartsOf = (chart: "p" | "np" | "ip"): (() => void) => () => {
    for (const values of counted) controlChart({ chart, values, denominators: sizes });
  };
  const patients = many.slice(0, 100).map((values, k) => {
    const random = seededRandom(500 + k);
    const rows = values.flatMap((value, month) => Array.from({ length: 3 + Math.floor(random() * 6) }, () => ({ month, minutes: value === null ? null : value + Math.round((random() - 0.5) * 20) })));
    return { values: rows.map((r) => r.minutes), subgroups: rows.map((r) => r.month) };
  });
  const subgroupCharts = (chart: "xbar" | "s"): (() => void) => () => {
    for (const rows of patients) subgroupChart({ chart, ...rows });
  };
  const rebaselined = (): void => {
    for (const values of many) rebaseline(values, { baseline: 12, runLength: 6 });
  };
  console.log("issue 18 charts (median of 21 runs, best in brackets):");
  for (const [label, work] of [
    ["controlChart p, 1,000 x 24 points", chartsOf("p")],
    ["controlChart np, 1,000 x 24 points", chartsOf("np")],
    ["controlChart ip, 1,000 x 24 points", chartsOf("ip")],
    ["subgroupChart xbar, 100 x 24 months of 3-8 rows", subgroupCharts("xbar")],
    ["subgroupChart s, 100 x 24 months of 3-8 rows", subgroupCharts("s")],
    ["rebaseline, 1,000 x 24 points", rebaselined],
  ] as const) {
    for (let w = 0; w < 10; w++) work();
    console.log(row(label, measure(21, work)));
  }

  // 1,000,000 points: analyzeRunChart + control chart i
  const big = series(1_000_000, 1);
  const runChart = (): unknown => analyzeRunChart(big);
  const iColumns = (): unknown => controlChartColumns({ chart: "i", values: big });
  const iObjects = (): unknown => controlChart({ chart: "i", values: big });
  const bothColumns = (): unknown => [analyzeRunChart(big), controlChartColumns({ chart: "i", values: big })];
  const bothObjects = (): unknown => [analyzeRunChart(big), controlChart({ chart: "i", values: big })];
  for (let w = 0; w < 3; w++) bothObjects();
  // each line starts from a collected heap, so that it pays for its own garbage, not the line before's
  const section = async <T>(work: () => T): Promise<Timing<T> & { gcPerRun: number }> => {
    gc?.();
    return measureWithGc(9, work);
  };
  const runTiming = await section(runChart);
  const columnsTiming = await section(iColumns);
  const objectsTiming = await section(iObjects);
  const bothTiming = await section(bothColumns);
  const bothObjectsTiming = await section(bothObjects);
  const gcNote = (timing: { gcPerRun: number }): string => `GC pauses ${ms(timing.gcPerRun)} a run`;
  console.log("1,000,000 points, back to back (median of 9 runs, best in brackets):");
  console.log(row("analyzeRunChart", runTiming, gcNote(runTiming)));
  console.log(row('controlChartColumns({ chart: "i" })', columnsTiming, gcNote(columnsTiming)));
  console.log(row('controlChart({ chart: "i" }) (objects)', objectsTiming, gcNote(objectsTiming)));
  console.log(row("analyzeRunChart + columns", bothTiming, `target < 100 ms met only by the column form; the objects form (what QI.LIMITS calls) is the next line; ${gcNote(bothTiming)}`));
  console.log(row("analyzeRunChart + controlChart objects", bothObjectsTiming, gcNote(bothObjectsTiming)));
  if (gc !== null) {
    console.log("1,000,000 points, one call on a collected heap (gc() before each run, not timed):");
    console.log(row("analyzeRunChart + columns", measure(9, bothColumns, gc), "target < 100 ms (column form)"));
    console.log(row("analyzeRunChart + controlChart objects", measure(9, bothObjects, gc)));
  }
  console.log("floors: the same results made with nothing computed, on the same heap (back to back):");
  const columnsFloor = await section(() => plainColumns(1_000_000));
  console.log(row("columns: 10 typed arrays for 1,000,000 points", columnsFloor, gcNote(columnsFloor)));
  for (let w = 0; w < 3; w++) plainObjects(1_000_000);
  const objectsFloor = await section(() => plainObjects(1_000_000));
  console.log(row("objects: 1,000,000 plain 10-field objects", objectsFloor, gcNote(objectsFloor)));
  if (gc !== null) console.log(row("objects, on a collected heap", measure(9, () => plainObjects(1_000_000), gc)));
  const rAtMillion = (R_I_CHART_10K_MS / 10_000) * 1_000_000;
  console.log(
    `R reference ~0.67 ms/point -> ~${(rAtMillion / 1000).toFixed(0)} s for a 1e6-point i chart; ours ${ms(objectsTiming.median)} with objects: ~${Math.round(rAtMillion / objectsTiming.median).toLocaleString("en")}x faster`,
  );

  // 10,000-point i chart, the size of the R reference measurement
  const tenK = series(10_000, 2);
  for (let w = 0; w < 20; w++) controlChart({ chart: "i", values: tenK });
  const tenKi = measure(21, () => controlChart({ chart: "i", values: tenK }));
  console.log(`10,000-point i chart (objects): ${ms(tenKi.median)}; R ${R_I_CHART_10K_MS / 1000} s -> ~${Math.round(R_I_CHART_10K_MS / tenKi.median).toLocaleString("en")}x faster`);

  // memory: heap retained by one result of each, per point
  console.log(`heap retained by the results of analyzeRunChart + controlChart i (objects) and of + controlChartColumns${gc ? "" : " (gc not available: rough)"}:`);
  for (const n of [10_000, 100_000, 1_000_000]) {
    const values = series(n, 3);
    const collect = (): void => {
      // twice: array buffers found dead by one collection are only released by the next
      gc?.();
      gc?.();
    };
    const retained = (make: () => unknown[]): number => {
      collect();
      const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      const kept = make();
      collect();
      const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      return kept.length > 0 ? after - before : 0;
    };
    const objects = retained(() => [analyzeRunChart(values), controlChart({ chart: "i", values })]);
    const columns = retained(() => [analyzeRunChart(values), controlChartColumns({ chart: "i", values })]);
    const mib = (bytes: number): string => (bytes / 1048576).toFixed(1).padStart(6);
    console.log(
      `  n = ${n.toLocaleString("en").padStart(9)}: objects ${mib(objects)} MiB (${(objects / n).toFixed(0)} B/point), columns ${mib(columns)} MiB (${(columns / n).toFixed(0)} B/point)`,
    );
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
