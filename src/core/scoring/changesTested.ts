/**
 * "Changes tested", the count the IHI Assessment Scale's levels 2 and up ask for, decided once for
 * every door (the data store, the task pane and `QI.SCORE` all reach it through `teamEvidence`).
 */
import type { PdsaCycle } from "../schema/pdsa";

/**
 * How an annotation is compared with another when changes are counted: trimmed, inner runs of white
 * space made one space, and case-folded, so "Checklist", "checklist " and "CHECKLIST" are one change.
 * An annotation is typed by hand each month; a change in capitals or spacing is the same change.
 *
 * @param annotation the annotation text
 * @returns the key, or `null` for a blank annotation
 * @example
 * changeKey("  Daily  Checklist "); // => "daily checklist"
 * changeKey("   "); // => null
 */
export function changeKey(annotation: string | null | undefined): string | null {
  if (annotation === null || annotation === undefined) return null;
  const key = annotation.trim().replace(/\s+/g, " ").toLowerCase();
  return key === "" ? null : key;
}

/** What {@link countChangesTested} counts. */
export type ChangesTestedInput = {
  /** the annotations of the team's points up to the reporting month (blank ones are ignored) */
  annotations: readonly (string | null | undefined)[];
  /** the team's PDSA cycles; only those started by the end of `reportingMonth` count */
  cycles?: readonly Pick<PdsaCycle, "changeIdea" | "startDate">[] | undefined;
  /** the month the count is for, `YYYY-MM` */
  reportingMonth: string;
  /** the "changes tested" text of the reporting month's narrative */
  narrativeChanges?: string | null | undefined;
};

/**
 * The number of distinct changes a team has tested by the end of a reporting month:
 *
 * - **PDSA cycles** are the primary evidence: each cycle started on or before the last day of the
 *   reporting month tests its change idea. Cycles of one change (adapted and tested again, "2a",
 *   "2b") are one change: the IHI scale counts changes, not cycles ("Testing has begun: PDSA cycles
 *   of changes", IHI Assessment Scale for Collaboratives, level 2.0).
 * - **Annotations** on the run charts name a change tested that month, as before cycles were data.
 * - Both are compared by `changeKey` (trimmed, case-folded) *together*: a change typed as an
 *   annotation and as a cycle's change idea is one change.
 * - When neither names a change but the reporting month's narrative says what was tested, 1.
 *
 * Runs in O(a + c) for a annotations and c cycles.
 *
 * @param input annotations, cycles, the reporting month and the narrative's changes text
 * @returns a whole number ≥ 0
 * @example
 * countChangesTested({ annotations: ["Checklist", null], cycles: [{ changeIdea: "checklist", startDate: "2026-02-10" }, { changeIdea: "Huddle", startDate: "2026-02-20" }, { changeIdea: "Teach-back", startDate: "2026-04-01" }], reportingMonth: "2026-03" }); // => 2
 * countChangesTested({ annotations: [], reportingMonth: "2026-03", narrativeChanges: "We tried a huddle" }); // => 1
 */
export function countChangesTested(input: ChangesTestedInput): number {
  const changes = new Set<string>();
  for (const annotation of input.annotations) {
    const key = changeKey(annotation);
    if (key !== null) changes.add(key);
  }
  for (const cycle of input.cycles ?? []) {
    if (cycle.startDate.slice(0, 7) > input.reportingMonth) continue;
    const key = changeKey(cycle.changeIdea);
    if (key !== null) changes.add(key);
  }
  if (changes.size > 0) return changes.size;
  return changeKey(input.narrativeChanges) !== null ? 1 : 0;
}
