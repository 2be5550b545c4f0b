import * as z from "zod";
import { Period, Slug, text } from "./common";
import { PdsaCycles } from "./pdsa";

/**
 * The largest magnitude a number of a report may have: 1e12 is beyond any monthly count of a health
 * system and any mean a team reports (minutes, days, mmHg), and small enough that pooling 4,000
 * teams' figures (DESIGN.md's campaign scale) stays far inside a double (issue 15, defect 3: two
 * values of 1.5e308 overflowed PostgreSQL's pooled average).
 */
export const MAX_AMOUNT = 1e12;

const amount = z.number().finite("must be a finite number").nonnegative("cannot be negative").max(MAX_AMOUNT, "is implausibly large");
/** A value (a mean may be negative, e.g. a change in weight); bounded like numerator and denominator. */
const pointNumber = z
  .number()
  .finite("must be a finite number")
  .min(-MAX_AMOUNT, "is implausibly large (at most 1e12 either side of 0)")
  .max(MAX_AMOUNT, "is implausibly large (at most 1e12 either side of 0)");

/**
 * One month of one measure as a team sends it. Monthly aggregates only: the object is strict, so a
 * field such as `patientId` or `dateOfBirth` is refused outright (DESIGN.md: no patient-level data).
 *
 * A point whose numerator, denominator and value are all missing is a *blank*: it never erases a
 * stored value. Only `retract` (with a reason) withdraws one.
 */
export const PointInput = z.strictObject({
  measureId: Slug,
  period: Period,
  numerator: amount.nullable().optional(),
  denominator: amount.nullable().optional(),
  value: pointNumber.nullable().optional(),
  /** The change tested that month, drawn on the run chart. */
  annotation: text(500).optional(),
  /** Withdraw the stored value for this month, e.g. "entered in the wrong month". */
  retract: z.strictObject({ reason: text(500).min(3, "say why the value is withdrawn") }).optional(),
});
export type PointInput = z.infer<typeof PointInput>;

/** The month's story: what the team tried, learned, struggled with and needs. */
export const Narrative = z.strictObject({
  changesTested: text(4000).default(""),
  lessons: text(4000).default(""),
  barriers: text(4000).default(""),
  helpWanted: text(4000).default(""),
});
export type Narrative = z.infer<typeof Narrative>;

/** A score on the IHI Assessment Scale for Collaboratives: 0.5 to 5.0 in steps of 0.5. */
export const AssessmentScoreValue = z
  .number()
  .min(0.5, "the IHI scale starts at 0.5")
  .max(5, "the IHI scale ends at 5.0")
  .refine((s) => Number.isInteger(s * 2), { error: "use steps of 0.5 (e.g. 3.5)" });
export type AssessmentScoreValue = z.infer<typeof AssessmentScoreValue>;

/** One team's report for one reporting month: points of every measure, narrative, self-assessment. */
export const SubmissionInput = z.strictObject({
  reportingMonth: Period,
  points: z.array(PointInput).max(5000, "send at most 5000 points in one report"),
  narrative: Narrative.optional(),
  selfAssessment: AssessmentScoreValue.optional(),
  /**
   * The team's PDSA log (every cycle, or only the changed ones): stored as revisions per cycle label,
   * like points per month. Omitted or `[]`: the stored cycles stay as they are.
   */
  cycles: PdsaCycles.optional(),
  /** Which client sent it, for support: e.g. { name: "excel-taskpane", version: "0.1.0" }. */
  client: z.strictObject({ name: text(60), version: text(30) }).optional(),
});
export type SubmissionInput = z.infer<typeof SubmissionInput>;
