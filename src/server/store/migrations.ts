// Versioned schema migrations, one SQL text per engine. They run at every start (store.migrate()),
// each in its own transaction, and are recorded in `schema_migrations`. Never edit a released
// migration: add the next version.
//
// Over 400 lines on purpose: every migration, in version order, in one file, so the schema's whole
// history reads top to bottom (and a new version is added beside the last). The SQL texts are data;
// the code that runs them is in each engine's migrate().
//
// Column types are chosen so both engines store the same values: text ids, ISO-8601 UTC timestamps
// as text (they sort correctly), months as 'YYYY-MM' text, numbers as float64 (REAL / double
// precision), booleans as 0/1 integers, JSON as text (kept byte for byte as it was sent).

export type Migration = { version: number; name: string; sqlite: string; postgres: string };

const TABLES = (dialect: "sqlite" | "postgres") => {
  const serial = dialect === "sqlite" ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
  const real = dialect === "sqlite" ? "REAL" : "DOUBLE PRECISION";
  return `
CREATE TABLE collaboratives (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  aim TEXT NOT NULL,
  start_month TEXT NOT NULL,
  end_month TEXT NOT NULL,
  due_day INTEGER NOT NULL CHECK (due_day BETWEEN 1 AND 28),
  lock_after_days INTEGER NOT NULL CHECK (lock_after_days >= 0),
  sharing TEXT NOT NULL CHECK (sharing IN ('named', 'blinded', 'aggregate')),
  rule_set TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE measures (
  collaborative_id TEXT NOT NULL REFERENCES collaboratives (id),
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (collaborative_id, id),
  UNIQUE (collaborative_id, position)
);

CREATE TABLE teams (
  collaborative_id TEXT NOT NULL REFERENCES collaboratives (id),
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (collaborative_id, id),
  UNIQUE (collaborative_id, position)
);

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('team', 'faculty', 'admin')),
  collaborative_id TEXT REFERENCES collaboratives (id),
  team_id TEXT,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT,
  FOREIGN KEY (collaborative_id, team_id) REFERENCES teams (collaborative_id, id),
  CHECK (role <> 'team' OR (collaborative_id IS NOT NULL AND team_id IS NOT NULL))
);

CREATE TABLE submissions (
  id TEXT PRIMARY KEY,
  collaborative_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  reporting_month TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  received_at TEXT NOT NULL,
  token_id TEXT,
  created_count INTEGER NOT NULL,
  updated_count INTEGER NOT NULL,
  unchanged_count INTEGER NOT NULL,
  rejected_count INTEGER NOT NULL,
  input TEXT NOT NULL,
  raw_body TEXT NOT NULL,
  conflicts TEXT NOT NULL,
  narrative TEXT,
  self_assessment ${real},
  FOREIGN KEY (collaborative_id, team_id) REFERENCES teams (collaborative_id, id),
  UNIQUE (collaborative_id, team_id, reporting_month, revision)
);
-- completeness: GROUP BY team, month over an index that covers the grouped columns
CREATE INDEX submissions_reports ON submissions (collaborative_id, team_id, reporting_month, received_at, revision);

CREATE TABLE point_revisions (
  id ${serial},
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  collaborative_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  measure_id TEXT NOT NULL,
  period TEXT NOT NULL,
  point_index INTEGER NOT NULL,
  change TEXT NOT NULL CHECK (change IN ('created', 'updated', 'retracted')),
  numerator ${real},
  denominator ${real},
  value ${real},
  annotation TEXT,
  retract_reason TEXT,
  received_at TEXT NOT NULL
);
CREATE INDEX point_revisions_point ON point_revisions (collaborative_id, team_id, measure_id, period);
CREATE INDEX point_revisions_submission ON point_revisions (submission_id);

-- The current value of every point: derived from point_revisions inside the same transaction, so
-- reads never scan the history. Retracted points stay here with retracted = 1.
CREATE TABLE current_points (
  collaborative_id TEXT NOT NULL,
  measure_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  period TEXT NOT NULL,
  numerator ${real},
  denominator ${real},
  value ${real},
  annotation TEXT,
  retracted INTEGER NOT NULL,
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  revision INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (collaborative_id, measure_id, team_id, period)
);
CREATE INDEX current_points_team ON current_points (collaborative_id, team_id, measure_id, period);

CREATE TABLE assessment_scores (
  id ${serial},
  collaborative_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  period TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('faculty', 'self')),
  score ${real} NOT NULL CHECK (score >= 0.5 AND score <= 5),
  rationale TEXT NOT NULL,
  token_id TEXT,
  by_label TEXT NOT NULL,
  submission_id TEXT,
  recorded_at TEXT NOT NULL,
  FOREIGN KEY (collaborative_id, team_id) REFERENCES teams (collaborative_id, id)
);

-- The latest score per team, month and source (derived, like current_points).
CREATE TABLE current_scores (
  collaborative_id TEXT NOT NULL,
  source TEXT NOT NULL,
  period TEXT NOT NULL,
  team_id TEXT NOT NULL,
  score ${real} NOT NULL,
  rationale TEXT NOT NULL,
  by_label TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (collaborative_id, source, period, team_id)
);
CREATE INDEX current_scores_team ON current_scores (collaborative_id, team_id, period);

CREATE TABLE period_events (
  id ${serial},
  collaborative_id TEXT NOT NULL REFERENCES collaboratives (id),
  period TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('lock', 'reopen')),
  reason TEXT NOT NULL,
  token_id TEXT,
  by_label TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX period_events_period ON period_events (collaborative_id, period);

CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  http_status INTEGER NOT NULL,
  body TEXT NOT NULL,
  submission_id TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE audit_log (
  id ${serial},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  actor_label TEXT NOT NULL,
  action TEXT NOT NULL,
  collaborative_id TEXT,
  team_id TEXT,
  details TEXT NOT NULL
);
CREATE INDEX audit_log_collaborative ON audit_log (collaborative_id, id);
`;
};

