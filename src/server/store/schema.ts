// The tables as Kysely sees them (the columns of migrations.ts), and one query builder per engine.
//
// Kysely is used only to build and compile statements: each engine runs the compiled SQL itself
// (better-sqlite3 inside its synchronous transaction, pg on the transaction's client), so the
// transaction semantics stay the engine's own. Compiling gives `?` placeholders for SQLite and
// `$1, $2, …` for PostgreSQL, with every value sent as a parameter, never spliced into the text.
// Kysely documents this use as "splitting query building and execution" (a Kysely instance over
// `DummyDriver`): https://kysely.dev/docs/recipes/splitting-query-building-and-execution

import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Generated,
} from "kysely";
import type { Engine } from "./store";

type Real = number | null;

export interface CollaborativesTable {
  id: string;
  name: string;
  aim: string;
  start_month: string;
  end_month: string;
  due_day: number;
  lock_after_days: number;
  sharing: string;
  rule_set: string;
  created_at: string;
  reminders_enabled: Generated<number>;
  reminder_days_before: Generated<number>;
}

export interface MeasuresTable {
  collaborative_id: string;
  id: string;
  position: number;
  /** the MeasureDefinition as JSON */
  definition: string;
  created_at: string;
}

export interface TeamsTable {
  collaborative_id: string;
  id: string;
  position: number;
  name: string;
  organisation: string;
  created_at: string;
  /** 'YYYY-MM'; null: the collaborative's start month */
  join_month: string | null;
  active: Generated<number>;
  reminders_opt_out: Generated<number>;
}

export interface TeamContactsTable {
  collaborative_id: string;
  team_id: string;
  position: number;
  name: string;
  email: string;
  role: string;
}

export interface TokensTable {
  id: string;
  hash: string;
  prefix: string;
  role: string;
  collaborative_id: string | null;
  team_id: string | null;
  label: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface SubmissionsTable {
  id: string;
  collaborative_id: string;
  team_id: string;
  reporting_month: string;
  revision: number;
  received_at: string;
  token_id: string | null;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  rejected_count: number;
  input: string;
  raw_body: string;
  conflicts: string;
  narrative: string | null;
  self_assessment: Real;
}

export interface PointRevisionsTable {
  id: Generated<number>;
  submission_id: string;
  collaborative_id: string;
  team_id: string;
  measure_id: string;
  period: string;
  point_index: number;
  change: string;
  numerator: Real;
  denominator: Real;
  value: Real;
  annotation: string | null;
  retract_reason: string | null;
  received_at: string;
}

export interface CurrentPointsTable {
  collaborative_id: string;
  measure_id: string;
  team_id: string;
  period: string;
  numerator: Real;
  denominator: Real;
  value: Real;
  annotation: string | null;
  /** 0 or 1 */
  retracted: number;
  submission_id: string;
  revision: number;
  received_at: string;
}

export interface CycleRevisionsTable {
  id: Generated<number>;
  submission_id: string;
  collaborative_id: string;
  team_id: string;
  cycle_key: string;
  cycle_id: string;
  cycle_index: number;
  change: string;
  change_idea: string;
  /** JSON array of measure ids */
  measure_ids: string;
  prediction: string;
  start_date: string;
  end_date: string | null;
  what_happened: string;
  decision: string | null;
  received_at: string;
}

export interface CurrentCyclesTable {
  collaborative_id: string;
  team_id: string;
  cycle_key: string;
  cycle_id: string;
  change_idea: string;
  /** JSON array of measure ids */
  measure_ids: string;
  prediction: string;
  start_date: string;
  end_date: string | null;
  what_happened: string;
  decision: string | null;
  submission_id: string;
  revision: number;
  received_at: string;
}

export interface MonthlyReportsTable {
  collaborative_id: string;
  team_id: string;
  reporting_month: string;
  revisions: number;
  latest_revision: number;
  first_received_at: string;
  latest_received_at: string;
  /** the latest narrative sent for the month (JSON), kept when a later revision carries none (migration 7) */
  latest_narrative?: string | null;
  /** the latest self-assessment sent for the month, kept likewise (migration 7) */
  latest_self_assessment?: number | null;
}

export interface AssessmentScoresTable {
  id: Generated<number>;
  collaborative_id: string;
  team_id: string;
  period: string;
  source: string;
  score: number;
  rationale: string;
  token_id: string | null;
  by_label: string;
  submission_id: string | null;
  recorded_at: string;
}

export interface CurrentScoresTable {
  collaborative_id: string;
  source: string;
  period: string;
  team_id: string;
  score: number;
  rationale: string;
  by_label: string;
  recorded_at: string;
}

export interface PeriodEventsTable {
  id: Generated<number>;
  collaborative_id: string;
  period: string;
  action: string;
  reason: string;
  token_id: string | null;
  by_label: string;
  at: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  http_status: number;
  body: string;
  submission_id: string | null;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  actor_label: string;
  action: string;
  collaborative_id: string | null;
  team_id: string | null;
  /** JSON object */
  details: string;
}

export interface ReminderLedgerTable {
  key: string;
  kind: string;
  collaborative_id: string;
  team_id: string | null;
  /** 'YYYY-MM' (due, late) or 'YYYY-Www' (digest) */
  period: string;
  /** JSON array of addresses */
  recipients: string;
  subject: string;
  body: string;
  /** JSON (a digest's snapshot) or null */
  details: string | null;
  status: string;
  error: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
}

export interface Database {
  collaboratives: CollaborativesTable;
  measures: MeasuresTable;
  teams: TeamsTable;
  team_contacts: TeamContactsTable;
  tokens: TokensTable;
  submissions: SubmissionsTable;
  point_revisions: PointRevisionsTable;
  current_points: CurrentPointsTable;
  cycle_revisions: CycleRevisionsTable;
  current_cycles: CurrentCyclesTable;
  monthly_reports: MonthlyReportsTable;
  assessment_scores: AssessmentScoresTable;
  current_scores: CurrentScoresTable;
  period_events: PeriodEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  reminder_ledger: ReminderLedgerTable;
}

/** A query builder that only compiles (its driver refuses to run anything). */
export type Builder = Kysely<Database>;

/** The query builder of `engine`: same queries, that engine's SQL and placeholders. */
export function builderFor(engine: Engine): Builder {
  return engine === "sqlite"
    ? new Kysely<Database>({
        dialect: {
          createAdapter: () => new SqliteAdapter(),
          createDriver: () => new DummyDriver(),
          createIntrospector: (db) => new SqliteIntrospector(db),
          createQueryCompiler: () => new SqliteQueryCompiler(),
        },
      })
    : new Kysely<Database>({
        dialect: {
          createAdapter: () => new PostgresAdapter(),
          createDriver: () => new DummyDriver(),
          createIntrospector: (db) => new PostgresIntrospector(db),
          createQueryCompiler: () => new PostgresQueryCompiler(),
        },
      });
}
