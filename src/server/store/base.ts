// What both engines do the same way: every read (the same SQL from sql.ts, the same row mapping).
// An engine supplies how to run a query outside a transaction and its JSON array aggregate; its
// writes stay in its own file, each a transaction that runs the statements listed in writes.ts.

import {
  aggregatesSql,
  auditSql,
  currentPointsSql,
  currentScoresSql,
  REPORT_COLUMNS,
  reportsSql,
  SCORE_COLUMNS,
  SQL,
  toAggregate,
  toAudit,
  toCurrentPoint,
  toDefinition,
  toPeriodEvents,
  toReports,
  toScores,
  toScoreCount,
  toSubmissionFull,
  toSubmissionRow,
  toTeam,
  toToken,
  type Columns,
  type Query,
  type Row,
} from "./sql";
import type {
  AggregateRow,
  AuditEntry,
  CollaborativeRecord,
  CurrentPointRow,
  Engine,
  PeriodEvent,
  ReportRow,
  ScoreCountRow,
  ScoreRow,
  SubmissionFull,
  SubmissionRow,
  TeamRecord,
  TokenRecord,
} from "./store";
import type { Param } from "./writes";

/** The reads of {@link Store}; each engine extends this and implements the rest. */
export abstract class SqlStore {
  abstract readonly engine: Engine;
  /**
   * A large read (a campaign's ~90,000 reports or scores) as one array per column, each engine the
   * fastest way its driver has (see columnsSql on SQLite, rows as arrays on PostgreSQL). `query`'s
   * first parameter is the collaborative id.
   */
  protected abstract readColumns<C extends string>(query: Query, columns: readonly C[]): Promise<Columns<C>>;
  /** Run one query outside any transaction. */
  protected abstract read(sql: string, params?: readonly Param[]): Promise<Row[]>;

  private async first(sql: string, params?: readonly Param[]): Promise<Row | undefined> {
    return (await this.read(sql, params))[0];
  }

  async isEmpty(): Promise<boolean> {
    return Number((await this.first(SQL.countCollaboratives))?.n) === 0;
  }

  async getCollaborative(id: string): Promise<CollaborativeRecord | null> {
    const row = await this.first(SQL.getCollaborative, [id]);
    if (!row) return null;
    const measures = (await this.read(SQL.listMeasures, [id])).map((r) => String(r.definition));
    return { definition: toDefinition(row, measures), createdAt: String(row.created_at) };
  }

  async listCollaboratives(): Promise<CollaborativeRecord[]> {
    const measures = new Map<string, string[]>();
    for (const r of await this.read(SQL.listAllMeasures)) {
      const list = measures.get(String(r.collaborative_id)) ?? [];
      list.push(String(r.definition));
      measures.set(String(r.collaborative_id), list);
    }
    return (await this.read(SQL.listCollaborativeRows)).map((row) => ({
      definition: toDefinition(row, measures.get(String(row.id)) ?? []),
      createdAt: String(row.created_at),
    }));
  }

  async listTeams(collaborativeId: string): Promise<TeamRecord[]> {
    return (await this.read(SQL.listTeams, [collaborativeId])).map(toTeam);
  }

  async getTeam(collaborativeId: string, teamId: string): Promise<TeamRecord | null> {
    const row = await this.first(SQL.getTeam, [collaborativeId, teamId]);
    return row ? toTeam(row) : null;
  }

  async findTokenByHash(hash: string): Promise<TokenRecord | null> {
    const row = await this.first(SQL.tokenByHash, [hash]);
    return row ? toToken(row) : null;
  }

  async listTokens(): Promise<TokenRecord[]> {
    return (await this.read(SQL.listTokens)).map(toToken);
  }

  async currentPoints(collaborativeId: string, filter: { measureId?: string; teamId?: string }): Promise<CurrentPointRow[]> {
    const q = currentPointsSql(filter);
    return (await this.read(q.sql, [collaborativeId, ...q.params])).map(toCurrentPoint);
  }

  async aggregates(collaborativeId: string, filter: { measureId?: string }): Promise<AggregateRow[]> {
    const q = aggregatesSql(filter);
    return (await this.read(q.sql, [collaborativeId, ...q.params])).map(toAggregate);
  }

  async listSubmissions(collaborativeId: string, teamId: string): Promise<SubmissionRow[]> {
    return (await this.read(SQL.listSubmissions, [collaborativeId, teamId])).map(toSubmissionRow);
  }

  async getSubmission(collaborativeId: string, submissionId: string): Promise<SubmissionFull | null> {
    const row = await this.first(SQL.getSubmission, [collaborativeId, submissionId]);
    return row ? toSubmissionFull(row) : null;
  }

  /** A campaign has ~90,000 of these: read as columns (see readColumns). */
  async reports(collaborativeId: string, filter: { teamId?: string }): Promise<ReportRow[]> {
    const q = reportsSql(filter);
    return toReports(await this.readColumns({ sql: q.sql, params: [collaborativeId, ...q.params] }, REPORT_COLUMNS));
  }

  /** A campaign has ~90,000 of these: read as columns (see readColumns), in period, team, source order. */
  async currentScores(collaborativeId: string, filter: { teamId?: string; period?: string }): Promise<ScoreRow[]> {
    const q = currentScoresSql(filter);
    return toScores(await this.readColumns({ sql: q.sql, params: [collaborativeId, ...q.params] }, SCORE_COLUMNS));
  }

  async facultyScoreCounts(collaborativeId: string): Promise<ScoreCountRow[]> {
    return (await this.read(SQL.facultyScoreCounts, [collaborativeId])).map(toScoreCount);
  }

  async latestPeriodEvents(collaborativeId: string): Promise<Map<string, PeriodEvent>> {
    return toPeriodEvents(await this.read(SQL.periodEvents, [collaborativeId]));
  }

  async listAudit(filter: { collaborativeId?: string; limit?: number }): Promise<AuditEntry[]> {
    const q = auditSql(filter);
    return (await this.read(q.sql, q.params)).map(toAudit);
  }
}