/** Tables whose rows are never updated or deleted (and cycle_revisions, guarded by migration 6). */
export const APPEND_ONLY_TABLES = ["audit_log", "submissions", "point_revisions", "assessment_scores", "period_events"] as const;

const sqliteGuards = APPEND_ONLY_TABLES.map(
  (t) => `
CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END;
CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END;`,
).join("\n");

const postgresGuards = `
CREATE FUNCTION qi_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
${APPEND_ONLY_TABLES.map(
  (t) => `
CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION qi_append_only();
CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION qi_append_only();`,
).join("\n")}
`;

// Completeness reads one row per team and month instead of grouping every revision (a campaign has
// ~100,000 of them); scores are read in (period, team) order straight off an index, and counted per
// month from a covering index.
const MONTHLY_REPORTS = `
CREATE TABLE monthly_reports (
  collaborative_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  reporting_month TEXT NOT NULL,
  revisions INTEGER NOT NULL,
  latest_revision INTEGER NOT NULL,
  first_received_at TEXT NOT NULL,
  latest_received_at TEXT NOT NULL,
  PRIMARY KEY (collaborative_id, team_id, reporting_month)
);
INSERT INTO monthly_reports (collaborative_id, team_id, reporting_month, revisions, latest_revision, first_received_at, latest_received_at)
  SELECT collaborative_id, team_id, reporting_month, COUNT(*), MAX(revision), MIN(received_at), MAX(received_at)
  FROM submissions GROUP BY collaborative_id, team_id, reporting_month;
CREATE INDEX current_scores_by_period ON current_scores (collaborative_id, period, team_id, source);
CREATE INDEX current_scores_months ON current_scores (collaborative_id, source, period, score);
`;

// SQLite reads a campaign's ~90,000 current scores in (period, team) order for the scores page.
// Through the v2 index that is one table lookup per row; stored WITHOUT ROWID with that order as
// its primary key, the rows are read in one pass (about twice as fast). Rows are small (a score and
// a short rationale), which is what WITHOUT ROWID suits. The data is copied as it is; the upsert's
// ON CONFLICT target names the same four columns. PostgreSQL has no clustered tables and its v2
// index scan is already cheap, so it has nothing to do.
const SQLITE_SCORES_IN_PERIOD_ORDER = `
CREATE TABLE current_scores_v3 (
  collaborative_id TEXT NOT NULL,
  source TEXT NOT NULL,
  period TEXT NOT NULL,
  team_id TEXT NOT NULL,
  score REAL NOT NULL,
  rationale TEXT NOT NULL,
  by_label TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (collaborative_id, period, team_id, source)
) WITHOUT ROWID;
INSERT INTO current_scores_v3 (collaborative_id, source, period, team_id, score, rationale, by_label, recorded_at)
  SELECT collaborative_id, source, period, team_id, score, rationale, by_label, recorded_at FROM current_scores;
DROP TABLE current_scores;
ALTER TABLE current_scores_v3 RENAME TO current_scores;
CREATE INDEX current_scores_team ON current_scores (collaborative_id, team_id, period);
CREATE INDEX current_scores_months ON current_scores (collaborative_id, source, period, score);
`;

