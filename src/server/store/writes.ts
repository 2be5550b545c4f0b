// What each write stores, as a list of statements both engines run in order inside their own
// transaction (SQLite: one synchronous better-sqlite3 transaction; PostgreSQL: BEGIN … COMMIT on one
// pooled client). The engines keep only what differs: how they lock, how they batch many points, and
// how a driver runs a statement.

import type { CollaborativeDefinition, MeasureDefinition, Team } from "../../core/index";
import { matchTokens, SQL, type Row } from "./sql";
import {
  pointKey,
  StoreConflict,
  type Actor,
  type BulkLoad,
  type NewAuditEntry,
  type NewToken,
  type PeriodEvent,
  type PointChange,
  type ScoreRow,
  type ScoreSource,
  type StoredPoint,
  type StoredResponse,
  type SubmitOutcome,
  type SubmitRequest,
  type TokenRecord,
} from "./store";

export type Param = string | number | null;
/** One SQL statement (`?` placeholders) and its parameters. PostgreSQL's batched statements also take arrays. */
export type Statement = readonly [sql: string, params: ReadonlyArray<Param | readonly Param[]>];

/** `INSERT … VALUES (one tuple) [ON CONFLICT …]`: the text before, the tuple, and the text after. */
const ONE_TUPLE = /^(INSERT INTO [^(]+\([^)]*\)\s*VALUES\s*)(\([^()]*\))(.*)$/s;
const tuples = new Map<string, RegExpExecArray | null>();

/**
 * `statements` with each run of one INSERT repeated with other values merged into multi-row INSERTs
 * (up to `maxParams` parameters each): one statement instead of one per point saves the per-statement
 * cost on SQLite and the round trips on PostgreSQL. Upserts are merged only when `upserts` is set:
 * SQLite applies a multi-row upsert row by row, as separate statements would; PostgreSQL refuses one
 * that touches a row twice.
 */
export function batched(statements: readonly Statement[], options: { maxParams: number; upserts: boolean }): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < statements.length; ) {
    const [sql, params] = statements[i];
    if (!tuples.has(sql)) tuples.set(sql, ONE_TUPLE.exec(sql));
    const parts = tuples.get(sql);
    let end = i + 1;
    if (parts && (options.upserts || !/\bON CONFLICT\b/i.test(parts[3]))) {
      const most = Math.max(1, Math.floor(options.maxParams / Math.max(1, params.length)));
      while (end < statements.length && end - i < most && statements[end][0] === sql) end++;
    }
    if (end - i === 1 || !parts) out.push(statements[i]);
    else {
      const all: Array<Param | readonly Param[]> = [];
      for (let k = i; k < end; k++) for (const p of statements[k][1]) all.push(p);
      out.push([parts[1] + new Array<string>(end - i).fill(parts[2]).join(", ") + parts[3], all]);
    }
    i = end;
  }
  return out;
}

export function auditWrite(entry: NewAuditEntry): Statement {
  return [
    SQL.insertAudit,
    [entry.at, entry.actor.tokenId ?? "cli", entry.actor.label, entry.action, entry.collaborativeId, entry.teamId, JSON.stringify(entry.details)],
  ];
}

export function collaborativeWrites(d: CollaborativeDefinition, at: string, actor: Actor): Statement[] {
  return [
    [SQL.insertCollaborative, [d.id, d.name, d.aim, d.startMonth, d.endMonth, d.dueDay, d.lockAfterDays, d.sharing, d.ruleSet, at]],
    ...d.measures.map((m, i): Statement => [SQL.insertMeasure, [d.id, m.id, i, JSON.stringify(m), at]]),
    auditWrite({ at, actor, action: "collaborative.created", collaborativeId: d.id, teamId: null, details: { name: d.name, measures: d.measures.length } }),
  ];
}

/**
 * Adding a measure or a team to a collaborative: refused when the collaborative is missing
 * (StoreNotFound) or the id is taken (StoreConflict, `taken`); otherwise written at the next position.
 */
export type Append = { exists: Statement; nextPosition: Statement; taken: string; writes: (position: number) => Statement[] };

