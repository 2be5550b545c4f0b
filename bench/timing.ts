// Helpers shared by the benchmarks (bench/core.ts, bench/functions.ts): timing a piece of work
// (median and best of several runs), the garbage collector when node lets us call it, and the
// seeded random numbers that make every benchmark input the same from run to run.
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Times of several runs of one piece of work, in milliseconds. */
export type Timing<T> = {
  /** the middle time (the upper middle for an even count) */
  median: number;
  /** the shortest time: the work itself, with the least noise from the machine */
  best: number;
  /** what the last run returned (so the work cannot be optimized away, and checks can print it) */
  result: T;
};

/**
 * Run `work` `repeats` times and time each run. `beforeEach` runs before every run, outside the
 * timing (e.g. a garbage collection, so that each run starts from a clean heap).
 */
export function measure<T>(repeats: number, work: () => T, beforeEach?: () => void): Timing<T> {
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`measure: invalid repeats ${repeats} (expected an integer >= 1)`);
  const samples: number[] = [];
  let result!: T;
  for (let r = 0; r < repeats; r++) {
    beforeEach?.();
    const start = performance.now();
    result = work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], best: samples[0], result };
}

/** A duration as `12.3 ms`. */
export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/**
 * The garbage collector as a function, or `null` when node does not allow it. Calling it before a
 * timed run leaves earlier runs' garbage out of that run's time; timing without it shows what
 * back-to-back calls cost, collections included. Both are true figures of different situations.
 */
export function gcFunction(): (() => void) | null {
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return null;
  }
}

/**
 * Seeded uniform random numbers in [0, 1): mulberry32 (Tommy Ettinger's 32-bit generator), so
 * that benchmark inputs are the same on every run and machine.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