// Running a collaborative from the web app (issue 16): reminders per collaborative, each team's join
// month, whether it is still active and whether it opted out of reminders, and the people reminders
// go to. Contacts are ordinary rows (replaced as a whole when edited), not history.
const TEAM_SETTINGS = `
ALTER TABLE collaboratives ADD COLUMN reminders_enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE collaboratives ADD COLUMN reminder_days_before INTEGER NOT NULL DEFAULT 3;
ALTER TABLE teams ADD COLUMN join_month TEXT;
ALTER TABLE teams ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE teams ADD COLUMN reminders_opt_out INTEGER NOT NULL DEFAULT 0;
CREATE TABLE team_contacts (
  collaborative_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (collaborative_id, team_id, position),
  FOREIGN KEY (collaborative_id, team_id) REFERENCES teams (collaborative_id, id)
);
`;

// The reminder ledger (issue 16): one row per reminder, keyed by its stable ledger key (core's
// reminderKey), so a second claim of a key is refused by the primary key on both engines. A row's
// status moves forward (sending -> sent | failed; failed -> sending again for a retry); rows are
// never deleted (a trigger refuses it), so the ledger is the job's whole state across restarts and
// instances. `details` keeps a digest's snapshot (JSON) for the next digest to compare with.
const REMINDER_LEDGER = `
CREATE TABLE reminder_ledger (
  key TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('due', 'late', 'digest')),
  collaborative_id TEXT NOT NULL REFERENCES collaboratives (id),
  team_id TEXT,
  period TEXT NOT NULL,
  recipients TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  details TEXT,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'would-send', 'failed')),
  error TEXT,
  attempts INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX reminder_ledger_collaborative ON reminder_ledger (collaborative_id, created_at);
`;

// A submission is planned against its month's latest revision, narrative and self-assessment. Read
// from `submissions`, the latest non-null narrative or self-assessment meant walking back through
// every revision of the month (a month whose reports never carry a self-assessment was walked in
// full at every report: the cost grew with each revision, bench/server.ts). monthly_reports, upserted
// by every revision already, keeps them instead: one primary-key lookup. Filled here from the
// revisions stored so far.
const LATEST_OF_MONTH = `
ALTER TABLE monthly_reports ADD COLUMN latest_narrative TEXT;
ALTER TABLE monthly_reports ADD COLUMN latest_self_assessment DOUBLE PRECISION;
UPDATE monthly_reports SET
  latest_narrative = (
    SELECT s.narrative FROM submissions s
    WHERE s.collaborative_id = monthly_reports.collaborative_id AND s.team_id = monthly_reports.team_id
      AND s.reporting_month = monthly_reports.reporting_month AND s.narrative IS NOT NULL
    ORDER BY s.revision DESC LIMIT 1),
  latest_self_assessment = (
    SELECT s.self_assessment FROM submissions s
    WHERE s.collaborative_id = monthly_reports.collaborative_id AND s.team_id = monthly_reports.team_id
      AND s.reporting_month = monthly_reports.reporting_month AND s.self_assessment IS NOT NULL
    ORDER BY s.revision DESC LIMIT 1);
`;

