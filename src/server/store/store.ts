// The data store's one storage interface. Two engines implement it: SQLite (store/sqlite.ts, the
// embedded default) and PostgreSQL (store/postgres.ts). Both pass test/server/storeContract.ts.
// Everything they do alike is written once beside them: every read (base.ts) and every write
// (submitWrite.ts, setupWrites.ts, writes.ts, over statements.ts), built with Kysely (schema.ts) as steps each engine drives inside its
// own transaction (steps.ts); the row mapping is in sql.ts.
//
// What the engines guarantee, beyond the method list:
// - submissions, point and cycle revisions, assessment scores, period events and the audit log are append-only
//   (enforced by triggers as well as by having no method that changes them);
// - `submit` is one transaction: the revision, its points and cycles, the current values, the self-assessment,
//   the audit entry and the idempotency record land together or not at all, and two submissions of
//   one team never interleave (SQLite: one savepoint of a group commit, run synchronously, which
//   rolls back alone when it fails; PostgreSQL: the team row is locked FOR UPDATE);
// - a write's promise settles only once its transaction has committed (SQLite's group commit
//   answers every write of a group after the group's COMMIT, so with synchronous=FULL an answered
//   report is on disk);
// - timestamps are ISO-8601 UTC strings (`Date#toISOString`), so they sort as text on both engines.

import type { CollaborativeDefinition, CollaborativeSettingsPatch, Conflict, MeasureDefinition, Narrative, PdsaCycle, ReminderEntry, Role, SubmissionInput, SubmissionSummary, Team, TeamContact, TeamPatch } from "../../core/index";

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

// What a submission and the store exchange (SubmitRequest, SubmitPlan, SubmitOutcome …) is in
// submitTypes.ts; re-exported here so the store has one import.
export type * from "./submitTypes";
import type { SubmitOutcome, SubmitRequest } from "./submitTypes";

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

/**
 * A team's narrative for one reporting month as it stands: the one sent with the latest revision
 * that carried a narrative (a revision without one keeps the stored narrative, as the planner does).
 */
export type NarrativeRow = {
  teamId: string;
  reportingMonth: string;
  /** the revision whose narrative this is */
  revision: number;
  receivedAt: string;
  narrative: Narrative;
};

/** One stored change to a point (an immutable `point_revisions` row) with its report's revision. */
export type PointRevisionRow = {
  teamId: string;
  measureId: string;
  period: string;
  /** the revision of the team's monthly report that made the change */
  revision: number;
  reportingMonth: string;
  change: "created" | "updated" | "retracted";
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  annotation: string | null;
  retractReason: string | null;
  receivedAt: string;
};

export type ScoreSource = "faculty" | "self";

/** The teams at positions `offset` to `offset + limit - 1` (joining order): a page of a campaign read. */
export type TeamRange = { offset: number; limit: number };

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

/**
 * A reminder as its sender claims it in the ledger (see {@link Store.claimReminder}): `status` is
 * `sending` (about to send), `would-send` (SMTP not configured) or `failed` (nothing to send to).
 */
export type NewReminder = Omit<ReminderEntry, "status" | "attempts" | "createdAt" | "updatedAt"> & {
  status: "sending" | "would-send" | "failed";
  /** kept with the row (a digest's snapshot, for the next digest) */
  details: unknown;
};

/**
 * How often a failed reminder is claimed again (each run of the job, while the reminder is still
 * due): 5, so a passing SMTP outage is ridden out, and a reminder that cannot go (no contacts, a
 * refused address) stops after about an hour of 15-minute runs. A product choice.
 */
export const MAX_REMINDER_ATTEMPTS = 5;

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

