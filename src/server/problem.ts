// The one error type of the data store. Each stable code (src/core/schema/apiError.ts) has one HTTP
// status, kept in this registry; every error body is an ApiError `{ code, message, conflicts? }`.

import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiError, ApiErrorCode, Conflict } from "../core/index";

/** HTTP status of each error code (greppable, never reworded). */
export const STATUS_OF_CODE: Readonly<Record<ApiErrorCode, ContentfulStatusCode>> = Object.freeze({
  BAD_REQUEST: 400,
  MALFORMED_JSON: 400,
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  SUBMISSION_REJECTED: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
});

/** An error to answer with: its code decides the status; `message` is shown to the user as is. */
export class ApiProblem extends Error {
  override name = "ApiProblem";
  readonly code: ApiErrorCode;
  readonly status: ContentfulStatusCode;
  readonly conflicts: Conflict[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ApiErrorCode, message: string, options: { conflicts?: Conflict[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.code = code;
    this.status = STATUS_OF_CODE[code];
    this.conflicts = options.conflicts;
    this.headers = options.headers ?? {};
  }

  toBody(): ApiError {
    return this.conflicts === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, conflicts: this.conflicts };
  }
}
