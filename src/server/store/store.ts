// The data store's one storage interface. Two engines implement it: SQLite (store/sqlite.ts, the
// embedded default) and PostgreSQL (store/postgres.ts). Both pass test/server/storeContract.ts.
// Everything they do alike is written once beside them: every read (base.ts) and every write
// (writes.ts, submitWrite.ts), built with Kysely (schema.ts) as steps each engine drives inside its
// own transaction (steps.ts); the row mapping is in sql.ts.
//
// What the engines guarantee, beyond the method list:
// - submissions, point and cycle revisions, assessment scores, period events and the audit log are append-only
//   (enforced by triggers as well as by having no method that changes them);
// - `submit` is one transaction: the revision, its points and cycles, the current values, the self-assessment,
//   the audit entry and the idempotency record land together or not at all, and two submissions of
//   one team never interleave (SQLite: one synchronous transaction; PostgreSQL: the team row is
//   locked FOR UPDATE);
// - timestamps are ISO-8601 UTC strings (`Date#toISOString`), so they sort as text on both engines.

import type { CollaborativeDefinition, Conflict, MeasureDefinition, Narrative, PdsaCycle, Role, SubmissionInput, SubmissionRejected, SubmissionSummary, Team } from "../../core/index";

export type Engine = "sqlite" | "postgres";

/** Who did something, for the audit log: a token, or the admin command line. */
export type Actor = { tokenId: string | null; label: string };

export type CollaborativeRecord = { definition: CollaborativeDefinition; createdAt: string };

/** A team with its joining order (`position`, from 0), which gives its stable blinded letter. */
export type TeamRecord = Team & { position: number; createdAt: string };

export type TokenRecord = {
  id: string;
  /** first characters of the token, for people to recognise it (never enough to use it) */
  prefix: string;
  role: Role;
  collaborativeId: string | null;
  teamId: string | null;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
};

export type NewToken = Omit<TokenRecord, "revokedAt"> & { hash: string };

/** The stored state a submission is planned against (read inside the submission's transaction). */
export type SubmitState = {
  /** current point per `measureId|period` of this team (retracted ones included, flagged) */
  current: ReadonlyMap<string, StoredPoint>;
  /** latest revision of this team's report for the reporting month; 0 when none */
  latestRevision: number;
  /** latest narrative / self-assessment sent for the reporting month; `null` when none */
  latestNarrative: Narrative | null;
  latestSelfAssessment: number | null;
  /** current PDSA cycle of this team per cycle key (core's `cycleKey` of its label) */
  cycles: ReadonlyMap<string, PdsaCycle>;
};

export type StoredPoint = {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  annotation: string | null;
  retracted: boolean;
};

/** One change to a point, written as an immutable revision row. */
export type PointChange = {
  measureId: string;
  period: string;
  /** index of the point in the submitted `points` array */
  pointIndex: number;
  change: "created" | "updated" | "retracted";
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  annotation: string | null;
  retractReason: string | null;
};

/** One change to a PDSA cycle, written as an immutable revision row (a cycle is never deleted). */
export type CycleChange = {
  /** core's `cycleKey` of the label: the cycle's stable id */
  cycleKey: string;
  /** index of the cycle in the submitted `cycles` array */
  cycleIndex: number;
  change: "created" | "updated";
  cycle: PdsaCycle;
};

/** What a planner decides: the answer to send, and what (if anything) to write. */
export type SubmitPlan = {
  httpStatus: number;
  /** the body: a SubmissionSummary; for a rejected report (422) also an ApiError (SubmissionRejected) */
  summary: SubmissionSummary | SubmissionRejected;
  /** `null`: store no revision (unchanged, rejected, dry run) */
  revision: null | {
    changes: PointChange[];
    cycleChanges: CycleChange[];
    narrative: Narrative | null;
    selfAssessment: number | null;
    counts: SubmissionSummary["counts"];
    conflicts: Conflict[];
  };
  /** audit action to record; `null` records nothing */
  audit: null | { action: string; details: Record<string, unknown> };
};

export type SubmitRequest = {
  collaborativeId: string;
  teamId: string;
  reportingMonth: string;
  input: SubmissionInput;
  /** the request body exactly as received, kept with the revision */
  rawBody: string;
  submissionId: string;
  receivedAt: string;
  actor: Actor;
  dryRun: boolean;
  idempotency: null | { scope: string; key: string; requestHash: string };
  /** pure: decides from the stored state; called inside the transaction, exactly once */
  plan: (state: SubmitState, nextRevision: number) => SubmitPlan;
};

export type StoredResponse = { requestHash: string; httpStatus: number; body: string };

export type SubmitOutcome =
  | { kind: "done"; httpStatus: number; body: string }
  | { kind: "replay"; stored: StoredResponse };

/** A current point with its owner, as reads return it. */
export type CurrentPointRow = {
  teamId: string;
  measureId: string;
  period: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  annotation: string | null;
  revision: number;
  receivedAt: string;
};

/** A team's current PDSA cycle, as reads return it: the cycle as last sent, and which revision sent it. */
export type CurrentCycleRow = PdsaCycle & {
  teamId: string;
  /** the revision (of its reporting month) of the report that last changed the cycle */
  revision: number;
  submissionId: string;
  receivedAt: string;
};

/** Every team's current point of one measure and month, for pooling (core's pooledMonth). */
export type AggregateRow = {
  measureId: string;
  period: string;
  /** one per team with a current point, in team id order */
  contributions: Array<{ teamId: string; numerator: number | null; denominator: number | null; value: number | null }>;
};

export type SubmissionRow = {
  submissionId: string;
  teamId: string;
  reportingMonth: string;
  revision: number;
  receivedAt: string;
  counts: SubmissionSummary["counts"];
};

