// The PostgreSQL engine (`DATABASE_URL=postgres://…`), on a pg Pool. Each submission is one
// transaction that first locks its team's row (SELECT … FOR UPDATE): two reports of one team never
// interleave, so revision numbers and idempotency keys are decided on committed data. Many points
// are written with one INSERT … SELECT FROM unnest(…) rather than a round trip per row.

import { Pool, type PoolClient, type PoolConfig } from "pg";
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
  type PointChange,
  type ScoreRow,
  type Store,
  type StoredPoint,
  type SubmitOutcome,
  type SubmitRequest,
  type TeamRecord,
  type TokenRecord,
} from "./store";

export type PostgresOptions = {
  connectionString: string;
  /** Use this schema (it must exist) instead of the default search_path: the tests give each run its own. */
  schema?: string;
  /** pool size (default 10) */
  max?: number;
  /** called when an idle pooled connection fails (default: ignored; the pool replaces it) */
  onIdleError?: (error: Error) => void;
};

type Param = string | number | null | readonly (string | number | null)[];

/** `?` placeholders to `$1, $2, …` (our SQL has no `?` inside literals). */
const numbered = new Map<string, string>();
function toDollar(sql: string): string {
  let out = numbered.get(sql);
  if (out === undefined) {
    let i = 0;
    out = sql.replace(/\?/g, () => `$${++i}`);
    numbered.set(sql, out);
  }
  return out;
}

/** A connection (pooled or inside a transaction) with the three calls the store needs. */
class Q {
  constructor(private readonly client: Pool | PoolClient) {}
  async all(sql: string, params: readonly Param[] = []): Promise<Row[]> {
    const result = await this.client.query(toDollar(sql), params as unknown[]);
    return result.rows as Row[];
  }
  async get(sql: string, params: readonly Param[] = []): Promise<Row | undefined> {
    return (await this.all(sql, params))[0];
  }
  async run(sql: string, params: readonly Param[] = []): Promise<number> {
    const result = await this.client.query(toDollar(sql), params as unknown[]);
    return result.rowCount ?? 0;
  }
}

const MIGRATION_LOCK = 7_245_118_301;

const INSERT_POINT_REVISIONS = `INSERT INTO point_revisions (submission_id, collaborative_id, team_id, measure_id, period, point_index, change,
    numerator, denominator, value, annotation, retract_reason, received_at)
  SELECT $1, $2, $3, t.m, t.p, t.i, t.c, t.n, t.d, t.v, t.a, t.r, $4
  FROM unnest($5::text[], $6::text[], $7::int[], $8::text[], $9::float8[], $10::float8[], $11::float8[], $12::text[], $13::text[])
    AS t(m, p, i, c, n, d, v, a, r)`;

const UPSERT_CURRENT_POINTS = `INSERT INTO current_points (collaborative_id, measure_id, team_id, period, numerator, denominator, value,
    annotation, retracted, submission_id, revision, received_at)
  SELECT $1, t.m, $2, t.p, t.n, t.d, t.v, t.a, t.x, $3, $4, $5
  FROM unnest($6::text[], $7::text[], $8::float8[], $9::float8[], $10::float8[], $11::text[], $12::int[]) AS t(m, p, n, d, v, a, x)
  ON CONFLICT (collaborative_id, measure_id, team_id, period) DO UPDATE SET numerator = excluded.numerator,
    denominator = excluded.denominator, value = excluded.value, annotation = excluded.annotation, retracted = excluded.retracted,
    submission_id = excluded.submission_id, revision = excluded.revision, received_at = excluded.received_at`;

export class PostgresStore implements Store {
  readonly engine = "postgres" as const;
  private readonly pool: Pool;
  private readonly q: Q;

  constructor(options: PostgresOptions) {
    const config: PoolConfig = { connectionString: options.connectionString, max: options.max ?? 10 };
    if (options.schema !== undefined) {
      if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
      config.options = `-c search_path=${options.schema}`;
    }
    this.pool = new Pool(config);
    this.pool.on("error", (error) => options.onIdleError?.(error));
    this.q = new Q(this.pool);
  }

