// GET /api/v1/audit (admin): the audit log, newest first, filtered by collaborative, actor (a token
// id, or "cli"), action (one, or a family such as `team`) and team, one page at a time (`before`
// an id: the entries older than it). An admin token bound to a collaborative reads only its entries.

import { Hono } from "hono";
import * as z from "zod";
import type { AuditList } from "../../core/index";
import { ApiProblem } from "../problem";
import { optionalSlugValue, query } from "../validation";
import { authOf, onlyRoles, type AppEnv, type RouteDeps } from "./context";

/** The largest page: enough for a screen of the log, small enough to answer at once. */
export const AUDIT_PAGE_MAX = 500;
export const AUDIT_PAGE_DEFAULT = 100;

/** A positive whole number given once, or absent (a blank value too). */
function optionalCount(name: string, max: number) {
  return z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string({ error: (issue) => (Array.isArray(issue.input) ? `${name} may be given once` : `${name} must be a whole number`) })
      .refine((v) => /^[1-9]\d{0,15}$/.test(v) && Number(v) <= max, { error: (issue) => `${name} must be a whole number from 1 to ${max} (got ${JSON.stringify(issue.input)})` })
      .transform(Number)
      .optional(),
  );
}

/** An optional free-text filter (an actor or action), given once, at most 100 characters. */
function optionalText(name: string) {
  return z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string({ error: (issue) => (Array.isArray(issue.input) ? `${name} may be given once` : `${name} must be text`) })
      .max(100, `${name} must be at most 100 characters`)
      .optional(),
  );
}

const AuditQuery = z.object({
  collaborative: optionalSlugValue("collaborative"),
  actor: optionalText("actor"),
  action: optionalText("action"),
  team: optionalSlugValue("team"),
  before: optionalCount("before", Number.MAX_SAFE_INTEGER),
  limit: optionalCount("limit", AUDIT_PAGE_MAX),
});

export function auditRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  return new Hono<AppEnv>().get("/audit", deps.guard, onlyRoles("admin"), query(AuditQuery), async (c) => {
    const auth = authOf(c);
    const q = c.req.valid("query");
    if (auth.collaborativeId !== null && q.collaborative !== undefined && q.collaborative !== auth.collaborativeId) {
      throw new ApiProblem("FORBIDDEN", `your admin token is bound to ${auth.collaborativeId}: it reads only that collaborative's audit log`);
    }
    const collaborativeId = q.collaborative ?? auth.collaborativeId ?? undefined;
    const limit = q.limit ?? AUDIT_PAGE_DEFAULT;
    // one more than asked: whether an older page exists, without a count
    const rows = await store.listAudit({
      ...(collaborativeId !== undefined ? { collaborativeId } : {}),
      ...(q.actor !== undefined ? { actor: q.actor } : {}),
      ...(q.action !== undefined ? { action: q.action } : {}),
      ...(q.team !== undefined ? { teamId: q.team } : {}),
      ...(q.before !== undefined ? { before: q.before } : {}),
      limit: limit + 1,
    });
    const entries = rows.slice(0, limit);
    const body: AuditList = { entries, nextBefore: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
    return c.json(body);
  });
}
