// The submission write, once for both engines: read the team's stored state inside the transaction,
// let the request's planner decide, store what it decided. A dry run only reads.

import type { PdsaCycle } from "../../core/index";
import type { Builder } from "./schema";
import { toCycle } from "./sql";
import { all, insert, reads, run, type Operation, type WriteContext } from "./steps";
import { pointKey, StoreNotFound, type StoredPoint, type SubmitOutcome, type SubmitRequest } from "./store";
import {
  audit,
  currentCycleRow,
  currentPointRow,
  cycleRevisionRow,
  insertCycleRevisions,
  insertPointRevisions,
  locked,
  revisionRow,
  score,
  upsertCurrentCycles,
  upsertCurrentPoints,
  upsertMonthlyReports,
  type ChangeTarget,
} from "./statements";
import { storedAnswerQuery, toStoredResponse } from "./writes";

/**
 * The team's row, locked until the transaction ends on PostgreSQL (`FOR UPDATE`; `FOR SHARE` for a
 * dry run), so two reports of one team never interleave and revision numbers and idempotency keys
 * are decided on committed data. SQLite gets the same from its one write lock (an immediate
 * transaction; a dry run's deferred one reads a consistent snapshot).
 */
function lockTeam(ctx: WriteContext, req: SubmitRequest) {
  const team = ctx.db.selectFrom("teams").select("id").where("collaborative_id", "=", req.collaborativeId).where("id", "=", req.teamId);
  return locked(ctx, team, req.dryRun ? "share" : "update");
}

/**
 * The latest revision of a team's month (none: no row), and the latest narrative and self-assessment
 * sent for it: one row of monthly_reports, which every revision upserts (migration 7).
 */
function latestOfMonth(db: Builder, req: SubmitRequest) {
  return db
    .selectFrom("monthly_reports")
    .select(["latest_revision", "latest_narrative", "latest_self_assessment"])
    .where("collaborative_id", "=", req.collaborativeId)
    .where("team_id", "=", req.teamId)
    .where("reporting_month", "=", req.reportingMonth);
}

