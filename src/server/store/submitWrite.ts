// The submission write, once for both engines: read the team's stored state inside the transaction,
// let the request's planner decide, store what it decided. A dry run only reads.

import type { PdsaCycle } from "../../core/index";
import type { Builder } from "./schema";
import { toCycle } from "./sql";
import { all, first, insert, run, type Operation, type Steps, type WriteContext } from "./steps";
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
  storedAnswer,
  upsertCurrentCycles,
  upsertCurrentPoints,
  upsertMonthlyReports,
  type ChangeTarget,
} from "./writes";

/**
 * The team's row, locked until the transaction ends on PostgreSQL (`FOR UPDATE`; `FOR SHARE` for a
 * dry run), so two reports of one team never interleave and revision numbers and idempotency keys
 * are decided on committed data. SQLite gets the same from its one write lock (an immediate
 * transaction; a dry run's deferred one reads a consistent snapshot). StoreNotFound when missing.
 */
function* lockTeam(ctx: WriteContext, req: SubmitRequest): Steps {
  const team = ctx.db.selectFrom("teams").select("id").where("collaborative_id", "=", req.collaborativeId).where("id", "=", req.teamId);
  if (!(yield* first(locked(ctx, team, req.dryRun ? "share" : "update")))) throw new StoreNotFound(`no team ${req.teamId}`);
}

/** The latest revision of a team's month (0 when none), and the latest narrative and self-assessment sent for it. */
function latestOfMonth(db: Builder, req: SubmitRequest) {
  const ofMonth = (alias: "n" | "s") =>
    db
      .selectFrom(`submissions as ${alias}`)
      .where(`${alias}.collaborative_id`, "=", req.collaborativeId)
      .where(`${alias}.team_id`, "=", req.teamId)
      .where(`${alias}.reporting_month`, "=", req.reportingMonth);
  return ofMonth("n").select((eb) => [
    eb.fn.coalesce(eb.fn.max("n.revision"), eb.val(0)).as("n"),
    ofMonth("s").select("s.narrative").where("s.narrative", "is not", null).orderBy("s.revision", "desc").limit(1).as("narrative"),
    ofMonth("s").select("s.self_assessment").where("s.self_assessment", "is not", null).orderBy("s.revision", "desc").limit(1).as("self_assessment"),
  ]);
}

export function submit(req: SubmitRequest): Operation<SubmitOutcome> {
  return {
    readOnly: req.dryRun,
    *body(ctx) {
      const { db } = ctx;
      yield* lockTeam(ctx, req);
      if (req.idempotency && !req.dryRun) {
        const stored = yield* storedAnswer(db, req.idempotency.scope, req.idempotency.key);
        if (stored) return { kind: "replay", stored };
      }
      const current = new Map<string, StoredPoint>();
      const rows = yield* all(
        db
          .selectFrom("current_points")
          .select(["measure_id", "period", "numerator", "denominator", "value", "annotation", "retracted"])
          .where("collaborative_id", "=", req.collaborativeId)
          .where("team_id", "=", req.teamId),
      );
      for (const r of rows) {
        current.set(pointKey(r.measure_id, r.period), {
          numerator: r.numerator,
          denominator: r.denominator,
          value: r.value,
          annotation: r.annotation,
          retracted: Number(r.retracted) === 1,
        });
      }
      const cycles = new Map<string, PdsaCycle>();
      if ((req.input.cycles ?? []).length > 0) {
        const cycleRows = yield* all(db.selectFrom("current_cycles").selectAll().where("collaborative_id", "=", req.collaborativeId).where("team_id", "=", req.teamId));
        for (const r of cycleRows) cycles.set(r.cycle_key, toCycle(r));
      }
      const latest = yield* first(latestOfMonth(db, req));
      const latestRevision = Number(latest?.n ?? 0);
      const latestSelf = typeof latest?.self_assessment === "number" ? latest.self_assessment : null;
      const narrative = latest?.narrative;
      const revision = latestRevision + 1;
      const plan = req.plan(
        { current, latestRevision, latestNarrative: typeof narrative === "string" ? JSON.parse(narrative) : null, latestSelfAssessment: latestSelf, cycles },
        revision,
      );
      const outcome: SubmitOutcome = { kind: "done", httpStatus: plan.httpStatus, body: JSON.stringify(plan.summary) };
      if (req.dryRun) return outcome;

      const rev = plan.revision;
      if (rev) {
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
            narrative: rev.narrative === null ? null : JSON.stringify(rev.narrative),
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
