// Property-based tests (fast-check) of core's run-chart rules against the naive reference
// (naiveRunChart.ts): IHI shifts, trends, crossings, number of runs and longest run, on random
// series of small integers and halves with missing points, and random center lines.

import fc from "fast-check";
import { crossings, longestRun, runCount, shifts, trends } from "../src/core/index";
import { naiveRunFigures, naiveShifts, naiveTrends } from "./naiveRunChart";

export type PropertyOutcome = { name: string; runs: number; failure: string | null; seconds: number };

/** Values where equality is exact: 0 to 8 in steps of 0.5, or missing. */
const series = fc.array(fc.option(fc.integer({ min: 0, max: 16 }).map((n) => n / 2), { freq: 6, nil: null }), { maxLength: 40 });
const centerLine = fc.integer({ min: 0, max: 16 }).map((n) => n / 2);
const minLength = fc.integer({ min: 2, max: 8 });

function check(name: string, property: fc.IProperty<any>, numRuns: number, seed: number): PropertyOutcome {
  const startedAt = Date.now();
  const details = fc.check(property, { numRuns, seed });
  return { name, runs: details.numRuns, failure: failureOf(details), seconds: (Date.now() - startedAt) / 1000 };
}

/** fast-check's report (counterexample, seed, path) and the error the property threw; null when it held. */
export function failureOf(details: fc.RunDetails<unknown>): string | null {
  if (!details.failed) return null;
  const error = details.errorInstance;
  return `${fc.defaultReportMessage(details) ?? "failed"}\nError: ${error instanceof Error ? error.message : String(error)}`;
}

/** Each property `numRuns` times; a failure carries fast-check's counterexample and seed. */
export function runChartProperties(numRuns: number, seed: number): PropertyOutcome[] {
  return [
    check(
      "core shifts() = naive shifts",
      fc.property(series, centerLine, minLength, (values, cl, min) => {
        expect(shifts(values, cl, min), naiveShifts(values, cl, min));
      }),
      numRuns,
      seed,
    ),
    check(
      "core trends() = naive trends",
      fc.property(series, minLength, (values, min) => {
        expect(trends(values, min), naiveTrends(values, min));
      }),
      numRuns,
      seed,
    ),
    check(
      "core crossings(), runCount(), longestRun() = naive",
      fc.property(series, centerLine, (values, cl) => {
        expect({ crossings: crossings(values, cl), runCount: runCount(values, cl), longestRun: longestRun(values, cl) }, naiveRunFigures(values, cl));
      }),
      numRuns,
      seed,
    ),
  ];
}

function expect(actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`core gives ${a}, the naive reference ${e}`);
}
