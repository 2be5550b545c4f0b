/**
 * Where a run chart shows the PDSA cycles of one measure: a mark at the month each cycle started and
 * at the month it ended, so a signal can be read against the change that preceded it. The faculty app
 * and the workbook's chart both draw these marks; the rule lives here once.
 */
import type { PdsaCycle } from "../schema/pdsa";

/** One mark on a monthly run chart. */
export type CycleMark = {
  cycleId: string;
  /** `start`: the cycle started this month; `end`: it ended this month (with its decision) */
  kind: "start" | "end";
  /** the month, `YYYY-MM` */
  period: string;
  /** 0-based position of `period` in the chart's months */
  index: number;
  /** "C2 start: Teach-back at discharge" / "C2 end (adopt): Teach-back at discharge" */
  label: string;
};

/**
 * The marks of the cycles that aim at `measureId` on a chart of `months`, in month order (starts
 * before ends within a month, then by cycle label). A cycle with no measure named is on no chart; a
 * start or end outside the chart's months has no mark; a running cycle (no end date) has only its start.
 *
 * Runs in O(c log c + m) for c cycles and m months.
 *
 * @param cycles the team's cycles
 * @param months the chart's months, `YYYY-MM`, in order
 * @param measureId the chart's measure
 * @returns the marks
 * @example
 * cycleMarks([{ cycleId: "1", changeIdea: "Huddle", measureIds: ["falls"], prediction: "", startDate: "2026-02-03", endDate: "2026-03-20", whatHappened: "", decision: "adopt" }], ["2026-01", "2026-02", "2026-03"], "falls").map((m) => `${m.kind}@${m.index}`); // => ["start@1", "end@2"]
 */
export function cycleMarks(
  cycles: readonly Pick<PdsaCycle, "cycleId" | "changeIdea" | "measureIds" | "startDate" | "endDate" | "decision">[],
  months: readonly string[],
  measureId: string,
): CycleMark[] {
  // A month twice (a sheet with a duplicate row) is marked at its first point.
  const position = new Map<string, number>();
  months.forEach((m, i) => {
    if (m !== "" && !position.has(m)) position.set(m, i);
  });
  const marks: CycleMark[] = [];
  for (const cycle of cycles) {
    if (!cycle.measureIds.includes(measureId)) continue;
    const name = /^\d/.test(cycle.cycleId) ? `C${cycle.cycleId}` : cycle.cycleId;
    const start = cycle.startDate.slice(0, 7);
    const at = position.get(start);
    if (at !== undefined) marks.push({ cycleId: cycle.cycleId, kind: "start", period: start, index: at, label: `${name} start: ${cycle.changeIdea}` });
    if (cycle.endDate !== null) {
      const end = cycle.endDate.slice(0, 7);
      const endAt = position.get(end);
      const decision = cycle.decision === null ? "" : ` (${cycle.decision})`;
      if (endAt !== undefined) marks.push({ cycleId: cycle.cycleId, kind: "end", period: end, index: endAt, label: `${name} end${decision}: ${cycle.changeIdea}` });
    }
  }
  return marks.sort((a, b) => a.index - b.index || (a.kind === b.kind ? 0 : a.kind === "start" ? -1 : 1) || a.cycleId.localeCompare(b.cycleId));
}