/** Which audit entries to read: every filter given must match. */
export type AuditFilter = {
  collaborativeId?: string;
  /** a token id, or "cli" */
  actor?: string;
  /** an action (`team.updated`), or the start of several up to a dot (`team` matches `team.added`, `team.contacts.set`) */
  action?: string;
  teamId?: string;
  /** only entries with a smaller id (the next, older page) */
  before?: number;
  /** at most this many (1 to 10,000; default 100) */
  limit?: number;
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
  /**
   * Change a collaborative's settings (audited `collaborative.updated`). StoreNotFound when it does
   * not exist; StoreConflict when endMonth would come before startMonth, or the months would leave
   * out a month some team already holds data for.
   */
  updateCollaborative(collaborativeId: string, patch: CollaborativeSettingsPatch, at: string, actor: Actor): Promise<void>;
  /**
   * Replace a measure's definition, same id (`retired: true` retires it; audited `measure.updated`,
   * `measure.retired` or `measure.unretired`). StoreNotFound for an unknown measure; StoreConflict
   * when its kind or multiplier would change while data exists for it.
   */
  updateMeasure(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Promise<void>;
  /** Put the measures in this order (every id exactly once, else StoreConflict); audited `measures.reordered`. */
  reorderMeasures(collaborativeId: string, measureIds: readonly string[], at: string, actor: Actor): Promise<void>;
  /** Delete a measure no team has data for (StoreConflict otherwise: retire it; also for the last measure); audited `measure.deleted`. */
  deleteMeasure(collaborativeId: string, measureId: string, at: string, actor: Actor): Promise<void>;
  /** Add a team (it gets the next position), with its contacts in the same transaction. Throws StoreConflict when the id is taken. */
  addTeam(collaborativeId: string, team: Team, at: string, actor: Actor, contacts?: readonly TeamContact[]): Promise<TeamRecord>;
  /** Change a team's name and settings (`joinMonth: null` clears it); StoreNotFound for an unknown team; audited `team.updated`. */
  updateTeam(collaborativeId: string, teamId: string, patch: TeamPatch, at: string, actor: Actor): Promise<TeamRecord>;
  listTeams(collaborativeId: string): Promise<TeamRecord[]>;
  getTeam(collaborativeId: string, teamId: string): Promise<TeamRecord | null>;
  /** Replace a team's contacts (StoreNotFound when the team does not exist). */
  setContacts(collaborativeId: string, teamId: string, contacts: readonly TeamContact[], at: string, actor: Actor): Promise<void>;
  /** Contacts per team id, in the order they were given; teams without contacts are absent. */
  listContacts(collaborativeId: string, filter?: { teamId?: string }): Promise<Map<string, TeamContact[]>>;

  createToken(token: NewToken, actor: Actor): Promise<void>;
  findTokenByHash(hash: string): Promise<TokenRecord | null>;
  /** Every token, oldest first; `collaborativeId`: only the tokens bound to that collaborative. */
  listTokens(filter?: { collaborativeId?: string }): Promise<TokenRecord[]>;
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
  /**
   * The narrative of each team's month as it stands (see {@link NarrativeRow}), sorted by team and
   * month. `latestPerTeam`: only each team's latest month with a narrative.
   */
  narratives(collaborativeId: string, filter: { teamId?: string; latestPerTeam?: boolean }): Promise<NarrativeRow[]>;
  /** Every stored change to every point (the revision history), sorted by team, measure, month and revision. */
  pointRevisions(collaborativeId: string): Promise<PointRevisionRow[]>;
  /** Every (team, reporting month) with at least one revision, grouped in SQL. */
  reports(collaborativeId: string, filter: { teamId?: string; teams?: TeamRange }): Promise<ReportRow[]>;

  /** Record a faculty score (history kept; the latest per team+month is current). */
  recordScore(collaborativeId: string, score: Omit<ScoreRow, "by" | "source">, actor: Actor): Promise<ScoreRow>;
  /** Latest score per team, month and source. */
  currentScores(collaborativeId: string, filter: { teamId?: string; period?: string; teams?: TeamRange }): Promise<ScoreRow[]>;
  /** Current faculty scores counted per month and score, ordered by period and score. */
  facultyScoreCounts(collaborativeId: string): Promise<ScoreCountRow[]>;

  addPeriodEvent(collaborativeId: string, event: Omit<PeriodEvent, "by">, actor: Actor): Promise<void>;
  /** The latest lock/reopen event per period. */
  latestPeriodEvents(collaborativeId: string): Promise<Map<string, PeriodEvent>>;

  /**
   * Claim a reminder in the ledger before sending it: `true` when this caller now owns it (the key
   * was new, or it had `failed` fewer than {@link MAX_REMINDER_ATTEMPTS} times and is taken again,
   * `attempts` + 1), `false` when the key is already there in any other state (sent, would-send,
   * sending by someone else, failed too often). Two concurrent claims of one key: one wins (the
   * primary key, and a conditional update).
   */
  claimReminder(reminder: NewReminder, at: string): Promise<boolean>;
  /** Record the outcome of a claimed (`sending`) reminder; a row in any other state is left alone (returns `false`). */
  finishReminder(key: string, outcome: { status: "sent" | "failed"; error: string | null }, at: string): Promise<boolean>;
  /** The ledger of a collaborative, newest first; at most `limit` (1 to 1,000, default 200). */
  listReminders(collaborativeId: string, filter?: { limit?: number }): Promise<ReminderEntry[]>;
  /** One ledger entry by key, or `null`. */
  getReminder(key: string): Promise<ReminderEntry | null>;
  /**
   * The `details` of the latest digest of the collaborative that went out or would have (`sent`,
   * `would-send`, or `sending` with its outcome unknown), other than `exceptKey`; `null` when none.
   */
  previousDigestDetails(collaborativeId: string, exceptKey: string): Promise<unknown>;

  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** Newest first (see {@link AuditFilter}). */
  listAudit(filter: AuditFilter): Promise<AuditEntry[]>;

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
