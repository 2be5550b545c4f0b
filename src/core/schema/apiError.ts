import * as z from "zod";
import { Conflict, SubmissionSummary } from "./summary";

/** Stable error codes of the data store's API, each with one HTTP status (see src/server). */
export const ApiErrorCode = z.enum([
  "BAD_REQUEST",
  "MALFORMED_JSON",
  "VALIDATION",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "IDEMPOTENCY_KEY_REUSED",
  "SUBMISSION_REJECTED",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "INTERNAL",
  "SERVICE_UNAVAILABLE",
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

/** Every error body the data store sends has this one shape. */
export const ApiError = z.object({
  code: ApiErrorCode,
  message: z.string(),
  conflicts: z.array(Conflict).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/**
 * The 422 answer to a report of which nothing could be stored (every point refused, or the reporting
 * month itself refused): both a `SubmissionSummary` (status `rejected`, the counts, every conflict with
 * its path) and an `ApiError` (code `SUBMISSION_REJECTED`, a message saying what happened), so a
 * client that only knows the error shape still gets the message and the conflicts.
 */
export const SubmissionRejected = SubmissionSummary.extend({
  status: z.literal("rejected"),
  code: z.literal("SUBMISSION_REJECTED"),
  message: z.string(),
});
export type SubmissionRejected = z.infer<typeof SubmissionRejected>;
