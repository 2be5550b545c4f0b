// One error type for everything that can go wrong talking to the data store, with the plain sentence the
// data lead reads on screen and whether the outbox should try again.
import type { ApiErrorCode, Conflict } from "../../core/index";

/**
 * - `network`: fetch threw (offline, DNS, CORS, timeout): retry later with the same key
 * - `server`: 5xx: retry later
 * - `rate_limited`: 429: retry later
 * - `unauthorized`: 401: the token was not accepted; retry after a new one is pasted
 * - `forbidden`: 403
 * - `not_found`: 404
 * - `validation`: 422 or 400 with conflicts or schema errors: fix the data, do not retry
 * - `key_reused`: 409 IDEMPOTENCY_KEY_REUSED: the key was used for a different report
 * - `request`: any other 4xx
 * - `contract`: the response did not match the shared schema (client and server disagree)
 * - `invalid_body`: the report failed the shared schema before sending (nothing was sent)
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

  /** A report that failed this way is kept in the outbox and sent again later with the same key. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

export const TOKEN_REJECTED = "Your token was not accepted: paste a new one from your faculty";

/**
 * The server's message as a sentence for the pane: the data store words its messages in lower case
 * for API clients ("nothing was stored for 2026-11: …"); the pane starts them with a capital and ends
 * them with a full stop, like its own.
 */
export function asSentence(message: string | undefined): string | undefined {
  const text = message?.trim();
  if (!text) return undefined;
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The sentence shown for a failure whose server message is missing or too technical. */
export function plainMessage(kind: ApiFailureKind, message?: string): string {
  const serverMessage = asSentence(message);
  switch (kind) {
    case "network":
      return "The data store could not be reached. Check your connection; nothing is lost.";
    case "server":
      return "The data store had a problem. It will be tried again; nothing is lost.";
    case "rate_limited":
      return "The data store is busy. It will be tried again in a moment; nothing is lost.";
    case "unauthorized":
      return TOKEN_REJECTED;
    case "forbidden":
      return serverMessage ?? "This token may not do that: ask your faculty for a team token.";
    case "not_found":
      return serverMessage ?? "The data store does not know this collaborative or team. Check the store URL with your faculty.";
    case "validation":
      return serverMessage ?? "The data store refused some of the data: see the marked cells.";
    case "key_reused":
      return "This report was already sent with different contents. Submit it again to send the new version.";
    case "request":
      return serverMessage ?? "The data store refused the request.";
    case "contract":
      return "The data store answered in a form this add-in does not understand. Ask your faculty whether the add-in needs an update.";
    case "invalid_body":
      return serverMessage ?? "The report is not valid yet: see the issues listed.";
  }
}
