// Every write of the Store, written once: each is an Operation (see steps.ts) that both engines
// drive inside their own transaction. What a write checks, what it stores and in which order is
// here; how an engine locks (PostgreSQL's row locks, SQLite's one database write lock), how it cuts
// many rows into statements and whether it waits on its driver stays in the engine.

import type { Insertable, SelectQueryBuilder } from "kysely";
import { DEFAULT_REMINDER_DAYS_BEFORE, measureOrderProblem, type CollaborativeDefinition, type CollaborativeSettingsPatch, type MeasureDefinition, type Team, type TeamContact, type TeamPatch } from "../../core/index";
import type { Builder, CurrentCyclesTable, CurrentPointsTable, CurrentScoresTable, CycleRevisionsTable, Database, MonthlyReportsTable, PointRevisionsTable } from "./schema";
import { matchTokens, toTeam, toToken } from "./sql";
import { all, first, insert, run, type Operation, type Steps, type WriteContext } from "./steps";
import {
  StoreConflict,
  StoreNotFound,
  type Actor,
  type CycleChange,
  type NewAuditEntry,
  type NewToken,
  type PeriodEvent,
  type PointChange,
  type ScoreRow,
  type ScoreSource,
  type StoredResponse,
  type TeamRecord,
  type TokenRecord,
} from "./store";

/**
 * `query` locking the rows it reads until the transaction ends, on PostgreSQL (`FOR UPDATE`, or
 * `FOR SHARE` for a reader). SQLite has no row locks and needs none: its writes run in an immediate
 * transaction, which holds the one database write lock from its first statement.
 */
export function locked<DB, TB extends keyof DB, O>(ctx: WriteContext, query: SelectQueryBuilder<DB, TB, O>, mode: "update" | "share" = "update"): SelectQueryBuilder<DB, TB, O> {
  if (ctx.engine === "sqlite") return query;
  return mode === "update" ? query.forUpdate() : query.forShare();
}

// ---- statements that more than one write (or the bench's bulk load) uses -------------------------

export function auditRow(entry: NewAuditEntry): Insertable<Database["audit_log"]> {
  return {
    at: entry.at,
    actor: entry.actor.tokenId ?? "cli",
    actor_label: entry.actor.label,
    action: entry.action,
    collaborative_id: entry.collaborativeId,
    team_id: entry.teamId,
    details: JSON.stringify(entry.details),
  };
}

export function* audit(db: Builder, entry: NewAuditEntry): Steps {
  yield* run(db.insertInto("audit_log").values(auditRow(entry)));
}

/** The point revisions of one or many submissions. */
export const insertPointRevisions = (db: Builder) => (rows: readonly Insertable<PointRevisionsTable>[]) => db.insertInto("point_revisions").values([...rows]);

/** The current value of each point (the latest revision wins). */
export const upsertCurrentPoints = (db: Builder) => (rows: readonly CurrentPointsTable[]) =>
  db
    .insertInto("current_points")
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(["collaborative_id", "measure_id", "team_id", "period"]).doUpdateSet((eb) => ({
        numerator: eb.ref("excluded.numerator"),
        denominator: eb.ref("excluded.denominator"),
        value: eb.ref("excluded.value"),
        annotation: eb.ref("excluded.annotation"),
        retracted: eb.ref("excluded.retracted"),
        submission_id: eb.ref("excluded.submission_id"),
        revision: eb.ref("excluded.revision"),
        received_at: eb.ref("excluded.received_at"),
      })),
    );

/**
 * One row per team and month: a new report counts one more revision. Rows carry `revisions: 1`; a
 * narrative or self-assessment they carry replaces the month's latest, a null keeps it.
 */