export function submit(req: SubmitRequest): Operation<SubmitOutcome> {
  return {
    readOnly: req.dryRun,
    *body(ctx) {
      const { db } = ctx;
      const key = req.idempotency && !req.dryRun ? req.idempotency : null;
      // One batch of reads (one round trip on PostgreSQL), the lock first: every read after it runs
      // once the lock is held, so it sees what the team's previous report committed.
      const [team, rows, latestRows, stored] = yield* reads(
        lockTeam(ctx, req),
        db
          .selectFrom("current_points")
          .select(["measure_id", "period", "numerator", "denominator", "value", "annotation", "retracted"])
          .where("collaborative_id", "=", req.collaborativeId)
          .where("team_id", "=", req.teamId),
        latestOfMonth(db, req),
        ...(key ? [storedAnswerQuery(db, key.scope, key.key)] : []),
      );
      if (team.length === 0) throw new StoreNotFound(`no team ${req.teamId}`);
      if (stored?.[0]) return { kind: "replay", stored: toStoredResponse(stored[0]) };
      const current = new Map<string, StoredPoint>();
      for (const r of rows) {
        current.set(pointKey(r.measure_id, r.period), {
          numerator: r.numerator,
          denominator: r.denominator,
          value: r.value,
          annotation: r.annotation,
          retracted: Number(r.retracted) === 1,
        });
      }
      // the team's current cycles, read only for a report that carries cycles (one more round trip)
      const cycles = new Map<string, PdsaCycle>();
      if ((req.input.cycles ?? []).length > 0) {
        const cycleRows = yield* all(db.selectFrom("current_cycles").selectAll().where("collaborative_id", "=", req.collaborativeId).where("team_id", "=", req.teamId));
        for (const r of cycleRows) cycles.set(r.cycle_key, toCycle(r));
      }
      const latest = latestRows[0];
      const latestRevision = Number(latest?.latest_revision ?? 0);
      const latestSelf = typeof latest?.latest_self_assessment === "number" ? latest.latest_self_assessment : null;
      const narrative = latest?.latest_narrative;
      const revision = latestRevision + 1;
      const plan = req.plan(
        { current, latestRevision, latestNarrative: typeof narrative === "string" ? JSON.parse(narrative) : null, latestSelfAssessment: latestSelf, cycles },
        revision,
      );
      const outcome: SubmitOutcome = { kind: "done", httpStatus: plan.httpStatus, body: JSON.stringify(plan.summary) };
      if (req.dryRun) return outcome;

      const rev = plan.revision;
      if (rev) {
        const narrativeJson = rev.narrative === null ? null : JSON.stringify(rev.narrative);
        yield* run(
          db.insertInto("submissions").values({
            id: req.submissionId,
            collaborative_id: req.collaborativeId,
            team_id: req.teamId,
            reporting_month: req.reportingMonth,
            revision,
            received_at: req.receivedAt,
            token_id: req.actor.tokenId,
            created_count: rev.counts.created,
            updated_count: rev.counts.updated,
            unchanged_count: rev.counts.unchanged,
            rejected_count: rev.counts.rejected,
            input: JSON.stringify(req.input),
            raw_body: req.rawBody,
            conflicts: JSON.stringify(rev.conflicts),
            narrative: narrativeJson,
            self_assessment: rev.selfAssessment,
          }),
        );
        yield* insert(
          [
            {
              collaborative_id: req.collaborativeId,
              team_id: req.teamId,
              reporting_month: req.reportingMonth,
              revisions: 1,
              latest_revision: revision,
              first_received_at: req.receivedAt,
              latest_received_at: req.receivedAt,
              latest_narrative: narrativeJson,
              latest_self_assessment: rev.selfAssessment,
            },
          ],
          upsertMonthlyReports(db),
        );
        const target: ChangeTarget = { collaborativeId: req.collaborativeId, teamId: req.teamId, submissionId: req.submissionId, revision, receivedAt: req.receivedAt };
        // One change per point (the planner refuses a point sent twice), so one upsert may carry them all.
        yield* insert(
          rev.changes.map((c) => revisionRow(target, c)),
          insertPointRevisions(db),
        );
        yield* insert(
          rev.changes.map((c) => currentPointRow(target, c)),
          upsertCurrentPoints(db),
        );
        // One change per cycle key (the schema refuses a label twice), so one upsert may carry them all.
        yield* insert(
          rev.cycleChanges.map((c) => cycleRevisionRow(target, c)),
          insertCycleRevisions(db),
        );
        yield* insert(
          rev.cycleChanges.map((c) => currentCycleRow(target, c)),
          upsertCurrentCycles(db),
        );
        if (rev.selfAssessment !== null && rev.selfAssessment !== latestSelf) {
          yield* score(db, {
            collaborativeId: req.collaborativeId,
            teamId: req.teamId,
            period: req.reportingMonth,
            source: "self",
            score: rev.selfAssessment,
            rationale: "",
            actor: req.actor,
            submissionId: req.submissionId,
            at: req.receivedAt,
          });
        }
      }
      if (plan.audit) {
        yield* audit(db, { at: req.receivedAt, actor: req.actor, action: plan.audit.action, collaborativeId: req.collaborativeId, teamId: req.teamId, details: plan.audit.details });
      }
      if (req.idempotency) {
        const { scope, key, requestHash } = req.idempotency;
        yield* run(
          db.insertInto("idempotency_keys").values({
            scope,
            key,
            request_hash: requestHash,
            http_status: plan.httpStatus,
            body: outcome.body,
            submission_id: rev ? req.submissionId : null,
            created_at: req.receivedAt,
          }),
        );
      }
      return outcome;
    },
  };
}
