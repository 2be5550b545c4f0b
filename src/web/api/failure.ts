// One error type for everything that can go wrong talking to the data store, shared by every browser
// door (the task pane, the faculty app): the kind of failure, the HTTP status and code, the conflicts
// the server listed, and whether trying again later can help. The sentence shown is the door's own.
import type { ApiErrorCode, Conflict } from "../../core/index";

/**
 * - `network`: fetch threw (offline, DNS, CORS, timeout): retry later
 * - `server`: 5xx: retry later
 * - `rate_limited`: 429: retry later
 * - `unauthorized`: 401: the token was not accepted
 * - `forbidden`: 403
 * - `not_found`: 404
 * - `validation`: 422 or 400 with conflicts or schema errors: fix the data, do not retry
 * - `key_reused`: 409 IDEMPOTENCY_KEY_REUSED: the key was used for a different report
 * - `request`: any other 4xx
 * - `contract`: the response did not match the shared schema (client and server disagree)
 * - `invalid_body`: the body failed the shared schema before sending (nothing was sent)
 */
export type ApiFailureKind =
  | "network"
  | "server"
  | "rate_limited"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "validation"
  | "key_reused"
  | "request"
  | "contract"
  | "invalid_body";

const RETRYABLE: ReadonlySet<ApiFailureKind> = new Set(["network", "server", "rate_limited"]);

export class ApiFailure extends Error {
  override name = "ApiFailure";
  readonly kind: ApiFailureKind;
  readonly status: number | null;
  readonly code: ApiErrorCode | null;
  readonly conflicts: readonly Conflict[];
  /** Seconds the server asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | null;

  constructor(
    kind: ApiFailureKind,
    message: string,
    details: { status?: number | null; code?: ApiErrorCode | null; conflicts?: readonly Conflict[]; retryAfterSeconds?: number | null } = {},
  ) {
    super(message);
    this.kind = kind;
    this.status = details.status ?? null;
    this.code = details.code ?? null;
    this.conflicts = details.conflicts ?? [];
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
  }

  /** A request that failed this way may succeed when sent again later (the pane's outbox does). */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

/** The kind of a failed answer, from its status and the `ApiError` code. */
export function kindForStatus(status: number, code: string | null): ApiFailureKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  if (code === "IDEMPOTENCY_KEY_REUSED") return "key_reused";
  if (status === 422 || code === "VALIDATION") return "validation";
  return "request";
}
