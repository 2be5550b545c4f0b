// The embedded engine: one SQLite file under QI_DATA_DIR (better-sqlite3). WAL mode so readers never
// wait for the writer, foreign keys on, a busy timeout for a second process (the admin command line),
// and synchronous=FULL by default so an accepted report survives a power cut. better-sqlite3 is
// synchronous, so every submission is one synchronous transaction: nothing else runs in between.

import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { CollaborativeDefinition, MeasureDefinition, Team } from "../../core/index";
import { SqlStore } from "./base";
import { MIGRATIONS } from "./migrations";
import { columnsOf, columnsSql, SQL, toToken, type Columns, type Query, type Row } from "./sql";
import {
  StoreConflict,
  StoreNotFound,
  type Actor,
  type BulkLoad,
  type NewAuditEntry,
  type NewToken,
  type PeriodEvent,
  type ScoreRow,
  type Store,
  type SubmitOutcome,
  type SubmitRequest,
  type TeamRecord,
  type TokenRecord,
} from "./store";
import {
  auditWrite,
  batched,
  bulkPointChanges,
  bulkSubmissionId,
  bulkSubmissionWrite,
  bulkTeamWrites,
  collaborativeWrites,
  facultyScoreWrites,
  measureAppend,
  periodEventWrites,
  planSubmit,
  revokeWrites,
  scoreWrites,
  teamAppend,
  tokenToRevoke,
  tokenWrites,
  toStoredResponse,
  type Append,
  type ChangeWrites,
  type Param,
  type Statement,
} from "./writes";

export type SqliteOptions = {
  /** path of the database file, or ":memory:" */
  file: string;
  /** PRAGMA synchronous: FULL (default, durable on power loss) or NORMAL (durable on crash, faster) */
  synchronous?: "FULL" | "NORMAL";
};

const revisionWrites: ChangeWrites = (t, changes) =>
  changes.map((c) => [
    SQL.insertPointRevision,
    [t.submissionId, t.collaborativeId, t.teamId, c.measureId, c.period, c.pointIndex, c.change, c.numerator, c.denominator, c.value, c.annotation, c.retractReason, t.receivedAt],
  ]);

const currentPointWrites: ChangeWrites = (t, changes) =>
  changes.map((c) => [
    SQL.upsertCurrentPoint,
    [t.collaborativeId, c.measureId, t.teamId, c.period, c.numerator, c.denominator, c.value, c.annotation, c.change === "retracted" ? 1 : 0, t.submissionId, t.revision, t.receivedAt],
  ]);

/** The point revisions, then the current values they set (each kind batches into one statement). */
const changeWrites: ChangeWrites = (t, changes) => [...revisionWrites(t, changes), ...currentPointWrites(t, changes)];

/** SQLite's default limit of bound parameters per statement. */
const MAX_PARAMS = 32_766;

export class SqliteStore extends SqlStore implements Store {
  readonly engine = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(options: SqliteOptions) {
    super();
    if (options.file !== ":memory:") mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  }

  /** A prepared statement, kept for reuse unless it is one of a bulk load's very long multi-row INSERTs. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (sql.length < 20_000) this.statements.set(sql, s);
    }
    return s;
  }
  // SQLite statements never take arrays (PostgreSQL's batched ones do): the casts below are safe.
  private all(sql: string, params: Statement[1] = []): Row[] {
    return this.stmt(sql).all(params as Param[]) as Row[];
  }
  private get(sql: string, params: Statement[1] = []): Row | undefined {
    return this.stmt(sql).get(params as Param[]) as Row | undefined;
  }
  private run(statements: readonly Statement[]): void {
    for (const [sql, params] of batched(statements, { maxParams: MAX_PARAMS, upserts: true })) this.stmt(sql).run(params as Param[]);
  }
  protected async read(sql: string, params: readonly Param[] = []): Promise<Row[]> {
    return this.all(sql, params);
  }
  /** One row of JSON arrays (columnsSql): better-sqlite3 builds a row object per record several times slower. */
  protected async readColumns<C extends string>(query: Query, columns: readonly C[]): Promise<Columns<C>> {
    const q = columnsSql(query, columns, "json_group_array");
    return columnsOf(this.get(q.sql, q.params), columns);
  }

