// The one contract both storage engines must meet. Run by store.sqlite.test.ts and store.postgres.test.ts.

import { bulkLoad, type BulkLoad } from "../../bench/bulkLoad";
import type { SqlStore } from "../../src/server/store/base";
import { all, run, type Operation } from "../../src/server/store/steps";
import { StoreConflict, StoreNotFound, type Store } from "../../src/server/store/store";
import { hashToken, issueToken } from "../../src/server/tokens";
import { CLI, fixtureCollaborative, storeSubmit, TEAMS, type StoreHandle } from "./helpers";

const AT = "2026-01-10T09:00:00.000Z";

export function describeStoreContract(engine: "sqlite" | "postgres", makeHandle: () => Promise<StoreHandle>): void {
  describe(`store contract (${engine})`, () => {
    let handle: StoreHandle;
    let store: Store;
    const collaborative = fixtureCollaborative();

    beforeEach(async () => {
      handle = await makeHandle();
      store = handle.store;
    });
    afterEach(async () => {
      await handle?.close();
    });

    /** The bench's bulk load (not part of the Store interface) on this engine. */
    const load = (l: BulkLoad) => bulkLoad(store as Store & SqlStore, l);

    async function withTeams(): Promise<void> {
      await store.createCollaborative(collaborative, AT, CLI);
      for (const team of TEAMS) await store.addTeam(collaborative.id, team, AT, CLI);
    }

    it(`reports its engine as ${engine}`, () => {
      expect(store.engine).toBe(engine);
    });

    it("migrate() is idempotent: a second run applies nothing", async () => {
      expect(await store.migrate()).toEqual({ applied: [] });
    });

    it("createCollaborative() round-trips the definition; a second one with the same id is a StoreConflict", async () => {
      expect(await store.isEmpty()).toBe(true);
      await store.createCollaborative(collaborative, AT, CLI);
      expect(await store.isEmpty()).toBe(false);
      expect((await store.getCollaborative("sepsis"))?.definition).toEqual(collaborative);
      expect(await store.getCollaborative("nope")).toBeNull();
      await expect(store.createCollaborative(collaborative, AT, CLI)).rejects.toThrow(StoreConflict);
      expect((await store.listCollaboratives()).map((c) => c.definition.id)).toEqual(["sepsis"]);
    });

    it("addMeasure() appends to the measure set; a taken id is a StoreConflict, an unknown collaborative a StoreNotFound", async () => {
      await store.createCollaborative(collaborative, AT, CLI);
      const measure = { id: "lactate", name: "Lactate measured", type: "process" as const, kind: "percent" as const, improvementDirection: "increase" as const, operationalDefinition: "", required: false };
      await store.addMeasure("sepsis", measure, AT, CLI);
      const measures = (await store.getCollaborative("sepsis"))?.definition.measures ?? [];
      expect(measures.map((m) => m.id)).toEqual(["abx-1h", "mortality", "readmissions", "door-to-abx", "lactate"]);
      await expect(store.addMeasure("sepsis", measure, AT, CLI)).rejects.toThrow(StoreConflict);
      await expect(store.addMeasure("nope", measure, AT, CLI)).rejects.toThrow(StoreNotFound);
    });

    it("addTeam() numbers teams in joining order (the blinded letter); duplicates are a StoreConflict", async () => {
      await withTeams();
      expect((await store.listTeams("sepsis")).map((t) => [t.id, t.position])).toEqual([
        ["alpha", 0],
        ["bravo", 1],
        ["charlie", 2],
      ]);
      expect((await store.getTeam("sepsis", "bravo"))?.name).toBe("Bravo Clinic");
      expect(await store.getTeam("sepsis", "zulu")).toBeNull();
      await expect(store.addTeam("sepsis", TEAMS[0], AT, CLI)).rejects.toThrow(StoreConflict);
      await expect(store.addTeam("nope", TEAMS[0], AT, CLI)).rejects.toThrow(StoreNotFound);
    });

    it("tokens are stored as hashes, found by hash, revoked by id or prefix; an ambiguous prefix is a StoreConflict", async () => {
      await withTeams();
      const issued = await issueToken(store, { role: "team", collaborativeId: "sepsis", teamId: "alpha", label: "alpha", now: new Date(AT), actor: CLI });
      const other = await issueToken(store, { role: "faculty", collaborativeId: "sepsis", label: "faculty", now: new Date(AT), actor: CLI });
      expect(issued.token).toMatch(/^qi_[A-Za-z0-9_-]{43}$/);
      const stored = await handle.raw("SELECT hash FROM tokens");
      expect(stored.map((r) => r.hash)).not.toContain(issued.token);
      expect((await store.findTokenByHash(hashToken(issued.token)))?.teamId).toBe("alpha");
      expect(await store.findTokenByHash(hashToken("qi_nope"))).toBeNull();
      await expect(store.revokeToken("qi_", AT, CLI)).resolves.toBeNull(); // too short to mean anything
      const revoked = await store.revokeToken(issued.token.slice(0, 10), "2026-01-11T00:00:00.000Z", CLI);
      expect(revoked?.revokedAt).toBe("2026-01-11T00:00:00.000Z");
      expect((await store.findTokenByHash(hashToken(issued.token)))?.revokedAt).toBe("2026-01-11T00:00:00.000Z");
      expect((await store.revokeToken(other.record.id, AT, CLI))?.id).toBe(other.record.id);
      for (const n of [1, 2]) {
        await handle.raw(`INSERT INTO tokens (id, hash, prefix, role, label, created_at) VALUES ('tok_same${n}', 'hash${n}', 'qi_samepfx${n}', 'admin', 'x', '${AT}')`);
      }
      await expect(store.revokeToken("qi_samepfx", AT, CLI)).rejects.toThrow(StoreConflict);
    });

    it("submit() stores revision 1, its point revisions and the current values; the next change is revision 2", async () => {
      await withTeams();
      const first = await storeSubmit(store, collaborative, "alpha", {
        reportingMonth: "2026-02",
        points: [
          { measureId: "abx-1h", period: "2026-02", numerator: 40, denominator: 50, annotation: "triage screening" },
          { measureId: "mortality", period: "2026-02", numerator: 3, denominator: 1200 },
        ],
      });
      expect(first).toMatchObject({ kind: "done", httpStatus: 201 });
      const summary = JSON.parse((first as { body: string }).body);
      expect(summary).toMatchObject({ status: "accepted", revision: 1, counts: { created: 2, updated: 0, unchanged: 0, rejected: 0 } });

      const second = await storeSubmit(store, collaborative, "alpha", {
        reportingMonth: "2026-02",
        points: [
          { measureId: "abx-1h", period: "2026-02", numerator: 45, denominator: 50 },
          { measureId: "mortality", period: "2026-02", numerator: 3, denominator: 1200 },
        ],
      }, { at: "2026-03-06T10:00:00.000Z" });
      expect(JSON.parse((second as { body: string }).body)).toMatchObject({ status: "accepted", revision: 2, counts: { created: 0, updated: 1, unchanged: 1 } });

      const current = await store.currentPoints("sepsis", { teamId: "alpha" });
      expect(current.find((p) => p.measureId === "abx-1h")).toMatchObject({ numerator: 45, denominator: 50, value: 90, annotation: "triage screening", revision: 2 });
      // every revision's values are kept
      const history = await handle.raw("SELECT numerator, change FROM point_revisions WHERE measure_id = 'abx-1h' ORDER BY id");
      expect(history.map((r) => [Number(r.numerator), r.change])).toEqual([
        [40, "created"],
        [45, "updated"],
      ]);
      const list = await store.listSubmissions("sepsis", "alpha");
      expect(list.map((s) => s.revision)).toEqual([2, 1]);
      const full = await store.getSubmission("sepsis", list[1].submissionId);
      expect(full?.input.points[0]).toMatchObject({ numerator: 40, annotation: "triage screening" });
      expect(JSON.parse(full?.rawBody ?? "{}").reportingMonth).toBe("2026-02");
    });

    it("submit() of the same data stores nothing new (unchanged); a dry run never writes", async () => {
      await withTeams();
      const report = { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 40, denominator: 50 }] };
      await storeSubmit(store, collaborative, "alpha", report);
      const again = await storeSubmit(store, collaborative, "alpha", report);
      expect(JSON.parse((again as { body: string }).body)).toMatchObject({ status: "unchanged", revision: null, counts: { unchanged: 1 } });
      const dry = await storeSubmit(store, collaborative, "alpha", { ...report, points: [{ ...report.points[0], numerator: 49 }] }, { dryRun: true });
      expect(JSON.parse((dry as { body: string }).body)).toMatchObject({ status: "dry_run", counts: { updated: 1 } });
      expect((await store.listSubmissions("sepsis", "alpha")).length).toBe(1);
      expect((await store.currentPoints("sepsis", {}))[0].numerator).toBe(40);
    });

    it("submit() with an idempotency key stores the answer once and replays it", async () => {
      await withTeams();
      const report = { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 40, denominator: 50 }] };
      const first = await storeSubmit(store, collaborative, "alpha", report, { idempotencyKey: "key-1" });
      const second = await storeSubmit(store, collaborative, "alpha", report, { idempotencyKey: "key-1" });
      expect(first.kind).toBe("done");
      expect(second).toEqual({ kind: "replay", stored: { requestHash: JSON.stringify(report), httpStatus: 201, body: (first as { body: string }).body } });
      expect((await store.listSubmissions("sepsis", "alpha")).length).toBe(1);
    });

    it("concurrent submissions of one team get distinct revisions; concurrent ones with one key land exactly once", async () => {
      await withTeams();
      const report = (n: number) => ({ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: n, denominator: 50 }] });
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => storeSubmit(store, collaborative, "alpha", report(i + 1))));
      const revisions = outcomes.map((o) => JSON.parse((o as { body: string }).body).revision).sort((a, b) => a - b);
      expect(revisions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

      const same = await Promise.all(Array.from({ length: 8 }, () => storeSubmit(store, collaborative, "bravo", report(30), { idempotencyKey: "retry-me" })));
      expect(same.filter((o) => o.kind === "done")).toHaveLength(1);
      expect(same.filter((o) => o.kind === "replay")).toHaveLength(7);
      expect((await store.listSubmissions("sepsis", "bravo")).length).toBe(1);
    });

    it("a retraction withdraws the current value (kept in history); reads leave it out", async () => {
      await withTeams();
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 10, denominator: 20 }] });
      const out = await storeSubmit(store, collaborative, "alpha", {
        reportingMonth: "2026-02",
        points: [{ measureId: "abx-1h", period: "2026-01", retract: { reason: "entered in the wrong month" } }],
      });
      expect(JSON.parse((out as { body: string }).body)).toMatchObject({ status: "accepted", counts: { updated: 1 } });
      expect(await store.currentPoints("sepsis", {})).toEqual([]);
      const rows = await handle.raw("SELECT change, retract_reason FROM point_revisions ORDER BY id");
      expect(rows.map((r) => r.change)).toEqual(["created", "retracted"]);
      expect(rows[1].retract_reason).toBe("entered in the wrong month");
    });

    it("aggregates() groups every team's current point per measure and month, for core to pool", async () => {
      await withTeams();
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 40, denominator: 50 }] });
      await storeSubmit(store, collaborative, "bravo", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 10, denominator: 50 }] });
      expect(await store.aggregates("sepsis", { measureId: "abx-1h" })).toEqual([
        {
          measureId: "abx-1h",
          period: "2026-02",
          contributions: [
            { teamId: "alpha", numerator: 40, denominator: 50, value: 80 },
            { teamId: "bravo", numerator: 10, denominator: 50, value: 20 },
          ],
        },
      ]);
    });

    it("aggregates() hands back values whose sum overflows a double as they are stored (issue 15, defect 3: PostgreSQL's avg() failed)", async () => {
      await withTeams();
      // Written below the schema (which now bounds value at 1e12), as data stored before the bound.
      for (const team of ["alpha", "bravo"]) {
        await storeSubmit(store, collaborative, team, { reportingMonth: "2026-02", points: [{ measureId: "door-to-abx", period: "2026-02", value: 42 }] });
      }
      await handle.raw("UPDATE current_points SET value = 1.5e308 WHERE measure_id = 'door-to-abx'");
      const rows = await store.aggregates("sepsis", { measureId: "door-to-abx" });
      expect(rows.map((r) => r.contributions.map((c) => c.value))).toEqual([[1.5e308, 1.5e308]]);
    });

    it("reports() groups revisions per team and month with first and latest arrival", async () => {
      await withTeams();
      const report = (n: number) => ({ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: n, denominator: 50 }] });
      await storeSubmit(store, collaborative, "alpha", report(1), { at: "2026-03-02T10:00:00.000Z" });
      await storeSubmit(store, collaborative, "alpha", report(2), { at: "2026-03-20T10:00:00.000Z" });
      expect(await store.reports("sepsis", {})).toEqual([
        { teamId: "alpha", reportingMonth: "2026-02", revisions: 2, latestRevision: 2, firstReceivedAt: "2026-03-02T10:00:00.000Z", latestReceivedAt: "2026-03-20T10:00:00.000Z" },
      ]);
      expect(await store.reports("sepsis", { teamId: "bravo" })).toEqual([]);
    });

    it("recordScore() keeps history; the latest per team and month is current and counted per score (core applies the 4+ rule)", async () => {
      await withTeams();
      const actor = { tokenId: null, label: "Dr Faculty" };
      await store.recordScore("sepsis", { teamId: "alpha", period: "2026-02", score: 3, rationale: "first look", recordedAt: "2026-03-20T10:00:00.000Z" }, actor);
      await store.recordScore("sepsis", { teamId: "alpha", period: "2026-02", score: 4, rationale: "on reflection", recordedAt: "2026-03-21T10:00:00.000Z" }, actor);
      await store.recordScore("sepsis", { teamId: "bravo", period: "2026-02", score: 2.5, rationale: "", recordedAt: "2026-03-21T10:00:00.000Z" }, actor);
      expect(await store.currentScores("sepsis", { teamId: "alpha" })).toEqual([
        { teamId: "alpha", period: "2026-02", source: "faculty", score: 4, rationale: "on reflection", recordedAt: "2026-03-21T10:00:00.000Z", by: "Dr Faculty" },
      ]);
      expect(await store.facultyScoreCounts("sepsis")).toEqual([
        { period: "2026-02", score: 2.5, teams: 1 },
        { period: "2026-02", score: 4, teams: 1 },
      ]);
      expect((await handle.raw("SELECT score FROM assessment_scores ORDER BY id")).map((r) => Number(r.score))).toEqual([3, 4, 2.5]);
      await expect(store.recordScore("sepsis", { teamId: "zulu", period: "2026-02", score: 3, rationale: "", recordedAt: AT }, actor)).rejects.toThrow(StoreNotFound);
    });

    it("currentScores() and reports() keep every character and number, in period, team and source order", async () => {
      await withTeams();
      const tricky = ['say "why" \\ here', "line one\nline two\ttab", "\u0001\u001f\u007f", "Ünïcödé — ✓ 😀", "", "a, b; c|d"];
      const label = 'Dr "Q" \\ O\'Neil';
      // recorded out of order: the read sorts by period, then team, then source (faculty before self)
      const record = [
        ["charlie", "2026-02", 0.5],
        ["alpha", "2026-02", 5],
        ["bravo", "2026-01", 2.5],
        ["alpha", "2026-01", 4],
        ["charlie", "2026-01", 3.5],
        ["bravo", "2026-02", 1],
      ] as const;
      for (const [i, [team, period, score]] of record.entries()) {
        await store.recordScore("sepsis", { teamId: team, period, score, rationale: tricky[i], recordedAt: `2026-03-2${i}T10:00:00.000Z` }, { tokenId: null, label });
      }
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [], selfAssessment: 3 }, { actor: { tokenId: "tok_a", label: "alpha ✓ lead" } });
      const rows = await store.currentScores("sepsis", {});
      expect(rows.map((r) => [r.period, r.teamId, r.source])).toEqual([
        ["2026-01", "alpha", "faculty"],
        ["2026-01", "bravo", "faculty"],
        ["2026-01", "charlie", "faculty"],
        ["2026-02", "alpha", "faculty"],
        ["2026-02", "alpha", "self"],
        ["2026-02", "bravo", "faculty"],
        ["2026-02", "charlie", "faculty"],
      ]);
      expect(rows.find((r) => r.teamId === "bravo" && r.period === "2026-01")).toEqual({
        teamId: "bravo",
        period: "2026-01",
        source: "faculty",
        score: 2.5,
        rationale: tricky[2],
        recordedAt: "2026-03-22T10:00:00.000Z",
        by: label,
      });
      expect(rows.map((r) => r.rationale).sort()).toEqual([...tricky, ""].sort());
      expect(rows.map((r) => r.score)).toEqual([4, 2.5, 3.5, 5, 3, 1, 0.5]);
      expect(rows.find((r) => r.source === "self")).toMatchObject({ by: "alpha ✓ lead", rationale: "", score: 3 });
      expect((await store.currentScores("sepsis", { teamId: "alpha", period: "2026-02" })).map((r) => r.source)).toEqual(["faculty", "self"]);
      expect(await store.currentScores("sepsis", { teamId: "nobody" })).toEqual([]);
      expect(await store.currentScores("nope", {})).toEqual([]);

      await storeSubmit(store, collaborative, "bravo", { reportingMonth: "2026-01", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 1, denominator: 2 }] }, { at: "2026-02-03T10:00:00.000Z" });
      const reports = await store.reports("sepsis", {});
      expect([...reports].sort((a, b) => `${a.teamId}${a.reportingMonth}`.localeCompare(`${b.teamId}${b.reportingMonth}`))).toEqual([
        { teamId: "alpha", reportingMonth: "2026-02", revisions: 1, latestRevision: 1, firstReceivedAt: "2026-03-05T10:00:00.000Z", latestReceivedAt: "2026-03-05T10:00:00.000Z" },
        { teamId: "bravo", reportingMonth: "2026-01", revisions: 1, latestRevision: 1, firstReceivedAt: "2026-02-03T10:00:00.000Z", latestReceivedAt: "2026-02-03T10:00:00.000Z" },
      ]);
      expect(await store.reports("nope", {})).toEqual([]);
    });

    it("a self-assessment sent with a report is stored as a self score", async () => {
      await withTeams();
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [], selfAssessment: 3.5 });
      expect(await store.currentScores("sepsis", {})).toEqual([expect.objectContaining({ teamId: "alpha", source: "self", score: 3.5 })]);
    });

    it("latestPeriodEvents() gives the latest lock or reopen per month", async () => {
      await withTeams();
      await store.addPeriodEvent("sepsis", { period: "2026-01", action: "lock", reason: "", at: "2026-03-01T00:00:00.000Z" }, CLI);
      await store.addPeriodEvent("sepsis", { period: "2026-01", action: "reopen", reason: "late correction", at: "2026-03-02T00:00:00.000Z" }, CLI);
      await store.addPeriodEvent("sepsis", { period: "2026-02", action: "lock", reason: "", at: "2026-03-03T00:00:00.000Z" }, CLI);
      const events = await store.latestPeriodEvents("sepsis");
      expect(events.get("2026-01")).toMatchObject({ action: "reopen", reason: "late correction" });
      expect(events.get("2026-02")).toMatchObject({ action: "lock" });
    });

    it("the audit log records who did what and when, newest first", async () => {
      await withTeams();
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 1, denominator: 2 }] }, { actor: { tokenId: "tok_x", label: "alpha lead" } });
      const audit = await store.listAudit({ collaborativeId: "sepsis" });
      expect(audit[0]).toMatchObject({ actor: "tok_x", actorLabel: "alpha lead", action: "submission.accepted", teamId: "alpha" });
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["collaborative.created", "team.added"]));
      expect((await store.listAudit({ limit: 1 })).length).toBe(1);
    });

    it("the audit log, submissions and point revisions refuse UPDATE and DELETE (triggers)", async () => {
      await withTeams();
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 1, denominator: 2 }] });
      await store.recordScore("sepsis", { teamId: "alpha", period: "2026-02", score: 3, rationale: "", recordedAt: AT }, CLI);
      await store.addPeriodEvent("sepsis", { period: "2026-01", action: "lock", reason: "", at: AT }, CLI);
      await expect(handle.raw("UPDATE audit_log SET action = 'nothing'")).rejects.toThrow(/append-only/);
      await expect(handle.raw("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
      await expect(handle.raw("UPDATE submissions SET revision = 9")).rejects.toThrow(/append-only/);
      await expect(handle.raw("DELETE FROM point_revisions")).rejects.toThrow(/append-only/);
      await expect(handle.raw("DELETE FROM assessment_scores")).rejects.toThrow(/append-only/);
      await expect(handle.raw("DELETE FROM period_events")).rejects.toThrow(/append-only/);
      expect((await handle.raw("SELECT COUNT(*) AS n FROM submissions")).map((r) => Number(r.n))).toEqual([1]);
    });

    describe("PDSA cycles", () => {
      const cycle = (over: Record<string, unknown> = {}) => ({
        cycleId: "1",
        changeIdea: "Sepsis screen at triage",
        measureIds: ["abx-1h"],
        prediction: "more patients get antibiotics within the hour",
        startDate: "2026-02-03",
        endDate: null,
        whatHappened: "",
        decision: null,
        ...over,
      });
      const summaryOf = (outcome: unknown) => JSON.parse((outcome as { body: string }).body);

      it("submit() stores cycles as revisions keyed by label: created, then unchanged, updated (case of the label ignored) or created", async () => {
        await withTeams();
        const first = await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [], cycles: [cycle(), cycle({ cycleId: "2", changeIdea: "Lactate on arrival", measureIds: [] })] });
        expect(summaryOf(first)).toMatchObject({ status: "accepted", revision: 1, counts: { created: 0 }, cycles: { created: 2, updated: 0, unchanged: 0, rejected: 0 } });

        const dry = await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [], cycles: [cycle({ endDate: "2026-02-27", decision: "adapt" })] }, { dryRun: true });
        expect(summaryOf(dry)).toMatchObject({ status: "dry_run", cycles: { created: 0, updated: 1, unchanged: 0, rejected: 0 } });

        const same = await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [], cycles: [cycle()] });
        expect(summaryOf(same)).toMatchObject({ status: "unchanged", cycles: { unchanged: 1 } });

        const second = await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-03", points: [], cycles: [cycle({ endDate: "2026-02-27", decision: "adapt", whatHappened: "screened 70%" }), cycle({ cycleId: "1B", changeIdea: "Screen with a prompt card", startDate: "2026-03-02" })] }, { at: "2026-04-02T10:00:00.000Z" });
        expect(summaryOf(second)).toMatchObject({ status: "accepted", revision: 1, cycles: { created: 1, updated: 1, unchanged: 0, rejected: 0 } });

        const current = await store.currentCycles("sepsis", { teamId: "alpha" });
        expect(current.map((c) => [c.cycleId, c.decision, c.endDate, c.revision])).toEqual([
          ["1", "adapt", "2026-02-27", 1],
          ["2", null, null, 1],
          ["1B", null, null, 1],
        ]);
        expect(current[0]).toMatchObject({ teamId: "alpha", whatHappened: "screened 70%", measureIds: ["abx-1h"], receivedAt: "2026-04-02T10:00:00.000Z" });
        // a label retyped in another case is the same cycle (an update), kept as last typed
        await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-03", points: [], cycles: [cycle({ cycleId: "1b", changeIdea: "Screen with a prompt card", startDate: "2026-03-02" })] }, { at: "2026-04-03T10:00:00.000Z" });
        expect((await store.currentCycles("sepsis", { teamId: "alpha" })).map((c) => c.cycleId)).toEqual(["1", "2", "1b"]);
        // every revision is kept, in order
        const history = await handle.raw("SELECT cycle_id, change, decision FROM cycle_revisions WHERE cycle_key = '1' ORDER BY id");
        expect(history.map((r) => [r.cycle_id, r.change, r.decision])).toEqual([["1", "created", null], ["1", "updated", "adapt"]]);
        expect((await store.currentCycles("sepsis", { measureId: "abx-1h" })).map((c) => c.cycleId)).toEqual(["1", "1b"]);
        expect(await store.currentCycles("sepsis", { teamId: "bravo" })).toEqual([]);
      });

      it("a cycle naming a measure outside the set is rejected alone; a report of only such cycles stores nothing", async () => {
        await withTeams();
        const mixed = await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [], cycles: [cycle(), cycle({ cycleId: "2", measureIds: ["nope"] })] });
        expect(summaryOf(mixed)).toMatchObject({ status: "accepted", cycles: { created: 1, rejected: 1 } });
        expect(summaryOf(mixed).conflicts.filter((c: { severity: string }) => c.severity === "error")).toEqual([expect.objectContaining({ path: ["cycles", 1, "measureIds", 0], code: "UNKNOWN_MEASURE" })]);
        const refused = await storeSubmit(store, collaborative, "bravo", { reportingMonth: "2026-02", points: [], cycles: [cycle({ measureIds: ["nope"] })] });
        expect(refused).toMatchObject({ httpStatus: 422 });
        expect(await store.currentCycles("sepsis", { teamId: "bravo" })).toEqual([]);
        // every point refused: a new cycle still lands; an unchanged one does not save the report from 422
        const badPoint = { measureId: "abx-1h", period: "2026-02", numerator: 60, denominator: 50 };
        expect(await storeSubmit(store, collaborative, "charlie", { reportingMonth: "2026-02", points: [badPoint], cycles: [cycle()] })).toMatchObject({ httpStatus: 201 });
        expect(await storeSubmit(store, collaborative, "charlie", { reportingMonth: "2026-02", points: [badPoint], cycles: [cycle()] })).toMatchObject({ httpStatus: 422 });
      });

      it("cycle_revisions refuses UPDATE and DELETE (trigger)", async () => {
        await withTeams();
        await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [], cycles: [cycle()] });
        await expect(handle.raw("UPDATE cycle_revisions SET decision = 'adopt'")).rejects.toThrow(/append-only/);
        await expect(handle.raw("DELETE FROM cycle_revisions")).rejects.toThrow(/append-only/);
      });
    });

    it("submit() for an unknown team is a StoreNotFound and writes nothing", async () => {
      await withTeams();
      await expect(storeSubmit(store, collaborative, "zulu", { reportingMonth: "2026-02", points: [] })).rejects.toThrow(StoreNotFound);
    });

    it("a write that fails part-way leaves nothing behind (one transaction on both engines)", async () => {
      const failing: Operation<void> = {
        *body({ db }) {
          yield* run(db.insertInto("collaboratives").values({ id: "c", name: "C", aim: "", start_month: "2026-01", end_month: "2026-12", due_day: 15, lock_after_days: 0, sharing: "named", rule_set: "ihi", created_at: AT }));
          expect(yield* all(db.selectFrom("collaboratives").select("id"))).toEqual([{ id: "c" }]); // seen inside the transaction
          throw new Error("planner failed");
        },
      };
      await expect((store as Store & SqlStore).transact(failing)).rejects.toThrow("planner failed");
      expect(await store.isEmpty()).toBe(true);
    });

    it("bulkLoad() into an unknown collaborative is a StoreNotFound, teams given or not, and writes nothing", async () => {
      await withTeams();
      const report = { teamId: "alpha", reportingMonth: "2026-01", receivedAt: "2026-02-10T00:00:00.000Z", points: [] };
      await expect(load({ collaborativeId: "nope", tokenId: "bulk", reports: [report], scores: [] })).rejects.toThrow(StoreNotFound);
      await expect(
        load({ collaborativeId: "nope", tokenId: "bulk", teams: [{ id: "delta", name: "Delta", organisation: "", createdAt: AT }], reports: [], scores: [] }),
      ).rejects.toThrow(StoreNotFound);
      expect(await handle.raw("SELECT id FROM submissions")).toEqual([]);
      expect(await handle.raw("SELECT id FROM teams WHERE collaborative_id = 'nope'")).toEqual([]);
    });

    it("values holding SQL's placeholder characters (?, $1) are stored as sent", async () => {
      await store.createCollaborative({ ...collaborative, name: "Who? Us? $1 $2 ?? '?'" }, AT, CLI);
      await store.addTeam("sepsis", { id: "q?", name: "Team ?", organisation: "$1" }, AT, CLI);
      expect((await store.getCollaborative("sepsis"))?.definition.name).toBe("Who? Us? $1 $2 ?? '?'");
      expect(await store.getTeam("sepsis", "q?")).toMatchObject({ name: "Team ?", organisation: "$1" });
      await store.recordScore("sepsis", { teamId: "q?", period: "2026-01", score: 3, rationale: "why? because $1", recordedAt: AT }, CLI);
      expect((await store.currentScores("sepsis", { teamId: "q?" }))[0]?.rationale).toBe("why? because $1");
    });

    it("bulkLoad() adds its teams after the existing ones, without audit entries", async () => {
      await withTeams();
      const audits = (await store.listAudit({ collaborativeId: "sepsis", limit: 1000 })).length;
      await load({
        collaborativeId: "sepsis",
        tokenId: "bulk",
        teams: [
          { id: "delta", name: "Delta", organisation: "D", createdAt: AT },
          { id: "echo", name: "Echo", organisation: "", createdAt: AT },
        ],
        reports: [{ teamId: "echo", reportingMonth: "2026-01", receivedAt: "2026-02-10T00:00:00.000Z", points: [] }],
        scores: [],
      });
      expect((await store.listTeams("sepsis")).map((t) => [t.id, t.position])).toEqual([
        ["alpha", 0],
        ["bravo", 1],
        ["charlie", 2],
        ["delta", 3],
        ["echo", 4],
      ]);
      expect((await store.listAudit({ collaborativeId: "sepsis", limit: 1000 })).length).toBe(audits);
      expect((await store.reports("sepsis", {})).map((r) => r.teamId)).toEqual(["echo"]);
      // A taken team id is the driver's unique-constraint error (compared by message: better-sqlite3's
      // errors belong to the realm of the first test file its jest worker loaded, so toThrow() can miss them).
      const again = await load({ collaborativeId: "sepsis", tokenId: "bulk", teams: [{ id: "delta", name: "Again", organisation: "", createdAt: AT }], reports: [], scores: [] }).then(
        () => null,
        (error: unknown) => String((error as { message?: unknown }).message),
      );
      expect(again).toMatch(/unique/i);
      expect((await store.listTeams("sepsis")).length).toBe(5);
    });

    it("bulkLoad() writes reports and scores that the reads see", async () => {
      await withTeams();
      await load({
        collaborativeId: "sepsis",
        tokenId: "bulk",
        reports: [
          { teamId: "alpha", reportingMonth: "2026-01", receivedAt: "2026-02-10T00:00:00.000Z", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 5, denominator: 10, value: 50 }] },
          { teamId: "bravo", reportingMonth: "2026-01", receivedAt: "2026-02-20T00:00:00.000Z", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 7, denominator: 10, value: 70 }] },
        ],
        scores: [{ teamId: "alpha", period: "2026-01", score: 4, rationale: "", recordedAt: "2026-02-25T00:00:00.000Z" }],
      });
      expect((await store.currentPoints("sepsis", {})).map((p) => p.value)).toEqual([50, 70]);
      expect((await store.reports("sepsis", {})).length).toBe(2);
      expect(await store.facultyScoreCounts("sepsis")).toEqual([{ period: "2026-01", score: 4, teams: 1 }]);
    });
  });
}
