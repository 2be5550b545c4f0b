import * as z from "zod";
import { hasNoNul, NUL_MESSAGE } from "./common";
import { CollaborativeDefinition, MeasureDefinition, RuleSet, SharingMode } from "./collaborative";
import { PdsaDecision } from "./pdsa";
import { Narrative, PointInput } from "./submission";
import { Conflict, SubmissionSummary } from "./summary";

// Response bodies of the data store's read endpoints. The add-in parses every answer with these, so
// a drift between server and client fails loudly instead of showing wrong numbers.

/** `GET /health`. */
export const Health = z.object({
  status: z.literal("ok"),
  engine: z.enum(["sqlite", "postgres"]),
  version: z.string(),
});
export type Health = z.infer<typeof Health>;

/**
 * A team as the reader may see it. In a `blinded` collaborative a team token sees other teams as
 * "Team A", "Team B"... (stable letters, by the order teams joined) with `id: null`; in an
 * `aggregate` one it sees only its own team.
 */
export const TeamView = z.object({
  id: z.string().nullable(),
  name: z.string(),
  organisation: z.string(),
  /** the reader's own team */
  own: z.boolean(),
});
export type TeamView = z.infer<typeof TeamView>;

/** `GET /api/v1/collaboratives/{id}`: the definition, plus the teams the reader may see. */
export const CollaborativeView = CollaborativeDefinition.safeExtend({
  teams: z.array(TeamView),
  /** every team of the collaborative, including those the reader may not see */
  teamCount: z.number().int().nonnegative(),
});
export type CollaborativeView = z.infer<typeof CollaborativeView>;

/** `GET /api/v1/collaboratives`: the collaboratives a token may read. */
export const CollaborativeList = z.object({
  collaboratives: z.array(
    z.object({ id: z.string(), name: z.string(), startMonth: z.string(), endMonth: z.string(), sharing: SharingMode, teamCount: z.number().int() }),
  ),
});
export type CollaborativeList = z.infer<typeof CollaborativeList>;

/** The current value of one month of one measure of one team (its latest revision, not retracted). */
export const CurrentPoint = z.object({
  period: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  annotation: z.string().nullable(),
  /** revision of the team's monthly report that last set this point */
  revision: z.number().int().positive(),
  receivedAt: z.string(),
});
export type CurrentPoint = z.infer<typeof CurrentPoint>;

/** One team's current points of one measure, labelled per the sharing mode. */
export const TeamSeries = z.object({
  /** `null` for a blinded team */
  teamId: z.string().nullable(),
  /** the team's name, or "Team C" when blinded */
  teamLabel: z.string(),
  own: z.boolean(),
  points: z.array(CurrentPoint),
});
export type TeamSeries = z.infer<typeof TeamSeries>;

/**
 * The collaborative's pooled month: sum of numerators over sum of denominators, turned into a value by
 * the measure's kind (a `mean`, a typed value, pools as the mean of the teams' values).
 */
export const AggregatePoint = z.object({
  period: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  /** teams with a value that month */
  teamCount: z.number().int().nonnegative(),
  /**
   * Small-cell suppression: `true` when the numbers are withheld (`null`) because a team reading an
   * `aggregate` collaborative could derive fewer than MIN_OTHER_TEAMS other teams' figures from them
   * (core's suppressPool).
   */
  suppressed: z.boolean(),
});
export type AggregatePoint = z.infer<typeof AggregatePoint>;

export const MeasurePoints = z.object({
  measureId: z.string(),
  series: z.array(TeamSeries),
  aggregate: z.array(AggregatePoint),
});
export type MeasurePoints = z.infer<typeof MeasurePoints>;

/** `GET /api/v1/collaboratives/{id}/points?measureId=&teamId=`. */
export const PointsResponse = z.object({
  collaborativeId: z.string(),
  sharing: SharingMode,
  measures: z.array(MeasurePoints),
});
export type PointsResponse = z.infer<typeof PointsResponse>;

/** One stored revision of a team's monthly report, as listed in its history. */
export const SubmissionListItem = z.object({
  submissionId: z.string(),
  reportingMonth: z.string(),
  revision: z.number().int().positive(),
  receivedAt: z.string(),
  counts: SubmissionSummary.shape.counts,
});
export type SubmissionListItem = z.infer<typeof SubmissionListItem>;

