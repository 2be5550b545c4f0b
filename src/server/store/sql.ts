// The mapping from the rows both drivers return to the store's types, and the columns of the two
// large reads. The queries themselves are built with Kysely (base.ts, statements.ts, writes.ts, setupWrites.ts, submitWrite.ts).

import { DEFAULT_REMINDER_DAYS_BEFORE, type CollaborativeDefinition, type MeasureDefinition, type PdsaCycle, type Role } from "../../core/index";
import type { AggregateRow, AuditEntry, CurrentCycleRow, CurrentPointRow, NarrativeRow, PeriodEvent, PointRevisionRow, ReportRow, ScoreCountRow, ScoreRow, SubmissionFull, SubmissionRow, TeamRecord, TokenRecord } from "./store";

export const REPORT_COLUMNS = ["team_id", "reporting_month", "revisions", "latest_revision", "first_received_at", "latest_received_at"] as const;

export const SCORE_COLUMNS = ["team_id", "period", "source", "score", "rationale", "recorded_at", "by_label"] as const;

/** A large read as one array per column (see SqlStore.readColumns); all empty when nothing matched. */
export type Columns<C extends string> = Record<C, unknown[]>;

/** The JSON arrays of one row (SQLite's json_group_array per column) as arrays. */
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
    // settings at their default are left out, as a definition written without them reads
    ...(Number(row.reminders_enabled ?? 1) === 1 ? {} : { remindersEnabled: false }),
    ...(Number(row.reminder_days_before ?? DEFAULT_REMINDER_DAYS_BEFORE) === DEFAULT_REMINDER_DAYS_BEFORE ? {} : { reminderDaysBefore: Number(row.reminder_days_before) }),
    measures: measureJson.map((json) => JSON.parse(json) as MeasureDefinition),
  };
}

export function toTeam(row: Row): TeamRecord {
  return {
    id: str(row.id),
    name: str(row.name),
    organisation: str(row.organisation),
    ...(row.join_month === null || row.join_month === undefined ? {} : { joinMonth: str(row.join_month) }),
    ...(Number(row.active ?? 1) === 1 ? {} : { active: false }),
    ...(Number(row.reminders_opt_out ?? 0) === 1 ? { remindersOptOut: true } : {}),
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

/** A cycle's fields from a current_cycles row (measure ids stored as a JSON array). */
export function toCycle(row: Row): PdsaCycle {
  return {
    cycleId: str(row.cycle_id),
    changeIdea: str(row.change_idea),
    measureIds: JSON.parse(str(row.measure_ids)) as string[],
    prediction: str(row.prediction),
    startDate: str(row.start_date),
    endDate: strOrNull(row.end_date),
    whatHappened: str(row.what_happened),
    decision: strOrNull(row.decision) as PdsaCycle["decision"],
  };
}

export function toCurrentCycle(row: Row): CurrentCycleRow {
  return { teamId: str(row.team_id), ...toCycle(row), revision: Number(row.revision), submissionId: str(row.submission_id), receivedAt: str(row.received_at) };
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

/** Rows sorted by measure, period and team, grouped into one AggregateRow per measure and month. */
export function toAggregates(rows: readonly Row[]): AggregateRow[] {
  const out: AggregateRow[] = [];
  for (const row of rows) {
    const measureId = str(row.measure_id);
    const period = str(row.period);
    let last = out[out.length - 1];
    if (last === undefined || last.measureId !== measureId || last.period !== period) {
      last = { measureId, period, contributions: [] };
      out.push(last);
    }
    last.contributions.push({ teamId: str(row.team_id), numerator: numOrNull(row.numerator), denominator: numOrNull(row.denominator), value: numOrNull(row.value) });
  }
  return out;
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

/** Rows sorted by team, month and revision (newest first): the first row of each team-month is its narrative as it stands. */
export function toNarratives(rows: readonly Row[]): NarrativeRow[] {
  const out: NarrativeRow[] = [];
  for (const row of rows) {
    const teamId = str(row.team_id);
    const reportingMonth = str(row.reporting_month);
    const last = out[out.length - 1];
    if (last !== undefined && last.teamId === teamId && last.reportingMonth === reportingMonth) continue;
    out.push({ teamId, reportingMonth, revision: Number(row.revision), receivedAt: str(row.received_at), narrative: JSON.parse(str(row.narrative)) });
  }
  return out;
}

export function toPointRevision(row: Row): PointRevisionRow {
  return {
    teamId: str(row.team_id),
    measureId: str(row.measure_id),
    period: str(row.period),
    revision: Number(row.revision),
    reportingMonth: str(row.reporting_month),
    change: str(row.change) as PointRevisionRow["change"],
    numerator: numOrNull(row.numerator),
    denominator: numOrNull(row.denominator),
    value: numOrNull(row.value),
    annotation: strOrNull(row.annotation),
    retractReason: strOrNull(row.retract_reason),
    receivedAt: str(row.received_at),
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
