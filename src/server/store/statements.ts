// The statements and rows that more than one write uses (or the bench's bulk load): the audit row,
// point and cycle revisions with their current values, monthly reports, scores, and row locks. The
// writes themselves are in writes.ts (reports, scores, tokens, locks, audit) and setupWrites.ts
// (setting a collaborative up).

import type { Insertable, SelectQueryBuilder } from "kysely";
import type { Builder, CurrentCyclesTable, CurrentPointsTable, CurrentScoresTable, CycleRevisionsTable, Database, MonthlyReportsTable, PointRevisionsTable } from "./schema";
import { insert, run, type Steps, type WriteContext } from "./steps";
import {
  type Actor,
  type CycleChange,
  type NewAuditEntry,
  type PointChange,
  type ScoreSource,
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