/** `GET /api/v1/collaboratives/{id}/teams/{teamId}/submissions`: newest first. */
export const SubmissionHistory = z.object({
  collaborativeId: z.string(),
  teamId: z.string(),
  submissions: z.array(SubmissionListItem),
});
export type SubmissionHistory = z.infer<typeof SubmissionHistory>;

/** `GET …/submissions/{submissionId}`: one past revision in full, points as they were sent. */
/** A PDSA cycle as the data store returns it (the fields of `PdsaCycle`, as stored). */
export const CycleView = z.object({
  cycleId: z.string(),
  changeIdea: z.string(),
  measureIds: z.array(z.string()),
  prediction: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  whatHappened: z.string(),
  decision: PdsaDecision.nullable(),
});
export type CycleView = z.infer<typeof CycleView>;

/** A team's current PDSA cycle: as last sent, with the report that sent it. */
export const CurrentCycle = CycleView.extend({
  teamId: z.string(),
  /** the revision (of its reporting month) of the report that last changed the cycle */
  revision: z.number().int().positive(),
  submissionId: z.string(),
  receivedAt: z.string(),
});
export type CurrentCycle = z.infer<typeof CurrentCycle>;

/**
 * `GET /api/v1/collaboratives/{id}/teams/{teamId}/cycles` (one team) and
 * `GET /api/v1/collaboratives/{id}/cycles?teamId=&measureId=` (faculty, admin): current PDSA cycles,
 * by team, start date and label. A cycle is never deleted: one left out of a later report stays.
 */
export const CyclesResponse = z.object({
  collaborativeId: z.string(),
  cycles: z.array(CurrentCycle),
});
export type CyclesResponse = z.infer<typeof CyclesResponse>;

export const SubmissionDetail = SubmissionListItem.extend({
  collaborativeId: z.string(),
  teamId: z.string(),
  points: z.array(PointInput),
  /** the PDSA cycles this revision carried, as sent (`[]` when none) */
  cycles: z.array(CycleView),
  narrative: Narrative.nullable(),
  selfAssessment: z.number().nullable(),
  client: z.object({ name: z.string(), version: z.string() }).nullable(),
  /** what the server said about this revision's points when it arrived */
  conflicts: z.array(Conflict),
});
export type SubmissionDetail = z.infer<typeof SubmissionDetail>;

/**
 * Where a monthly report stands (the counts of `Completeness` use the same words: `onTime`, `late`,
 * `missing`, and `received` = `onTime` + `late`):
 * - `on_time`: first received on or before its due date
 * - `late`: first received after its due date
 * - `missing`: not received and the due date has passed
 * - `not_due`: not received and not due yet (due today counts as not due)
 */
export const ReportStatus = z.enum(["on_time", "late", "missing", "not_due"]);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** `GET /api/v1/collaboratives/{id}/teams/{teamId}/status?asOf=`: the month that is due now. */
export const TeamStatus = z.object({
  collaborativeId: z.string(),
  teamId: z.string(),
  asOf: z.string(),
  reportingMonth: z.string(),
  dueDate: z.string(),
  status: ReportStatus,
  latestRevision: z.number().int().nullable(),
  receivedAt: z.string().nullable(),
  firstReceivedAt: z.string().nullable(),
  /**
   * Since the team joined: months whose due date passed without a report (`locked`: it can no longer
   * be sent without an admin reopening it) and months reported after their due date, oldest first
   * (core's `teamBacklog`). What the reminders are about. Absent from servers before it was added.
   */
  backlog: z
    .object({
      joinMonth: z.string(),
      missing: z.array(z.object({ period: z.string(), dueDate: z.string(), locked: z.boolean() })),
      late: z.array(z.object({ period: z.string(), dueDate: z.string(), firstReceivedAt: z.string() })),
    })
    .optional(),
  /** the reporting month no longer accepts changes */
  locked: z.boolean(),
  /**
   * whether the team owes the reporting month (core's owesMonth): `false` before its join month or
   * once it is no longer active, and then the status is never `missing` (API 0.3.0; absent from
   * older servers' answers)
   */
  owed: z.boolean().optional(),
});
export type TeamStatus = z.infer<typeof TeamStatus>;

