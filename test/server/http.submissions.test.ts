// POST /api/v1/collaboratives/{id}/submissions over app.request(): what lands, what is refused, and
// that nothing a team sends is lost, changed silently or stored twice.
import { ApiError, SubmissionDetail, SubmissionHistory, SubmissionRejected, SubmissionSummary } from "../../src/core/index";
import { call, februaryReport, makeWorld, postgresHandle, type World } from "./helpers";

const SUBMIT = "/api/v1/collaboratives/sepsis/submissions";

describe("POST /api/v1/collaboratives/{id}/submissions", () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  const submit = (body: unknown, token = w.tokens.alpha, headers: Record<string, string> = {}, query = "") =>
    call(w.app, "POST", SUBMIT + query, { token, body, headers });
  const history = async (team = "alpha") => SubmissionHistory.parse((await call(w.app, "GET", `/api/v1/collaboratives/sepsis/teams/${team}/submissions`, { token: w.tokens.faculty })).json);

  it("accepts a report: 201, a SubmissionSummary with revision 1, and the points become current", async () => {
    const reply = await submit(februaryReport());
    expect(reply.status).toBe(201);
    const summary = SubmissionSummary.parse(reply.json);
    expect(summary).toMatchObject({ status: "accepted", revision: 1, counts: { created: 2, updated: 0, unchanged: 0, rejected: 0 }, receivedAt: "2026-03-05T10:00:00.000Z" });
    expect(summary.submissionId).toEqual(expect.any(String));
    const points = await call(w.app, "GET", "/api/v1/collaboratives/sepsis/points?measureId=abx-1h&teamId=alpha", { token: w.tokens.alpha });
    expect(points.json.measures[0].series[0].points[0]).toMatchObject({ period: "2026-02", numerator: 40, denominator: 50, value: 80, revision: 1 });
  });

  it("re-sending the same data reports unchanged (200, counts.unchanged = n) and stores no revision", async () => {
    await submit(februaryReport());
    const again = await submit(februaryReport());
    expect(again.status).toBe(200);
    expect(SubmissionSummary.parse(again.json)).toMatchObject({ status: "unchanged", revision: null, submissionId: null, counts: { created: 0, updated: 0, unchanged: 2, rejected: 0 } });
    expect((await history()).submissions).toHaveLength(1);
  });

  it("a corrected earlier month is updated and becomes a new revision; the old values stay in the history", async () => {
    await submit(februaryReport([{ measureId: "abx-1h", period: "2026-01", numerator: 30, denominator: 50 }]));
    const fix = await submit(februaryReport([{ measureId: "abx-1h", period: "2026-01", numerator: 31, denominator: 50 }]));
    expect(fix.status).toBe(201);
    expect(fix.json).toMatchObject({ revision: 2, counts: { updated: 1, unchanged: 2 } });
    const list = await history();
    expect(list.submissions.map((s) => s.revision)).toEqual([2, 1]);
    const first = SubmissionDetail.parse((await call(w.app, "GET", `/api/v1/collaboratives/sepsis/teams/alpha/submissions/${list.submissions[1].submissionId}`, { token: w.tokens.alpha })).json);
    expect(first.points[2]).toMatchObject({ period: "2026-01", numerator: 30 });
    expect(first.narrative?.changesTested).toBe("Sepsis screening at triage");
  });

  it("?dryRun=true answers what would happen (200 dry_run) and saves nothing", async () => {
    const dry = await submit(februaryReport(), w.tokens.alpha, {}, "?dryRun=true");
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ status: "dry_run", counts: { created: 2 }, revision: null, submissionId: null });
    expect((await history()).submissions).toHaveLength(0);
    expect((await call(w.app, "GET", "/api/v1/collaboratives/sepsis/points", { token: w.tokens.faculty })).json.measures[0].series[0].points).toEqual([]);
  });

  it("a blank point never erases a stored value", async () => {
    await submit(februaryReport());
    const blank = await submit({ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: null, denominator: null, value: null }] });
    expect(blank.status).toBe(200);
    expect(blank.json).toMatchObject({ status: "unchanged", counts: { unchanged: 1 } });
    const points = await call(w.app, "GET", "/api/v1/collaboratives/sepsis/points?measureId=abx-1h&teamId=alpha", { token: w.tokens.alpha });
    expect(points.json.measures[0].series[0].points[0]).toMatchObject({ numerator: 40, denominator: 50 });
  });

  it("retract (with a reason) withdraws a value; it disappears from reads but stays in the history", async () => {
    await submit(februaryReport([{ measureId: "abx-1h", period: "2026-01", numerator: 30, denominator: 50 }]));
    const retract = await submit({ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-01", retract: { reason: "belongs to another unit" } }] });
    expect(retract.status).toBe(201);
    expect(retract.json).toMatchObject({ status: "accepted", counts: { updated: 1 } });
    const points = await call(w.app, "GET", "/api/v1/collaboratives/sepsis/points?measureId=abx-1h&teamId=alpha", { token: w.tokens.alpha });
    expect(points.json.measures[0].series[0].points.map((p: { period: string }) => p.period)).toEqual(["2026-02"]);
    const noReason = await submit({ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-01", retract: {} }] });
    expect(noReason.status).toBe(422);
    expect(noReason.json.conflicts[0].path).toEqual(["points", 0, "retract", "reason"]);
  });

  it("a conflicting point is rejected alone, with its path; the rest lands (201 accepted)", async () => {
    const reply = await submit(februaryReport([{ measureId: "abx-1h", period: "2026-01", numerator: 60, denominator: 50 }]));
    expect(reply.status).toBe(201);
    expect(reply.json.counts).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(reply.json.conflicts).toEqual([
      expect.objectContaining({ path: ["points", 2, "numerator"], measureId: "abx-1h", period: "2026-01", code: "NUMERATOR_GT_DENOMINATOR", severity: "error" }),
    ]);
  });

  it("a report whose every point is refused is 422 rejected and stores nothing; the body is also an ApiError with a message", async () => {
    const reply = await submit({ reportingMonth: "2026-02", points: [{ measureId: "unknown", period: "2026-02", numerator: 1 }, { measureId: "abx-1h", period: "2026-03", numerator: 1, denominator: 2 }] });
    expect(reply.status).toBe(422);
    expect(SubmissionRejected.parse(reply.json)).toMatchObject({ status: "rejected", counts: { rejected: 2 }, revision: null });
    expect(ApiError.parse(reply.json)).toMatchObject({
      code: "SUBMISSION_REJECTED",
      message: "nothing was stored for 2026-02: all 2 rows of the report were refused; each problem is listed with where it is",
    });
    expect(reply.json.conflicts.map((c: { code: string }) => c.code)).toEqual(["UNKNOWN_MEASURE", "PERIOD_IN_FUTURE", "MISSING_REQUIRED_MEASURE", "MISSING_REQUIRED_MEASURE"]);
    expect((await history()).submissions).toHaveLength(0);
  });

  it("a required measure missing from the reporting month is a warning, and none once a value is stored", async () => {
    const first = await submit({ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 1, denominator: 2 }] });
    expect(first.json.conflicts).toEqual([expect.objectContaining({ code: "MISSING_REQUIRED_MEASURE", measureId: "mortality", severity: "warning" })]);
    await submit({ reportingMonth: "2026-02", points: [{ measureId: "mortality", period: "2026-02", numerator: 1, denominator: 900 }] });
    const third = await submit({ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 2, denominator: 2 }] });
    expect(third.json.conflicts).toEqual([]);
  });

  it("a narrative or a self-assessment alone makes a new revision; the self-assessment is a self score", async () => {
    await submit(februaryReport());
    const reply = await submit({ ...februaryReport(), narrative: { changesTested: "Sepsis screening at triage", lessons: "Night shift needs a champion" }, selfAssessment: 3 });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({ revision: 2, counts: { unchanged: 2 } });
    const scores = await call(w.app, "GET", "/api/v1/collaboratives/sepsis/scores", { token: w.tokens.alpha });
    expect(scores.json.scores).toEqual([expect.objectContaining({ teamId: "alpha", period: "2026-02", self: expect.objectContaining({ score: 3 }), faculty: null })]);
  });

  describe("locks", () => {
    const january = (numerator: number) => februaryReport([{ measureId: "abx-1h", period: "2026-01", numerator, denominator: 50 }]);

    it("a locked month refuses changes (PERIOD_LOCKED) but not the same value sent again; reopen lets the change in", async () => {
      await submit(january(30));
      const lock = await call(w.app, "POST", "/api/v1/collaboratives/sepsis/periods/2026-01/lock", { token: w.tokens.admin, body: { reason: "closed for the quarterly report" } });
      expect(lock.status).toBe(200);
      expect(lock.json.periods[0]).toMatchObject({ period: "2026-01", locked: true, state: "manual" });

      const same = await submit(january(30));
      expect(same.json).toMatchObject({ status: "unchanged", conflicts: [] });
      const changed = await submit(january(31));
      expect(changed.status).toBe(200);
      expect(changed.json.counts).toMatchObject({ rejected: 1, unchanged: 2 });
      expect(changed.json.conflicts).toEqual([expect.objectContaining({ code: "PERIOD_LOCKED", path: ["points", 2, "period"], period: "2026-01" })]);

      const noReason = await call(w.app, "POST", "/api/v1/collaboratives/sepsis/periods/2026-01/reopen", { token: w.tokens.admin });
      expect(noReason.status).toBe(422);
      expect(ApiError.parse(noReason.json).code).toBe("VALIDATION");
      const reopen = await call(w.app, "POST", "/api/v1/collaboratives/sepsis/periods/2026-01/reopen", { token: w.tokens.admin, body: { reason: "audit found a miscount" } });
      expect(reopen.json.periods[0]).toMatchObject({ locked: false, state: "reopened", reason: "audit found a miscount" });
      expect((await submit(january(31))).json).toMatchObject({ status: "accepted", counts: { updated: 1 } });

      const audit = await w.store.listAudit({ collaborativeId: "sepsis" });
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["period.lock", "period.reopen"]));
      expect(audit.find((a) => a.action === "period.reopen")).toMatchObject({ actorLabel: "admin", details: { period: "2026-01", reason: "audit found a miscount" } });
    });

    it("a locked reporting month: the report sent again as stored is unchanged, with no PERIOD_LOCKED; a changed figure is refused on its cell, a changed narrative refuses the report", async () => {
      expect((await submit(februaryReport())).status).toBe(201);
      const lock = await call(w.app, "POST", "/api/v1/collaboratives/sepsis/periods/2026-02/lock", { token: w.tokens.admin, body: { reason: "month closed" } });
      expect(lock.status).toBe(200);

      const again = await submit(februaryReport());
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({ status: "unchanged", counts: { created: 0, updated: 0, unchanged: 2, rejected: 0 }, conflicts: [] });

      // a changed figure is refused on its own cell (the path the add-in marks); the rest is unchanged
      const changed = await submit(februaryReport([], 41));
      expect(changed.status).toBe(200);
      expect(changed.json).toMatchObject({ status: "unchanged", counts: { unchanged: 1, rejected: 1 } });
      expect(changed.json.conflicts).toEqual([expect.objectContaining({ code: "PERIOD_LOCKED", path: ["points", 0, "period"], period: "2026-02" })]);
      // a changed narrative belongs to the month itself: the whole report is refused, nothing stored
      const narrativeOnly = await submit({ ...februaryReport(), narrative: { changesTested: "a new change", lessons: "", barriers: "", helpWanted: "" } });
      expect(narrativeOnly.status).toBe(422);
      expect(SubmissionRejected.parse(narrativeOnly.json)).toMatchObject({ status: "rejected", code: "SUBMISSION_REJECTED", counts: { rejected: 2 } });
      expect(narrativeOnly.json.conflicts[0]).toMatchObject({ code: "PERIOD_LOCKED", path: ["reportingMonth"] });
      expect(narrativeOnly.json.message).toBe("nothing was stored: reporting month 2026-02 is locked: ask the collaborative's admin to reopen it");
      expect((await history()).submissions).toHaveLength(1);
    });

    it("a month locks by itself lockAfterDays after its due date, and a stored reopen overrides that", async () => {
      await submit(january(30));
      w.clock.set("2026-04-16T09:00:00.000Z"); // January was due 2026-02-15; +60 days = 2026-04-16
      const late = await call(w.app, "POST", SUBMIT, { token: w.tokens.alpha, body: { reportingMonth: "2026-03", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 29, denominator: 50 }] } });
      expect(late.json.conflicts[0]).toMatchObject({ code: "PERIOD_LOCKED" });
      const periods = await call(w.app, "GET", "/api/v1/collaboratives/sepsis/periods", { token: w.tokens.alpha });
      expect(periods.json.periods.slice(0, 2)).toEqual([
        expect.objectContaining({ period: "2026-01", locked: true, state: "auto", lockDate: "2026-04-16" }),
        expect.objectContaining({ period: "2026-02", locked: false, state: "open" }),
      ]);
      await call(w.app, "POST", "/api/v1/collaboratives/sepsis/periods/2026-01/reopen", { token: w.tokens.admin, body: { reason: "late lab results" } });
      const after = await call(w.app, "POST", SUBMIT, { token: w.tokens.alpha, body: { reportingMonth: "2026-03", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 29, denominator: 50 }] } });
      expect(after.json).toMatchObject({ status: "accepted", counts: { updated: 1 } });
    });

    it("lock and reopen are for admins only; a month outside the collaborative is 422 PERIOD_OUTSIDE_COLLABORATIVE at path period (as a score's), a malformed one 400", async () => {
      expect((await call(w.app, "POST", "/api/v1/collaboratives/sepsis/periods/2026-01/lock", { token: w.tokens.faculty })).status).toBe(403);
      expect((await call(w.app, "POST", "/api/v1/collaboratives/sepsis/periods/2026-01/lock", { token: w.tokens.alpha })).status).toBe(403);
      for (const token of [w.tokens.faculty, w.tokens.alpha]) {
        const reopen = await call(w.app, "POST", "/api/v1/collaboratives/sepsis/periods/2026-01/reopen", { token, body: { reason: "late lab results" } });
        expect([reopen.status, ApiError.parse(reopen.json).code]).toEqual([403, "FORBIDDEN"]);
      }
      const outside = await call(w.app, "POST", "/api/v1/collaboratives/sepsis/periods/2025-01/lock", { token: w.tokens.admin });
      expect([outside.status, ApiError.parse(outside.json).code]).toEqual([422, "VALIDATION"]);
      expect(outside.json.conflicts).toEqual([expect.objectContaining({ path: ["period"], period: "2025-01", code: "PERIOD_OUTSIDE_COLLABORATIVE" })]);
      expect(outside.json.message).toBe("2025-01 cannot be locked: month 2025-01 is outside the collaborative (2026-01 to 2026-12): there is nothing to lock there");
      // the same condition on the score PUT: the same status, code and path
      const score = await call(w.app, "PUT", "/api/v1/collaboratives/sepsis/teams/alpha/scores/2025-01", { token: w.tokens.faculty, body: { score: 4, rationale: "before the start" } });
      expect([score.status, score.json.conflicts[0].code, score.json.conflicts[0].path]).toEqual([422, "PERIOD_OUTSIDE_COLLABORATIVE", ["period"]]);
      const malformed = await call(w.app, "POST", "/api/v1/collaboratives/sepsis/periods/2025-1/lock", { token: w.tokens.admin });
      expect([malformed.status, ApiError.parse(malformed.json).message]).toEqual([400, 'period must be a month written YYYY-MM, e.g. 2026-03 (got "2025-1")']);
      const shortReason = await call(w.app, "POST", "/api/v1/collaboratives/sepsis/periods/2026-01/reopen", { token: w.tokens.admin, body: { reason: " x " } });
      expect([shortReason.status, shortReason.json.conflicts[0].path]).toEqual([422, ["reason"]]);
      expect(await w.store.latestPeriodEvents("sepsis")).toEqual(new Map());
    });
  });

  describe("Idempotency-Key", () => {
    it("the same key and body replays the stored answer (same status and body, Idempotent-Replay: true); one revision", async () => {
      const first = await submit(februaryReport(), w.tokens.alpha, { "idempotency-key": "report-2026-02-a" });
      w.clock.advance(60_000);
      const replay = await submit(februaryReport(), w.tokens.alpha, { "idempotency-key": "report-2026-02-a" });
      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.text).toBe(first.text);
      expect(replay.headers.get("idempotent-replay")).toBe("true");
      expect(first.headers.get("idempotent-replay")).toBeNull();
      expect((await history()).submissions).toHaveLength(1);
    });

    it("the same key with another body is 422 IDEMPOTENCY_KEY_REUSED and stores nothing", async () => {
      await submit(februaryReport(), w.tokens.alpha, { "idempotency-key": "k1" });
      const other = await submit(februaryReport([], 41), w.tokens.alpha, { "idempotency-key": "k1" });
      expect(other.status).toBe(422);
      expect(ApiError.parse(other.json).code).toBe("IDEMPOTENCY_KEY_REUSED");
      expect((await history()).submissions).toHaveLength(1);
    });

    it("concurrent requests with one key land exactly once", async () => {
      const replies = await Promise.all(Array.from({ length: 12 }, () => submit(februaryReport(), w.tokens.alpha, { "idempotency-key": "dropped-network" })));
      expect(replies.map((r) => r.status)).toEqual(Array(12).fill(201));
      expect(new Set(replies.map((r) => r.text)).size).toBe(1);
      expect(replies.filter((r) => r.headers.get("idempotent-replay") === "true")).toHaveLength(11);
      expect((await history()).submissions).toHaveLength(1);
    });

    it("a key belongs to its team: another team's same key is a different report; a dry run never stores a key", async () => {
      const a = await submit(februaryReport(), w.tokens.alpha, { "idempotency-key": "shared" });
      const b = await submit(februaryReport(), w.tokens.bravo, { "idempotency-key": "shared" });
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.headers.get("idempotent-replay")).toBeNull();
      await submit(februaryReport([], 44), w.tokens.charlie, { "idempotency-key": "c" }, "?dryRun=true");
      expect((await submit(februaryReport([], 44), w.tokens.charlie, { "idempotency-key": "c" })).status).toBe(201);
    });

    it("a malformed key is 400", async () => {
      expect((await submit(februaryReport(), w.tokens.alpha, { "idempotency-key": "has space" })).status).toBe(400);
    });
  });

  describe("bad requests", () => {
    it("a body over 1 MB is 413 PAYLOAD_TOO_LARGE", async () => {
      const big = { reportingMonth: "2026-02", points: [], narrative: { changesTested: "x".repeat(1_100_000) } };
      const reply = await submit(big);
      expect(reply.status).toBe(413);
      expect(ApiError.parse(reply.json).code).toBe("PAYLOAD_TOO_LARGE");
    });

    it("malformed JSON is 400 MALFORMED_JSON; an empty body too", async () => {
      const bad = await call(w.app, "POST", SUBMIT, { token: w.tokens.alpha, rawBody: '{"reportingMonth": "2026-02", points: [' });
      expect(bad.status).toBe(400);
      expect(ApiError.parse(bad.json)).toMatchObject({ code: "MALFORMED_JSON" });
      expect((await call(w.app, "POST", SUBMIT, { token: w.tokens.alpha, rawBody: "" })).json.code).toBe("MALFORMED_JSON");
    });

    it("a schema failure is 422 VALIDATION with a SCHEMA conflict per problem, each with its path", async () => {
      const reply = await submit({ reportingMonth: "2026-2", points: [{ measureId: "abx-1h", period: "2026-02", numerator: -1, denominator: "50" }] });
      expect(reply.status).toBe(422);
      const error = ApiError.parse(reply.json);
      expect(error.code).toBe("VALIDATION");
      expect(error.conflicts?.map((c) => [c.code, c.path.join(".")])).toEqual([
        ["SCHEMA", "reportingMonth"],
        ["SCHEMA", "points.0.numerator"],
        ["SCHEMA", "points.0.denominator"],
      ]);
      expect(error.conflicts?.[1]).toMatchObject({ measureId: "abx-1h", period: "2026-02", message: "cannot be negative" });
    });

    it("a patient-level field is refused (422) at its own path, and nothing is stored", async () => {
      const reply = await submit({ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 1, denominator: 1, patientId: "MRN 123456", dateOfBirth: "1950-01-01" }] });
      expect(reply.status).toBe(422);
      expect(reply.json.conflicts.map((c: { path: unknown[] }) => c.path)).toEqual([
        ["points", 0, "patientId"],
        ["points", 0, "dateOfBirth"],
      ]);
      expect(reply.json.conflicts[0].message).toMatch(/monthly aggregates only/);
      expect((await history()).submissions).toHaveLength(0);
    });

    it("dryRun other than true/false is 400", async () => {
      expect((await submit(februaryReport(), w.tokens.alpha, {}, "?dryRun=yes")).status).toBe(400);
    });
  });

  describe("who may submit", () => {
    it("no token, an unknown, a revoked or an expired token is 401", async () => {
      for (const [token, pattern] of [
        [undefined, /Authorization: Bearer/],
        ["qi_not-a-real-token", /not known/],
        [w.tokens.revoked, /revoked/],
        [w.tokens.expired, /expired on 2025-12-31/],
      ] as const) {
        const reply = await call(w.app, "POST", SUBMIT, { ...(token ? { token } : {}), body: februaryReport() });
        expect(reply.status).toBe(401);
        expect(ApiError.parse(reply.json)).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(pattern) });
        expect(reply.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
    });

    it("a team token writing for another team is 403; faculty may not submit; a token of another collaborative is 403", async () => {
      expect((await submit(februaryReport(), w.tokens.alpha, {}, "?teamId=bravo")).status).toBe(403);
      expect((await submit(februaryReport(), w.tokens.faculty)).status).toBe(403);
      expect((await call(w.app, "POST", SUBMIT, { token: w.tokens.otherFaculty, body: februaryReport() })).status).toBe(403);
    });

    it("an admin submits for a team named with ?teamId=, and must name one", async () => {
      expect((await submit(februaryReport(), w.tokens.admin)).status).toBe(400);
      expect((await submit(februaryReport(), w.tokens.admin, {}, "?teamId=zulu")).status).toBe(404);
      const reply = await submit(februaryReport(), w.tokens.admin, {}, "?teamId=bravo");
      expect(reply.status).toBe(201);
      expect((await history("bravo")).submissions).toHaveLength(1);
    });

    it("an unknown collaborative is 404 for an admin", async () => {
      expect((await call(w.app, "POST", "/api/v1/collaboratives/nope/submissions?teamId=alpha", { token: w.tokens.admin, body: februaryReport() })).status).toBe(404);
    });

    it("a team reads only its own history and revisions (403 for others); faculty read all", async () => {
      const sent = await submit(februaryReport(), w.tokens.bravo);
      expect((await call(w.app, "GET", "/api/v1/collaboratives/sepsis/teams/bravo/submissions", { token: w.tokens.alpha })).status).toBe(403);
      expect((await call(w.app, "GET", `/api/v1/collaboratives/sepsis/teams/bravo/submissions/${sent.json.submissionId}`, { token: w.tokens.alpha })).status).toBe(403);
      expect((await call(w.app, "GET", `/api/v1/collaboratives/sepsis/teams/alpha/submissions/${sent.json.submissionId}`, { token: w.tokens.faculty })).status).toBe(404);
      const detail = await call(w.app, "GET", `/api/v1/collaboratives/sepsis/teams/bravo/submissions/${sent.json.submissionId}`, { token: w.tokens.faculty });
      expect(SubmissionDetail.parse(detail.json)).toMatchObject({ teamId: "bravo", revision: 1, reportingMonth: "2026-02" });
    });
  });
});

describe("POST submissions on PostgreSQL", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ handle: await postgresHandle() });
  });
  afterAll(async () => {
    await w?.close();
  });

  it("concurrent requests with one Idempotency-Key land exactly once; concurrent different reports get distinct revisions", async () => {
    const replies = await Promise.all(
      Array.from({ length: 12 }, () => call(w.app, "POST", SUBMIT, { token: w.tokens.alpha, body: februaryReport(), headers: { "idempotency-key": "pg-once" } })),
    );
    expect(new Set(replies.map((r) => `${r.status} ${r.text}`)).size).toBe(1);
    expect(replies.filter((r) => r.headers.get("idempotent-replay") === "true")).toHaveLength(11);
    const different = await Promise.all(Array.from({ length: 6 }, (_, i) => call(w.app, "POST", SUBMIT, { token: w.tokens.bravo, body: februaryReport([], 10 + i) })));
    expect(different.map((r) => r.json.revision).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const list = await call(w.app, "GET", "/api/v1/collaboratives/sepsis/teams/alpha/submissions", { token: w.tokens.faculty });
    expect(list.json.submissions).toHaveLength(1);
  });
});
