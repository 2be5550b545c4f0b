// The embedded engine: one SQLite file under QI_DATA_DIR (better-sqlite3). WAL mode so readers never
// wait for the writer, foreign keys on, a busy timeout for a second process (the admin command line),
// and synchronous=FULL by default so an accepted report survives a power cut. better-sqlite3 is
// synchronous, so every submission is one synchronous transaction: nothing else runs in between.

import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { CollaborativeDefinition, MeasureDefinition, Team } from "../../core/schema";
import { MIGRATIONS } from "./migrations";
import {
  aggregatesSql,
  auditSql,
  currentPointsSql,
  currentScoresSql,
  matchTokens,
  reportsSql,
  SQL,
  toAggregate,
  toAudit,
  toCurrentPoint,
  toDefinition,
  toPeriodEvents,
  toReport,
  toScore,
  toScoreMonth,
  toSubmissionFull,
  toSubmissionRow,
  toTeam,
  toToken,
  type Row,
} from "./sql";
import {
  pointKey,
  StoreConflict,
  StoreNotFound,
  type Actor,
  type BulkLoad,
  type CollaborativeRecord,
  type NewAuditEntry,
  type NewToken,
  type ScoreRow,
  type Store,
  type StoredPoint,
  type SubmitOutcome,
  type SubmitRequest,
  type TeamRecord,
  type TokenRecord,
} from "./store";

export type SqliteOptions = {
  /** path of the database file, or ":memory:" */
  file: string;
  /** PRAGMA synchronous: FULL (default, durable on power loss) or NORMAL (durable on crash, faster) */
  synchronous?: "FULL" | "NORMAL";
};

type Param = string | number | null;