// PDSA cycles as revisions, like points: every change to a cycle is an immutable row of
// cycle_revisions (append-only, guarded like point_revisions), and current_cycles holds each cycle's
// latest state per team, derived inside the same transaction. A cycle is keyed by its label as the
// team compares labels (core's cycleKey: trimmed, case-folded); the label is kept as last sent.
// Measure ids are a JSON array as text (the cycles of one measure are filtered after reading a
// team's few dozen cycles, so no join table is needed).
const CYCLES = (dialect: "sqlite" | "postgres") => {
  const serial = dialect === "sqlite" ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
  const guard =
    dialect === "sqlite"
      ? `
CREATE TRIGGER cycle_revisions_no_update BEFORE UPDATE ON cycle_revisions BEGIN SELECT RAISE(ABORT, 'cycle_revisions is append-only'); END;
CREATE TRIGGER cycle_revisions_no_delete BEFORE DELETE ON cycle_revisions BEGIN SELECT RAISE(ABORT, 'cycle_revisions is append-only'); END;`
      : `
CREATE TRIGGER cycle_revisions_append_only BEFORE UPDATE OR DELETE ON cycle_revisions FOR EACH ROW EXECUTE FUNCTION qi_append_only();
CREATE TRIGGER cycle_revisions_no_truncate BEFORE TRUNCATE ON cycle_revisions FOR EACH STATEMENT EXECUTE FUNCTION qi_append_only();`;
  return `
CREATE TABLE cycle_revisions (
  id ${serial},
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  collaborative_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  cycle_key TEXT NOT NULL,
  cycle_id TEXT NOT NULL,
  cycle_index INTEGER NOT NULL,
  change TEXT NOT NULL CHECK (change IN ('created', 'updated')),
  change_idea TEXT NOT NULL,
  measure_ids TEXT NOT NULL,
  prediction TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  what_happened TEXT NOT NULL,
  decision TEXT CHECK (decision IN ('adopt', 'adapt', 'abandon', 'continue')),
  received_at TEXT NOT NULL
);
CREATE INDEX cycle_revisions_cycle ON cycle_revisions (collaborative_id, team_id, cycle_key);
CREATE INDEX cycle_revisions_submission ON cycle_revisions (submission_id);

CREATE TABLE current_cycles (
  collaborative_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  cycle_key TEXT NOT NULL,
  cycle_id TEXT NOT NULL,
  change_idea TEXT NOT NULL,
  measure_ids TEXT NOT NULL,
  prediction TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  what_happened TEXT NOT NULL,
  decision TEXT,
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  revision INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (collaborative_id, team_id, cycle_key)
);
${guard}
`;
};

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema: collaboratives, teams, measures, tokens, submissions, points, scores, locks, idempotency, audit",
    sqlite: TABLES("sqlite") + sqliteGuards,
    postgres: TABLES("postgres") + postgresGuards,
  },
  {
    version: 2,
    name: "monthly_reports: one row per team and month for completeness; scores index in period order",
    sqlite: MONTHLY_REPORTS,
    postgres: MONTHLY_REPORTS,
  },
  {
    version: 3,
    name: "SQLite: current_scores stored in (period, team) order for the scores read",
    sqlite: SQLITE_SCORES_IN_PERIOD_ORDER,
    postgres: "SELECT 1",
  },
  {
    version: 4,
    name: "running a collaborative: reminders on/off and lead days, team join month, active, reminder opt-out, team contacts",
    sqlite: TEAM_SETTINGS,
    postgres: TEAM_SETTINGS,
  },
  {
    version: 5,
    name: "reminder ledger: one row per reminder key (due, late, digest), its recipients, text, status and attempts",
    sqlite: `${REMINDER_LEDGER}
CREATE TRIGGER reminder_ledger_no_delete BEFORE DELETE ON reminder_ledger BEGIN SELECT RAISE(ABORT, 'reminder_ledger rows are never deleted'); END;`,
    postgres: `${REMINDER_LEDGER}
CREATE TRIGGER reminder_ledger_no_delete BEFORE DELETE ON reminder_ledger FOR EACH ROW EXECUTE FUNCTION qi_append_only();
CREATE TRIGGER reminder_ledger_no_truncate BEFORE TRUNCATE ON reminder_ledger FOR EACH STATEMENT EXECUTE FUNCTION qi_append_only();`,
  },
  {
    version: 7,
    name: "monthly_reports keeps the month's latest narrative and self-assessment (a submission reads one row)",
    sqlite: LATEST_OF_MONTH,
    postgres: LATEST_OF_MONTH,
  },
  {
    version: 6,
    name: "PDSA cycles: cycle_revisions (append-only) and current_cycles per team",
    sqlite: CYCLES("sqlite"),
    postgres: CYCLES("postgres"),
  },
];
