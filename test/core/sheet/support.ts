// Shared test data for the measure-sheet tests: measures, a collaborative, and a sheet builder.
import { CollaborativeDefinition, MeasureDefinition, type MeasureSheetReading, readMeasureSheet } from "../../../src/core/index";

export const bundle = MeasureDefinition.parse({
  id: "bundle-compliance",
  name: "Bundle compliance",
  type: "process",
  kind: "percent",
  improvementDirection: "increase",
  goal: 95,
  operationalDefinition: "Central line insertions with every bundle element documented, of all insertions.",
});
export const clabsi = MeasureDefinition.parse({
  id: "clabsi-rate",
  name: "CLABSI rate",
  type: "outcome",
  kind: "rate",
  multiplier: 1000,
  unit: "per 1,000 line-days",
  improvementDirection: "decrease",
});
export const falls = MeasureDefinition.parse({
  id: "falls",
  name: "Falls",
  type: "balancing",
  kind: "count",
  improvementDirection: "decrease",
  required: false,
});
export const los = MeasureDefinition.parse({
  id: "los",
  name: "Length of stay",
  type: "balancing",
  kind: "mean",
  unit: "days",
  improvementDirection: "decrease",
  required: false,
});

export const collaborative = CollaborativeDefinition.parse({
  id: "clabsi-2026",
  name: "CLABSI collaborative 2026",
  startMonth: "2026-01",
  endMonth: "2026-12",
  measures: [bundle, clabsi, falls],
});

/** Read a sheet whose table starts at A1; `formulas` default to the values (no formulas). */
export function read(
  values: unknown[][],
  options: { measure?: MeasureDefinition; formulas?: unknown[][]; numberFormat?: unknown[][]; sheetName?: string; origin?: { row: number; column: number } } = {},
): MeasureSheetReading {
  return readMeasureSheet({ sheetName: options.sheetName ?? "Sheet", values, ...options });
}

/** The codes and messages of a reading's issues, for compact assertions. */
export function messages(reading: { issues: { code: string; message: string }[] } | { code: string; message: string }[]): string[] {
  const issues = Array.isArray(reading) ? reading : reading.issues;
  return issues.map((i) => `${i.code} ${i.message}`);
}
