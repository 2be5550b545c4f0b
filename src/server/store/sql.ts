// SQL shared by both engines, written with `?` placeholders (PostgreSQL's store numbers them), and
// the mapping from rows to the store's types. Everything here is plain standard SQL that SQLite and
// PostgreSQL both run: ON CONFLICT upserts, CAST(COUNT(*) AS INTEGER) so counts come back as
// numbers from pg, CASE instead of boolean arithmetic.

import type { CollaborativeDefinition, MeasureDefinition, Role } from "../../core/index";
import type { AggregateRow, AuditEntry, CurrentPointRow, PeriodEvent, ReportRow, ScoreCountRow, ScoreRow, SubmissionFull, SubmissionRow, TeamRecord, TokenRecord } from "./store";

export const SQL = {
  countCollaboratives: "SELECT CAST(COUNT(*) AS INTEGER) AS n FROM collaboratives",
  insertCollaborative:
    "INSERT INTO collaboratives (id, name, aim, start_month, end_month, due_day, lock_after_days, sharing, rule_set, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  getCollaborative: "SELECT * FROM collaboratives WHERE id = ?",
  listCollaborativeRows: "SELECT * FROM collaboratives ORDER BY created_at, id",
  listMeasures: "SELECT definition FROM measures WHERE collaborative_id = ? ORDER BY position",
  listAllMeasures: "SELECT collaborative_id, definition FROM measures ORDER BY collaborative_id, position",
  nextMeasurePosition: "SELECT COALESCE(MAX(position) + 1, 0) AS n FROM measures WHERE collaborative_id = ?",
  insertMeasure: "INSERT INTO measures (collaborative_id, id, position, definition, created_at) VALUES (?, ?, ?, ?, ?)",
  measureExists: "SELECT 1 AS found FROM measures WHERE collaborative_id = ? AND id = ?",

  nextTeamPosition: "SELECT COALESCE(MAX(position) + 1, 0) AS n FROM teams WHERE collaborative_id = ?",
  insertTeam: "INSERT INTO teams (collaborative_id, id, position, name, organisation, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  listTeams: "SELECT * FROM teams WHERE collaborative_id = ? ORDER BY position",
  getTeam: "SELECT * FROM teams WHERE collaborative_id = ? AND id = ?",

  insertToken:
    "INSERT INTO tokens (id, hash, prefix, role, collaborative_id, team_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  tokenByHash: "SELECT * FROM tokens WHERE hash = ?",
  listTokens: "SELECT * FROM tokens ORDER BY created_at, id",
  revokeToken: "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
  tokenById: "SELECT * FROM tokens WHERE id = ?",

  idempotencyGet: "SELECT request_hash, http_status, body FROM idempotency_keys WHERE scope = ? AND key = ?",
  idempotencyInsert:
    "INSERT INTO idempotency_keys (scope, key, request_hash, http_status, body, submission_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  teamCurrentPoints:
    "SELECT measure_id, period, numerator, denominator, value, annotation, retracted FROM current_points WHERE collaborative_id = ? AND team_id = ?",
  /** The latest revision of a team's month (0 when none), and the latest narrative and self-assessment sent for it. */
  latestOfMonth: `SELECT COALESCE(MAX(revision), 0) AS n,
      (SELECT narrative FROM submissions WHERE collaborative_id = ? AND team_id = ? AND reporting_month = ? AND narrative IS NOT NULL
        ORDER BY revision DESC LIMIT 1) AS narrative,
      (SELECT self_assessment FROM submissions WHERE collaborative_id = ? AND team_id = ? AND reporting_month = ? AND self_assessment IS NOT NULL
        ORDER BY revision DESC LIMIT 1) AS self_assessment
    FROM submissions WHERE collaborative_id = ? AND team_id = ? AND reporting_month = ?`,
  insertSubmission: `INSERT INTO submissions (id, collaborative_id, team_id, reporting_month, revision, received_at, token_id,
      created_count, updated_count, unchanged_count, rejected_count, input, raw_body, conflicts, narrative, self_assessment)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertPointRevision: `INSERT INTO point_revisions (submission_id, collaborative_id, team_id, measure_id, period, point_index, change,
      numerator, denominator, value, annotation, retract_reason, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  upsertCurrentPoint: `INSERT INTO current_points (collaborative_id, measure_id, team_id, period, numerator, denominator, value, annotation,
      retracted, submission_id, revision, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (collaborative_id, measure_id, team_id, period) DO UPDATE SET numerator = excluded.numerator,
      denominator = excluded.denominator, value = excluded.value, annotation = excluded.annotation, retracted = excluded.retracted,
      submission_id = excluded.submission_id, revision = excluded.revision, received_at = excluded.received_at`,

  upsertMonthlyReport: `INSERT INTO monthly_reports (collaborative_id, team_id, reporting_month, revisions, latest_revision, first_received_at, latest_received_at)
    VALUES (?, ?, ?, 1, ?, ?, ?)
    ON CONFLICT (collaborative_id, team_id, reporting_month) DO UPDATE SET revisions = monthly_reports.revisions + 1,
      latest_revision = excluded.latest_revision, latest_received_at = excluded.latest_received_at`,

  insertScore: `INSERT INTO assessment_scores (collaborative_id, team_id, period, source, score, rationale, token_id, by_label, submission_id, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  upsertCurrentScore: `INSERT INTO current_scores (collaborative_id, source, period, team_id, score, rationale, by_label, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (collaborative_id, source, period, team_id) DO UPDATE SET score = excluded.score, rationale = excluded.rationale,
      by_label = excluded.by_label, recorded_at = excluded.recorded_at`,
  facultyScoreCounts: `SELECT period, score, CAST(COUNT(*) AS INTEGER) AS teams
    FROM current_scores WHERE collaborative_id = ? AND source = 'faculty' GROUP BY period, score ORDER BY period, score`,

  insertPeriodEvent: "INSERT INTO period_events (collaborative_id, period, action, reason, token_id, by_label, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  periodEvents: "SELECT period, action, reason, by_label, at FROM period_events WHERE collaborative_id = ? ORDER BY id",

  insertAudit: "INSERT INTO audit_log (at, actor, actor_label, action, collaborative_id, team_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)",

  listSubmissions: `SELECT id, team_id, reporting_month, revision, received_at, created_count, updated_count, unchanged_count, rejected_count
    FROM submissions WHERE collaborative_id = ? AND team_id = ? ORDER BY received_at DESC, reporting_month DESC, revision DESC`,
  getSubmission: "SELECT * FROM submissions WHERE collaborative_id = ? AND id = ?",
} as const;

export type Query = { sql: string; params: Array<string | number> };

/** `base` (which ends in a WHERE clause) narrowed by `AND column = ?` for each filter that is set, then `tail`. */
function narrowed(base: string, filters: ReadonlyArray<readonly [column: string, value: string | undefined]>, tail = ""): Query {
  let sql = base;
  const params: string[] = [];
  for (const [column, value] of filters) {
    if (value === undefined) continue;
    sql += ` AND ${column} = ?`;
    params.push(value);
  }
  return { sql: sql + tail, params };
}

/** Current points, optionally narrowed. */
export function currentPointsSql(filter: { measureId?: string; teamId?: string }): Query {
  return narrowed(
    "SELECT team_id, measure_id, period, numerator, denominator, value, annotation, revision, received_at FROM current_points WHERE collaborative_id = ? AND retracted = 0",
    [["measure_id", filter.measureId], ["team_id", filter.teamId]],
    " ORDER BY measure_id, team_id, period",
  );
}

export function aggregatesSql(filter: { measureId?: string }): Query {
  return narrowed(
    `SELECT measure_id, period, SUM(numerator) AS numerator, SUM(denominator) AS denominator, AVG(value) AS mean_value,
      CAST(COUNT(*) AS INTEGER) AS team_count
    FROM current_points WHERE collaborative_id = ? AND retracted = 0`,
    [["measure_id", filter.measureId]],
    " GROUP BY measure_id, period ORDER BY measure_id, period",
  );
}

export const REPORT_COLUMNS = ["team_id", "reporting_month", "revisions", "latest_revision", "first_received_at", "latest_received_at"] as const;

export function reportsSql(filter: { teamId?: string }): Query {
  return narrowed(`SELECT ${REPORT_COLUMNS.join(", ")} FROM monthly_reports WHERE collaborative_id = ?`, [["team_id", filter.teamId]]);
}

export const SCORE_COLUMNS = ["team_id", "period", "source", "score", "rationale", "recorded_at", "by_label"] as const;

export function currentScoresSql(filter: { teamId?: string; period?: string }): Query {
  return narrowed(
    `SELECT ${SCORE_COLUMNS.join(", ")} FROM current_scores WHERE collaborative_id = ?`,
    [["team_id", filter.teamId], ["period", filter.period]],
    " ORDER BY collaborative_id, period, team_id, source",
  );
}

export function auditSql(filter: { collaborativeId?: string; limit?: number }): Query {
  const limit = Math.max(1, Math.min(filter.limit ?? 100, 10_000));
  return filter.collaborativeId === undefined
    ? { sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", params: [limit] }
    : { sql: "SELECT * FROM audit_log WHERE collaborative_id = ? ORDER BY id DESC LIMIT ?", params: [filter.collaborativeId, limit] };
}

/**
 * Large reads (a campaign's ~90,000 reports or scores) on SQLite as one row of JSON arrays, one per
 * column, instead of one row per record: better-sqlite3 spends several times longer turning ~90,000
 * rows into JavaScript objects than V8's JSON.parse spends on the arrays. Numbers come back exactly
 * (SQLite prints doubles in round-trip form). The arrays are in the order of `query`'s ORDER BY: the
 * sorted subquery feeds the aggregate in order (SQLite never flattens an ordered subquery into an
 * aggregate). The contract tests check that order. (PostgreSQL reads rows as arrays instead:
 * json_agg measured slower there, see PostgresStore.readColumns.)
 */
export function columnsSql(query: Query, columns: readonly string[], arrayAgg: "json_group_array"): Query {
  return { sql: `SELECT ${columns.map((c) => `CAST(${arrayAgg}(${c}) AS TEXT) AS ${c}`).join(", ")} FROM (${query.sql}) AS q`, params: query.params };
}

/** The arrays of a {@link columnsSql} row by column (all empty when nothing matched). */
export type Columns<C extends string> = Record<C, unknown[]>;

export function columnsOf<C extends string>(row: Row | undefined, columns: readonly C[]): Columns<C> {
  const out = {} as Columns<C>;
  for (const c of columns) out[c] = row?.[c] === null || row?.[c] === undefined ? [] : (JSON.parse(String(row[c])) as unknown[]);
  return out;
}

// Rows come back as loosely typed records from both drivers.
export type Row = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toDefinition(row: Row, measureJson: readonly string[]): CollaborativeDefinition {
  return {
    id: str(row.id),
    name: str(row.name),
    aim: str(row.aim),
    startMonth: str(row.start_month),
    endMonth: str(row.end_month),
    dueDay: Number(row.due_day),
    lockAfterDays: Number(row.lock_after_days),
    sharing: str(row.sharing) as CollaborativeDefinition["sharing"],
    ruleSet: str(row.rule_set) as CollaborativeDefinition["ruleSet"],
    measures: measureJson.map((json) => JSON.parse(json) as MeasureDefinition),
  };
}

export function toTeam(row: Row): TeamRecord {
  return {
    id: str(row.id),
    name: str(row.name),
    organisation: str(row.organisation),
    position: Number(row.position),
    createdAt: str(row.created_at),
  };
}

export function toToken(row: Row): TokenRecord {
  return {
    id: str(row.id),
    prefix: str(row.prefix),
    role: str(row.role) as Role,
    collaborativeId: strOrNull(row.collaborative_id),
    teamId: strOrNull(row.team_id),
    label: str(row.label),
    createdAt: str(row.created_at),
    expiresAt: strOrNull(row.expires_at),
    revokedAt: strOrNull(row.revoked_at),
  };
}

export function toCurrentPoint(row: Row): CurrentPointRow {
  return {
    teamId: str(row.team_id),
    measureId: str(row.measure_id),
    period: str(row.period),
    numerator: numOrNull(row.numerator),
    denominator: numOrNull(row.denominator),
    value: numOrNull(row.value),
    annotation: strOrNull(row.annotation),
    revision: Number(row.revision),
    receivedAt: str(row.received_at),
  };
}

export function toAggregate(row: Row): AggregateRow {
  return {
    measureId: str(row.measure_id),
    period: str(row.period),
    numerator: numOrNull(row.numerator),
    denominator: numOrNull(row.denominator),
    meanValue: numOrNull(row.mean_value),
    teamCount: Number(row.team_count),
  };
}

export function toSubmissionRow(row: Row): SubmissionRow {
  return {
    submissionId: str(row.id),
    teamId: str(row.team_id),
    reportingMonth: str(row.reporting_month),
    revision: Number(row.revision),
    receivedAt: str(row.received_at),
    counts: {
      created: Number(row.created_count),
      updated: Number(row.updated_count),
      unchanged: Number(row.unchanged_count),
      rejected: Number(row.rejected_count),
    },
  };
}

export function toSubmissionFull(row: Row): SubmissionFull {
  return {
    ...toSubmissionRow(row),
    input: JSON.parse(str(row.input)),
    rawBody: str(row.raw_body),
    conflicts: JSON.parse(str(row.conflicts)),
    narrative: row.narrative === null || row.narrative === undefined ? null : JSON.parse(str(row.narrative)),
    selfAssessment: numOrNull(row.self_assessment),
  };
}

export function toReports(c: Columns<(typeof REPORT_COLUMNS)[number]>): ReportRow[] {
  return c.team_id.map((teamId, i) => ({
    teamId: str(teamId),
    reportingMonth: str(c.reporting_month[i]),
    revisions: Number(c.revisions[i]),
    latestRevision: Number(c.latest_revision[i]),
    firstReceivedAt: str(c.first_received_at[i]),
    latestReceivedAt: str(c.latest_received_at[i]),
  }));
}

export function toScores(c: Columns<(typeof SCORE_COLUMNS)[number]>): ScoreRow[] {
  return c.team_id.map((teamId, i) => ({
    teamId: str(teamId),
    period: str(c.period[i]),
    source: str(c.source[i]) as ScoreRow["source"],
    score: Number(c.score[i]),
    rationale: str(c.rationale[i]),
    recordedAt: str(c.recorded_at[i]),
    by: str(c.by_label[i]),
  }));
}

export function toScoreCount(row: Row): ScoreCountRow {
  return { period: str(row.period), score: Number(row.score), teams: Number(row.teams) };
}

export function toPeriodEvents(rows: readonly Row[]): Map<string, PeriodEvent> {
  const latest = new Map<string, PeriodEvent>();
  for (const row of rows) {
    latest.set(str(row.period), {
      period: str(row.period),
      action: str(row.action) as PeriodEvent["action"],
      reason: str(row.reason),
      at: str(row.at),
      by: str(row.by_label),
    });
  }
  return latest;
}

export function toAudit(row: Row): AuditEntry {
  return {
    id: Number(row.id),
    at: str(row.at),
    actor: str(row.actor),
    actorLabel: str(row.actor_label),
    action: str(row.action),
    collaborativeId: strOrNull(row.collaborative_id),
    teamId: strOrNull(row.team_id),
    details: JSON.parse(str(row.details)) as Record<string, unknown>,
  };
}

/**
 * The tokens an admin means by `idOrPrefix`: the token with that id, or those whose shown prefix
 * starts with it (at least 6 characters), or whose prefix the argument starts with (a whole token
 * pasted in). Case-sensitive, unlike SQL LIKE on SQLite, so it is done here.
 */
export function matchTokens(tokens: readonly TokenRecord[], idOrPrefix: string): TokenRecord[] {
  const exact = tokens.filter((t) => t.id === idOrPrefix);
  if (exact.length > 0) return exact;
  if (idOrPrefix.length < 6) return [];
  return tokens.filter((t) => t.prefix.startsWith(idOrPrefix) || idOrPrefix.startsWith(t.prefix));
}