export const upsertMonthlyReports = (db: Builder) => (rows: readonly MonthlyReportsTable[]) =>
  db
    .insertInto("monthly_reports")
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(["collaborative_id", "team_id", "reporting_month"]).doUpdateSet((eb) => ({
        revisions: eb("monthly_reports.revisions", "+", eb.ref("excluded.revisions")),
        latest_revision: eb.ref("excluded.latest_revision"),
        latest_received_at: eb.ref("excluded.latest_received_at"),
        latest_narrative: eb.fn.coalesce(eb.ref("excluded.latest_narrative"), eb.ref("monthly_reports.latest_narrative")),
        latest_self_assessment: eb.fn.coalesce(eb.ref("excluded.latest_self_assessment"), eb.ref("monthly_reports.latest_self_assessment")),
      })),
    );

/** The current score per team, month and source (the latest wins). */
export const upsertCurrentScores = (db: Builder) => (rows: readonly CurrentScoresTable[]) =>
  db
    .insertInto("current_scores")
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(["collaborative_id", "source", "period", "team_id"]).doUpdateSet((eb) => ({
        score: eb.ref("excluded.score"),
        rationale: eb.ref("excluded.rationale"),
        by_label: eb.ref("excluded.by_label"),
        recorded_at: eb.ref("excluded.recorded_at"),
      })),
    );

/** Where a revision's point changes go. */
export type ChangeTarget = { collaborativeId: string; teamId: string; submissionId: string; revision: number; receivedAt: string };

export function revisionRow(t: ChangeTarget, c: PointChange): Insertable<PointRevisionsTable> {
  return {
    submission_id: t.submissionId,
    collaborative_id: t.collaborativeId,
    team_id: t.teamId,
    measure_id: c.measureId,
    period: c.period,
    point_index: c.pointIndex,
    change: c.change,
    numerator: c.numerator,
    denominator: c.denominator,
    value: c.value,
    annotation: c.annotation,
    retract_reason: c.retractReason,
    received_at: t.receivedAt,
  };
}

export function currentPointRow(t: ChangeTarget, c: PointChange): CurrentPointsTable {
  return {
    collaborative_id: t.collaborativeId,
    measure_id: c.measureId,
    team_id: t.teamId,
    period: c.period,
    numerator: c.numerator,
    denominator: c.denominator,
    value: c.value,
    annotation: c.annotation,
    retracted: c.change === "retracted" ? 1 : 0,
    submission_id: t.submissionId,
    revision: t.revision,
    received_at: t.receivedAt,
  };
}

/** The cycle revisions of one submission. */
export const insertCycleRevisions = (db: Builder) => (rows: readonly Insertable<CycleRevisionsTable>[]) => db.insertInto("cycle_revisions").values([...rows]);

/** The current state of each cycle (the latest revision wins; the label is kept as last sent). */
export const upsertCurrentCycles = (db: Builder) => (rows: readonly CurrentCyclesTable[]) =>
  db
    .insertInto("current_cycles")
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(["collaborative_id", "team_id", "cycle_key"]).doUpdateSet((eb) => ({
        cycle_id: eb.ref("excluded.cycle_id"),
        change_idea: eb.ref("excluded.change_idea"),
        measure_ids: eb.ref("excluded.measure_ids"),
        prediction: eb.ref("excluded.prediction"),
        start_date: eb.ref("excluded.start_date"),
        end_date: eb.ref("excluded.end_date"),
        what_happened: eb.ref("excluded.what_happened"),
        decision: eb.ref("excluded.decision"),
        submission_id: eb.ref("excluded.submission_id"),
        revision: eb.ref("excluded.revision"),
        received_at: eb.ref("excluded.received_at"),
      })),
    );

function cycleColumns(c: CycleChange) {
  return {
    cycle_key: c.cycleKey,
    cycle_id: c.cycle.cycleId,
    change_idea: c.cycle.changeIdea,
    measure_ids: JSON.stringify(c.cycle.measureIds),
    prediction: c.cycle.prediction,
    start_date: c.cycle.startDate,
    end_date: c.cycle.endDate,
    what_happened: c.cycle.whatHappened,
    decision: c.cycle.decision,
  };
}

