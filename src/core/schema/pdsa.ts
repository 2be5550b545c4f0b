import * as z from "zod";
import { isDay } from "../period";
import { Slug, text } from "./common";

/**
 * What a team decided at the end of a PDSA cycle (the "Act" of Plan-Do-Study-Act): adopt the change,
 * adapt it and test again, abandon it, or continue testing it as it is. The four words of the IHI's
 * PDSA worksheet ("Act: … adapt, adopt, or abandon?", IHI, "Plan-Do-Study-Act (PDSA) Worksheet",
 * https://www.ihi.org/resources/tools/plan-do-study-act-pdsa-worksheet), plus `continue` for a
 * cycle still running or repeated unchanged.
 */
export const PdsaDecision = z.enum(["adopt", "adapt", "abandon", "continue"]);
export type PdsaDecision = z.infer<typeof PdsaDecision>;

/** A calendar day `YYYY-MM-DD` that exists (core's `isDay`): the start and end of a cycle. */
export const CalendarDay = z.string().refine(isDay, { error: "use a date written YYYY-MM-DD, e.g. 2026-03-15" });
export type CalendarDay = z.infer<typeof CalendarDay>;

/** The most cycles one report may carry: a busy team runs a few a month over a two-year collaborative. */
export const MAX_CYCLES = 500;

/**
 * One PDSA cycle of a team's log, as the team sends it with its monthly report. `cycleId` is the
 * team's own label for the cycle ("1", "2a", "Cycle 3"): it is the cycle's stable id, so sending a
 * cycle again with the same label and a changed field makes a new revision of that cycle, and a
 * cycle left out of a report is kept as it was (a log row deleted by mistake loses nothing).
 *
 * - `measureIds`: the measures the change aims to move (the cycle is drawn on their run charts); may
 *   be empty (the cycle still counts as a change tested)
 * - `endDate`: `null` while the cycle runs; when given, on or after `startDate`
 * - `decision`: required once the cycle has ended (`endDate` given); `null` while it runs
 */
export const PdsaCycle = z
  .strictObject({
    cycleId: text(40).min(1, "give the cycle a label, e.g. 1 or 2a"),
    changeIdea: text(500).min(1, "say what change the cycle tests"),
    measureIds: z.array(Slug).max(50, "name at most 50 measures"),
    prediction: text(2000).default(""),
    startDate: CalendarDay,
    endDate: CalendarDay.nullable(),
    whatHappened: text(2000).default(""),
    decision: PdsaDecision.nullable(),
  })
  .superRefine((cycle, ctx) => {
    if (cycle.endDate !== null && isDay(cycle.endDate) && isDay(cycle.startDate) && cycle.endDate < cycle.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: `the cycle ends (${cycle.endDate}) before it starts (${cycle.startDate})` });
    }
    if (cycle.endDate !== null && cycle.decision === null) {
      ctx.addIssue({ code: "custom", path: ["decision"], message: "the cycle has ended: say adopt, adapt, abandon or continue" });
    }
  });
export type PdsaCycle = z.infer<typeof PdsaCycle>;

/**
 * The key two cycle labels are compared by: trimmed and case-folded, so "Cycle 2" and "cycle 2" are
 * one cycle (a label retyped in another case must not make a second cycle).
 *
 * @example
 * cycleKey(" Cycle 2 "); // => "cycle 2"
 */
export function cycleKey(cycleId: string): string {
  return cycleId.trim().replace(/\s+/g, " ").toLowerCase();
}

/** The cycles of a report: at most {@link MAX_CYCLES}, each label once (compared by {@link cycleKey}). */
export const PdsaCycles = z
  .array(PdsaCycle)
  .max(MAX_CYCLES, `send at most ${MAX_CYCLES} cycles in one report`)
  .superRefine((cycles, ctx) => {
    const first = new Map<string, number>();
    cycles.forEach((cycle, i) => {
      const key = cycleKey(cycle.cycleId);
      const at = first.get(key);
      if (at === undefined) first.set(key, i);
      else ctx.addIssue({ code: "custom", path: [i, "cycleId"], message: `cycle ${JSON.stringify(cycle.cycleId)} is already cycle ${at + 1} of this report: give each cycle its own label` });
    });
  });
