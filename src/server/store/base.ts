// What both engines do the same way: every read and every write, each written once with Kysely's
// query builder (schema.ts). An engine supplies how to run a compiled query outside a transaction,
// how to read many rows as columns, and how to drive a write (steps.ts) inside its own transaction.
//
// Over 400 lines on purpose: this is the one class (SqlStore) that implements the Store interface
// for both engines, one short method per Store method (a write is one line handing its Operation to
// the engine; a read is its query). The writes' bodies already live in their own files
// (submitWrite.ts, setupWrites.ts, writes.ts, statements.ts); cutting the class itself apart would
// scatter one interface's implementation without making any method simpler.

import { sql, type Compilable, type OperationNodeSource, type SqlBool } from "kysely";
import type { CollaborativeDefinition, CollaborativeSettingsPatch, MeasureDefinition, ReminderEntry, Team, TeamContact, TeamPatch } from "../../core/index";
import { builderFor, type Builder } from "./schema";
import {
  REPORT_COLUMNS,
  SCORE_COLUMNS,
  toAggregates,
  toAudit,
  toCurrentCycle,
  toCurrentPoint,
  toDefinition,
  toNarratives,
  toPeriodEvents,
  toPointRevision,
  toReports,
  toScores,
  toScoreCount,
  toSubmissionFull,
  toSubmissionRow,
  toTeam,
  toToken,
  type Columns,
} from "./sql";
import type { Operation } from "./steps";
import {
  StoreConflict,
  type Actor,
  type AggregateRow,
  type AuditEntry,
  type AuditFilter,
  type CollaborativeRecord,
  type CurrentCycleRow,
  type CurrentPointRow,
  type NewReminder,
  type Engine,
  type NewAuditEntry,
  type NarrativeRow,
  type NewToken,
  type PeriodEvent,
  type PointRevisionRow,
  type ReportRow,
  type ScoreCountRow,
  type ScoreRow,
  type SubmissionFull,
  type SubmissionRow,
  type SubmitOutcome,
  type SubmitRequest,
  type TeamRange,
  type TeamRecord,
  type TokenRecord,
} from "./store";
import * as reminderWrites from "./reminderWrites";
import type { ReminderLedgerTable } from "./schema";
import { submit } from "./submitWrite";
import * as setup from "./setupWrites";
import * as writes from "./writes";

/** The reads and writes of {@link Store}; each engine extends this with its connection and transactions. */
export abstract class SqlStore {
  readonly engine: Engine;
  /** This engine's query builder (compiles only; the engine runs the SQL). */
  protected readonly qb: Builder;

  protected constructor(engine: Engine) {
    this.engine = engine;
    this.qb = builderFor(engine);
  }

  /**
   * Run one write in one transaction of this engine (see steps.ts). The Store's writes are built on
   * it; so is the bench's bulk load (bench/bulkLoad.ts), which is not part of the Store.
   */
  abstract transact<T>(operation: Operation<T>): Promise<T>;
  /** Run one query outside any transaction. */
  protected abstract read<O>(query: Compilable<O>): Promise<O[]>;
  /**
   * A large read (a campaign's ~90,000 reports or scores) as one array per column, each engine the
   * fastest way its driver has (one row of JSON arrays on SQLite, rows as arrays on PostgreSQL).
   */
  protected abstract readColumns<C extends string>(query: Compilable & OperationNodeSource, columns: readonly C[]): Promise<Columns<C>>;
  /** Whether `error` is the driver's unique-constraint violation. */
  protected abstract isUniqueViolation(error: unknown): boolean;

  // ---- writes ------------------------------------------------------------------------------------

  /**
   * A unique-constraint violation as a StoreConflict: the backstop for two concurrent writes that
   * both found an id free (PostgreSQL checks under row locks, which do not cover a row not yet there).
   */
  private conflictOnUnique(message: string): (error: unknown) => never {
    return (error) => {
      if (this.isUniqueViolation(error)) throw new StoreConflict(message);
      throw error;
    };
  }

  async createCollaborative(d: CollaborativeDefinition, at: string, actor: Actor): Promise<void> {
    await this.transact(setup.createCollaborative(d, at, actor)).catch(this.conflictOnUnique(`collaborative ${d.id} already exists`));
  }

