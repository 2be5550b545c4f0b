// Every write of the Store, written once: each is an Operation (see steps.ts) that both engines
// drive inside their own transaction. What a write checks, what it stores and in which order is
// here; how an engine locks (PostgreSQL's row locks, SQLite's one database write lock), how it cuts
// many rows into statements and whether it waits on its driver stays in the engine.

import type { Insertable, SelectQueryBuilder } from "kysely";
import type { CollaborativeDefinition, MeasureDefinition, Team } from "../../core/index";
import type { Builder, CurrentCyclesTable, CurrentPointsTable, CurrentScoresTable, CycleRevisionsTable, Database, MonthlyReportsTable, PointRevisionsTable } from "./schema";
import { matchTokens, toToken } from "./sql";
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

/** One row per team and month: a new report counts one more revision. Rows carry `revisions: 1`. */
export const upsertMonthlyReports = (db: Builder) => (rows: readonly MonthlyReportsTable[]) =>
  db
    .insertInto("monthly_reports")
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(["collaborative_id", "team_id", "reporting_month"]).doUpdateSet((eb) => ({
        revisions: eb("monthly_reports.revisions", "+", eb.ref("excluded.revisions")),
        latest_revision: eb.ref("excluded.latest_revision"),
        latest_received_at: eb.ref("excluded.latest_received_at"),
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
        }),
      );
      yield* insert(
        d.measures.map((m, i) => ({ collaborative_id: d.id, id: m.id, position: i, definition: JSON.stringify(m), created_at: at })),
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
      yield* run(db.insertInto("measures").values({ collaborative_id: collaborativeId, id: measure.id, position, definition: JSON.stringify(measure), created_at: at }));
      yield* audit(db, { at, actor, action: "measure.added", collaborativeId, teamId: null, details: { measureId: measure.id } });
    },
  };
}

export const measureTaken = (collaborativeId: string, id: string) => `measure ${id} already exists in ${collaborativeId}`;
export const teamTaken = (collaborativeId: string, id: string) => `team ${id} already exists in ${collaborativeId}`;

export function addTeam(collaborativeId: string, team: Team, at: string, actor: Actor): Operation<TeamRecord> {
  return {
    *body(ctx) {
      const { db } = ctx;
      yield* lockCollaborative(ctx, collaborativeId);
      if (yield* first(db.selectFrom("teams").select("id").where("collaborative_id", "=", collaborativeId).where("id", "=", team.id))) {
        throw new StoreConflict(teamTaken(collaborativeId, team.id));
      }
      const position = yield* nextPosition(db, "teams", collaborativeId);
      yield* run(db.insertInto("teams").values({ collaborative_id: collaborativeId, id: team.id, position, name: team.name, organisation: team.organisation, created_at: at }));
      yield* audit(db, { at, actor, action: "team.added", collaborativeId, teamId: team.id, details: { name: team.name } });
      return { ...team, position, createdAt: at };
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

/** The answer stored under an idempotency key, if any. */
export function* storedAnswer(db: Builder, scope: string, key: string): Steps<StoredResponse | null> {
  const row = yield* first(db.selectFrom("idempotency_keys").select(["request_hash", "http_status", "body"]).where("scope", "=", scope).where("key", "=", key));
  return row ? { requestHash: String(row.request_hash), httpStatus: Number(row.http_status), body: String(row.body) } : null;
}

export function storedAnswerOperation(scope: string, key: string): Operation<StoredResponse | null> {
  return { readOnly: true, body: ({ db }) => storedAnswer(db, scope, key) };
}