export function cycleRevisionRow(t: ChangeTarget, c: CycleChange): Insertable<CycleRevisionsTable> {
  return { submission_id: t.submissionId, collaborative_id: t.collaborativeId, team_id: t.teamId, cycle_index: c.cycleIndex, change: c.change, ...cycleColumns(c), received_at: t.receivedAt };
}

export function currentCycleRow(t: ChangeTarget, c: CycleChange): CurrentCyclesTable {
  return { collaborative_id: t.collaborativeId, team_id: t.teamId, ...cycleColumns(c), submission_id: t.submissionId, revision: t.revision, received_at: t.receivedAt };
}

export type ScoreWrite = {
  collaborativeId: string;
  teamId: string;
  period: string;
  source: ScoreSource;
  score: number;
  rationale: string;
  actor: Actor;
  /** the submission that carried a self-assessment; `null` for a faculty score */
  submissionId: string | null;
  at: string;
};

/** A score's history row and its current value. */
export function* score(db: Builder, s: ScoreWrite): Steps {
  yield* run(
    db.insertInto("assessment_scores").values({
      collaborative_id: s.collaborativeId,
      team_id: s.teamId,
      period: s.period,
      source: s.source,
      score: s.score,
      rationale: s.rationale,
      token_id: s.actor.tokenId,
      by_label: s.actor.label,
      submission_id: s.submissionId,
      recorded_at: s.at,
    }),
  );
  yield* insert(
    [{ collaborative_id: s.collaborativeId, source: s.source, period: s.period, team_id: s.teamId, score: s.score, rationale: s.rationale, by_label: s.actor.label, recorded_at: s.at }],
    upsertCurrentScores(db),
  );
}

// ---- the writes of the Store ------------------------------------------------------------------------

export function createCollaborative(d: CollaborativeDefinition, at: string, actor: Actor): Operation<void> {
  return {
    *body({ db }) {
      if (yield* first(db.selectFrom("collaboratives").select("id").where("id", "=", d.id))) throw new StoreConflict(`collaborative ${d.id} already exists`);
      yield* run(
        db.insertInto("collaboratives").values({
          id: d.id,
          name: d.name,
          aim: d.aim,
          start_month: d.startMonth,
          end_month: d.endMonth,
          due_day: d.dueDay,
          lock_after_days: d.lockAfterDays,
          sharing: d.sharing,
          rule_set: d.ruleSet,
          created_at: at,
          reminders_enabled: d.remindersEnabled === false ? 0 : 1,
          reminder_days_before: d.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS_BEFORE,
        }),
      );
      yield* insert(
        d.measures.map((m, i) => ({ collaborative_id: d.id, id: m.id, position: i, definition: storedMeasure(m), created_at: at })),
        (rows) => db.insertInto("measures").values([...rows]),
      );
      yield* audit(db, { at, actor, action: "collaborative.created", collaborativeId: d.id, teamId: null, details: { name: d.name, measures: d.measures.length } });
    },
  };
}

/**
 * The collaborative, locked (`update`: positions are numbered under that lock on PostgreSQL, under
 * the database write lock on SQLite; `share`: it only has to exist). StoreNotFound when there is none.
 */
export function* lockCollaborative(ctx: WriteContext, collaborativeId: string, mode: "update" | "share" = "update"): Steps {
  const found = yield* first(locked(ctx, ctx.db.selectFrom("collaboratives").select("id").where("id", "=", collaborativeId), mode));
  if (!found) throw new StoreNotFound(`no collaborative ${collaborativeId}`);
}

/** The next free position of a measure or team in a collaborative. */
export function* nextPosition(db: Builder, table: "measures" | "teams", collaborativeId: string): Steps<number> {
  const row = yield* first(
    db
      .selectFrom(table)
      .select((eb) => eb.fn.coalesce(eb(eb.fn.max("position"), "+", 1), eb.val(0)).as("n"))
      .where("collaborative_id", "=", collaborativeId),
  );
  return Number(row?.n ?? 0);
}

