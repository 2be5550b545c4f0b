// The one contract both storage engines must meet. Run by store.sqlite.test.ts and store.postgres.test.ts.

import { bulkLoad, type BulkLoad } from "../../bench/bulkLoad";
import type { SqlStore } from "../../src/server/store/base";
import { all, run, type Operation } from "../../src/server/store/steps";
import { MAX_REMINDER_ATTEMPTS, StoreConflict, StoreNotFound, type Store } from "../../src/server/store/store";
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

    it("team settings (join month, active, reminder opt-out) and collaborative reminder settings round-trip; defaults read back absent", async () => {
      await store.createCollaborative({ ...collaborative, id: "quiet", remindersEnabled: false, reminderDaysBefore: 5 }, AT, CLI);
      expect((await store.getCollaborative("quiet"))?.definition).toMatchObject({ remindersEnabled: false, reminderDaysBefore: 5 });
      await withTeams();
      const def = (await store.getCollaborative("sepsis"))?.definition;
      expect(def && "remindersEnabled" in def).toBe(false);
      await store.addTeam("sepsis", { id: "delta", name: "Delta", organisation: "", joinMonth: "2026-04", active: false, remindersOptOut: true }, AT, CLI);
      expect(await store.getTeam("sepsis", "delta")).toMatchObject({ joinMonth: "2026-04", active: false, remindersOptOut: true, position: 3 });
      const alpha = await store.getTeam("sepsis", "alpha");
      expect(alpha && ["joinMonth", "active", "remindersOptOut"].some((k) => k in alpha)).toBe(false);
    });

    it("setContacts() replaces a team's contacts as a whole; listContacts() gives them per team in order; an unknown team is a StoreNotFound", async () => {
      await withTeams();
      const lead = { name: "Ada Lead", email: "ada@alpha.example", role: "data lead" };
      const advisor = { name: "Ben Adviser", email: "ben@alpha.example", role: "" };
      await store.setContacts("sepsis", "alpha", [lead, advisor], AT, CLI);
      await store.setContacts("sepsis", "bravo", [advisor], AT, CLI);
      expect(Object.fromEntries(await store.listContacts("sepsis"))).toEqual({ alpha: [lead, advisor], bravo: [advisor] });
      await store.setContacts("sepsis", "alpha", [advisor], AT, CLI);
      expect(Object.fromEntries(await store.listContacts("sepsis", { teamId: "alpha" }))).toEqual({ alpha: [advisor] });
      await store.setContacts("sepsis", "bravo", [], AT, CLI);
      expect([...(await store.listContacts("sepsis")).keys()]).toEqual(["alpha"]);
      await expect(store.setContacts("sepsis", "zulu", [lead], AT, CLI)).rejects.toThrow(StoreNotFound);
      // audited without the addresses
      const entry = (await store.listAudit({ collaborativeId: "sepsis" })).find((e) => e.action === "team.contacts.set");
      expect(JSON.stringify(entry)).not.toContain("@");
    });

    it("updateCollaborative() changes only the settings given, audited; refuses an end before the start and months that would leave data out", async () => {
      await withTeams();
      await store.updateCollaborative("sepsis", { name: "Sepsis II", dueDay: 20, remindersEnabled: false, reminderDaysBefore: 5, sharing: "blinded" }, AT, CLI);
      const def = (await store.getCollaborative("sepsis"))?.definition;
      expect(def).toMatchObject({ name: "Sepsis II", dueDay: 20, remindersEnabled: false, reminderDaysBefore: 5, sharing: "blinded", aim: collaborative.aim, startMonth: "2026-01" });
      await store.updateCollaborative("sepsis", { remindersEnabled: true, reminderDaysBefore: 3 }, AT, CLI);
      const back = (await store.getCollaborative("sepsis"))?.definition;
      expect(back && ("remindersEnabled" in back || "reminderDaysBefore" in back)).toBe(false); // defaults read back absent
      await expect(store.updateCollaborative("sepsis", { endMonth: "2025-12" }, AT, CLI)).rejects.toThrow(/endMonth 2025-12 is before startMonth 2026-01/);
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 1, denominator: 2 }] });
      await expect(store.updateCollaborative("sepsis", { startMonth: "2026-03" }, AT, CLI)).rejects.toThrow(/data for 2026-02: startMonth can be 2026-02 at the latest/);
      await expect(store.updateCollaborative("sepsis", { endMonth: "2026-01" }, AT, CLI)).rejects.toThrow(StoreConflict);
      await store.updateCollaborative("sepsis", { startMonth: "2026-02", endMonth: "2026-02" }, AT, CLI);
      expect((await store.getCollaborative("sepsis"))?.definition).toMatchObject({ startMonth: "2026-02", endMonth: "2026-02" });
      await expect(store.updateCollaborative("nope", { name: "x" }, AT, CLI)).rejects.toThrow(StoreNotFound);
      const entry = (await store.listAudit({ collaborativeId: "sepsis", action: "collaborative.updated" }))[0];
      expect(entry?.details).toEqual({ changed: { startMonth: "2026-02", endMonth: "2026-02" } });
    });

    it("updateMeasure() replaces a definition by id, retires and brings back; kind and multiplier are fixed once data exists", async () => {
      await withTeams();
      const abx = collaborative.measures[0];
      await store.updateMeasure("sepsis", { ...abx, name: "Antibiotics in 60 minutes", goal: 90, kind: "rate", multiplier: 10 }, AT, CLI);
      expect((await store.getCollaborative("sepsis"))?.definition.measures[0]).toMatchObject({ id: "abx-1h", name: "Antibiotics in 60 minutes", goal: 90, kind: "rate" });
      await store.updateMeasure("sepsis", abx, AT, CLI);
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 1, denominator: 2 }] });
      await expect(store.updateMeasure("sepsis", { ...abx, kind: "count" }, AT, CLI)).rejects.toThrow(/abx-1h already has data from 1 team: its kind \(percent\) cannot change to count; add a new measure and retire this one/);
      const mortality = collaborative.measures[1];
      await storeSubmit(store, collaborative, "bravo", { reportingMonth: "2026-02", points: [{ measureId: "mortality", period: "2026-02", numerator: 1, denominator: 2000 }] });
      await expect(store.updateMeasure("sepsis", { ...mortality, multiplier: 100 }, AT, CLI)).rejects.toThrow(/multiplier \(1000\) cannot change to 100/);
      await store.updateMeasure("sepsis", { ...abx, retired: true }, AT, CLI);
      expect((await store.getCollaborative("sepsis"))?.definition.measures[0].retired).toBe(true);
      await store.updateMeasure("sepsis", { ...abx, retired: false }, AT, CLI);
      expect("retired" in ((await store.getCollaborative("sepsis"))?.definition.measures[0] ?? {})).toBe(false); // stored sparse
      await expect(store.updateMeasure("sepsis", { ...abx, id: "nope" }, AT, CLI)).rejects.toThrow(StoreNotFound);
      const actions = (await store.listAudit({ collaborativeId: "sepsis", action: "measure" })).map((e) => e.action);
      expect(actions).toEqual(["measure.unretired", "measure.retired", "measure.updated", "measure.updated"]);
    });

    it("reorderMeasures() renumbers the unique positions in any order; every id exactly once", async () => {
      await withTeams();
      const order = ["door-to-abx", "abx-1h", "readmissions", "mortality"];
      await store.reorderMeasures("sepsis", order, AT, CLI);
      expect((await store.getCollaborative("sepsis"))?.definition.measures.map((m) => m.id)).toEqual(order);
      await store.reorderMeasures("sepsis", [...order].reverse(), AT, CLI);
      expect((await store.getCollaborative("sepsis"))?.definition.measures.map((m) => m.id)).toEqual([...order].reverse());
      expect((await handle.raw("SELECT position FROM measures WHERE collaborative_id = 'sepsis' ORDER BY position")).map((r) => Number(r.position))).toEqual([0, 1, 2, 3]);
      await expect(store.reorderMeasures("sepsis", ["abx-1h", "mortality"], AT, CLI)).rejects.toThrow(/readmissions, door-to-abx are missing/);
      await expect(store.reorderMeasures("sepsis", [...order, "abx-1h", "zzz"], AT, CLI)).rejects.toThrow(/zzz is not a measure of this collaborative; abx-1h appears more than once/);
      // a new measure still goes last
      await store.addMeasure("sepsis", { ...collaborative.measures[0], id: "lactate" }, AT, CLI);
      expect((await store.getCollaborative("sepsis"))?.definition.measures.at(-1)?.id).toBe("lactate");
    });

    it("deleteMeasure() deletes a measure without data; one with data (even retracted) is a StoreConflict saying to retire it", async () => {
      await withTeams();
      await store.deleteMeasure("sepsis", "readmissions", AT, CLI);
      expect((await store.getCollaborative("sepsis"))?.definition.measures.map((m) => m.id)).toEqual(["abx-1h", "mortality", "door-to-abx"]);
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 1, denominator: 2 }] });
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", retract: { reason: "wrong" } }] });
      await expect(store.deleteMeasure("sepsis", "abx-1h", AT, CLI)).rejects.toThrow(/abx-1h has data from 1 team \(2 point revisions\): retire it instead/);
      await expect(store.deleteMeasure("sepsis", "readmissions", AT, CLI)).rejects.toThrow(StoreNotFound);
      await store.deleteMeasure("sepsis", "mortality", AT, CLI);
      await store.deleteMeasure("sepsis", "door-to-abx", AT, CLI);
      await store.updateMeasure("sepsis", { ...collaborative.measures[0], retired: true }, AT, CLI);
      await store.addMeasure("sepsis", { ...collaborative.measures[3] }, AT, CLI);
      await expect(store.deleteMeasure("sepsis", "abx-1h", AT, CLI)).rejects.toThrow(StoreConflict);
      expect((await store.listAudit({ collaborativeId: "sepsis", action: "measure.deleted" })).map((e) => e.details.measureId)).toEqual(["door-to-abx", "mortality", "readmissions"]);
    });

    it("deleteMeasure() keeps the last measure", async () => {
      await store.createCollaborative({ ...collaborative, measures: [collaborative.measures[0]] }, AT, CLI);
      await expect(store.deleteMeasure("sepsis", "abx-1h", AT, CLI)).rejects.toThrow(/only measure/);
    });

    it("updateTeam() changes the fields given; joinMonth null clears it; addTeam() with contacts writes both at once", async () => {
      await withTeams();
      const updated = await store.updateTeam("sepsis", "alpha", { name: "Alpha General", joinMonth: "2026-04", active: false, remindersOptOut: true }, AT, CLI);
      expect(updated).toMatchObject({ id: "alpha", name: "Alpha General", organisation: "Alpha Health", joinMonth: "2026-04", active: false, remindersOptOut: true, position: 0 });
      expect(await store.getTeam("sepsis", "alpha")).toEqual(updated);
      const cleared = await store.updateTeam("sepsis", "alpha", { joinMonth: null, active: true, remindersOptOut: false }, AT, CLI);
      expect(["joinMonth", "active", "remindersOptOut"].some((k) => k in cleared)).toBe(false);
      expect(await store.getTeam("sepsis", "alpha")).toEqual(cleared);
      await expect(store.updateTeam("sepsis", "zulu", { name: "Z" }, AT, CLI)).rejects.toThrow(StoreNotFound);
      const lead = { name: "Dee Lead", email: "dee@delta.example", role: "data lead" };
      await store.addTeam("sepsis", { id: "delta", name: "Delta", organisation: "" }, AT, CLI, [lead]);
      expect(Object.fromEntries(await store.listContacts("sepsis", { teamId: "delta" }))).toEqual({ delta: [lead] });
      await expect(store.addTeam("sepsis", { id: "delta", name: "Again", organisation: "" }, AT, CLI, [lead])).rejects.toThrow(StoreConflict);
      expect((await store.listContacts("sepsis", { teamId: "delta" })).get("delta")).toEqual([lead]);
      expect((await store.listAudit({ teamId: "alpha", action: "team.updated" })).length).toBe(2);
    });

    it("listTokens() filters by collaborative; listAudit() filters by actor, action family and team and pages by id", async () => {
      await withTeams();
      await store.createCollaborative({ ...collaborative, id: "other" }, AT, CLI);
      await issueToken(store, { role: "team", collaborativeId: "sepsis", teamId: "alpha", label: "alpha", now: new Date(AT), actor: CLI });
      await issueToken(store, { role: "admin", label: "global", now: new Date(AT), actor: { tokenId: "tok_boss", label: "boss" } });
      await issueToken(store, { role: "faculty", collaborativeId: "other", label: "other faculty", now: new Date(AT), actor: CLI });
      expect((await store.listTokens()).map((t) => t.label)).toEqual(expect.arrayContaining(["alpha", "global", "other faculty"]));
      expect((await store.listTokens({ collaborativeId: "sepsis" })).map((t) => t.label)).toEqual(["alpha"]);
      expect((await store.listAudit({ actor: "tok_boss" })).map((e) => e.action)).toEqual(["token.issued"]);
      expect((await store.listAudit({ action: "team" })).map((e) => e.teamId)).toEqual(["charlie", "bravo", "alpha"]);
      expect(await store.listAudit({ action: "tea" })).toEqual([]);
      expect((await store.listAudit({ teamId: "alpha" })).map((e) => e.action)).toEqual(["token.issued", "team.added"]);
      const everything = await store.listAudit({ limit: 1000 });
      const page1 = await store.listAudit({ limit: 2 });
      const page2 = await store.listAudit({ limit: 2, before: page1[1].id });
      expect([...page1, ...page2]).toEqual(everything.slice(0, 4));
      expect(await store.listAudit({ before: everything.at(-1)?.id ?? 0 })).toEqual([]);
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

    it("claimReminder() claims a key once; a failed reminder is claimed again up to MAX_REMINDER_ATTEMPTS; finishReminder() moves only a sending row", async () => {
      await withTeams();
      const due = { key: "due:sepsis:alpha:2026-10", kind: "due" as const, collaborativeId: "sepsis", teamId: "alpha", period: "2026-10", recipients: ["ada@alpha.example"], subject: "S", text: "T", status: "sending" as const, error: null, details: null };
      expect(await store.claimReminder(due, AT)).toBe(true);
      expect(await store.claimReminder(due, AT)).toBe(false);
      // twelve concurrent claims of a new key: exactly one wins
      const late = { ...due, key: "late:sepsis:alpha:2026-10", kind: "late" as const };
      const wins = await Promise.all(Array.from({ length: 12 }, () => store.claimReminder(late, AT)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await store.finishReminder(due.key, { status: "failed", error: "421 try later" }, "2026-01-10T09:05:00.000Z")).toBe(true);
      expect(await store.finishReminder(due.key, { status: "sent", error: null }, AT)).toBe(false); // not sending
      expect(await store.getReminder(due.key)).toMatchObject({ status: "failed", error: "421 try later", attempts: 1, updatedAt: "2026-01-10T09:05:00.000Z", createdAt: AT });
      for (let attempt = 2; attempt <= MAX_REMINDER_ATTEMPTS; attempt++) {
        expect(await store.claimReminder({ ...due, recipients: ["new@alpha.example"] }, AT)).toBe(true);
        expect(await store.getReminder(due.key)).toMatchObject({ status: "sending", attempts: attempt, recipients: ["new@alpha.example"], error: null });
        await store.finishReminder(due.key, { status: "failed", error: "again" }, AT);
      }
      expect(await store.claimReminder(due, AT)).toBe(false); // failed too often
      await store.finishReminder(late.key, { status: "sent", error: null }, AT);
      expect(await store.claimReminder(late, AT)).toBe(false); // sent is final
      const digest = { ...due, key: "digest:sepsis:2026-W42", kind: "digest" as const, teamId: null, period: "2026-W42", status: "would-send" as const, details: { week: "2026-W42", scores: { alpha: 2 } } };
      expect(await store.claimReminder(digest, "2026-01-11T00:00:00.000Z")).toBe(true);
      expect(await store.claimReminder({ ...digest, key: "digest:sepsis:2026-W43", period: "2026-W43", status: "failed", error: "no recipients", details: { week: "2026-W43" } }, "2026-01-12T00:00:00.000Z")).toBe(true);
      expect(await store.previousDigestDetails("sepsis", "digest:sepsis:2026-W44")).toEqual({ week: "2026-W42", scores: { alpha: 2 } }); // a failed digest is not a previous one
      expect(await store.previousDigestDetails("sepsis", "digest:sepsis:2026-W42")).toBeNull();
      const listed = await store.listReminders("sepsis");
      expect(listed.map((r) => r.key)).toEqual(["digest:sepsis:2026-W43", "digest:sepsis:2026-W42", "due:sepsis:alpha:2026-10", "late:sepsis:alpha:2026-10"]);
      expect(listed[1]).toMatchObject({ kind: "digest", teamId: null, period: "2026-W42", status: "would-send", recipients: ["ada@alpha.example"], subject: "S", text: "T" });
      expect(await store.listReminders("sepsis", { limit: 1 })).toHaveLength(1);
      // rows are never deleted
      await expect(handle.raw("DELETE FROM reminder_ledger")).rejects.toThrow();
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

    it("narratives() gives each team-month's narrative as it stands (a revision without one keeps it); latestPerTeam only each team's latest month", async () => {
      await withTeams();
      const narrative = (changesTested: string) => ({ changesTested, lessons: `lesson of ${changesTested}`, barriers: "", helpWanted: "" });
      const point = (month: string, numerator: number) => ({ measureId: "abx-1h", period: month, numerator, denominator: 50 });
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-01", points: [point("2026-01", 10)], narrative: narrative("huddles") });
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-01", points: [point("2026-01", 11)] }, { at: "2026-03-06T10:00:00.000Z" });
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [point("2026-02", 20)], narrative: narrative("triage screen") });
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [point("2026-02", 21)], narrative: narrative("triage screen, v2") }, { at: "2026-03-07T10:00:00.000Z" });
      await storeSubmit(store, collaborative, "bravo", { reportingMonth: "2026-01", points: [point("2026-01", 30)], narrative: narrative("sepsis cart") });
      await storeSubmit(store, collaborative, "charlie", { reportingMonth: "2026-02", points: [point("2026-02", 5)] });

      const all = await store.narratives("sepsis", {});
      expect(all.map((n) => [n.teamId, n.reportingMonth, n.revision, n.narrative.changesTested])).toEqual([
        ["alpha", "2026-01", 1, "huddles"],
        ["alpha", "2026-02", 2, "triage screen, v2"],
        ["bravo", "2026-01", 1, "sepsis cart"],
      ]);
      const latest = await store.narratives("sepsis", { latestPerTeam: true });
      expect(latest.map((n) => [n.teamId, n.reportingMonth, n.narrative.lessons])).toEqual([
        ["alpha", "2026-02", "lesson of triage screen, v2"],
        ["bravo", "2026-01", "lesson of sepsis cart"],
      ]);
      expect((await store.narratives("sepsis", { teamId: "bravo" })).map((n) => n.teamId)).toEqual(["bravo"]);
    });

    it("pointRevisions() lists every change to every point with its report's revision, retractions included", async () => {
      await withTeams();
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 10, denominator: 20, annotation: "first" }] });
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 12, denominator: 20 }] }, { at: "2026-03-06T10:00:00.000Z" });
      await storeSubmit(store, collaborative, "alpha", { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-01", retract: { reason: "wrong month" } }] }, { at: "2026-03-07T10:00:00.000Z" });
      const rows = await store.pointRevisions("sepsis");
      expect(rows.map((r) => [r.teamId, r.measureId, r.period, r.revision, r.reportingMonth, r.change, r.numerator, r.value, r.retractReason])).toEqual([
        ["alpha", "abx-1h", "2026-01", 1, "2026-02", "created", 10, 50, null],
        ["alpha", "abx-1h", "2026-01", 2, "2026-02", "updated", 12, 60, null],
        ["alpha", "abx-1h", "2026-01", 3, "2026-02", "retracted", null, null, "wrong month"],
      ]);
      expect(rows[0]).toMatchObject({ annotation: "first", receivedAt: "2026-03-05T10:00:00.000Z" });
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

    it("reports() and currentScores() read a range of teams by joining position (a page of a campaign read)", async () => {
      await withTeams();
      const at = "2026-02-10T00:00:00.000Z";
      await load({
        collaborativeId: "sepsis",
        tokenId: "bulk",
        reports: TEAMS.map((t) => ({ teamId: t.id, reportingMonth: "2026-01", receivedAt: at, points: [] })),
        scores: TEAMS.map((t) => ({ teamId: t.id, period: "2026-01", score: 3, rationale: "", recordedAt: at })),
      });
      expect((await store.reports("sepsis", { teams: { offset: 1, limit: 5 } })).map((r) => r.teamId).sort()).toEqual(["bravo", "charlie"]);
      expect((await store.reports("sepsis", { teams: { offset: 0, limit: 1 } })).map((r) => r.teamId)).toEqual(["alpha"]);
      expect((await store.currentScores("sepsis", { teams: { offset: 1, limit: 1 } })).map((r) => r.teamId)).toEqual(["bravo"]);
      expect(await store.currentScores("sepsis", { teams: { offset: 3, limit: 10 } })).toEqual([]);
    });

    // Group commit (SQLite commits concurrent writes in one transaction, each in its own savepoint;
    // PostgreSQL runs them on separate connections): the same outcomes either way.
    it("concurrent writes, some failing part-way: the others are stored, the failing ones leave nothing", async () => {
      await withTeams();
      const report = (n: number) => ({ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: n, denominator: 50 }] });
      const failing: Operation<void> = {
        *body({ db }) {
          yield* run(db.insertInto("collaboratives").values({ id: "half", name: "Half", aim: "", start_month: "2026-01", end_month: "2026-12", due_day: 15, lock_after_days: 0, sharing: "named", rule_set: "ihi", created_at: AT }));
          throw new Error("planner failed");
        },
      };
      const outcomes = await Promise.allSettled([
        storeSubmit(store, collaborative, "alpha", report(10), { idempotencyKey: "a-1" }),
        (store as Store & SqlStore).transact(failing),
        storeSubmit(store, collaborative, "zulu", report(11)),
        storeSubmit(store, collaborative, "bravo", report(12)),
        storeSubmit(store, collaborative, "charlie", report(13)),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled", "fulfilled"]);
      expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ message: "planner failed" });
      expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(StoreNotFound);
      expect(await store.getCollaborative("half")).toBeNull();
      expect((await store.currentPoints("sepsis", {})).map((p) => [p.teamId, p.numerator])).toEqual([
        ["alpha", 10],
        ["bravo", 12],
        ["charlie", 13],
      ]);
      expect((await store.reports("sepsis", {})).map((r) => [r.teamId, r.revisions]).sort()).toEqual([
        ["alpha", 1],
        ["bravo", 1],
        ["charlie", 1],
      ]);
      // the idempotency record of the write that succeeded is kept
      expect(await storeSubmit(store, collaborative, "alpha", report(10), { idempotencyKey: "a-1" })).toMatchObject({ kind: "replay" });
      const audited = (await store.listAudit({ collaborativeId: "sepsis", limit: 1000 })).filter((a) => a.action.startsWith("submission"));
      expect(audited.map((a) => a.teamId).sort()).toEqual(["alpha", "bravo", "charlie"]);
    });

    it("two reports of one team sent together get revisions 1 and 2; the later one's values are current", async () => {
      await withTeams();
      const report = (n: number) => ({ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: n, denominator: 50 }] });
      const outcomes = await Promise.all([
        storeSubmit(store, collaborative, "alpha", report(20), { idempotencyKey: "k-20" }),
        storeSubmit(store, collaborative, "alpha", report(21), { idempotencyKey: "k-21" }),
        storeSubmit(store, collaborative, "alpha", report(20), { idempotencyKey: "k-20" }),
      ]);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(["done", "done", "replay"]);
      const byNumerator = new Map(
        outcomes.filter((o) => o.kind === "done").map((o) => {
          const body = JSON.parse((o as { body: string }).body) as { revision: number; counts: { created: number; updated: number } };
          return [body.revision, body.counts] as const;
        }),
      );
      expect([...byNumerator.keys()].sort()).toEqual([1, 2]);
      expect(byNumerator.get(1)).toMatchObject({ created: 1, updated: 0 });
      expect(byNumerator.get(2)).toMatchObject({ created: 0, updated: 1 });
      const submissions = await store.listSubmissions("sepsis", "alpha");
      expect(submissions.map((s) => s.revision).sort()).toEqual([1, 2]);
      const latest = await store.getSubmission("sepsis", submissions.find((s) => s.revision === 2)?.submissionId ?? "");
      const [point] = await store.currentPoints("sepsis", { teamId: "alpha" });
      expect(point).toMatchObject({ numerator: latest?.input.points[0].numerator, revision: 2 });
      expect(await store.reports("sepsis", {})).toMatchObject([{ teamId: "alpha", revisions: 2, latestRevision: 2 }]);
    });
  });
}
