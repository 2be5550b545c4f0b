// Loading a benchmark's data at once: many teams, reports and scores written straight into the
// tables, with no checks of the reports and no audit entries. Not part of the Store (no production
// path may bypass the checks and the audit log); it runs as one write of the store's own kind
// (SqlStore.transact), with the same row builders and upserts as the store's writes.

import { sql } from "kysely";
import type { Team } from "../src/core/index";
import type { SqlStore } from "../src/server/store/base";
import { insert, run, type Operation } from "../src/server/store/steps";
import type { PointChange } from "../src/server/store/store";
import {
  currentPointRow,
  insertPointRevisions,
  revisionRow,
  upsertCurrentPoints,
  upsertCurrentScores,
  upsertMonthlyReports,
  type ChangeTarget,
} from "../src/server/store/statements";
import { lockCollaborative, nextPosition } from "../src/server/store/setupWrites";

export type BulkLoad = {
  collaborativeId: string;
  tokenId: string;
  /** teams to add first, after the existing ones (in this order) */
  teams?: Array<Team & { createdAt: string }>;
  reports: Array<{
    teamId: string;
    reportingMonth: string;
    receivedAt: string;
    points: Array<{ measureId: string; period: string; numerator: number | null; denominator: number | null; value: number | null }>;
  }>;
  scores: Array<{ teamId: string; period: string; score: number; rationale: string; recordedAt: string }>;
};

/** The tables a bulk load fills, analysed after it on PostgreSQL so its planner knows their new size. */
const TABLES = ["teams", "submissions", "monthly_reports", "point_revisions", "current_points", "assessment_scores", "current_scores"];

/** The id of the `n`th report of a bulk load (stable, so a load is easy to find). */
export function bulkSubmissionId(load: BulkLoad, n: number): string {
  const report = load.reports[n];
  return `bulk-${load.collaborativeId}-${report.teamId}-${report.reportingMonth}-${n}`;
}

/**
 * The load as one write: refused with StoreNotFound when the collaborative does not exist (on both
 * engines, teams given or not); a taken team id fails on the table's unique key.
 */
export function bulkLoadOperation(load: BulkLoad): Operation<void> {
  const c = load.collaborativeId;
  return {
    *body(ctx) {
      const { db } = ctx;
      // numbering teams needs the collaborative locked; reports only need it to exist
      yield* lockCollaborative(ctx, c, load.teams ? "update" : "share");
      if (load.teams) {
        const position = yield* nextPosition(db, "teams", c);
        yield* insert(
          load.teams.map((t, i) => ({ collaborative_id: c, id: t.id, position: position + i, name: t.name, organisation: t.organisation, created_at: t.createdAt })),
          (rows) => db.insertInto("teams").values([...rows]),
        );
      }
      const targets = load.reports.map((r, n): ChangeTarget => ({ collaborativeId: c, teamId: r.teamId, submissionId: bulkSubmissionId(load, n), revision: 1, receivedAt: r.receivedAt }));
      yield* insert(
        load.reports.map((r, n) => ({
          id: targets[n].submissionId,
          collaborative_id: c,
          team_id: r.teamId,
          reporting_month: r.reportingMonth,
          revision: 1,
          received_at: r.receivedAt,
          token_id: load.tokenId,
          created_count: r.points.length,
          updated_count: 0,
          unchanged_count: 0,
          rejected_count: 0,
          input: JSON.stringify({ reportingMonth: r.reportingMonth, points: r.points }),
          raw_body: "",
          conflicts: "[]",
          narrative: null,
          self_assessment: null,
        })),
        (rows) => db.insertInto("submissions").values([...rows]),
      );
      yield* insert(
        load.reports.map((r) => ({
          collaborative_id: c,
          team_id: r.teamId,
          reporting_month: r.reportingMonth,
          revisions: 1,
          latest_revision: 1,
          first_received_at: r.receivedAt,
          latest_received_at: r.receivedAt,
        })),
        upsertMonthlyReports(db),
      );
      const changes = load.reports.flatMap((r, n) => r.points.map((p, pointIndex) => ({ target: targets[n], change: created(p, pointIndex) })));
      yield* insert(
        changes.map(({ target, change }) => revisionRow(target, change)),
        insertPointRevisions(db),
      );
      yield* insert(
        changes.map(({ target, change }) => currentPointRow(target, change)),
        upsertCurrentPoints(db),
      );
      const scores = load.scores.map((s) => ({ collaborative_id: c, team_id: s.teamId, period: s.period, source: "faculty", score: s.score, rationale: s.rationale, by_label: "bulk load", recorded_at: s.recordedAt }));
      yield* insert(
        scores.map((s) => ({ ...s, token_id: load.tokenId, submission_id: null })),
        (rows) => db.insertInto("assessment_scores").values([...rows]),
      );
      yield* insert(scores, upsertCurrentScores(db));
    },
  };
}

function created(p: BulkLoad["reports"][number]["points"][number], pointIndex: number): PointChange {
  return { measureId: p.measureId, period: p.period, pointIndex, change: "created", numerator: p.numerator, denominator: p.denominator, value: p.value, annotation: null, retractReason: null };
}

/** Load `load` into `store` in one transaction (then, on PostgreSQL, refresh the planner's statistics). */
export async function bulkLoad(store: SqlStore, load: BulkLoad): Promise<void> {
  await store.transact(bulkLoadOperation(load));
  if (store.engine === "postgres") {
    await store.transact({
      *body({ db }) {
        yield* run({ compile: () => sql`ANALYZE ${sql.join(TABLES.map((t) => sql.table(t)))}`.compile(db) });
      },
    });
  }
}