export type SubmissionFull = SubmissionRow & {
  input: SubmissionInput;
  rawBody: string;
  conflicts: Conflict[];
  narrative: Narrative | null;
  selfAssessment: number | null;
};

/** One team's reports for one month, grouped in SQL. */
export type ReportRow = {
  teamId: string;
  reportingMonth: string;
  revisions: number;
  latestRevision: number;
  firstReceivedAt: string;
  latestReceivedAt: string;
};

export type ScoreSource = "faculty" | "self";

export type ScoreRow = {
  teamId: string;
  period: string;
  source: ScoreSource;
  score: number;
  rationale: string;
  recordedAt: string;
  by: string;
};

/**
 * How many teams hold each current faculty score in a month (rows only: core's `countAtLeast`
 * turns them into the "% at 4+" headline, so the threshold lives in core, not in SQL).
 */
export type ScoreCountRow = { period: string; score: number; teams: number };

export type PeriodEvent = {
  period: string;
  action: "lock" | "reopen";
  reason: string;
  at: string;
  by: string;
};

export type AuditEntry = {
  id: number;
  at: string;
  actor: string;
  actorLabel: string;
  action: string;
  collaborativeId: string | null;
  teamId: string | null;
  details: Record<string, unknown>;
};

export type NewAuditEntry = Omit<AuditEntry, "id" | "actor" | "actorLabel"> & { actor: Actor };

export interface Store {
  readonly engine: Engine;
  /** Apply the migrations not yet applied (idempotent; safe to call at every start). */
  migrate(): Promise<{ applied: number[] }>;
  close(): Promise<void>;
  /** No collaborative yet (first start). */
  isEmpty(): Promise<boolean>;

  createCollaborative(definition: CollaborativeDefinition, at: string, actor: Actor): Promise<void>;
  getCollaborative(id: string): Promise<CollaborativeRecord | null>;
  listCollaboratives(): Promise<CollaborativeRecord[]>;
  /** Add a measure at the end of the measure set. Throws StoreConflict when the id is taken. */
  addMeasure(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Promise<void>;
  /** Add a team (it gets the next position). Throws StoreConflict when the id is taken. */
  addTeam(collaborativeId: string, team: Team, at: string, actor: Actor): Promise<TeamRecord>;
  listTeams(collaborativeId: string): Promise<TeamRecord[]>;
  getTeam(collaborativeId: string, teamId: string): Promise<TeamRecord | null>;

  createToken(token: NewToken, actor: Actor): Promise<void>;
  findTokenByHash(hash: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  /** Revoke the token whose id, or unique prefix, is given; returns it, or `null` when none matches. Throws StoreConflict when a prefix matches several. */
  revokeToken(idOrPrefix: string, at: string, actor: Actor): Promise<TokenRecord | null>;

  /** Plan and store one submission in one transaction (see {@link SubmitRequest.plan}). */
  submit(request: SubmitRequest): Promise<SubmitOutcome>;
  currentPoints(collaborativeId: string, filter: { measureId?: string; teamId?: string }): Promise<CurrentPointRow[]>;
  /** Current PDSA cycles, by team then start date then label; `measureId`: only the cycles that name it. */
  currentCycles(collaborativeId: string, filter: { teamId?: string; measureId?: string }): Promise<CurrentCycleRow[]>;
  /** Every team's current point per measure and month, grouped for pooling (sorted by measure, month, team). */
  aggregates(collaborativeId: string, filter: { measureId?: string }): Promise<AggregateRow[]>;
  listSubmissions(collaborativeId: string, teamId: string): Promise<SubmissionRow[]>;
  getSubmission(collaborativeId: string, submissionId: string): Promise<SubmissionFull | null>;
  /** Every (team, reporting month) with at least one revision, grouped in SQL. */
  reports(collaborativeId: string, filter: { teamId?: string }): Promise<ReportRow[]>;

  /** Record a faculty score (history kept; the latest per team+month is current). */
  recordScore(collaborativeId: string, score: Omit<ScoreRow, "by" | "source">, actor: Actor): Promise<ScoreRow>;
  /** Latest score per team, month and source. */
  currentScores(collaborativeId: string, filter: { teamId?: string; period?: string }): Promise<ScoreRow[]>;
  /** Current faculty scores counted per month and score, ordered by period and score. */
  facultyScoreCounts(collaborativeId: string): Promise<ScoreCountRow[]>;

  addPeriodEvent(collaborativeId: string, event: Omit<PeriodEvent, "by">, actor: Actor): Promise<void>;
  /** The latest lock/reopen event per period. */
  latestPeriodEvents(collaborativeId: string): Promise<Map<string, PeriodEvent>>;

  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(filter: { collaborativeId?: string; limit?: number }): Promise<AuditEntry[]>;

}

/** A write that collides with what is stored (a taken id, an ambiguous prefix). */
export class StoreConflict extends Error {
  override name = "StoreConflict";
}

/** A row a write refers to does not exist (unknown collaborative or team). */
export class StoreNotFound extends Error {
  override name = "StoreNotFound";
}

/**
 * The database cannot be reached or dropped the connection mid-request (PostgreSQL restarted, a
 * backend terminated, the network cut): the request failed as a whole and may be retried. The API
 * answers 503 SERVICE_UNAVAILABLE with Retry-After; the engine's original error is `cause`.
 */
export class StoreUnavailable extends Error {
  override name = "StoreUnavailable";
}

/** The key of a point in {@link SubmitState.current}. */
export function pointKey(measureId: string, period: string): string {
  return `${measureId}|${period}`;
}
