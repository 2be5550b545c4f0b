// POST /api/v1/collaboratives/{id}/submissions: a team's monthly report.
//
// Order of the checks: token (401) → role (403) → query (400, @hono/zod-validator) → collaborative
// and team (403/404) → JSON (400) → schema (422 VALIDATION) → Idempotency-Key → the collaborative's
// rules (checkSubmission, shared with the add-in) → the store plans and writes in one transaction.
// The body is not validated by a middleware: its raw text is hashed for the Idempotency-Key and
// stored exactly as received, so this route reads it itself and calls `validate`.

import { createHash } from "node:crypto";
import { Hono } from "hono";
import * as z from "zod";
import { SubmissionInput } from "../../core/index";
import { actorOf } from "../auth";
import { ApiProblem } from "../problem";
import { submitReport } from "../submission/submit";
import { optionalSlugValue, parseJson, query, validate } from "../validation";
import { lockedPeriods } from "../views/periods";
import { authOf, collaborativeOf, onlyRoles, teamOf, type AppEnv, type RouteDeps } from "./context";

const SubmitQuery = z.object({
  teamId: optionalSlugValue("teamId"),
  dryRun: z.enum(["true", "false"], { error: "dryRun must be true or false" }).optional(),
});

/** Keys are the client's: any visible ASCII up to 255 characters (a UUID is typical). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The submission route; it reads and hashes the raw body itself, so it validates with `validate`, not a validator middleware. */
export function submissionRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/collaboratives/:id/submissions", deps.guard, onlyRoles("team", "admin"), query(SubmitQuery), async (c) => {
    const auth = authOf(c);
    const collaborative = await collaborativeOf(deps, c);
    const { teamId: asked, dryRun: dryRunParam } = c.req.valid("query");
    let teamId: string;
    if (auth.role === "team") {
      if (asked !== undefined && asked !== auth.teamId) throw new ApiProblem("FORBIDDEN", "a team token submits only its own team's reports");
      teamId = auth.teamId as string;
    } else {
      if (asked === undefined) throw new ApiProblem("BAD_REQUEST", "an admin submitting for a team must say which: ?teamId=<team id>");
      teamId = asked;
    }
    // The month locks are read alongside the team (one round trip less on PostgreSQL); the team's
    // 404 still comes first, before the body is read.
    const events = deps.store.latestPeriodEvents(collaborative.id);
    events.catch(() => undefined); // awaited below, unless the team check throws first
    await teamOf(deps, collaborative.id, teamId);

    const dryRun = dryRunParam === "true";
    const rawBody = await c.req.text();
    const json = parseJson(rawBody);
    const input = validate(SubmissionInput, json, "the report");

    const key = c.req.header("idempotency-key");
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiProblem("BAD_REQUEST", "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is best)");
    }
    const requestHash = createHash("sha256").update(`${collaborative.id}\n${teamId}\n`).update(rawBody).digest("hex");

    const now = deps.clock();
    const asOf = now.toISOString().slice(0, 10);
    const outcome = await submitReport(deps.store, {
      collaborative,
      teamId,
      input,
      rawBody,
      submissionId: deps.newId(),
      receivedAt: now.toISOString(),
      actor: actorOf(auth),
      dryRun,
      // A dry run never stores or replays: the same key is then used for the real submission.
      idempotency: key === undefined || dryRun ? null : { scope: `${collaborative.id}/${teamId}`, key, requestHash },
      lockedPeriods: lockedPeriods(collaborative, await events, asOf),
    });

    if (outcome.kind === "replay") {
      if (outcome.stored.requestHash !== requestHash) {
        throw new ApiProblem(
          "IDEMPOTENCY_KEY_REUSED",
          "this Idempotency-Key was already used for a different report: make a new key for each new report",
        );
      }
      return new Response(outcome.stored.body, {
        status: outcome.stored.httpStatus,
        headers: { "content-type": "application/json; charset=utf-8", "idempotent-replay": "true" },
      });
    }
    return new Response(outcome.body, { status: outcome.httpStatus, headers: { "content-type": "application/json; charset=utf-8" } });
  });
  return app;
}
