/**
 * The data labels the workbook's run chart shows for PDSA cycles: one short label per chart point
 * where a cycle of the measure started or ended ("C2 start", "C1 end: adopt"), several joined by
 * "; ". Short, because a data label sits on the chart beside the point; the full change idea is in
 * the log and on the faculty app's marks (`cycleMarks`' labels).
 */
import type { PdsaCycle } from "../schema/pdsa";
import { cycleMarks } from "./cycleMarks";

/** One label on the chart's value series: the 0-based point and its text. */
export type ChartLabel = { point: number; text: string };

/**
 * The labels of one measure's chart.
 *
 * Runs in O(c log c + m), as `cycleMarks`.
 *
 * @param cycles the team's cycles
 * @param months the month of each chart point, in order (`""` for a point with no month)
 * @param measureId the chart's measure
 * @returns one label per marked point, by point
 * @example
 * cycleChartLabels([{ cycleId: "1", changeIdea: "Huddle", measureIds: ["falls"], prediction: "", startDate: "2026-02-03", endDate: "2026-02-20", whatHappened: "", decision: "adopt" }], ["2026-01", "2026-02"], "falls"); // => [{ point: 1, text: "C1 start; C1 end: adopt" }]
 */
export function cycleChartLabels(
  cycles: readonly Pick<PdsaCycle, "cycleId" | "changeIdea" | "measureIds" | "startDate" | "endDate" | "decision">[],
  months: readonly string[],
  measureId: string,
): ChartLabel[] {
  const byPoint = new Map<number, string[]>();
  for (const mark of cycleMarks(cycles, months, measureId)) {
    const name = /^\d/.test(mark.cycleId) ? `C${mark.cycleId}` : mark.cycleId;
    const cycle = cycles.find((c) => c.cycleId === mark.cycleId);
    const text = mark.kind === "start" ? `${name} start` : `${name} end${cycle?.decision ? `: ${cycle.decision}` : ""}`;
    byPoint.set(mark.index, [...(byPoint.get(mark.index) ?? []), text]);
  }
  return [...byPoint.entries()].sort((a, b) => a[0] - b[0]).map(([point, texts]) => ({ point, text: texts.join("; ") }));
}