export function addMeasure(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Operation<void> {
  return {
    *body(ctx) {
      const { db } = ctx;
      yield* lockCollaborative(ctx, collaborativeId);
      if (yield* first(db.selectFrom("measures").select("id").where("collaborative_id", "=", collaborativeId).where("id", "=", measure.id))) {
        throw new StoreConflict(measureTaken(collaborativeId, measure.id));
      }
      const position = yield* nextPosition(db, "measures", collaborativeId);
      yield* run(db.insertInto("measures").values({ collaborative_id: collaborativeId, id: measure.id, position, definition: storedMeasure(measure), created_at: at }));
      yield* audit(db, { at, actor, action: "measure.added", collaborativeId, teamId: null, details: { measureId: measure.id } });
    },
  };
}

export const measureTaken = (collaborativeId: string, id: string) => `measure ${id} already exists in ${collaborativeId}`;
export const teamTaken = (collaborativeId: string, id: string) => `team ${id} already exists in ${collaborativeId}`;

/** Add a team at the next position, with its contacts when given (one transaction: a team is never half-added). */
export function addTeam(collaborativeId: string, team: Team, at: string, actor: Actor, contacts: readonly TeamContact[] = []): Operation<TeamRecord> {
  return {
    *body(ctx) {
      const { db } = ctx;
      yield* lockCollaborative(ctx, collaborativeId);
      if (yield* first(db.selectFrom("teams").select("id").where("collaborative_id", "=", collaborativeId).where("id", "=", team.id))) {
        throw new StoreConflict(teamTaken(collaborativeId, team.id));
      }
      const position = yield* nextPosition(db, "teams", collaborativeId);
      yield* run(db.insertInto("teams").values({ collaborative_id: collaborativeId, id: team.id, position, ...teamColumns(team), created_at: at }));
      yield* insertContacts(db, collaborativeId, team.id, contacts);
      yield* audit(db, { at, actor, action: "team.added", collaborativeId, teamId: team.id, details: { name: team.name, ...(contacts.length > 0 ? { contacts: contacts.length } : {}) } });
      return { ...team, position, createdAt: at };
    },
  };
}

/** The columns of a team that its settings set (the id and position never change). */
export function teamColumns(team: Team) {
  return {
    name: team.name,
    organisation: team.organisation,
    join_month: team.joinMonth ?? null,
    active: team.active === false ? 0 : 1,
    reminders_opt_out: team.remindersOptOut === true ? 1 : 0,
  };
}

function* insertContacts(db: Builder, collaborativeId: string, teamId: string, contacts: readonly TeamContact[]): Steps {
  yield* insert(
    contacts.map((c, position) => ({ collaborative_id: collaborativeId, team_id: teamId, position, name: c.name, email: c.email, role: c.role })),
    (rows) => db.insertInto("team_contacts").values([...rows]),
  );
}

/** Replace a team's contacts as a whole (they are current details, not history); audited without the addresses. */
export function setContacts(collaborativeId: string, teamId: string, contacts: readonly TeamContact[], at: string, actor: Actor): Operation<void> {
  return {
    *body({ db }) {
      if (!(yield* first(db.selectFrom("teams").select("id").where("collaborative_id", "=", collaborativeId).where("id", "=", teamId)))) {
        throw new StoreNotFound(`no team ${teamId}`);
      }
      yield* run(db.deleteFrom("team_contacts").where("collaborative_id", "=", collaborativeId).where("team_id", "=", teamId));
      yield* insertContacts(db, collaborativeId, teamId, contacts);
      yield* audit(db, { at, actor, action: "team.contacts.set", collaborativeId, teamId, details: { contacts: contacts.length } });
    },
  };
}

export function createToken(t: NewToken, actor: Actor): Operation<void> {
  return {
    *body({ db }) {
      yield* run(
        db.insertInto("tokens").values({
          id: t.id,
          hash: t.hash,
          prefix: t.prefix,
          role: t.role,
          collaborative_id: t.collaborativeId,
          team_id: t.teamId,
          label: t.label,
          created_at: t.createdAt,
          expires_at: t.expiresAt,
        }),
      );
      const details = { tokenId: t.id, role: t.role, label: t.label, expiresAt: t.expiresAt };
      yield* audit(db, { at: t.createdAt, actor, action: "token.issued", collaborativeId: t.collaborativeId, teamId: t.teamId, details });
    },
  };
}

/**
 * Revoke the one token `idOrPrefix` means (see matchTokens): `null` when none, StoreConflict when
 * several. Revoking an already revoked token writes nothing.
 */
export function revokeToken(idOrPrefix: string, at: string, actor: Actor): Operation<TokenRecord | null> {
  return {
    *body({ db }) {
      const matches = matchTokens((yield* all(db.selectFrom("tokens").selectAll().orderBy("created_at").orderBy("id"))).map(toToken), idOrPrefix);
      if (matches.length > 1) throw new StoreConflict(`${idOrPrefix} matches ${matches.length} tokens: give more characters or the token id`);
      const token = matches[0];
      if (!token) return null;
      if (token.revokedAt !== null) return token;
      yield* run(db.updateTable("tokens").set({ revoked_at: at }).where("id", "=", token.id).where("revoked_at", "is", null));
      yield* audit(db, { at, actor, action: "token.revoked", collaborativeId: token.collaborativeId, teamId: token.teamId, details: { tokenId: token.id } });
      return { ...token, revokedAt: at };
    },
  };
}

export function recordScore(collaborativeId: string, s: Omit<ScoreRow, "by" | "source">, actor: Actor): Operation<ScoreRow> {
  return {
    *body({ db }) {
      if (!(yield* first(db.selectFrom("teams").select("id").where("collaborative_id", "=", collaborativeId).where("id", "=", s.teamId)))) {
        throw new StoreNotFound(`no team ${s.teamId}`);
      }
      yield* score(db, { collaborativeId, teamId: s.teamId, period: s.period, source: "faculty", score: s.score, rationale: s.rationale, actor, submissionId: null, at: s.recordedAt });
      yield* audit(db, { at: s.recordedAt, actor, action: "score.recorded", collaborativeId, teamId: s.teamId, details: { period: s.period, score: s.score } });
      return { ...s, source: "faculty", by: actor.label };
    },
  };
}

export function addPeriodEvent(collaborativeId: string, e: Omit<PeriodEvent, "by">, actor: Actor): Operation<void> {
  return {
    *body({ db }) {
      yield* run(
        db.insertInto("period_events").values({ collaborative_id: collaborativeId, period: e.period, action: e.action, reason: e.reason, token_id: actor.tokenId, by_label: actor.label, at: e.at }),
      );
      yield* audit(db, { at: e.at, actor, action: `period.${e.action}`, collaborativeId, teamId: null, details: { period: e.period, reason: e.reason } });
    },
  };
}

export function appendAudit(entry: NewAuditEntry): Operation<void> {
  return {
    *body({ db }) {
      yield* audit(db, entry);
    },
  };
}

/** The answer stored under an idempotency key: the query. */
export function storedAnswerQuery(db: Builder, scope: string, key: string) {
  return db.selectFrom("idempotency_keys").select(["request_hash", "http_status", "body"]).where("scope", "=", scope).where("key", "=", key);
}

/** A row of {@link storedAnswerQuery} as the answer. */
export function toStoredResponse(row: { request_hash: string; http_status: number; body: string }): StoredResponse {
  return { requestHash: String(row.request_hash), httpStatus: Number(row.http_status), body: String(row.body) };
}

/** The answer stored under an idempotency key, if any. */
export function* storedAnswer(db: Builder, scope: string, key: string): Steps<StoredResponse | null> {
  const row = yield* first(storedAnswerQuery(db, scope, key));
  return row ? toStoredResponse(row) : null;
}

export function storedAnswerOperation(scope: string, key: string): Operation<StoredResponse | null> {
  return { readOnly: true, body: ({ db }) => storedAnswer(db, scope, key) };
}

// ---- setting a collaborative up (issue 16: the admin API and CLI) ---------------------------------

/** A measure's definition as stored: `retired` only when true (settings at their default are left out). */
export function storedMeasure(measure: MeasureDefinition): string {
  const { retired, ...rest } = measure;
  return JSON.stringify(retired === true ? { ...rest, retired: true } : rest);
}

/** The collaborative's row, locked for the change; StoreNotFound when there is none. */
function* collaborativeRow(ctx: WriteContext, collaborativeId: string) {
  const row = yield* first(locked(ctx, ctx.db.selectFrom("collaboratives").selectAll().where("id", "=", collaborativeId)));
  if (!row) throw new StoreNotFound(`no collaborative ${collaborativeId}`);
  return row;
}

/** The first and last month any team holds data for (a current point or a report), or `null` when none. */
function* dataMonths(db: Builder, collaborativeId: string): Steps<{ first: string; last: string } | null> {
  const points = yield* first(
    db
      .selectFrom("current_points")
      .select((eb) => [eb.fn.min("period").as("first"), eb.fn.max("period").as("last")])
      .where("collaborative_id", "=", collaborativeId)
      .where("retracted", "=", 0),
  );
  const reports = yield* first(
    db
      .selectFrom("monthly_reports")
      .select((eb) => [eb.fn.min("reporting_month").as("first"), eb.fn.max("reporting_month").as("last")])
      .where("collaborative_id", "=", collaborativeId),
  );
  const firsts = [points?.first, reports?.first].filter((m): m is string => typeof m === "string");
  const lasts = [points?.last, reports?.last].filter((m): m is string => typeof m === "string");
  if (firsts.length === 0) return null;
  return { first: firsts.sort()[0], last: lasts.sort()[lasts.length - 1] };
}

/**
 * Change a collaborative's settings (not its id, not its measures). Refused with StoreConflict when
 * the months would end before they start, or would leave out a month some team already holds data
 * for (its charts and completeness would lose it silently): move the start no later than the first
 * month with data, the end no earlier than the last.
 */
export function updateCollaborative(collaborativeId: string, patch: CollaborativeSettingsPatch, at: string, actor: Actor): Operation<void> {
  return {
    *body(ctx) {
      const { db } = ctx;
      const row = yield* collaborativeRow(ctx, collaborativeId);
      const startMonth = patch.startMonth ?? row.start_month;
      const endMonth = patch.endMonth ?? row.end_month;
      if (endMonth < startMonth) throw new StoreConflict(`endMonth ${endMonth} is before startMonth ${startMonth}: a collaborative ends no earlier than it starts`);
      if (startMonth !== row.start_month || endMonth !== row.end_month) {
        const data = yield* dataMonths(db, collaborativeId);
        if (data && data.first < startMonth) throw new StoreConflict(`teams already hold data for ${data.first}: startMonth can be ${data.first} at the latest`);
        if (data && data.last > endMonth) throw new StoreConflict(`teams already hold data for ${data.last}: endMonth can be ${data.last} at the earliest`);
      }
      const set = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.aim !== undefined ? { aim: patch.aim } : {}),
        ...(patch.startMonth !== undefined ? { start_month: patch.startMonth } : {}),
        ...(patch.endMonth !== undefined ? { end_month: patch.endMonth } : {}),
        ...(patch.dueDay !== undefined ? { due_day: patch.dueDay } : {}),
        ...(patch.lockAfterDays !== undefined ? { lock_after_days: patch.lockAfterDays } : {}),
        ...(patch.sharing !== undefined ? { sharing: patch.sharing } : {}),
        ...(patch.ruleSet !== undefined ? { rule_set: patch.ruleSet } : {}),
        ...(patch.remindersEnabled !== undefined ? { reminders_enabled: patch.remindersEnabled ? 1 : 0 } : {}),
        ...(patch.reminderDaysBefore !== undefined ? { reminder_days_before: patch.reminderDaysBefore } : {}),
      };
      yield* run(db.updateTable("collaboratives").set(set).where("id", "=", collaborativeId));
      yield* audit(db, { at, actor, action: "collaborative.updated", collaborativeId, teamId: null, details: { changed: patch } });
    },
  };
}