export function measureAppend(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Append {
  return {
    exists: [SQL.measureExists, [collaborativeId, measure.id]],
    nextPosition: [SQL.nextMeasurePosition, [collaborativeId]],
    taken: `measure ${measure.id} already exists in ${collaborativeId}`,
    writes: (position) => [
      [SQL.insertMeasure, [collaborativeId, measure.id, position, JSON.stringify(measure), at]],
      auditWrite({ at, actor, action: "measure.added", collaborativeId, teamId: null, details: { measureId: measure.id } }),
    ],
  };
}

export function teamAppend(collaborativeId: string, team: Team, at: string, actor: Actor): Append {
  return {
    exists: [SQL.getTeam, [collaborativeId, team.id]],
    nextPosition: [SQL.nextTeamPosition, [collaborativeId]],
    taken: `team ${team.id} already exists in ${collaborativeId}`,
    writes: (position) => [
      [SQL.insertTeam, [collaborativeId, team.id, position, team.name, team.organisation, at]],
      auditWrite({ at, actor, action: "team.added", collaborativeId, teamId: team.id, details: { name: team.name } }),
    ],
  };
}

export function tokenWrites(t: NewToken, actor: Actor): Statement[] {
  return [
    [SQL.insertToken, [t.id, t.hash, t.prefix, t.role, t.collaborativeId, t.teamId, t.label, t.createdAt, t.expiresAt]],
    auditWrite({
      at: t.createdAt,
      actor,
      action: "token.issued",
      collaborativeId: t.collaborativeId,
      teamId: t.teamId,
      details: { tokenId: t.id, role: t.role, label: t.label, expiresAt: t.expiresAt },
    }),
  ];
}

/** The one token `idOrPrefix` means (see matchTokens), `null` when none; StoreConflict when several. */
export function tokenToRevoke(tokens: readonly TokenRecord[], idOrPrefix: string): TokenRecord | null {
  const matches = matchTokens(tokens, idOrPrefix);
  if (matches.length > 1) throw new StoreConflict(`${idOrPrefix} matches ${matches.length} tokens: give more characters or the token id`);
  return matches[0] ?? null;
}

/** Revoking an already revoked token writes nothing. */
export function revokeWrites(token: TokenRecord, at: string, actor: Actor): Statement[] {
  if (token.revokedAt !== null) return [];
  return [
    [SQL.revokeToken, [at, token.id]],
    auditWrite({ at, actor, action: "token.revoked", collaborativeId: token.collaborativeId, teamId: token.teamId, details: { tokenId: token.id } }),
  ];
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
export function scoreWrites(s: ScoreWrite): Statement[] {
  return [
    [SQL.insertScore, [s.collaborativeId, s.teamId, s.period, s.source, s.score, s.rationale, s.actor.tokenId, s.actor.label, s.submissionId, s.at]],
    [SQL.upsertCurrentScore, [s.collaborativeId, s.source, s.period, s.teamId, s.score, s.rationale, s.actor.label, s.at]],
  ];
}

export function facultyScoreWrites(collaborativeId: string, s: Omit<ScoreRow, "by" | "source">, actor: Actor): Statement[] {
  return [
    ...scoreWrites({ collaborativeId, teamId: s.teamId, period: s.period, source: "faculty", score: s.score, rationale: s.rationale, actor, submissionId: null, at: s.recordedAt }),
    auditWrite({ at: s.recordedAt, actor, action: "score.recorded", collaborativeId, teamId: s.teamId, details: { period: s.period, score: s.score } }),
  ];
}

export function periodEventWrites(collaborativeId: string, e: Omit<PeriodEvent, "by">, actor: Actor): Statement[] {
  return [
    [SQL.insertPeriodEvent, [collaborativeId, e.period, e.action, e.reason, actor.tokenId, actor.label, e.at]],
    auditWrite({ at: e.at, actor, action: `period.${e.action}`, collaborativeId, teamId: null, details: { period: e.period, reason: e.reason } }),
  ];
}

/** A stored idempotency record, to replay. */
export function toStoredResponse(row: Row): StoredResponse {
  return { requestHash: String(row.request_hash), httpStatus: Number(row.http_status), body: String(row.body) };
}

/** The point-level writes of one revision: each engine batches them its own way. */
export type ChangeWrites = (
  target: { collaborativeId: string; teamId: string; submissionId: string; revision: number; receivedAt: string },
  changes: readonly PointChange[],
) => Statement[];

/**
 * Plan a submission from the rows read inside its transaction (`current`: SQL.teamCurrentPoints;
 * `latest`: SQL.latestOfMonth) and list the statements that store it. A dry run writes nothing.
 */
export function planSubmit(
  req: SubmitRequest,
  current: readonly Row[],
  latest: Row | undefined,
  changeWrites: ChangeWrites,
): { outcome: SubmitOutcome; writes: Statement[] } {
  const points = new Map<string, StoredPoint>();
  for (const r of current) {
    points.set(pointKey(String(r.measure_id), String(r.period)), {
      numerator: r.numerator as number | null,
      denominator: r.denominator as number | null,
      value: r.value as number | null,
      annotation: r.annotation as string | null,
      retracted: Number(r.retracted) === 1,
    });
  }
  const latestRevision = Number(latest?.n ?? 0);
  const latestSelf = typeof latest?.self_assessment === "number" ? latest.self_assessment : null;
  const narrative = latest?.narrative;
  const revision = latestRevision + 1;
  const plan = req.plan(
    { current: points, latestRevision, latestNarrative: typeof narrative === "string" ? JSON.parse(narrative) : null, latestSelfAssessment: latestSelf },
    revision,
  );
  const outcome: SubmitOutcome = { kind: "done", httpStatus: plan.httpStatus, body: JSON.stringify(plan.summary) };
  if (req.dryRun) return { outcome, writes: [] };

  const writes: Statement[] = [];
  const rev = plan.revision;
  if (rev) {
    writes.push(
      [
        SQL.insertSubmission,
        [
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
        ],
      ],
      [SQL.upsertMonthlyReport, [req.collaborativeId, req.teamId, req.reportingMonth, revision, req.receivedAt, req.receivedAt]],
    );
    if (rev.changes.length > 0) {
      const target = { collaborativeId: req.collaborativeId, teamId: req.teamId, submissionId: req.submissionId, revision, receivedAt: req.receivedAt };
      writes.push(...changeWrites(target, rev.changes));
    }
    if (rev.selfAssessment !== null && rev.selfAssessment !== latestSelf) {
      writes.push(
        ...scoreWrites({
          collaborativeId: req.collaborativeId,
          teamId: req.teamId,
          period: req.reportingMonth,
          source: "self",
          score: rev.selfAssessment,
          rationale: "",
          actor: req.actor,
          submissionId: req.submissionId,
          at: req.receivedAt,
        }),
      );
    }
  }
  if (plan.audit) {
    writes.push(auditWrite({ at: req.receivedAt, actor: req.actor, action: plan.audit.action, collaborativeId: req.collaborativeId, teamId: req.teamId, details: plan.audit.details }));
  }
  if (req.idempotency) {
    const { scope, key, requestHash } = req.idempotency;
    writes.push([SQL.idempotencyInsert, [scope, key, requestHash, plan.httpStatus, outcome.body, rev ? req.submissionId : null, req.receivedAt]]);
  }
  return { outcome, writes };
}

/** The teams of a bulk load, numbered from `position` (no audit entries: a bulk load bypasses them). */
export function bulkTeamWrites(collaborativeId: string, teams: NonNullable<BulkLoad["teams"]>, position: number): Statement[] {
  return teams.map((t, i): Statement => [SQL.insertTeam, [collaborativeId, t.id, position + i, t.name, t.organisation, t.createdAt]]);
}

/** The submission row of the `n`th report of a bulk load (its points go through the engine's point writes). */
export function bulkSubmissionWrite(load: BulkLoad, n: number): Statement {
  const report = load.reports[n];
  return [
    SQL.insertSubmission,
    [
      bulkSubmissionId(load, report, n),
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
    ],
  ];
}

/** The points of a bulk-loaded report, as changes that create them. */
export function bulkPointChanges(report: BulkLoad["reports"][number]): PointChange[] {
  return report.points.map((p, pointIndex) => ({
    measureId: p.measureId,
    period: p.period,
    pointIndex,
    change: "created",
    numerator: p.numerator,
    denominator: p.denominator,
    value: p.value,
    annotation: null,
    retractReason: null,
  }));
}

/** The id of the `n`th report of a bulk load (stable, so a load is easy to find). */
export function bulkSubmissionId(load: BulkLoad, report: BulkLoad["reports"][number], n: number): string {
  return `bulk-${load.collaborativeId}-${report.teamId}-${report.reportingMonth}-${n}`;
}
