import { createApiClient, normaliseStoreUrl } from "../../../src/taskpane/api/client";
import { TOKEN_REJECTED } from "../../../src/taskpane/api/errors";
import { failureOf } from "../../support/apiFailure";
import type { SubmissionInput } from "../../../src/core/schema";
import { FakeStore, STORE, TOKEN, jsonResponse, me, summary } from "../support/fixtures";

const report: SubmissionInput = {
  reportingMonth: "2026-01",
  points: [{ measureId: "bundle", period: "2026-01", numerator: 9, denominator: 10 }],
};

function clientWith(fetch: (url: string, init?: RequestInit) => Promise<Response>, token = TOKEN) {
  return createApiClient({ baseUrl: `${STORE}/`, token, fetch });
}


describe("createApiClient", () => {
  it("me() sends the bearer token and parses the answer with the Me schema", async () => {
    const store = new FakeStore();
    const answer = await clientWith(store.fetch).me();
    expect(answer.team?.name).toBe("Riverside Clinic");
    expect(store.calls[0]).toMatchObject({ url: `${STORE}/api/v1/me`, method: "GET" });
  });

  it("submit() posts the body with the Idempotency-Key header", async () => {
    const store = new FakeStore();
    const result = await clientWith(store.fetch).submit("clabsi-2026", report, { idempotencyKey: "key-1" });
    expect(result.revision).toBe(1);
    expect(store.calls[0]).toMatchObject({ url: `${STORE}/api/v1/collaboratives/clabsi-2026/submissions`, method: "POST", key: "key-1", body: report });
  });

  it("dryRun() posts to ?dryRun=true without a key", async () => {
    const store = new FakeStore();
    const result = await clientWith(store.fetch).dryRun("clabsi-2026", report);
    expect(result.status).toBe("dry_run");
    expect(store.calls[0]?.url).toBe(`${STORE}/api/v1/collaboratives/clabsi-2026/submissions?dryRun=true`);
    expect(store.calls[0]?.key).toBeNull();
  });

  it("refuses to send a body the shared schema rejects, and sends nothing", async () => {
    const store = new FakeStore();
    const bad = { ...report, points: [{ measureId: "bundle", period: "2026-01", numerator: 1, patientId: "123" }] } as unknown as SubmissionInput;
    const failure = await failureOf(clientWith(store.fetch).submit("clabsi-2026", bad, { idempotencyKey: "k" }));
    expect(failure.kind).toBe("invalid_body");
    expect(failure.message).toMatch(/points\.0/);
    expect(store.calls).toHaveLength(0);
  });

  it("maps 401 to the plain token message", async () => {
    const failure = await failureOf(clientWith(new FakeStore().fetch, "wrong").me());
    expect(failure.kind).toBe("unauthorized");
    expect(failure.message).toBe(TOKEN_REJECTED);
    expect(failure.retryable).toBe(false);
  });

  it("maps a thrown fetch to a retryable network failure", async () => {
    const failure = await failureOf(clientWith(async () => Promise.reject(new TypeError("Failed to fetch"))).me());
    expect(failure.kind).toBe("network");
    expect(failure.retryable).toBe(true);
  });

  it("maps 5xx and 429 to retryable failures and reads Retry-After", async () => {
    const server = await failureOf(clientWith(async () => jsonResponse(500, { code: "INTERNAL", message: "boom" })).me());
    expect(server).toMatchObject({ kind: "server", retryable: true });
    const busy = await failureOf(clientWith(async () => jsonResponse(429, { code: "RATE_LIMITED", message: "slow down" }, { "retry-after": "30" })).me());
    expect(busy).toMatchObject({ kind: "rate_limited", retryable: true, retryAfterSeconds: 30 });
  });

  it("keeps the conflicts of a 422 VALIDATION answer", async () => {
    const conflict = { path: ["points", 0, "numerator"], measureId: "bundle", period: "2026-01", code: "NUMERATOR_GT_DENOMINATOR", message: "numerator 12 is larger than denominator 10", severity: "error" };
    const failure = await failureOf(
      clientWith(async () => jsonResponse(422, { code: "VALIDATION", message: "1 point refused", conflicts: [conflict] })).submit("c", report, { idempotencyKey: "k" }),
    );
    expect(failure.kind).toBe("validation");
    expect(failure.retryable).toBe(false);
    expect(failure.conflicts[0]?.code).toBe("NUMERATOR_GT_DENOMINATOR");
  });

  it("fails loudly with a contract failure when a 200 answer does not match the schema", async () => {
    const failure = await failureOf(clientWith(async () => jsonResponse(200, { ...me, role: "superuser" })).me());
    expect(failure.kind).toBe("contract");
    const drifted = await failureOf(clientWith(async () => jsonResponse(201, { ...summary(), extra: 1 })).submit("c", report, { idempotencyKey: "k" }));
    expect(drifted.kind).toBe("contract");
  });

  it("teamStatus() passes asOf and parses the status", async () => {
    let seen = "";
    const status = { collaborativeId: "c", teamId: "t", asOf: "2026-02-10", reportingMonth: "2026-01", dueDate: "2026-02-15", status: "not_due", latestRevision: null, receivedAt: null, firstReceivedAt: null, locked: false };
    const answer = await clientWith(async (url) => {
      seen = url;
      return jsonResponse(200, status);
    }).teamStatus("c", "t", "2026-02-10");
    expect(seen).toBe(`${STORE}/api/v1/collaboratives/c/teams/t/status?asOf=2026-02-10`);
    expect(answer.dueDate).toBe("2026-02-15");
  });
});

describe("normaliseStoreUrl", () => {
  it("keeps the origin and adds https:// when the scheme is missing", () => {
    expect(normaliseStoreUrl(" https://qi.example.org/some/path ")).toEqual({ url: "https://qi.example.org" });
    expect(normaliseStoreUrl("qi.example.org")).toEqual({ url: "https://qi.example.org" });
    expect(normaliseStoreUrl("http://localhost:3000/")).toEqual({ url: "http://localhost:3000" });
  });

  it("explains what is wrong with an empty or non-web address", () => {
    expect(normaliseStoreUrl("")).toEqual({ error: expect.stringMatching(/Enter the data store's address/) });
    expect(normaliseStoreUrl("ftp://x.org")).toEqual({ error: expect.stringMatching(/https:\/\//) });
  });
});
