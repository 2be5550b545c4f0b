// A client that sends one report until it gets a definitive answer, as the task pane's outbox does:
// the same body with the same Idempotency-Key every time, after a network error (the server was
// killed), a 503 (the database connection was lost), a 429, or any other 5xx; a 2xx or another 4xx
// is definitive. Each attempt may go to another server (the scale-out scenario's load balancer).

/** What the last attempt answered, and what happened on the way. */
export type Answer = {
  status: number;
  /** `Idempotent-Replay: true`: the stored answer of an earlier attempt (or of a concurrent request) */
  replay: boolean;
  body: unknown;
  attempts: number;
  /** attempts that ended without an HTTP answer (connection refused or reset, timeout) */
  networkErrors: number;
  /** 503 answers (with Retry-After: the documented answer to a lost database connection) */
  unavailable: number;
  /** 5xx answers other than 503: defects */
  serverErrors: number;
  /** each 5xx other than 503, for the report */
  serverErrorBodies: string[];
};

export type SendOptions = {
  /** the server for attempt `n` (0-based) */
  baseUrl: (attempt: number) => string;
  path: string;
  token: string;
  key: string;
  body: string;
  /** give up (throw) after this many ms without a definitive answer */
  giveUpAfterMs: number;
  /** one attempt's limit (default 20 s: a loaded two-core machine answers slowly) */
  attemptTimeoutMs?: number;
  /** stop retrying (throw) once this says so: the scenario has failed already */
  stopped?: () => boolean;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The body as JSON, or as text when it is not JSON (a definitive answer is never retried for its body). */
function parsed(text: string): unknown {
  try {
    return text === "" ? null : JSON.parse(text);
  } catch {
    return text;
  }
}

/** Whether an answer ends the retries: everything but 5xx, 429 and 408. */
export function isDefinitive(status: number): boolean {
  return status < 500 && status !== 429 && status !== 408;
}

/** Send until definitive; throws when `giveUpAfterMs` passes first (the scenario counts that report as unanswered). */
export async function sendUntilDefinitive(o: SendOptions): Promise<Answer> {
  const deadline = Date.now() + o.giveUpAfterMs;
  const answer: Answer = { status: 0, replay: false, body: null, attempts: 0, networkErrors: 0, unavailable: 0, serverErrors: 0, serverErrorBodies: [] };
  for (;;) {
    const attempt = answer.attempts++;
    let waitMs = Math.min(1000, 40 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random());
    try {
      const response = await fetch(`${o.baseUrl(attempt)}${o.path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${o.token}`, "content-type": "application/json", "idempotency-key": o.key },
        body: o.body,
        signal: AbortSignal.timeout(o.attemptTimeoutMs ?? 20_000),
      });
      const text = await response.text();
      answer.status = response.status;
      if (isDefinitive(response.status)) {
        answer.replay = response.headers.get("idempotent-replay") === "true";
        answer.body = parsed(text);
        return answer;
      }
      if (response.status === 503) answer.unavailable++;
      else if (response.status >= 500) {
        answer.serverErrors++;
        answer.serverErrorBodies.push(`${response.status} ${text.slice(0, 300)}`);
      }
      const retryAfter = Number(response.headers.get("retry-after"));
      if (Number.isFinite(retryAfter) && retryAfter > 0) waitMs = Math.min(waitMs + retryAfter * 1000, 2000);
    } catch {
      answer.networkErrors++;
    }
    if (o.stopped?.()) throw new Error(`stopped before a definitive answer for key ${o.key} (${answer.attempts} attempts)`);
    if (Date.now() + waitMs > deadline) throw new Error(`no definitive answer for key ${o.key} in ${o.giveUpAfterMs} ms (${answer.attempts} attempts, last status ${answer.status})`);
    await sleep(waitMs);
  }
}
