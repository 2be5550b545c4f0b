import * as z from "zod";
import { ReportStatus } from "./reads";
import { TeamPage } from "./teamPage";

/** One team's report for one month in the completeness grid. */
export const CompletenessCell = z.object({
  period: z.string(),
  status: ReportStatus,
  /** latest revision number; `null` when nothing was received */
  revision: z.number().int().nullable(),
  firstReceivedAt: z.string().nullable(),
  /**
   * whether the team owes this month (core's owesMonth): `false` before its join month or once it is
   * no longer active; such a month with no report is `not_due` and counted nowhere (API 0.3.0;
   * absent from older servers' answers)
   */
  owed: z.boolean().optional(),
});
export type CompletenessCell = z.infer<typeof CompletenessCell>;

/**
 * Counts over months. `expected` = months the team owes that are due (their due date has passed),
 * or already received; a month the team does not owe (before its join month, or the team is no
 * longer active) and did not report counts nowhere; `expected = onTime + late + missing` and `received = onTime + late`.
 */
const Counts = {
  expected: z.number().int().nonnegative(),
  received: z.number().int().nonnegative(),
  onTime: z.number().int().nonnegative(),
  late: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
};

export const CompletenessTeam = z.object({
  teamId: z.string(),
  teamName: z.string(),
  ...Counts,
  /** one cell per month of `months`, in the same order */
  cells: z.array(CompletenessCell),
});
export type CompletenessTeam = z.infer<typeof CompletenessTeam>;

export const CompletenessMonth = z.object({
  period: z.string(),
  dueDate: z.string(),
  ...Counts,
  /** teams that owe this month and whose report is not due yet */
  notDue: z.number().int().nonnegative(),
});
export type CompletenessMonth = z.infer<typeof CompletenessMonth>;

/** `GET /api/v1/collaboratives/{id}/completeness?asOf=` (faculty, admin): who reported, who is late. */
export const Completeness = z.object({
  collaborativeId: z.string(),
  asOf: z.string(),
  /** from the collaborative's start to the reporting month current on `asOf` */
  /** the month totals count the teams of this answer (all of them, one with `teamId`, a page's) */
  months: z.array(CompletenessMonth),
  teams: z.array(CompletenessTeam),
  /** only when a page of teams was asked for (`teamOffset`, `teamLimit`) */
  page: TeamPage.optional(),
});
export type Completeness = z.infer<typeof Completeness>;
