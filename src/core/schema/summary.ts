import * as z from "zod";

/**
 * Stable codes for a point the server (or the add-in, before sending) refuses or warns about.
 * Greppable, never reworded: the add-in maps each to a cell and the docs explain each.
 */
export const ConflictCode = z.enum([
  "NUMERATOR_GT_DENOMINATOR",
  "DENOMINATOR_ZERO",
  "MISSING_NUMERATOR",
  "MISSING_DENOMINATOR",
  "MISSING_VALUE",
  "NUMERATOR_NOT_USED",
  "VALUE_MISMATCH",
  "VALUE_NOT_FINITE",
  "UNKNOWN_MEASURE",
  "MEASURE_RETIRED",
  "PERIOD_LOCKED",
  "PERIOD_OUTSIDE_COLLABORATIVE",
  "PERIOD_IN_FUTURE",
  "DUPLICATE_POINT",
  "MISSING_REQUIRED_MEASURE",
  "NOT_A_NUMBER",
  "SCHEMA",
]);
export type ConflictCode = z.infer<typeof ConflictCode>;

/** One refused (severity error) or doubtful (severity warning) point, with the path of its row. */
export const Conflict = z.strictObject({
  /** Path into the submitted JSON, e.g. ["points", 12, "numerator"]. */
  path: z.array(z.union([z.string(), z.number()])),
  measureId: z.string().nullable(),
  period: z.string().nullable(),
  code: ConflictCode,
  message: z.string(),
  severity: z.enum(["error", "warning"]).default("error"),
});
export type Conflict = z.infer<typeof Conflict>;

/**
 * What a submission did (or, for a dry run, would do). Points with conflicts are rejected one by one;
 * the rest of the report still lands, so one bad cell never loses a month's work.
 * - `dry_run`: nothing saved
 * - `accepted`: a new revision was stored
 * - `unchanged`: every point equals what is stored; no revision made
 * - `rejected`: nothing could be stored (every point refused)
 */
export const SubmissionSummary = z.strictObject({
  status: z.enum(["dry_run", "accepted", "unchanged", "rejected"]),
  counts: z.strictObject({
    created: z.number().int().nonnegative(),
    updated: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
  }),
  /**
   * What the report's PDSA cycles did, counted like points (a cycle is created, updated, unchanged
   * or rejected); present when the report carried `cycles`.
   */
  cycles: z
    .strictObject({
      created: z.number().int().nonnegative(),
      updated: z.number().int().nonnegative(),
      unchanged: z.number().int().nonnegative(),
      rejected: z.number().int().nonnegative(),
    })
    .optional(),
  conflicts: z.array(Conflict),
  /** The team's revision number for this reporting month (1, 2, ...); null for a dry run or no change. */
  revision: z.number().int().positive().nullable(),
  submissionId: z.string().nullable(),
  receivedAt: z.string().nullable(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummary>;