/** How many point revisions (current or past, retracted or not) a measure has: any is "data". */
function* measureData(db: Builder, collaborativeId: string, measureId: string): Steps<{ revisions: number; teams: number }> {
  const row = yield* first(
    db
      .selectFrom("point_revisions")
      .select((eb) => [eb.fn.countAll().as("revisions"), eb.fn.count("team_id").distinct().as("teams")])
      .where("collaborative_id", "=", collaborativeId)
      .where("measure_id", "=", measureId),
  );
  return { revisions: Number(row?.revisions ?? 0), teams: Number(row?.teams ?? 0) };
}

/** A measure's stored definition, or StoreNotFound. */
function* measureRow(db: Builder, collaborativeId: string, measureId: string): Steps<MeasureDefinition> {
  const row = yield* first(db.selectFrom("measures").select("definition").where("collaborative_id", "=", collaborativeId).where("id", "=", measureId));
  if (!row) throw new StoreNotFound(`no measure ${measureId} in ${collaborativeId}`);
  return JSON.parse(row.definition) as MeasureDefinition;
}

/**
 * Replace a measure's definition (same id; `retired: true` retires it, absent or false brings it
 * back). Once any team has data for it, its `kind` and `multiplier` are fixed (StoreConflict): the
 * stored values were computed by them, so changing either would make old and new points disagree.
 * Add a new measure and retire this one instead.
 */