  async addMeasure(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Promise<void> {
    await this.transact(setup.addMeasure(collaborativeId, measure, at, actor)).catch(this.conflictOnUnique(setup.measureTaken(collaborativeId, measure.id)));
  }

  async addTeam(collaborativeId: string, team: Team, at: string, actor: Actor, contacts: readonly TeamContact[] = []): Promise<TeamRecord> {
    return this.transact(setup.addTeam(collaborativeId, team, at, actor, contacts)).catch(this.conflictOnUnique(setup.teamTaken(collaborativeId, team.id)));
  }

  async updateCollaborative(collaborativeId: string, patch: CollaborativeSettingsPatch, at: string, actor: Actor): Promise<void> {
    await this.transact(setup.updateCollaborative(collaborativeId, patch, at, actor));
  }

  async updateMeasure(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Promise<void> {
    await this.transact(setup.updateMeasure(collaborativeId, measure, at, actor));
  }

  async reorderMeasures(collaborativeId: string, measureIds: readonly string[], at: string, actor: Actor): Promise<void> {
    await this.transact(setup.reorderMeasures(collaborativeId, measureIds, at, actor));
  }

  async deleteMeasure(collaborativeId: string, measureId: string, at: string, actor: Actor): Promise<void> {
    await this.transact(setup.deleteMeasure(collaborativeId, measureId, at, actor));
  }

  async updateTeam(collaborativeId: string, teamId: string, patch: TeamPatch, at: string, actor: Actor): Promise<TeamRecord> {
    return this.transact(setup.updateTeam(collaborativeId, teamId, patch, at, actor));
  }

  async setContacts(collaborativeId: string, teamId: string, contacts: readonly TeamContact[], at: string, actor: Actor): Promise<void> {
    await this.transact(setup.setContacts(collaborativeId, teamId, contacts, at, actor));
  }

  async createToken(token: NewToken, actor: Actor): Promise<void> {
    await this.transact(writes.createToken(token, actor));
  }

  async revokeToken(idOrPrefix: string, at: string, actor: Actor): Promise<TokenRecord | null> {
    return this.transact(writes.revokeToken(idOrPrefix, at, actor));
  }

  async submit(req: SubmitRequest): Promise<SubmitOutcome> {
    try {
      return await this.transact(submit(req));
    } catch (error) {
      // Two requests with one idempotency key for one team are serialised by the team lock, so this
      // is a backstop: the loser's transaction rolled back; answer with what the winner stored.
      if (this.isUniqueViolation(error) && req.idempotency) {
        const stored = await this.transact(writes.storedAnswerOperation(req.idempotency.scope, req.idempotency.key));
        if (stored) return { kind: "replay", stored };
      }
      throw error;
    }
  }

  async recordScore(collaborativeId: string, score: Omit<ScoreRow, "by" | "source">, actor: Actor): Promise<ScoreRow> {
    return this.transact(writes.recordScore(collaborativeId, score, actor));
  }

  async addPeriodEvent(collaborativeId: string, event: Omit<PeriodEvent, "by">, actor: Actor): Promise<void> {
    await this.transact(writes.addPeriodEvent(collaborativeId, event, actor));
  }

  async claimReminder(reminder: NewReminder, at: string): Promise<boolean> {
    return this.transact(reminderWrites.claimReminder(reminder, at));
  }

  async finishReminder(key: string, outcome: { status: "sent" | "failed"; error: string | null }, at: string): Promise<boolean> {
    return this.transact(reminderWrites.finishReminder(key, outcome, at));
  }

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    await this.transact(writes.appendAudit(entry));
  }

  // ---- reads -------------------------------------------------------------------------------------

  async isEmpty(): Promise<boolean> {
    const [row] = await this.read(this.qb.selectFrom("collaboratives").select((eb) => eb.fn.countAll().as("n")));
    return Number(row?.n) === 0;
  }

  async getCollaborative(id: string): Promise<CollaborativeRecord | null> {
    // both at once (every request reads its collaborative: on PostgreSQL one round trip, not two)
    const [[row], measures] = await Promise.all([
      this.read(this.qb.selectFrom("collaboratives").selectAll().where("id", "=", id)),
      this.read(this.qb.selectFrom("measures").select("definition").where("collaborative_id", "=", id).orderBy("position")),
    ]);
    if (!row) return null;
    return { definition: toDefinition(row, measures.map((m) => m.definition)), createdAt: row.created_at };
  }

  async listCollaboratives(): Promise<CollaborativeRecord[]> {
    const measures = new Map<string, string[]>();
    for (const r of await this.read(this.qb.selectFrom("measures").select(["collaborative_id", "definition"]).orderBy("collaborative_id").orderBy("position"))) {
      const list = measures.get(r.collaborative_id) ?? [];
      list.push(r.definition);
      measures.set(r.collaborative_id, list);
    }
    return (await this.read(this.qb.selectFrom("collaboratives").selectAll().orderBy("created_at").orderBy("id"))).map((row) => ({
      definition: toDefinition(row, measures.get(row.id) ?? []),
      createdAt: row.created_at,
    }));
  }

  async listTeams(collaborativeId: string): Promise<TeamRecord[]> {
    return (await this.read(this.qb.selectFrom("teams").selectAll().where("collaborative_id", "=", collaborativeId).orderBy("position"))).map(toTeam);
  }

  async getTeam(collaborativeId: string, teamId: string): Promise<TeamRecord | null> {
    const [row] = await this.read(this.qb.selectFrom("teams").selectAll().where("collaborative_id", "=", collaborativeId).where("id", "=", teamId));
    return row ? toTeam(row) : null;
  }

  async listContacts(collaborativeId: string, filter: { teamId?: string } = {}): Promise<Map<string, TeamContact[]>> {
    let query = this.qb.selectFrom("team_contacts").selectAll().where("collaborative_id", "=", collaborativeId);
    if (filter.teamId !== undefined) query = query.where("team_id", "=", filter.teamId);
    const out = new Map<string, TeamContact[]>();
    for (const row of await this.read(query.orderBy("team_id").orderBy("position"))) {
      const list = out.get(row.team_id) ?? [];
      list.push({ name: row.name, email: row.email, role: row.role });
      out.set(row.team_id, list);
    }
    return out;
  }

  async listReminders(collaborativeId: string, filter: { limit?: number } = {}): Promise<ReminderEntry[]> {
    const limit = Math.max(1, Math.min(filter.limit ?? 200, 1_000));
    const query = this.qb.selectFrom("reminder_ledger").selectAll().where("collaborative_id", "=", collaborativeId).orderBy("created_at", "desc").orderBy("key").limit(limit);
    return (await this.read(query)).map(toReminder);
  }

  async getReminder(key: string): Promise<ReminderEntry | null> {
    const [row] = await this.read(this.qb.selectFrom("reminder_ledger").selectAll().where("key", "=", key));
    return row ? toReminder(row) : null;
  }

  async previousDigestDetails(collaborativeId: string, exceptKey: string): Promise<unknown> {
    const [row] = await this.read(
      this.qb
        .selectFrom("reminder_ledger")
        .select("details")
        .where("collaborative_id", "=", collaborativeId)
        .where("kind", "=", "digest")
        .where("key", "<>", exceptKey)
        .where("status", "in", ["sent", "would-send", "sending"])
        .orderBy("period", "desc")
        .limit(1),
    );
    return row?.details ? (JSON.parse(row.details) as unknown) : null;
  }

  async findTokenByHash(hash: string): Promise<TokenRecord | null> {
    const [row] = await this.read(this.qb.selectFrom("tokens").selectAll().where("hash", "=", hash));
    return row ? toToken(row) : null;
  }

  async listTokens(filter: { collaborativeId?: string } = {}): Promise<TokenRecord[]> {
    const { collaborativeId } = filter;
    const query = this.qb
      .selectFrom("tokens")
      .selectAll()
      .$if(collaborativeId !== undefined, (q) => q.where("collaborative_id", "=", collaborativeId as string))
      .orderBy("created_at")
      .orderBy("id");
    return (await this.read(query)).map(toToken);
  }

  async currentPoints(collaborativeId: string, filter: { measureId?: string; teamId?: string }): Promise<CurrentPointRow[]> {
    const { measureId, teamId } = filter;
    const query = this.qb
      .selectFrom("current_points")
      .select(["team_id", "measure_id", "period", "numerator", "denominator", "value", "annotation", "revision", "received_at"])
      .where("collaborative_id", "=", collaborativeId)
      .where("retracted", "=", 0)
      .$if(measureId !== undefined, (q) => q.where("measure_id", "=", measureId as string))
      .$if(teamId !== undefined, (q) => q.where("team_id", "=", teamId as string))
      .orderBy("measure_id")
      .orderBy("team_id")
      .orderBy("period");
    return (await this.read(query)).map(toCurrentPoint);
  }

  async currentCycles(collaborativeId: string, filter: { teamId?: string; measureId?: string }): Promise<CurrentCycleRow[]> {
    const { teamId, measureId } = filter;
    const query = this.qb
      .selectFrom("current_cycles")
      .selectAll()
      .where("collaborative_id", "=", collaborativeId)
      .$if(teamId !== undefined, (q) => q.where("team_id", "=", teamId as string))
      .orderBy("team_id")
      .orderBy("start_date")
      .orderBy("cycle_key");
    const rows = (await this.read(query)).map(toCurrentCycle);
    // A team keeps a few dozen cycles: the measure is filtered here, on the parsed ids, the same on both engines.
    return measureId === undefined ? rows : rows.filter((r) => r.measureIds.includes(measureId));
  }

  async aggregates(collaborativeId: string, filter: { measureId?: string }): Promise<AggregateRow[]> {
    const { measureId } = filter;
    // Each team's point, grouped here rather than summed in SQL: core pools them (pooledMonth) the
    // same way on both engines and without overflow, and the team ids let a route suppress a pool
    // too small to share (suppressPool).
    const query = this.qb
      .selectFrom("current_points")
      .select(["measure_id", "period", "team_id", "numerator", "denominator", "value"])
      .where("collaborative_id", "=", collaborativeId)
      .where("retracted", "=", 0)
      .$if(measureId !== undefined, (q) => q.where("measure_id", "=", measureId as string))
      .orderBy("measure_id")
      .orderBy("period")
      .orderBy("team_id");
    return toAggregates(await this.read(query));
  }

  async listSubmissions(collaborativeId: string, teamId: string): Promise<SubmissionRow[]> {
    const query = this.qb
      .selectFrom("submissions")
      .select(["id", "team_id", "reporting_month", "revision", "received_at", "created_count", "updated_count", "unchanged_count", "rejected_count"])
      .where("collaborative_id", "=", collaborativeId)
      .where("team_id", "=", teamId)
      .orderBy("received_at", "desc")
      .orderBy("reporting_month", "desc")
      .orderBy("revision", "desc");
    return (await this.read(query)).map(toSubmissionRow);
  }

  async getSubmission(collaborativeId: string, submissionId: string): Promise<SubmissionFull | null> {
    const [row] = await this.read(this.qb.selectFrom("submissions").selectAll().where("collaborative_id", "=", collaborativeId).where("id", "=", submissionId));
    return row ? toSubmissionFull(row) : null;
  }

  async narratives(collaborativeId: string, filter: { teamId?: string; latestPerTeam?: boolean }): Promise<NarrativeRow[]> {
    const { teamId, latestPerTeam } = filter;
    const query = this.qb
      .selectFrom("submissions as s")
      .select(["s.team_id", "s.reporting_month", "s.revision", "s.received_at", "s.narrative"])
      .where("s.collaborative_id", "=", collaborativeId)
      .where("s.narrative", "is not", null)
      .$if(teamId !== undefined, (q) => q.where("s.team_id", "=", teamId as string))
      // each team's latest month with a narrative (submissions_reports indexes the sub-query)
      .$if(latestPerTeam === true, (q) =>
        q.where("s.reporting_month", "=", (eb) =>
          eb
            .selectFrom("submissions as l")
            .select((l) => l.fn.max("l.reporting_month").as("m"))
            .whereRef("l.collaborative_id", "=", "s.collaborative_id")
            .whereRef("l.team_id", "=", "s.team_id")
            .where("l.narrative", "is not", null),
        ),
      )
      .orderBy("s.team_id")
      .orderBy("s.reporting_month")
      .orderBy("s.revision", "desc");
    return toNarratives(await this.read(query));
  }

  async pointRevisions(collaborativeId: string): Promise<PointRevisionRow[]> {
    const query = this.qb
      .selectFrom("point_revisions as p")
      .innerJoin("submissions as s", "s.id", "p.submission_id")
      .select(["p.team_id", "p.measure_id", "p.period", "s.revision", "s.reporting_month", "p.change", "p.numerator", "p.denominator", "p.value", "p.annotation", "p.retract_reason", "p.received_at"])
      .where("p.collaborative_id", "=", collaborativeId)
      .orderBy("p.team_id")
      .orderBy("p.measure_id")
      .orderBy("p.period")
      .orderBy("p.received_at")
      .orderBy("p.id");
    return (await this.read(query)).map(toPointRevision);
  }

  /**
   * `team_id` is one of the teams in `range` (positions are numbered from 0 without gaps: teams are
   * never removed). PostgreSQL is given `= ANY(ARRAY(…))`: for `IN (…)` it scanned every row of the
   * collaborative and hash-joined (34 ms for a page of 500 of 4,000 teams' scores), for the array it
   * walks the team index (14 ms; EXPLAIN ANALYZE, bench data). SQLite searches its index either way.
   */
  private inTeams(collaborativeId: string, range: TeamRange) {
    const ids = this.qb
      .selectFrom("teams")
      .select("id")
      .where("collaborative_id", "=", collaborativeId)
      .where("position", ">=", range.offset)
      .where("position", "<", range.offset + range.limit);
    return this.engine === "postgres" ? sql<SqlBool>`${sql.ref("team_id")} = any(array(${ids}))` : sql<SqlBool>`${sql.ref("team_id")} in (${ids})`;
  }

  /** A campaign has ~90,000 of these: read as columns (see readColumns). */
  async reports(collaborativeId: string, filter: { teamId?: string; teams?: TeamRange }): Promise<ReportRow[]> {
    const { teamId, teams } = filter;
    const query = this.qb
      .selectFrom("monthly_reports")
      .select(REPORT_COLUMNS)
      .where("collaborative_id", "=", collaborativeId)
      .$if(teamId !== undefined, (q) => q.where("team_id", "=", teamId as string))
      .$if(teams !== undefined, (q) => q.where(this.inTeams(collaborativeId, teams as TeamRange)));
    return toReports(await this.readColumns(query, REPORT_COLUMNS));
  }

  /** A campaign has ~90,000 of these: read as columns (see readColumns), in period, team, source order. */
  async currentScores(collaborativeId: string, filter: { teamId?: string; period?: string; teams?: TeamRange }): Promise<ScoreRow[]> {
    const { teamId, period, teams } = filter;
    const query = this.qb
      .selectFrom("current_scores")
      .select(SCORE_COLUMNS)
      .where("collaborative_id", "=", collaborativeId)
      .$if(teamId !== undefined, (q) => q.where("team_id", "=", teamId as string))
      .$if(period !== undefined, (q) => q.where("period", "=", period as string))
      .$if(teams !== undefined, (q) => q.where(this.inTeams(collaborativeId, teams as TeamRange)))
      .orderBy("collaborative_id")
      .orderBy("period")
      .orderBy("team_id")
      .orderBy("source");
    return toScores(await this.readColumns(query, SCORE_COLUMNS));
  }

  async facultyScoreCounts(collaborativeId: string): Promise<ScoreCountRow[]> {
    const query = this.qb
      .selectFrom("current_scores")
      .select((eb) => ["period", "score", eb.fn.countAll().as("teams")])
      .where("collaborative_id", "=", collaborativeId)
      .where("source", "=", "faculty")
      .groupBy(["period", "score"])
      .orderBy("period")
      .orderBy("score");
    return (await this.read(query)).map(toScoreCount);
  }

  async latestPeriodEvents(collaborativeId: string): Promise<Map<string, PeriodEvent>> {
    const query = this.qb.selectFrom("period_events").select(["period", "action", "reason", "by_label", "at"]).where("collaborative_id", "=", collaborativeId).orderBy("id");
    return toPeriodEvents(await this.read(query));
  }

  /** Newest first; at most `limit` (1 to 10,000, default 100); every filter given must match (see AuditFilter). */
  async listAudit(filter: AuditFilter): Promise<AuditEntry[]> {
    const { collaborativeId, actor, action, teamId, before } = filter;
    const limit = Math.max(1, Math.min(filter.limit ?? 100, 10_000));
    const query = this.qb
      .selectFrom("audit_log")
      .selectAll()
      .$if(collaborativeId !== undefined, (q) => q.where("collaborative_id", "=", collaborativeId as string))
      .$if(actor !== undefined, (q) => q.where("actor", "=", actor as string))
      .$if(teamId !== undefined, (q) => q.where("team_id", "=", teamId as string))
      // an action, or a family of them: compared as text (no LIKE, whose % and _ a value could hold)
      .$if(action !== undefined, (q) =>
        q.where((eb) => eb.or([eb("action", "=", action as string), eb(eb.fn<string>("substr", ["action", eb.val(1), eb.val((action as string).length + 1)]), "=", `${action as string}.`)])),
      )
      .$if(before !== undefined, (q) => q.where("id", "<", before as number))
      .orderBy("id", "desc")
      .limit(limit);
    return (await this.read(query)).map(toAudit);
  }
}

/** A ledger row as the API lists it (the details, a digest's snapshot, stay inside the store). */
function toReminder(row: ReminderLedgerTable): ReminderEntry {
  return {
    key: row.key,
    kind: row.kind as ReminderEntry["kind"],
    collaborativeId: row.collaborative_id,
    teamId: row.team_id,
    period: row.period,
    recipients: JSON.parse(row.recipients) as string[],
    subject: row.subject,
    text: row.body,
    status: row.status as ReminderEntry["status"],
    error: row.error,
    attempts: Number(row.attempts),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
