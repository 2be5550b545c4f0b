// Shared test data for the task pane tests: one collaborative with a percent, a rate and a count
// measure, a team, and a fake data store (fetch) that keeps revisions and honours Idempotency-Key.
import { CollaborativeDefinition, Me, type SubmissionInput, type SubmissionSummary } from "../../../src/core/schema";

export const collaborative = CollaborativeDefinition.parse({
  id: "clabsi-2026",
  name: "Reducing CLABSI 2026",
  aim: "Halve central line infections by December 2026",
  startMonth: "2026-01",
  endMonth: "2026-12",
  measures: [
    { id: "bundle", name: "Bundle compliance", type: "process", kind: "percent", improvementDirection: "increase", goal: 95, operationalDefinition: "Insertions with every bundle element documented, over all insertions." },
    { id: "clabsi-rate", name: "CLABSI rate", type: "outcome", kind: "rate", multiplier: 1000, unit: "per 1,000 line-days", improvementDirection: "decrease", goal: 1 },
    { id: "falls", name: "Falls", type: "balancing", kind: "count", improvementDirection: "decrease", required: false },
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

export function summary(partial: Partial<SubmissionSummary> = {}): SubmissionSummary {
  return {
    status: "accepted",
    counts: { created: 3, updated: 0, unchanged: 0, rejected: 0 },
    conflicts: [],
    revision: 1,
    submissionId: "sub-1",
    receivedAt: "2026-02-10T09:30:00.000Z",
    ...partial,
  };
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
  status = {
    collaborativeId: collaborative.id,
    teamId: "riverside",
    asOf: "2026-05-10",
    reportingMonth: "2026-04",
    dueDate: "2026-05-15",
    status: "not_due",
    latestRevision: null as number | null,
    receivedAt: null as string | null,
    firstReceivedAt: null as string | null,
    locked: false,
  };
  /** What a dry run answers (counts and conflicts). */
  dryRunAnswer: SubmissionSummary = summary({ status: "dry_run", revision: null, submissionId: null, receivedAt: null });

  failNext(count: number, how: "network" | "lostResponse" | "server"): void {
    for (let i = 0; i < count; i++) this.failures.push(how);
  }

  fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const key = headers["idempotency-key"] ?? null;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push({ url, method: init?.method ?? "GET", key, body });
    if (headers.authorization !== `Bearer ${TOKEN}`) return jsonResponse(401, { code: "UNAUTHENTICATED", message: "unknown token" });
    if (url.endsWith("/api/v1/me")) return jsonResponse(200, me);
    if (url.includes("/status")) return jsonResponse(200, this.status);
    if (url.includes("/periods")) return jsonResponse(200, { collaborativeId: collaborative.id, asOf: "2026-05-10", periods: [] });
    if (url.includes("/points")) return jsonResponse(200, { collaborativeId: collaborative.id, sharing: "named", measures: [] });
    if (url.includes("/submissions")) {
      const failure = this.failures.shift();
      if (failure === "network") throw new TypeError("Failed to fetch");
      if (failure === "server") return jsonResponse(503, { code: "INTERNAL", message: "restarting" });
      if (url.includes("dryRun=true")) return jsonResponse(200, this.dryRunAnswer);
      if (!key) return jsonResponse(400, { code: "BAD_REQUEST", message: "Idempotency-Key header is required" });
      let answer = this.answers.get(key);
      if (!answer) {
        this.revisions.push({ key, body });
        answer = summary({ revision: this.revisions.length, submissionId: `sub-${this.revisions.length}` });
        this.status = { ...this.status, status: "on_time", latestRevision: this.revisions.length, receivedAt: answer.receivedAt };
        this.answers.set(key, answer);
      }
      if (failure === "lostResponse") throw new TypeError("network connection was lost");
      return jsonResponse(201, answer);
    }
    return jsonResponse(404, { code: "NOT_FOUND", message: "no such route" });
  };
}