export function updateMeasure(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Operation<void> {
  return {
    *body(ctx) {
      const { db } = ctx;
      yield* lockCollaborative(ctx, collaborativeId);
      const before = yield* measureRow(db, collaborativeId, measure.id);
      const kindChanged = before.kind !== measure.kind;
      const multiplierChanged = (before.multiplier ?? 1) !== (measure.multiplier ?? 1);
      if (kindChanged || multiplierChanged) {
        const data = yield* measureData(db, collaborativeId, measure.id);
        if (data.revisions > 0) {
          const what = kindChanged ? `its kind (${before.kind}) cannot change to ${measure.kind}` : `its multiplier (${before.multiplier ?? 1}) cannot change to ${measure.multiplier ?? 1}`;
          throw new StoreConflict(`measure ${measure.id} already has data from ${data.teams} team${data.teams === 1 ? "" : "s"}: ${what}; add a new measure and retire this one`);
        }
      }
      yield* run(db.updateTable("measures").set({ definition: storedMeasure(measure) }).where("collaborative_id", "=", collaborativeId).where("id", "=", measure.id));
      const wasRetired = before.retired === true;
      const isRetired = measure.retired === true;
      const action = wasRetired === isRetired ? "measure.updated" : isRetired ? "measure.retired" : "measure.unretired";
      yield* audit(db, { at, actor, action, collaborativeId, teamId: null, details: { measureId: measure.id } });
    },
  };
}

/**
 * Put the measure set in a new order: `measureIds` must name every measure exactly once
 * (StoreConflict otherwise). Positions are UNIQUE per collaborative and both engines check that per
 * row, so they are renumbered in two passes: first to negative numbers (never taken), then to 0…n-1.
 */
export function reorderMeasures(collaborativeId: string, measureIds: readonly string[], at: string, actor: Actor): Operation<void> {
  return {
    *body(ctx) {
      const { db } = ctx;
      yield* lockCollaborative(ctx, collaborativeId);
      const current = (yield* all(db.selectFrom("measures").select("id").where("collaborative_id", "=", collaborativeId).orderBy("position"))).map((r) => r.id);
      const problem = measureOrderProblem(current, measureIds);
      if (problem) throw new StoreConflict(problem);
      for (const [i, id] of measureIds.entries()) {
        yield* run(db.updateTable("measures").set({ position: -1 - i }).where("collaborative_id", "=", collaborativeId).where("id", "=", id));
      }
      for (const [i, id] of measureIds.entries()) {
        yield* run(db.updateTable("measures").set({ position: i }).where("collaborative_id", "=", collaborativeId).where("id", "=", id));
      }
      yield* audit(db, { at, actor, action: "measures.reordered", collaborativeId, teamId: null, details: { measureIds: [...measureIds] } });
    },
  };
}

/**
 * Delete a measure no team ever sent data for (a mistake made while setting up). A measure with any
 * point revision is a StoreConflict: retire it instead, its data stays readable. The last measure
 * cannot go (a collaborative has at least one).
 */
export function deleteMeasure(collaborativeId: string, measureId: string, at: string, actor: Actor): Operation<void> {
  return {
    *body(ctx) {
      const { db } = ctx;
      yield* lockCollaborative(ctx, collaborativeId);
      yield* measureRow(db, collaborativeId, measureId);
      const data = yield* measureData(db, collaborativeId, measureId);
      if (data.revisions > 0) {
        throw new StoreConflict(`measure ${measureId} has data from ${data.teams} team${data.teams === 1 ? "" : "s"} (${data.revisions} point revisions): retire it instead (its data stays readable)`);
      }
      const count = yield* first(db.selectFrom("measures").select((eb) => eb.fn.countAll().as("n")).where("collaborative_id", "=", collaborativeId));
      if (Number(count?.n ?? 0) <= 1) throw new StoreConflict(`measure ${measureId} is the collaborative's only measure: add another before deleting it`);
      yield* run(db.deleteFrom("measures").where("collaborative_id", "=", collaborativeId).where("id", "=", measureId));
      yield* audit(db, { at, actor, action: "measure.deleted", collaborativeId, teamId: null, details: { measureId } });
    },
  };
}

/** A team's row, or StoreNotFound. */
function* teamRow(ctx: WriteContext, collaborativeId: string, teamId: string) {
  const row = yield* first(locked(ctx, ctx.db.selectFrom("teams").selectAll().where("collaborative_id", "=", collaborativeId).where("id", "=", teamId)));
  if (!row) throw new StoreNotFound(`no team ${teamId} in ${collaborativeId}`);
  return row;
}

/** Change a team's name, organisation and participation settings (never its id: tokens and data hang on it); `joinMonth: null` clears it. */
export function updateTeam(collaborativeId: string, teamId: string, patch: TeamPatch, at: string, actor: Actor): Operation<TeamRecord> {
  return {
    *body(ctx) {
      const { db } = ctx;
      const row = yield* teamRow(ctx, collaborativeId, teamId);
      const set = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.organisation !== undefined ? { organisation: patch.organisation } : {}),
        ...(patch.joinMonth !== undefined ? { join_month: patch.joinMonth } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        ...(patch.remindersOptOut !== undefined ? { reminders_opt_out: patch.remindersOptOut ? 1 : 0 } : {}),
      };
      yield* run(db.updateTable("teams").set(set).where("collaborative_id", "=", collaborativeId).where("id", "=", teamId));
      yield* audit(db, { at, actor, action: "team.updated", collaborativeId, teamId, details: { changed: patch } });
      return toTeam({ ...row, ...set });
    },
  };
}