/** A month's lock state: locked by an admin, automatically `lockAfterDays` after its due date, or reopened. */
export const PeriodState = z.object({
  period: z.string(),
  dueDate: z.string(),
  /** when the month locks by itself; `null` when the collaborative never locks */
  lockDate: z.string().nullable(),
  locked: z.boolean(),
  /** `manual`: locked by an admin; `auto`: past its lock date; `reopened`: an admin reopened it; `open` */
  state: z.enum(["open", "auto", "manual", "reopened"]),
  reason: z.string().nullable(),
  changedAt: z.string().nullable(),
});
export type PeriodState = z.infer<typeof PeriodState>;

/** `GET /api/v1/collaboratives/{id}/periods?asOf=`, and the body of lock/reopen answers (one period). */
export const PeriodsResponse = z.object({
  collaborativeId: z.string(),
  asOf: z.string(),
  periods: z.array(PeriodState),
});
export type PeriodsResponse = z.infer<typeof PeriodsResponse>;

/** `POST …/periods/{period}/lock` and `/reopen` bodies: a reason (required to reopen; core's `checkPeriodChange` says how long). */
export const PeriodChangeInput = z.strictObject({
  reason: z.string().refine(hasNoNul, { error: NUL_MESSAGE }).optional(),
});
export type PeriodChangeInput = z.infer<typeof PeriodChangeInput>;

/** The rules a run-chart signal comes from, in plain words (core's `readRunChart`). */
export const RunChartRule = z.enum([
  "shift",
  "trend",
  "too few runs",
  "too many runs",
  "long run",
  "too few crossings",
  "outside the limits",
  "7 points rising or falling",
  "2 of 3 near a limit",
  "7 points on one side",
]);
export type RunChartRule = z.infer<typeof RunChartRule>;

/** One signal of non-random variation under the collaborative's rule set. */
export const RunChartSignalView = z.object({
  rule: RunChartRule,
  /** indexes into the series' `points`; empty for a whole-chart signal (runs, crossings) */
  points: z.array(z.number().int().nonnegative()),
  /** `high`: above the center line or rising; `low`: below it or falling; `null`: no side */
  side: z.enum(["high", "low"]).nullable(),
  /** the side read with the measure's direction of improvement */
  meaning: z.enum(["improvement", "concern", "neutral"]),
});
export type RunChartSignalView = z.infer<typeof RunChartSignalView>;

/** One team's run chart of one measure, read on the server by core's `readRunChart` under the collaborative's rule set. */
export const RunChartSeries = z.object({
  teamId: z.string().nullable(),
  teamLabel: z.string(),
  own: z.boolean(),
  points: z.array(z.object({ period: z.string(), value: z.number().nullable(), annotation: z.string().nullable() })),
  /** the median (`ihi`, `anhoej`) or the XmR mean (`mdc`) of the points; `null` without data */
  centerLine: z.number().nullable(),
  /** the process limits (`mdc` only); `null` otherwise */
  lpl: z.number().nullable(),
  upl: z.number().nullable(),
  signals: z.array(RunChartSignalView),
  /** a signal means improvement in the measure's direction (the score evidence's `improving`) */
  improving: z.boolean(),
});
export type RunChartSeries = z.infer<typeof RunChartSeries>;

/**
 * `GET /api/v1/collaboratives/{id}/runcharts?measureId=`: what the faculty page draws, read by the
 * collaborative's rule set, which the answer names.
 */
export const RunChartsResponse = z.object({
  collaborativeId: z.string(),
  ruleSet: RuleSet,
  /** the rules applied, as the page shows them in its legend */
  rules: z.object({ name: z.string(), centerLine: z.enum(["median", "mean"]), description: z.string() }),
  months: z.array(z.string()),
  measures: z.array(
    z.object({
      measureId: z.string(),
      name: z.string(),
      unit: z.string().nullable(),
      goal: z.number().nullable(),
      improvementDirection: MeasureDefinition.shape.improvementDirection,
      series: z.array(RunChartSeries),
      aggregate: z.array(AggregatePoint),
    }),
  ),
});
export type RunChartsResponse = z.infer<typeof RunChartsResponse>;
