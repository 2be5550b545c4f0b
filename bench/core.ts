// Speed and memory of the run-chart rules and control charts (src/core).
// Run with `npm run bench` (all benchmarks) or alone: `npx tsx bench/core.ts`.
// Prints figures only; timings are never asserted in tests.
//
// Targets (issue): analyzeRunChart + controlChart({ chart: "i" }) on 1,000,000 points < 100 ms;
// 1,000 series of 24 points < 10 ms in total; memory linear in n.
// R reference (qicharts2): about 0.7 ms per point: a 10,000-point i chart takes 6.7 s and 1,000 run
// charts of 24 points 16.7 s.
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { analyzeRunChart, controlChart, controlChartColumns } from "../src/core/index";

const R_I_CHART_10K_MS = 6700;
const R_RUN_CHARTS_1000x24_MS = 16700;

/** Deterministic series shaped like a monthly QI measure: one decimal, a step, some blanks. */
function series(n: number, seed: number): (number | null)[] {
  let state = seed >>> 0;
  const random = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

function time(repeats: number, work: () => void): { best: number; median: number } {
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { best: samples[0], median: samples[samples.length >> 1] };
}

function gcFunction(): (() => void) | null {
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return null;
  }
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

export async function run(): Promise<void> {
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
  const runsOnly = time(21, manyRuns);
  const runsAndI = time(21, manyBoth);
  console.log("1,000 series of 24 points (median of 21 runs):");
  console.log(
    `  analyzeRunChart                          ${ms(runsOnly.median)}   target < 10 ms; R ${R_RUN_CHARTS_1000x24_MS / 1000} s -> ~${Math.round(R_RUN_CHARTS_1000x24_MS / runsOnly.median).toLocaleString("en")}x faster`,
  );
  console.log(`  analyzeRunChart + controlChart i         ${ms(runsAndI.median)}   target < 10 ms`);

  // 1,000,000 points: analyzeRunChart + control chart i
  const big = series(1_000_000, 1);
  const analysisBoth = (): void => {
    analyzeRunChart(big);
    controlChartColumns({ chart: "i", values: big });
  };
  const objectsBoth = (): void => {
    analyzeRunChart(big);
    controlChart({ chart: "i", values: big });
  };
  for (let w = 0; w < 3; w++) objectsBoth();
  const runChart = time(9, () => analyzeRunChart(big));
  const iColumns = time(9, () => controlChartColumns({ chart: "i", values: big }));
  const iObjects = time(9, () => controlChart({ chart: "i", values: big }));
  const both = time(9, analysisBoth);
  const bothObjects = time(9, objectsBoth);
  console.log("1,000,000 points (median of 9 runs, best in brackets):");
  console.log(`  analyzeRunChart                          ${ms(runChart.median)} (${ms(runChart.best)})`);
  console.log(`  controlChartColumns({ chart: "i" })      ${ms(iColumns.median)} (${ms(iColumns.best)})`);
  console.log(`  controlChart({ chart: "i" }) (objects)   ${ms(iObjects.median)} (${ms(iObjects.best)})`);
  console.log(`  analyzeRunChart + columns                ${ms(both.median)} (${ms(both.best)})   target < 100 ms`);
  console.log(`  analyzeRunChart + controlChart objects   ${ms(bothObjects.median)} (${ms(bothObjects.best)})   (1e6 point objects: mostly allocation and GC)`);
  const rAtMillion = (R_I_CHART_10K_MS / 10_000) * 1_000_000;
  console.log(
    `  R reference ~0.67 ms/point -> ~${(rAtMillion / 1000).toFixed(0)} s for a 1e6-point i chart; ours ${ms(iObjects.median)} with objects: ~${Math.round(rAtMillion / iObjects.median).toLocaleString("en")}x faster`,
  );

  // 10,000-point i chart, the size of the R reference measurement
  const tenK = series(10_000, 2);
  for (let w = 0; w < 20; w++) controlChart({ chart: "i", values: tenK });
  const tenKi = time(21, () => controlChart({ chart: "i", values: tenK }));
  console.log(`10,000-point i chart (objects): ${ms(tenKi.median)}; R ${R_I_CHART_10K_MS / 1000} s -> ~${Math.round(R_I_CHART_10K_MS / tenKi.median).toLocaleString("en")}x faster`);

  // memory: heap retained by one result of each, per point
  const gc = gcFunction();
  console.log(`heap retained by the results of analyzeRunChart + controlChart i (objects) and of + controlChartColumns${gc ? "" : " (gc not available: rough)"}:`);
  for (const n of [10_000, 100_000, 1_000_000]) {
    const values = series(n, 3);
    const retained = (make: () => unknown[]): number => {
      gc?.();
      const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      const kept = make();
      gc?.();
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