  private async tx<T>(fn: (q: Q) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(new Q(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private audit(q: Q, entry: NewAuditEntry): Promise<number> {
    return q.run(SQL.insertAudit, [
      entry.at,
      entry.actor.tokenId ?? "cli",
      entry.actor.label,
      entry.action,
      entry.collaborativeId,
      entry.teamId,
      JSON.stringify(entry.details),
    ]);
  }

  async migrate(): Promise<{ applied: number[] }> {
    return this.tx(async (q) => {
      await q.run(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await q.run("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      const done = new Set((await q.all("SELECT version FROM schema_migrations")).map((r) => Number(r.version)));
      const applied: number[] = [];
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        // Multi-statement text: sent without parameters, so pg uses the simple query protocol.
        await q.run(m.postgres);
        await q.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [m.version, m.name, new Date().toISOString()]);
        applied.push(m.version);
      }
      return { applied };
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async isEmpty(): Promise<boolean> {
    return Number((await this.q.get(SQL.countCollaboratives))?.n) === 0;
  }

  async createCollaborative(d: CollaborativeDefinition, at: string, actor: Actor): Promise<void> {
    await this.tx(async (q) => {
      if (await q.get(SQL.getCollaborative, [d.id])) throw new StoreConflict(`collaborative ${d.id} already exists`);
      await q.run(SQL.insertCollaborative, [d.id, d.name, d.aim, d.startMonth, d.endMonth, d.dueDay, d.lockAfterDays, d.sharing, d.ruleSet, at]);
      for (const [i, m] of d.measures.entries()) await q.run(SQL.insertMeasure, [d.id, m.id, i, JSON.stringify(m), at]);
      await this.audit(q, { at, actor, action: "collaborative.created", collaborativeId: d.id, teamId: null, details: { name: d.name, measures: d.measures.length } });
    }).catch(rethrowUnique(`collaborative ${d.id} already exists`));
  }

  async getCollaborative(id: string): Promise<CollaborativeRecord | null> {
    const row = await this.q.get(SQL.getCollaborative, [id]);
    if (!row) return null;
    const measures = (await this.q.all(SQL.listMeasures, [id])).map((r) => String(r.definition));
    return { definition: toDefinition(row, measures), createdAt: String(row.created_at) };
  }

  async listCollaboratives(): Promise<CollaborativeRecord[]> {
    const measures = new Map<string, string[]>();
    for (const r of await this.q.all(SQL.listAllMeasures)) {
      const list = measures.get(String(r.collaborative_id)) ?? [];
      list.push(String(r.definition));
      measures.set(String(r.collaborative_id), list);
    }
    return (await this.q.all(SQL.listCollaborativeRows)).map((row) => ({
      definition: toDefinition(row, measures.get(String(row.id)) ?? []),
      createdAt: String(row.created_at),
    }));
  }

  async addMeasure(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Promise<void> {
    await this.tx(async (q) => {
      if (!(await q.get(`${SQL.getCollaborative} FOR UPDATE`, [collaborativeId]))) throw new StoreNotFound(`no collaborative ${collaborativeId}`);
      if (await q.get(SQL.measureExists, [collaborativeId, measure.id])) throw new StoreConflict(`measure ${measure.id} already exists in ${collaborativeId}`);
      const position = Number((await q.get(SQL.nextMeasurePosition, [collaborativeId]))?.n ?? 0);
      await q.run(SQL.insertMeasure, [collaborativeId, measure.id, position, JSON.stringify(measure), at]);
      await this.audit(q, { at, actor, action: "measure.added", collaborativeId, teamId: null, details: { measureId: measure.id } });
    }).catch(rethrowUnique(`measure ${measure.id} already exists in ${collaborativeId}`));
  }

  async addTeam(collaborativeId: string, team: Team, at: string, actor: Actor): Promise<TeamRecord> {
    return this.tx(async (q) => {
      // Locking the collaborative serialises position numbers.
      if (!(await q.get(`${SQL.getCollaborative} FOR UPDATE`, [collaborativeId]))) throw new StoreNotFound(`no collaborative ${collaborativeId}`);
      if (await q.get(SQL.getTeam, [collaborativeId, team.id])) throw new StoreConflict(`team ${team.id} already exists in ${collaborativeId}`);
      const position = Number((await q.get(SQL.nextTeamPosition, [collaborativeId]))?.n ?? 0);
      await q.run(SQL.insertTeam, [collaborativeId, team.id, position, team.name, team.organisation, at]);
      await this.audit(q, { at, actor, action: "team.added", collaborativeId, teamId: team.id, details: { name: team.name } });
      return { ...team, position, createdAt: at };
    }).catch(rethrowUnique(`team ${team.id} already exists in ${collaborativeId}`));
  }

  async listTeams(collaborativeId: string): Promise<TeamRecord[]> {
    return (await this.q.all(SQL.listTeams, [collaborativeId])).map(toTeam);
  }

  async getTeam(collaborativeId: string, teamId: string): Promise<TeamRecord | null> {
    const row = await this.q.get(SQL.getTeam, [collaborativeId, teamId]);
    return row ? toTeam(row) : null;
  }

  async createToken(t: NewToken, actor: Actor): Promise<void> {
    await this.tx(async (q) => {
      await q.run(SQL.insertToken, [t.id, t.hash, t.prefix, t.role, t.collaborativeId, t.teamId, t.label, t.createdAt, t.expiresAt]);
      await this.audit(q, {
        at: t.createdAt,
        actor,
        action: "token.issued",
        collaborativeId: t.collaborativeId,
        teamId: t.teamId,
        details: { tokenId: t.id, role: t.role, label: t.label, expiresAt: t.expiresAt },
      });
    });
  }

  async findTokenByHash(hash: string): Promise<TokenRecord | null> {
    const row = await this.q.get(SQL.tokenByHash, [hash]);
    return row ? toToken(row) : null;
  }

  async listTokens(): Promise<TokenRecord[]> {
    return (await this.q.all(SQL.listTokens)).map(toToken);
  }

  async revokeToken(idOrPrefix: string, at: string, actor: Actor): Promise<TokenRecord | null> {
    return this.tx(async (q) => {
      const matches = matchTokens((await q.all(SQL.listTokens)).map(toToken), idOrPrefix);
      if (matches.length > 1) throw new StoreConflict(`${idOrPrefix} matches ${matches.length} tokens: give more characters or the token id`);
      const token = matches[0];
      if (!token) return null;
      if (token.revokedAt === null) {
        await q.run(SQL.revokeToken, [at, token.id]);
        await this.audit(q, { at, actor, action: "token.revoked", collaborativeId: token.collaborativeId, teamId: token.teamId, details: { tokenId: token.id } });
      }
      return toToken((await q.get(SQL.tokenById, [token.id])) as Row);
    });
  }

  async submit(req: SubmitRequest): Promise<SubmitOutcome> {
    try {
      return await this.tx((q) => this.submitIn(q, req));
    } catch (error) {
      // Two requests with one idempotency key for one team are serialised by the team lock, so this
      // is a backstop: the loser's transaction rolled back; answer with what the winner stored.
      if (isUniqueViolation(error) && req.idempotency) {
        const stored = await this.q.get(SQL.idempotencyGet, [req.idempotency.scope, req.idempotency.key]);
        if (stored) return { kind: "replay", stored: { requestHash: String(stored.request_hash), httpStatus: Number(stored.http_status), body: String(stored.body) } };
      }
      throw error;
    }
  }

  private async submitIn(q: Q, req: SubmitRequest): Promise<SubmitOutcome> {
    const lock = req.dryRun ? "FOR SHARE" : "FOR UPDATE";
    if (!(await q.get(`SELECT 1 AS found FROM teams WHERE collaborative_id = ? AND id = ? ${lock}`, [req.collaborativeId, req.teamId]))) {
      throw new StoreNotFound(`no team ${req.teamId}`);
    }
    if (req.idempotency && !req.dryRun) {
      const stored = await q.get(SQL.idempotencyGet, [req.idempotency.scope, req.idempotency.key]);
      if (stored) return { kind: "replay", stored: { requestHash: String(stored.request_hash), httpStatus: Number(stored.http_status), body: String(stored.body) } };
    }
    const current = new Map<string, StoredPoint>();
    for (const r of await q.all(SQL.teamCurrentPoints, [req.collaborativeId, req.teamId])) {
      current.set(pointKey(String(r.measure_id), String(r.period)), {
        numerator: r.numerator as number | null,
        denominator: r.denominator as number | null,
        value: r.value as number | null,
        annotation: r.annotation as string | null,
        retracted: Number(r.retracted) === 1,
      });
    }
    const keys = [req.collaborativeId, req.teamId, req.reportingMonth];
    const latest = await q.get(
      `SELECT COALESCE(MAX(revision), 0) AS n,
        (SELECT narrative FROM submissions WHERE collaborative_id = ? AND team_id = ? AND reporting_month = ? AND narrative IS NOT NULL ORDER BY revision DESC LIMIT 1) AS narrative,
        (SELECT self_assessment FROM submissions WHERE collaborative_id = ? AND team_id = ? AND reporting_month = ? AND self_assessment IS NOT NULL ORDER BY revision DESC LIMIT 1) AS self
      FROM submissions WHERE collaborative_id = ? AND team_id = ? AND reporting_month = ?`,
      [...keys, ...keys, ...keys],
    );
    const latestRevision = Number(latest?.n ?? 0);
    const latestSelf = typeof latest?.self === "number" ? latest.self : null;
    const plan = req.plan(
      {
        current,
        latestRevision,
        latestNarrative: typeof latest?.narrative === "string" ? JSON.parse(latest.narrative) : null,
        latestSelfAssessment: latestSelf,
      },
      latestRevision + 1,
    );
    const body = JSON.stringify(plan.summary);
    if (req.dryRun) return { kind: "done", httpStatus: plan.httpStatus, body };

    const rev = plan.revision;
    if (rev) {
      const revision = latestRevision + 1;
      await q.run(SQL.insertSubmission, [
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
      await q.run(SQL.upsertMonthlyReport, [req.collaborativeId, req.teamId, req.reportingMonth, revision, req.receivedAt, req.receivedAt]);
      if (rev.changes.length > 0) await this.writeChanges(q, req.collaborativeId, req.teamId, req.submissionId, revision, req.receivedAt, rev.changes);
      if (rev.selfAssessment !== null && rev.selfAssessment !== latestSelf) {
        await this.writeScore(q, req.collaborativeId, req.teamId, req.reportingMonth, "self", rev.selfAssessment, "", req.actor, req.submissionId, req.receivedAt);
      }
    }
    if (plan.audit) {
      await this.audit(q, { at: req.receivedAt, actor: req.actor, action: plan.audit.action, collaborativeId: req.collaborativeId, teamId: req.teamId, details: plan.audit.details });
    }
    if (req.idempotency) {
      await q.run(SQL.idempotencyInsert, [
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
  }

  private async writeChanges(
    q: Q,
    collaborativeId: string,
    teamId: string,
    submissionId: string,
    revision: number,
    receivedAt: string,
    changes: readonly PointChange[],
  ): Promise<void> {
    const col = <T>(f: (c: PointChange) => T) => changes.map(f);
    await q.run(INSERT_POINT_REVISIONS, [
      submissionId,
      collaborativeId,
      teamId,
      receivedAt,
      col((c) => c.measureId),
      col((c) => c.period),
      col((c) => c.pointIndex),
      col((c) => c.change),
      col((c) => c.numerator),
      col((c) => c.denominator),
      col((c) => c.value),
      col((c) => c.annotation),
      col((c) => c.retractReason),
    ]);
    await q.run(UPSERT_CURRENT_POINTS, [
      collaborativeId,
      teamId,
      submissionId,
      revision,
      receivedAt,
      col((c) => c.measureId),
      col((c) => c.period),
      col((c) => c.numerator),
      col((c) => c.denominator),
      col((c) => c.value),
      col((c) => c.annotation),
      col((c) => (c.change === "retracted" ? 1 : 0)),
    ]);
  }

  private async writeScore(
    q: Q,
    collaborativeId: string,
    teamId: string,
    period: string,
    source: "faculty" | "self",
    score: number,
    rationale: string,
    actor: Actor,
    submissionId: string | null,
    at: string,
  ): Promise<void> {
    await q.run(SQL.insertScore, [collaborativeId, teamId, period, source, score, rationale, actor.tokenId, actor.label, submissionId, at]);
    await q.run(SQL.upsertCurrentScore, [collaborativeId, source, period, teamId, score, rationale, actor.label, at]);
  }

  async currentPoints(collaborativeId: string, filter: { measureId?: string; teamId?: string }) {
    const s = currentPointsSql(filter);
    return (await this.q.all(s.sql, [collaborativeId, ...s.params])).map(toCurrentPoint);
  }

  async aggregates(collaborativeId: string, filter: { measureId?: string }) {
    const s = aggregatesSql(filter);
    return (await this.q.all(s.sql, [collaborativeId, ...s.params])).map(toAggregate);
  }

  async listSubmissions(collaborativeId: string, teamId: string) {
    return (await this.q.all(SQL.listSubmissions, [collaborativeId, teamId])).map(toSubmissionRow);
  }

  async getSubmission(collaborativeId: string, submissionId: string) {
    const row = await this.q.get(SQL.getSubmission, [collaborativeId, submissionId]);
    return row ? toSubmissionFull(row) : null;
  }

  async reports(collaborativeId: string, filter: { teamId?: string }) {
    const s = reportsSql(filter);
    return (await this.q.all(s.sql, [collaborativeId, ...s.params])).map(toReport);
  }

  async recordScore(collaborativeId: string, s: Omit<ScoreRow, "by" | "source">, actor: Actor): Promise<ScoreRow> {
    await this.tx(async (q) => {
      if (!(await q.get(SQL.getTeam, [collaborativeId, s.teamId]))) throw new StoreNotFound(`no team ${s.teamId}`);
      await this.writeScore(q, collaborativeId, s.teamId, s.period, "faculty", s.score, s.rationale, actor, null, s.recordedAt);
      await this.audit(q, { at: s.recordedAt, actor, action: "score.recorded", collaborativeId, teamId: s.teamId, details: { period: s.period, score: s.score } });
    });
    return { ...s, source: "faculty", by: actor.label };
  }

  async currentScores(collaborativeId: string, filter: { teamId?: string; period?: string }) {
    const s = currentScoresSql(filter);
    return (await this.q.all(s.sql, [collaborativeId, ...s.params])).map(toScore);
  }

  async scoreMonths(collaborativeId: string) {
    return (await this.q.all(SQL.scoreMonths, [collaborativeId])).map(toScoreMonth);
  }

  async addPeriodEvent(collaborativeId: string, e: { period: string; action: "lock" | "reopen"; reason: string; at: string }, actor: Actor): Promise<void> {
    await this.tx(async (q) => {
      await q.run(SQL.insertPeriodEvent, [collaborativeId, e.period, e.action, e.reason, actor.tokenId, actor.label, e.at]);
      await this.audit(q, { at: e.at, actor, action: `period.${e.action}`, collaborativeId, teamId: null, details: { period: e.period, reason: e.reason } });
    });
  }

  async latestPeriodEvents(collaborativeId: string) {
    return toPeriodEvents(await this.q.all(SQL.periodEvents, [collaborativeId]));
  }

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    await this.audit(this.q, entry);
  }

  async listAudit(filter: { collaborativeId?: string; limit?: number }) {
    const s = auditSql(filter);
    return (await this.q.all(s.sql, s.params)).map(toAudit);
  }

  async bulkLoad(load: BulkLoad): Promise<void> {
    const CHUNK = 2000; // reports per statement batch
    await this.tx(async (q) => {
      for (let start = 0; start < load.reports.length; start += CHUNK) {
        const reports = load.reports.slice(start, start + CHUNK);
        const ids = reports.map((r, i) => `bulk-${load.collaborativeId}-${r.teamId}-${r.reportingMonth}-${start + i}`);
        await q.run(
          `INSERT INTO submissions (id, collaborative_id, team_id, reporting_month, revision, received_at, token_id, created_count,
              updated_count, unchanged_count, rejected_count, input, raw_body, conflicts)
            SELECT t.id, ?, t.team, t.month, 1, t.at, ?, t.n, 0, 0, 0, t.input, '', '[]'
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[]) AS t(id, team, month, at, n, input)`,
          [
            load.collaborativeId,
            load.tokenId,
            ids,
            reports.map((r) => r.teamId),
            reports.map((r) => r.reportingMonth),
            reports.map((r) => r.receivedAt),
            reports.map((r) => r.points.length),
            reports.map((r) => JSON.stringify({ reportingMonth: r.reportingMonth, points: r.points })),
          ],
        );
        await q.run(
          `INSERT INTO monthly_reports (collaborative_id, team_id, reporting_month, revisions, latest_revision, first_received_at, latest_received_at)
            SELECT ?, t.team, t.month, 1, 1, t.at, t.at FROM unnest(?::text[], ?::text[], ?::text[]) AS t(team, month, at)
            ON CONFLICT (collaborative_id, team_id, reporting_month) DO UPDATE SET revisions = monthly_reports.revisions + 1,
              latest_revision = excluded.latest_revision, latest_received_at = excluded.latest_received_at`,
          [load.collaborativeId, reports.map((r) => r.teamId), reports.map((r) => r.reportingMonth), reports.map((r) => r.receivedAt)],
        );
        const rows = reports.flatMap((r, i) => r.points.map((p, j) => ({ sid: ids[i], team: r.teamId, at: r.receivedAt, j, ...p })));
        const c = <T>(f: (x: (typeof rows)[number]) => T) => rows.map(f);
        await q.run(
          `INSERT INTO point_revisions (submission_id, collaborative_id, team_id, measure_id, period, point_index, change, numerator, denominator, value, received_at)
            SELECT t.sid, ?, t.team, t.m, t.p, t.j, 'created', t.n, t.d, t.v, t.at
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::float8[], ?::float8[], ?::float8[], ?::text[]) AS t(sid, team, m, p, j, n, d, v, at)`,
          [load.collaborativeId, c((x) => x.sid), c((x) => x.team), c((x) => x.measureId), c((x) => x.period), c((x) => x.j), c((x) => x.numerator), c((x) => x.denominator), c((x) => x.value), c((x) => x.at)],
        );
        await q.run(
          `INSERT INTO current_points (collaborative_id, measure_id, team_id, period, numerator, denominator, value, retracted, submission_id, revision, received_at)
            SELECT ?, t.m, t.team, t.p, t.n, t.d, t.v, 0, t.sid, 1, t.at
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::float8[], ?::text[]) AS t(sid, team, m, p, n, d, v, at)
            ON CONFLICT (collaborative_id, measure_id, team_id, period) DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator,
              value = excluded.value, submission_id = excluded.submission_id, received_at = excluded.received_at`,
          [load.collaborativeId, c((x) => x.sid), c((x) => x.team), c((x) => x.measureId), c((x) => x.period), c((x) => x.numerator), c((x) => x.denominator), c((x) => x.value), c((x) => x.at)],
        );
      }
      for (let start = 0; start < load.scores.length; start += 20_000) {
        const s = load.scores.slice(start, start + 20_000);
        const args = [load.collaborativeId, s.map((x) => x.teamId), s.map((x) => x.period), s.map((x) => x.score), s.map((x) => x.rationale), s.map((x) => x.recordedAt)];
        await q.run(
          `INSERT INTO assessment_scores (collaborative_id, team_id, period, source, score, rationale, token_id, by_label, recorded_at)
            SELECT ?, t.team, t.p, 'faculty', t.s, t.r, NULL, 'bulk load', t.at FROM unnest(?::text[], ?::text[], ?::float8[], ?::text[], ?::text[]) AS t(team, p, s, r, at)`,
          args,
        );
        await q.run(
          `INSERT INTO current_scores (collaborative_id, source, period, team_id, score, rationale, by_label, recorded_at)
            SELECT ?, 'faculty', t.p, t.team, t.s, t.r, 'bulk load', t.at FROM unnest(?::text[], ?::text[], ?::float8[], ?::text[], ?::text[]) AS t(team, p, s, r, at)
            ON CONFLICT (collaborative_id, source, period, team_id) DO UPDATE SET score = excluded.score, rationale = excluded.rationale, recorded_at = excluded.recorded_at`,
          args,
        );
      }
    });
    await this.q.run("ANALYZE");
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

function rethrowUnique(message: string): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error)) throw new StoreConflict(message);
    throw error;
  };
}