export class SqliteStore implements Store {
  readonly engine = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(options: SqliteOptions) {
    if (options.file !== ":memory:") mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
  private all(sql: string, params: readonly Param[] = []): Row[] {
    return this.stmt(sql).all(...params) as Row[];
  }
  private get(sql: string, params: readonly Param[] = []): Row | undefined {
    return this.stmt(sql).get(...params) as Row | undefined;
  }
  private run(sql: string, params: readonly Param[] = []): Database.RunResult {
    return this.stmt(sql).run(...params);
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

  async isEmpty(): Promise<boolean> {
    return Number(this.get(SQL.countCollaboratives)?.n) === 0;
  }

  private audit(entry: NewAuditEntry): void {
    this.run(SQL.insertAudit, [
      entry.at,
      entry.actor.tokenId ?? "cli",
      entry.actor.label,
      entry.action,
      entry.collaborativeId,
      entry.teamId,
      JSON.stringify(entry.details),
    ]);
  }

  async createCollaborative(d: CollaborativeDefinition, at: string, actor: Actor): Promise<void> {
    this.db.transaction(() => {
      if (this.get(SQL.getCollaborative, [d.id])) throw new StoreConflict(`collaborative ${d.id} already exists`);
      this.run(SQL.insertCollaborative, [d.id, d.name, d.aim, d.startMonth, d.endMonth, d.dueDay, d.lockAfterDays, d.sharing, d.ruleSet, at]);
      d.measures.forEach((m, i) => this.run(SQL.insertMeasure, [d.id, m.id, i, JSON.stringify(m), at]));
      this.audit({ at, actor, action: "collaborative.created", collaborativeId: d.id, teamId: null, details: { name: d.name, measures: d.measures.length } });
    }).immediate();
  }

  async getCollaborative(id: string): Promise<CollaborativeRecord | null> {
    const row = this.get(SQL.getCollaborative, [id]);
    if (!row) return null;
    const measures = this.all(SQL.listMeasures, [id]).map((r) => String(r.definition));
    return { definition: toDefinition(row, measures), createdAt: String(row.created_at) };
  }

  async listCollaboratives(): Promise<CollaborativeRecord[]> {
    const measures = new Map<string, string[]>();
    for (const r of this.all(SQL.listAllMeasures)) {
      const list = measures.get(String(r.collaborative_id)) ?? [];
      list.push(String(r.definition));
      measures.set(String(r.collaborative_id), list);
    }
    return this.all(SQL.listCollaborativeRows).map((row) => ({
      definition: toDefinition(row, measures.get(String(row.id)) ?? []),
      createdAt: String(row.created_at),
    }));
  }

  async addMeasure(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Promise<void> {
    this.db.transaction(() => {
      if (!this.get(SQL.getCollaborative, [collaborativeId])) throw new StoreNotFound(`no collaborative ${collaborativeId}`);
      if (this.get(SQL.measureExists, [collaborativeId, measure.id])) throw new StoreConflict(`measure ${measure.id} already exists in ${collaborativeId}`);
      const position = Number(this.get(SQL.nextMeasurePosition, [collaborativeId])?.n ?? 0);
      this.run(SQL.insertMeasure, [collaborativeId, measure.id, position, JSON.stringify(measure), at]);
      this.audit({ at, actor, action: "measure.added", collaborativeId, teamId: null, details: { measureId: measure.id } });
    }).immediate();
  }

  async addTeam(collaborativeId: string, team: Team, at: string, actor: Actor): Promise<TeamRecord> {
    return this.db.transaction(() => {
      if (!this.get(SQL.getCollaborative, [collaborativeId])) throw new StoreNotFound(`no collaborative ${collaborativeId}`);
      if (this.get(SQL.getTeam, [collaborativeId, team.id])) throw new StoreConflict(`team ${team.id} already exists in ${collaborativeId}`);
      const position = Number(this.get(SQL.nextTeamPosition, [collaborativeId])?.n ?? 0);
      this.run(SQL.insertTeam, [collaborativeId, team.id, position, team.name, team.organisation, at]);
      this.audit({ at, actor, action: "team.added", collaborativeId, teamId: team.id, details: { name: team.name } });
      return { ...team, position, createdAt: at };
    }).immediate();
  }

  async listTeams(collaborativeId: string): Promise<TeamRecord[]> {
    return this.all(SQL.listTeams, [collaborativeId]).map(toTeam);
  }

  async getTeam(collaborativeId: string, teamId: string): Promise<TeamRecord | null> {
    const row = this.get(SQL.getTeam, [collaborativeId, teamId]);
    return row ? toTeam(row) : null;
  }

  async createToken(t: NewToken, actor: Actor): Promise<void> {
    this.db.transaction(() => {
      this.run(SQL.insertToken, [t.id, t.hash, t.prefix, t.role, t.collaborativeId, t.teamId, t.label, t.createdAt, t.expiresAt]);
      this.audit({
        at: t.createdAt,
        actor,
        action: "token.issued",
        collaborativeId: t.collaborativeId,
        teamId: t.teamId,
        details: { tokenId: t.id, role: t.role, label: t.label, expiresAt: t.expiresAt },
      });
    }).immediate();
  }

  async findTokenByHash(hash: string): Promise<TokenRecord | null> {
    const row = this.get(SQL.tokenByHash, [hash]);
    return row ? toToken(row) : null;
  }

  async listTokens(): Promise<TokenRecord[]> {
    return this.all(SQL.listTokens).map(toToken);
  }

  async revokeToken(idOrPrefix: string, at: string, actor: Actor): Promise<TokenRecord | null> {
    return this.db.transaction(() => {
      const matches = matchTokens(this.all(SQL.listTokens).map(toToken), idOrPrefix);
      if (matches.length > 1) throw new StoreConflict(`${idOrPrefix} matches ${matches.length} tokens: give more characters or the token id`);
      const token = matches[0];
      if (!token) return null;
      if (token.revokedAt === null) {
        this.run(SQL.revokeToken, [at, token.id]);
        this.audit({ at, actor, action: "token.revoked", collaborativeId: token.collaborativeId, teamId: token.teamId, details: { tokenId: token.id } });
      }
      return toToken(this.get(SQL.tokenById, [token.id]) as Row);
    }).immediate();
  }

  async submit(req: SubmitRequest): Promise<SubmitOutcome> {
    const work = (): SubmitOutcome => {
      if (!this.get(SQL.getTeam, [req.collaborativeId, req.teamId])) throw new StoreNotFound(`no team ${req.teamId}`);
      if (req.idempotency && !req.dryRun) {
        const stored = this.get(SQL.idempotencyGet, [req.idempotency.scope, req.idempotency.key]);
        if (stored) {
          return { kind: "replay", stored: { requestHash: String(stored.request_hash), httpStatus: Number(stored.http_status), body: String(stored.body) } };
        }
      }
      const current = new Map<string, StoredPoint>();
      for (const r of this.all(SQL.teamCurrentPoints, [req.collaborativeId, req.teamId])) {
        current.set(pointKey(String(r.measure_id), String(r.period)), {
          numerator: r.numerator as number | null,
          denominator: r.denominator as number | null,
          value: r.value as number | null,
          annotation: r.annotation as string | null,
          retracted: Number(r.retracted) === 1,
        });
      }
      const keys = [req.collaborativeId, req.teamId, req.reportingMonth];
      const latestRevision = Number(this.get(SQL.latestRevision, keys)?.n ?? 0);
      const narrative = this.get(SQL.latestNarrative, keys)?.narrative;
      const self = this.get(SQL.latestSelfAssessment, keys)?.self_assessment;
      const plan = req.plan(
        {
          current,
          latestRevision,
          latestNarrative: typeof narrative === "string" ? JSON.parse(narrative) : null,
          latestSelfAssessment: typeof self === "number" ? self : null,
        },
        latestRevision + 1,
      );
      const body = JSON.stringify(plan.summary);
      if (req.dryRun) return { kind: "done", httpStatus: plan.httpStatus, body };

      const rev = plan.revision;
      if (rev) {
        const revision = latestRevision + 1;
        this.run(SQL.insertSubmission, [
          req.submissionId,
          req.collaborativeId,
          req.teamId,
          req.reportingMonth,
          revision,
          req.receivedAt,
          req.actor.tokenId,
          rev.counts.created,
          rev.counts.updated,
          rev.counts.unchanged,
          rev.counts.rejected,
          JSON.stringify(req.input),
          req.rawBody,
          JSON.stringify(rev.conflicts),
          rev.narrative === null ? null : JSON.stringify(rev.narrative),
          rev.selfAssessment,
        ]);
        this.run(SQL.upsertMonthlyReport, [req.collaborativeId, req.teamId, req.reportingMonth, revision, req.receivedAt, req.receivedAt]);
        for (const c of rev.changes) {
          this.run(SQL.insertPointRevision, [
            req.submissionId,
            req.collaborativeId,
            req.teamId,
            c.measureId,
            c.period,
            c.pointIndex,
            c.change,
            c.numerator,
            c.denominator,
            c.value,
            c.annotation,
            c.retractReason,
            req.receivedAt,
          ]);
          this.run(SQL.upsertCurrentPoint, [
            req.collaborativeId,
            c.measureId,
            req.teamId,
            c.period,
            c.numerator,
            c.denominator,
            c.value,
            c.annotation,
            c.change === "retracted" ? 1 : 0,
            req.submissionId,
            revision,
            req.receivedAt,
          ]);
        }
        if (rev.selfAssessment !== null && rev.selfAssessment !== latestSelfOrNull(self)) {
          this.writeScore(req.collaborativeId, req.teamId, req.reportingMonth, "self", rev.selfAssessment, "", req.actor, req.submissionId, req.receivedAt);
        }
      }
      if (plan.audit) {
        this.audit({ at: req.receivedAt, actor: req.actor, action: plan.audit.action, collaborativeId: req.collaborativeId, teamId: req.teamId, details: plan.audit.details });
      }
      if (req.idempotency) {
        this.run(SQL.idempotencyInsert, [
          req.idempotency.scope,
          req.idempotency.key,
          req.idempotency.requestHash,
          plan.httpStatus,
          body,
          rev ? req.submissionId : null,
          req.receivedAt,
        ]);
      }
      return { kind: "done", httpStatus: plan.httpStatus, body };
    };
    // A dry run only reads: a deferred transaction gives it a consistent snapshot without taking the write lock.
    return req.dryRun ? this.db.transaction(work).deferred() : this.db.transaction(work).immediate();
  }

  private writeScore(
    collaborativeId: string,
    teamId: string,
    period: string,
    source: "faculty" | "self",
    score: number,
    rationale: string,
    actor: Actor,
    submissionId: string | null,
    at: string,
  ): void {
    this.run(SQL.insertScore, [collaborativeId, teamId, period, source, score, rationale, actor.tokenId, actor.label, submissionId, at]);
    this.run(SQL.upsertCurrentScore, [collaborativeId, source, period, teamId, score, rationale, actor.label, at]);
  }

  async currentPoints(collaborativeId: string, filter: { measureId?: string; teamId?: string }) {
    const q = currentPointsSql(filter);
    return this.all(q.sql, [collaborativeId, ...q.params]).map(toCurrentPoint);
  }

  async aggregates(collaborativeId: string, filter: { measureId?: string }) {
    const q = aggregatesSql(filter);
    return this.all(q.sql, [collaborativeId, ...q.params]).map(toAggregate);
  }

  async listSubmissions(collaborativeId: string, teamId: string) {
    return this.all(SQL.listSubmissions, [collaborativeId, teamId]).map(toSubmissionRow);
  }

  async getSubmission(collaborativeId: string, submissionId: string) {
    const row = this.get(SQL.getSubmission, [collaborativeId, submissionId]);
    return row ? toSubmissionFull(row) : null;
  }

  async reports(collaborativeId: string, filter: { teamId?: string }) {
    const q = reportsSql(filter);
    return this.all(q.sql, [collaborativeId, ...q.params]).map(toReport);
  }

  async recordScore(collaborativeId: string, s: Omit<ScoreRow, "by" | "source">, actor: Actor): Promise<ScoreRow> {
    this.db.transaction(() => {
      if (!this.get(SQL.getTeam, [collaborativeId, s.teamId])) throw new StoreNotFound(`no team ${s.teamId}`);
      this.writeScore(collaborativeId, s.teamId, s.period, "faculty", s.score, s.rationale, actor, null, s.recordedAt);
      this.audit({
        at: s.recordedAt,
        actor,
        action: "score.recorded",
        collaborativeId,
        teamId: s.teamId,
        details: { period: s.period, score: s.score },
      });
    }).immediate();
    return { ...s, source: "faculty", by: actor.label };
  }

  async currentScores(collaborativeId: string, filter: { teamId?: string; period?: string }) {
    const q = currentScoresSql(filter);
    return this.all(q.sql, [collaborativeId, ...q.params]).map(toScore);
  }

  async scoreMonths(collaborativeId: string) {
    return this.all(SQL.scoreMonths, [collaborativeId]).map(toScoreMonth);
  }

  async addPeriodEvent(collaborativeId: string, e: { period: string; action: "lock" | "reopen"; reason: string; at: string }, actor: Actor): Promise<void> {
    this.db.transaction(() => {
      this.run(SQL.insertPeriodEvent, [collaborativeId, e.period, e.action, e.reason, actor.tokenId, actor.label, e.at]);
      this.audit({ at: e.at, actor, action: `period.${e.action}`, collaborativeId, teamId: null, details: { period: e.period, reason: e.reason } });
    }).immediate();
  }

  async latestPeriodEvents(collaborativeId: string) {
    return toPeriodEvents(this.all(SQL.periodEvents, [collaborativeId]));
  }

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    this.audit(entry);
  }

  async listAudit(filter: { collaborativeId?: string; limit?: number }) {
    const q = auditSql(filter);
    return this.all(q.sql, q.params).map(toAudit);
  }

  async bulkLoad(load: BulkLoad): Promise<void> {
    this.db.transaction(() => {
      let n = 0;
      for (const report of load.reports) {
        const id = `bulk-${load.collaborativeId}-${report.teamId}-${report.reportingMonth}-${n++}`;
        this.run(SQL.insertSubmission, [
          id,
          load.collaborativeId,
          report.teamId,
          report.reportingMonth,
          1,
          report.receivedAt,
          load.tokenId,
          report.points.length,
          0,
          0,
          0,
          JSON.stringify({ reportingMonth: report.reportingMonth, points: report.points }),
          "",
          "[]",
          null,
          null,
        ]);
        this.run(SQL.upsertMonthlyReport, [load.collaborativeId, report.teamId, report.reportingMonth, 1, report.receivedAt, report.receivedAt]);
        report.points.forEach((p, i) => {
          this.run(SQL.insertPointRevision, [
            id, load.collaborativeId, report.teamId, p.measureId, p.period, i, "created", p.numerator, p.denominator, p.value, null, null, report.receivedAt,
          ]);
          this.run(SQL.upsertCurrentPoint, [
            load.collaborativeId, p.measureId, report.teamId, p.period, p.numerator, p.denominator, p.value, null, 0, id, 1, report.receivedAt,
          ]);
        });
      }
      const actor = { tokenId: load.tokenId, label: "bulk load" };
      for (const s of load.scores) this.writeScore(load.collaborativeId, s.teamId, s.period, "faculty", s.score, s.rationale, actor, null, s.recordedAt);
    }).immediate();
  }
}

function latestSelfOrNull(v: unknown): number | null {
  return typeof v === "number" ? v : null;
}
