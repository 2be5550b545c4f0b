// The data store's fetch client. Outgoing bodies are checked with the shared zod schemas before they are
// sent; every response is parsed with them, so a drift between add-in and server fails loudly here
// instead of showing wrong numbers. Errors become ApiFailure with a sentence a data lead can act on.
// The shared part (fetch, parse with a schema, ApiFailure) is src/web/api, which the faculty app uses too.
import { CollaborativeLearning, Me, PeriodsResponse, PointsResponse, RunChartsResponse, SubmissionInput, SubmissionSummary, TeamStatus } from "../../core/index";
import { createRequester, type FetchLike } from "../../web/api/index";
import { ApiFailure, plainMessage } from "./errors";

export type { FetchLike };

export interface ApiClientOptions {
  /** The data store's origin, e.g. "https://qi.example.org" (a trailing slash is ignored). */
  baseUrl: string;
  /** The team's bearer token. */
  token: string;
  /** Default: the global fetch. */
  fetch?: FetchLike;
  /** Abort a request that has not answered after this many milliseconds (default 30,000). */
  timeoutMs?: number;
}

export interface SubmitOptions {
  /** Made once per report; the same key on every retry makes the server store the report once. */
  idempotencyKey: string;
}

export interface ApiClient {
  readonly baseUrl: string;
  me(): Promise<Me>;
  /** `POST …/submissions?dryRun=true`: what would happen; nothing is stored. */
  dryRun(collaborativeId: string, report: SubmissionInput): Promise<SubmissionSummary>;
  /** `POST …/submissions` with Idempotency-Key. */
  submit(collaborativeId: string, report: SubmissionInput, options: SubmitOptions): Promise<SubmissionSummary>;
  teamStatus(collaborativeId: string, teamId: string, asOf?: string): Promise<TeamStatus>;
  /** Lock state of every month (which months no longer accept changes). */
  periods(collaborativeId: string, asOf?: string): Promise<PeriodsResponse>;
  /** The team's stored points (its history), all measures. */
  points(collaborativeId: string, teamId: string): Promise<PointsResponse>;
  /** One measure's run charts of the teams this token may see (the server applies the sharing mode). */
  runCharts(collaborativeId: string, measureId: string): Promise<RunChartsResponse>;
  /** The other teams' latest narratives and the % at 4+, as the sharing mode allows (cut on the server). */
  learning(collaborativeId: string): Promise<CollaborativeLearning>;
}

/** Checks a store URL typed by a person: http(s), no path; returns the origin or a message. */
export function normaliseStoreUrl(input: string): { url: string } | { error: string } {
  const trimmed = input.trim();
  if (trimmed === "") return { error: "Enter the data store's address, e.g. https://qi.example.org" };
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { error: `"${trimmed}" is not a web address: use the form https://qi.example.org` };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return { error: "Use an address that starts with https://" };
  return { url: parsed.origin };
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  // 401 always reads the same; the server's wording is kept for the kinds where it says what to fix.
  const http = createRequester({
    baseUrl: options.baseUrl,
    token: options.token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    messageFor: (kind, serverMessage) =>
      kind === "unauthorized" || kind === "network" || kind === "server" || kind === "rate_limited" || kind === "contract" ? plainMessage(kind) : plainMessage(kind, serverMessage),
  });
  const request = http.json;
  const baseUrl = http.baseUrl;

  function checkBody(report: SubmissionInput): SubmissionInput {
    const parsed = SubmissionInput.safeParse(report);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` (${first.path.join(".")})` : "";
      throw new ApiFailure("invalid_body", `The report is not valid yet${where}: ${first?.message ?? "unknown problem"}`);
    }
    return parsed.data;
  }

  const segment = encodeURIComponent;

  return {
    baseUrl,
    me: () => request("GET", "/api/v1/me", Me),
    dryRun: async (collaborativeId, report) =>
      request("POST", `/api/v1/collaboratives/${segment(collaborativeId)}/submissions?dryRun=true`, SubmissionSummary, { body: checkBody(report) }),
    submit: async (collaborativeId, report, { idempotencyKey }) =>
      request("POST", `/api/v1/collaboratives/${segment(collaborativeId)}/submissions`, SubmissionSummary, {
        body: checkBody(report),
        headers: { "idempotency-key": idempotencyKey },
      }),
    teamStatus: (collaborativeId, teamId, asOf) =>
      request(
        "GET",
        `/api/v1/collaboratives/${segment(collaborativeId)}/teams/${segment(teamId)}/status${asOf ? `?asOf=${segment(asOf)}` : ""}`,
        TeamStatus,
      ),
    periods: (collaborativeId, asOf) =>
      request("GET", `/api/v1/collaboratives/${segment(collaborativeId)}/periods${asOf ? `?asOf=${segment(asOf)}` : ""}`, PeriodsResponse),
    points: (collaborativeId, teamId) =>
      request("GET", `/api/v1/collaboratives/${segment(collaborativeId)}/points?teamId=${segment(teamId)}`, PointsResponse),
    runCharts: (collaborativeId, measureId) =>
      request("GET", `/api/v1/collaboratives/${segment(collaborativeId)}/runcharts?measureId=${segment(measureId)}`, RunChartsResponse),
    learning: (collaborativeId) => request("GET", `/api/v1/collaboratives/${segment(collaborativeId)}/learning`, CollaborativeLearning),
  };
}
