// Shared test data for the task pane tests: one collaborative with a percent, a rate and a count
// measure (derived from the suite's fixture collaborative), a team, and a fake data store (fetch)
// that keeps revisions and honours Idempotency-Key.
import type * as z from "zod";
import { ApiError, CollaborativeLearning, MeasureDefinition, Me, PeriodsResponse, PointsResponse, RunChartsResponse, SubmissionInput, SubmissionSummary, TeamStatus } from "../../../src/core/index";
import { parsedFixtureCollaborative } from "../../support/fixtureCollaborative";

/**
 * The suite's fixture collaborative (test/support) with the pane's own identity and measures: the
 * hand-made sheets (workbooks.ts) and the assertions are written against a percent, a rate and a
 * count measure named like a CLABSI collaborative's. Due day, lock, sharing and rule set are shared.
 */
export const collaborative = parsedFixtureCollaborative({
  id: "clabsi-2026",
  name: "Reducing CLABSI 2026",
  aim: "Halve central line infections by December 2026",
  measures: [
    MeasureDefinition.parse({ id: "bundle", name: "Bundle compliance", type: "process", kind: "percent", improvementDirection: "increase", goal: 95, operationalDefinition: "Insertions with every bundle element documented, over all insertions." }),
    MeasureDefinition.parse({ id: "clabsi-rate", name: "CLABSI rate", type: "outcome", kind: "rate", multiplier: 1000, unit: "per 1,000 line-days", improvementDirection: "decrease", goal: 1 }),
    MeasureDefinition.parse({ id: "falls", name: "Falls", type: "balancing", kind: "count", improvementDirection: "decrease", required: false }),
  ],
});

export const me: Me = Me.parse({
  role: "team",
  tokenLabel: "Riverside team",
  team: { id: "riverside", name: "Riverside Clinic", organisation: "Riverside Health" },
  collaborative,
});

export const STORE = "https://qi.example.org";
export const TOKEN = "team-token-1234";

/** The part of a fetch Response the client reads (jsdom test environments have no Response class). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const all = new Map(Object.entries({ "content-type": "application/json", ...headers }).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (name: string) => all.get(name.toLowerCase()) ?? null },
    text: async () => JSON.stringify(body),
  } as unknown as Response;
}

/**
 * An answer of the fake data store: the body is built as the schema's type and parsed by the same
 * schema the client parses with, so the fake cannot answer what the real server could not.
 */
export function answer<S extends z.ZodType>(schema: S, status: number, body: z.input<S>, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, schema.parse(body), headers);
}

export function summary(partial: Partial<SubmissionSummary> = {}): SubmissionSummary {
  return SubmissionSummary.parse({
    status: "accepted",
    counts: { created: 3, updated: 0, unchanged: 0, rejected: 0 },
    conflicts: [],
    revision: 1,
    submissionId: "sub-1",
    receivedAt: "2026-02-10T09:30:00.000Z",
    ...partial,
  });
}

/**
 * A fake data store behind fetch: stores each distinct Idempotency-Key's report once and replays the
 * first answer for a repeated key (what the real server promises). `failNext(n, how)` makes the next
 * n submission calls fail before (network) or after (lostResponse) the server stored the report.
 */
export class FakeStore {
  readonly revisions: { key: string; body: SubmissionInput }[] = [];
  readonly answers = new Map<string, SubmissionSummary>();
  readonly calls: { url: string; method: string; key: string | null; body: unknown }[] = [];
  private failures: ("network" | "lostResponse" | "server")[] = [];
  status: TeamStatus = TeamStatus.parse({
    collaborativeId: collaborative.id,
    teamId: "riverside",
    asOf: "2026-05-10",
    reportingMonth: "2026-04",
    dueDate: "2026-05-15",
    status: "not_due",
    latestRevision: null,
    receivedAt: null,
    firstReceivedAt: null,
    locked: false,
  });
  /** What GET …/runcharts and …/learning answer (the Collaborative tab); `null`: 404. */
  shared: { charts: RunChartsResponse; learning: CollaborativeLearning } | null = null;
  /** What GET /me answers (a test may retire a measure in its collaborative). */
  me: Me = me;
  /** What a dry run answers (counts and conflicts). */
  dryRunAnswer: SubmissionSummary = summary({ status: "dry_run", revision: null, submissionId: null, receivedAt: null });

  failNext(count: number, how: "network" | "lostResponse" | "server"): void {
    for (let i = 0; i < count; i++) this.failures.push(how);
  }

  fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const key = headers["idempotency-key"] ?? null;
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push({ url, method: init?.method ?? "GET", key, body });
    if (headers.authorization !== `Bearer ${TOKEN}`) return answer(ApiError, 401, { code: "UNAUTHENTICATED", message: "unknown token" });
    if (url.endsWith("/api/v1/me")) return answer(Me, 200, this.me);
    if (url.includes("/status")) return answer(TeamStatus, 200, this.status);
    if (url.includes("/periods")) return answer(PeriodsResponse, 200, { collaborativeId: collaborative.id, asOf: "2026-05-10", periods: [] });
    if (url.includes("/runcharts") && this.shared) return answer(RunChartsResponse, 200, this.shared.charts);
    if (url.includes("/learning") && this.shared) return answer(CollaborativeLearning, 200, this.shared.learning);
    if (url.includes("/points")) return answer(PointsResponse, 200, { collaborativeId: collaborative.id, sharing: "named", measures: [] });
    if (url.includes("/submissions")) {
      const failure = this.failures.shift();
      if (failure === "network") throw new TypeError("Failed to fetch");
      if (failure === "server") return answer(ApiError, 503, { code: "INTERNAL", message: "restarting" });
      // the report as the server reads it: a body its schema refuses gets the server's 422 VALIDATION
      const report = SubmissionInput.safeParse(body);
      if (!report.success) return answer(ApiError, 422, { code: "VALIDATION", message: report.error.issues[0]?.message ?? "invalid report" });
      if (url.includes("dryRun=true")) return answer(SubmissionSummary, 200, this.dryRunAnswer);
      if (!key) return answer(ApiError, 400, { code: "BAD_REQUEST", message: "Idempotency-Key header is required" });
      let stored = this.answers.get(key);
      if (!stored) {
        this.revisions.push({ key, body: report.data });
        stored = summary({ revision: this.revisions.length, submissionId: `sub-${this.revisions.length}` });
        this.status = TeamStatus.parse({ ...this.status, status: "on_time", latestRevision: this.revisions.length, receivedAt: stored.receivedAt });
        this.answers.set(key, stored);
      }
      if (failure === "lostResponse") throw new TypeError("network connection was lost");
      return answer(SubmissionSummary, 201, stored);
    }
    return answer(ApiError, 404, { code: "NOT_FOUND", message: "no such route" });
  };
}