  async migrate(): Promise<{ applied: number[] }> {
    this.db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    const applied: number[] = [];
    const apply = this.db.transaction(() => {
      const done = new Set(this.db.prepare("SELECT version FROM schema_migrations").all().map((r) => Number((r as Row).version)));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        this.db.exec(m.sqlite);
        this.db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, new Date().toISOString());
        applied.push(m.version);
      }
    });
    apply.immediate();
    return { applied };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async createCollaborative(d: CollaborativeDefinition, at: string, actor: Actor): Promise<void> {
    this.db.transaction(() => {
      if (this.get(SQL.getCollaborative, [d.id])) throw new StoreConflict(`collaborative ${d.id} already exists`);
      this.run(collaborativeWrites(d, at, actor));
    }).immediate();
  }

  /** Refuse a missing collaborative or a taken id, write at the next position (the write lock serialises positions). */
  private append(collaborativeId: string, a: Append): number {
    return this.db.transaction(() => {
      if (!this.get(SQL.getCollaborative, [collaborativeId])) throw new StoreNotFound(`no collaborative ${collaborativeId}`);
      if (this.get(...a.exists)) throw new StoreConflict(a.taken);
      const position = Number(this.get(...a.nextPosition)?.n ?? 0);
      this.run(a.writes(position));
      return position;
    }).immediate();
  }

  async addMeasure(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Promise<void> {
    this.append(collaborativeId, measureAppend(collaborativeId, measure, at, actor));
  }

  async addTeam(collaborativeId: string, team: Team, at: string, actor: Actor): Promise<TeamRecord> {
    return { ...team, position: this.append(collaborativeId, teamAppend(collaborativeId, team, at, actor)), createdAt: at };
  }

  async createToken(t: NewToken, actor: Actor): Promise<void> {
    this.db.transaction(() => this.run(tokenWrites(t, actor))).immediate();
  }

  async revokeToken(idOrPrefix: string, at: string, actor: Actor): Promise<TokenRecord | null> {
    return this.db.transaction(() => {
      const token = tokenToRevoke(this.all(SQL.listTokens).map(toToken), idOrPrefix);
      if (!token) return null;
      this.run(revokeWrites(token, at, actor));
      return toToken(this.get(SQL.tokenById, [token.id]) as Row);
    }).immediate();
  }

  async submit(req: SubmitRequest): Promise<SubmitOutcome> {
    const work = (): SubmitOutcome => {
      if (!this.get(SQL.getTeam, [req.collaborativeId, req.teamId])) throw new StoreNotFound(`no team ${req.teamId}`);
      if (req.idempotency && !req.dryRun) {
        const stored = this.get(SQL.idempotencyGet, [req.idempotency.scope, req.idempotency.key]);
        if (stored) return { kind: "replay", stored: toStoredResponse(stored) };
      }
      const keys = [req.collaborativeId, req.teamId, req.reportingMonth];
      const { outcome, writes } = planSubmit(
        req,
        this.all(SQL.teamCurrentPoints, [req.collaborativeId, req.teamId]),
        this.get(SQL.latestOfMonth, [...keys, ...keys, ...keys]),
        changeWrites,
      );
      this.run(writes);
      return outcome;
    };
    // A dry run only reads: a deferred transaction gives it a consistent snapshot without taking the write lock.
    return req.dryRun ? this.db.transaction(work).deferred() : this.db.transaction(work).immediate();
  }

  async recordScore(collaborativeId: string, s: Omit<ScoreRow, "by" | "source">, actor: Actor): Promise<ScoreRow> {
    this.db.transaction(() => {
      if (!this.get(SQL.getTeam, [collaborativeId, s.teamId])) throw new StoreNotFound(`no team ${s.teamId}`);
      this.run(facultyScoreWrites(collaborativeId, s, actor));
    }).immediate();
    return { ...s, source: "faculty", by: actor.label };
  }

  async addPeriodEvent(collaborativeId: string, e: Omit<PeriodEvent, "by">, actor: Actor): Promise<void> {
    this.db.transaction(() => this.run(periodEventWrites(collaborativeId, e, actor))).immediate();
  }

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    this.run([auditWrite(entry)]);
  }

  async bulkLoad(load: BulkLoad): Promise<void> {
    const c = load.collaborativeId;
    const actor = { tokenId: load.tokenId, label: "bulk load" };
    this.db.transaction(() => {
      if (load.teams) this.run(bulkTeamWrites(c, load.teams, Number(this.get(SQL.nextTeamPosition, [c])?.n ?? 0)));
      // Grouped by table, so that each table's rows batch into a few statements.
      this.run(load.reports.map((_, n) => bulkSubmissionWrite(load, n)));
      this.run(load.reports.map((r): Statement => [SQL.upsertMonthlyReport, [c, r.teamId, r.reportingMonth, 1, r.receivedAt, r.receivedAt]]));
      const points = load.reports.map((r, n) => ({
        target: { collaborativeId: c, teamId: r.teamId, submissionId: bulkSubmissionId(load, r, n), revision: 1, receivedAt: r.receivedAt },
        changes: bulkPointChanges(r),
      }));
      for (const writes of [revisionWrites, currentPointWrites]) this.run(points.flatMap((p) => writes(p.target, p.changes)));
      const scores = load.scores.map((s) =>
        scoreWrites({ collaborativeId: c, teamId: s.teamId, period: s.period, source: "faculty", score: s.score, rationale: s.rationale, actor, submissionId: null, at: s.recordedAt }),
      );
      for (const kind of [0, 1]) this.run(scores.map((w) => w[kind]));
    }).immediate();
  }

}
