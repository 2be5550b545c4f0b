import * as z from "zod";
import { Conflict } from "./summary";

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
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "INTERNAL",
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

/** Every error body the data store sends has this one shape. */
export const ApiError = z.object({
  code: ApiErrorCode,
  message: z.string(),
  conflicts: z.array(Conflict).optional(),
});
export type ApiError = z.infer<typeof ApiError>;
