// SQL shared by both engines, written with `?` placeholders (PostgreSQL's store numbers them), and
// the mapping from rows to the store's types. Everything here is plain standard SQL that SQLite and
// PostgreSQL both run: ON CONFLICT upserts, CAST(COUNT(*) AS INTEGER) so counts come back as
// numbers from pg, CASE instead of boolean arithmetic.

import type { CollaborativeDefinition, MeasureDefinition, Role } from "../../core/schema";
import type { AggregateRow, AuditEntry, CurrentPointRow, PeriodEvent, ReportRow, ScoreMonthRow, ScoreRow, SubmissionFull, SubmissionRow, TeamRecord, TokenRecord } from "./store";

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
  latestRevision:
    "SELECT COALESCE(MAX(revision), 0) AS n FROM submissions WHERE collaborative_id = ? AND team_id = ? AND reporting_month = ?",
  latestNarrative:
    "SELECT narrative FROM submissions WHERE collaborative_id = ? AND team_id = ? AND reporting_month = ? AND narrative IS NOT NULL ORDER BY revision DESC LIMIT 1",
  latestSelfAssessment:
    "SELECT self_assessment FROM submissions WHERE collaborative_id = ? AND team_id = ? AND reporting_month = ? AND self_assessment IS NOT NULL ORDER BY revision DESC LIMIT 1",
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
  scoreMonths: `SELECT period, CAST(COUNT(*) AS INTEGER) AS teams_scored,
      CAST(SUM(CASE WHEN score >= 4 THEN 1 ELSE 0 END) AS INTEGER) AS teams_at_4
    FROM current_scores WHERE collaborative_id = ? AND source = 'faculty' GROUP BY period ORDER BY period`,

  insertPeriodEvent: "INSERT INTO period_events (collaborative_id, period, action, reason, token_id, by_label, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  periodEvents: "SELECT period, action, reason, by_label, at FROM period_events WHERE collaborative_id = ? ORDER BY id",

  insertAudit: "INSERT INTO audit_log (at, actor, actor_label, action, collaborative_id, team_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)",

  listSubmissions: `SELECT id, team_id, reporting_month, revision, received_at, created_count, updated_count, unchanged_count, rejected_count
    FROM submissions WHERE collaborative_id = ? AND team_id = ? ORDER BY received_at DESC, reporting_month DESC, revision DESC`,
  getSubmission: "SELECT * FROM submissions WHERE collaborative_id = ? AND id = ?",
} as const;

/** Current points, optionally narrowed; the filters are appended by the caller. */
export function currentPointsSql(filter: { measureId?: string; teamId?: string }): { sql: string; params: string[] } {
  let sql =
    "SELECT team_id, measure_id, period, numerator, denominator, value, annotation, revision, received_at FROM current_points WHERE collaborative_id = ? AND retracted = 0";
  const params: string[] = [];
  if (filter.measureId !== undefined) {
    sql += " AND measure_id = ?";
    params.push(filter.measureId);
  }
  if (filter.teamId !== undefined) {
    sql += " AND team_id = ?";
    params.push(filter.teamId);
  }
  return { sql: sql + " ORDER BY measure_id, team_id, period", params };
}

export function aggregatesSql(filter: { measureId?: string }): { sql: string; params: string[] } {
  let sql = `SELECT measure_id, period, SUM(numerator) AS numerator, SUM(denominator) AS denominator, AVG(value) AS mean_value,
      CAST(COUNT(*) AS INTEGER) AS team_count
    FROM current_points WHERE collaborative_id = ? AND retracted = 0`;
  const params: string[] = [];
  if (filter.measureId !== undefined) {
    sql += " AND measure_id = ?";
    params.push(filter.measureId);
  }
  return { sql: sql + " GROUP BY measure_id, period ORDER BY measure_id, period", params };
}

export function reportsSql(filter: { teamId?: string }): { sql: string; params: string[] } {
  let sql = `SELECT team_id, reporting_month, revisions, latest_revision, first_received_at, latest_received_at
    FROM monthly_reports WHERE collaborative_id = ?`;
  const params: string[] = [];
  if (filter.teamId !== undefined) {
    sql += " AND team_id = ?";
    params.push(filter.teamId);
  }
  return { sql, params };
}

export function currentScoresSql(filter: { teamId?: string; period?: string }): { sql: string; params: string[] } {
  let sql = "SELECT team_id, period, source, score, rationale, recorded_at, by_label FROM current_scores WHERE collaborative_id = ?";
  const params: string[] = [];
  if (filter.teamId !== undefined) {
    sql += " AND team_id = ?";
    params.push(filter.teamId);
  }
  if (filter.period !== undefined) {
    sql += " AND period = ?";
    params.push(filter.period);
  }
  return { sql: sql + " ORDER BY collaborative_id, period, team_id, source", params };
}

export function auditSql(filter: { collaborativeId?: string; limit?: number }): { sql: string; params: Array<string | number> } {
  let sql = "SELECT * FROM audit_log";
  const params: Array<string | number> = [];
  if (filter.collaborativeId !== undefined) {
    sql += " WHERE collaborative_id = ?";
    params.push(filter.collaborativeId);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.push(Math.max(1, Math.min(filter.limit ?? 100, 10_000)));
  return { sql, params };
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

export function toReport(row: Row): ReportRow {
  return {
    teamId: str(row.team_id),
    reportingMonth: str(row.reporting_month),
    revisions: Number(row.revisions),
    latestRevision: Number(row.latest_revision),
    firstReceivedAt: str(row.first_received_at),
    latestReceivedAt: str(row.latest_received_at),
  };
}

export function toScore(row: Row): ScoreRow {
  return {
    teamId: str(row.team_id),
    period: str(row.period),
    source: str(row.source) as ScoreRow["source"],
    score: Number(row.score),
    rationale: str(row.rationale),
    recordedAt: str(row.recorded_at),
    by: str(row.by_label),
  };
}

export function toScoreMonth(row: Row): ScoreMonthRow {
  return { period: str(row.period), teamsScored: Number(row.teams_scored), teamsAt4OrAbove: Number(row.teams_at_4) };
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
