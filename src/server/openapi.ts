// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the server validates with
// and the add-in parses with (zod 4's z.toJSONSchema; OpenAPI 3.1 uses JSON Schema 2020-12 as is).

import * as z from "zod";
import {
  AdminTeam,
  AdminTeamList,
  ApiError,
  CollaborativeLearning,
  AuditList,
  CollaborativeDefinition,
  CollaborativeSettingsPatch,
  IssuedToken,
  MeasureDefinition,
  MeasureOrder,
  NewTeam,
  NewTokenRequest,
  TeamContacts,
  TeamPatch,
  TokenInfo,
  TokenList,
  CollaborativeList,
  CollaborativeView,
  Completeness,
  FunnelResponse,
  CyclesResponse,
  Health,
  Me,
  PeriodChangeInput,
  PeriodsResponse,
  PointsResponse,
  RemindersResponse,
  RunChartsResponse,
  ScoreInput,
  ScoresResponse,
  ScoreSaved,
  ScoreSuggestion,
  SubmissionDetail,
  SubmissionHistory,
  SubmissionInput,
  SubmissionRejected,
  SubmissionSummary,
  TeamStatus,
  TeamTimeline,
} from "../core/index";

/**
 * The version of the API contract (`info.version`), apart from the server's package version: it
 * changes when an answer or a parameter changes shape. The API is 0.x and has no outside clients
 * yet, so a breaking change bumps the minor number.
 * - 0.3.0: PDSA cycles. `SubmissionInput.cycles` (optional); `SubmissionSummary.cycles` (counts,
 *   present when the report carried cycles); `SubmissionDetail.cycles`; new
 *   `GET …/teams/{teamId}/cycles` and `GET …/cycles?teamId=&measureId=` (`CyclesResponse`).
 * - 0.2.0: `RunChartsResponse` names the collaborative's `ruleSet` and `rules` and gives each series
 *   its `signals` (with their meaning), `lpl`/`upl` and `improving`, read under that rule set;
 *   `analysis`, `shiftPoints` and `trendPoints` are gone. `ruleSet` may be `mdc`. New
 *   `GET …/teams/{teamId}/suggestion?period=` (`ScoreSuggestion`).
 * - 0.3.0: new `GET …/learning` (`CollaborativeLearning`: other teams' latest narratives and the
 *   "% at 4+" per month, cut by the sharing mode) and `GET …/export.xlsx` (faculty, admin). Additive.
 * - 0.3.0, also: the admin API (issue 16; bodies in core's schema/admin.ts): `POST /collaboratives`,
 *   `PATCH /collaboratives/{id}`, measures (`POST`, `PUT …/{measureId}`, `DELETE …/{measureId}`,
 *   `PUT …/measures-order`), teams (`GET …/admin/teams`, `POST …/teams`, `PATCH …/teams/{teamId}`,
 *   `PUT …/teams/{teamId}/contacts`), tokens (`GET`/`POST /tokens`, `POST /tokens/{tokenId}/revoke`)
 *   and `GET /audit`. Added only: the 0.2.0 endpoints answer as before, except that completeness and
 *   a team's status count a team from its join month and not at all once it is inactive (cells and
 *   the status gain `owed`), and a report carrying a retired measure's numbers is refused
 *   (`MEASURE_RETIRED`).
 * - 0.3.0, also: `GET …/funnel?measureId=&period=` (`FunnelResponse`) and
 *   `GET …/teams/{teamId}/timeline` (`TeamTimeline`).
 * - 0.1.0: first contract.
 */
import { adminOperations } from "./openapiAdmin";
import { asOf, errors, id, period, teamId, teamPage, type Operation } from "./openapiParts";

export const API_VERSION = "0.3.0";

const SCHEMAS: Record<string, z.ZodType> = {
  ApiError,
  Health,
  Me,
  CollaborativeList,
  CollaborativeView,
  SubmissionInput,
  SubmissionSummary,
  SubmissionRejected,
  PointsResponse,
  RunChartsResponse,
  CollaborativeLearning,
  SubmissionHistory,
  SubmissionDetail,
  CyclesResponse,
  TeamStatus,
  RemindersResponse,
  Completeness,
  ScoresResponse,
  ScoreInput,
  ScoreSaved,
  ScoreSuggestion,
  PeriodsResponse,
  PeriodChangeInput,
  CollaborativeDefinition,
  CollaborativeDefinitionInput: CollaborativeDefinition,
  CollaborativeSettingsPatch,
  MeasureDefinition,
  MeasureOrder,
  NewTeam,
  TeamPatch,
  TeamContacts,
  AdminTeam,
  AdminTeamList,
  NewTokenRequest,
  TokenInfo,
  TokenList,
  IssuedToken,
  AuditList,
  FunnelResponse,
  TeamTimeline,
};
/** Request bodies are described as they may be sent (defaults optional); answers as they come back. */
const INPUTS = new Set(["SubmissionInput", "ScoreInput", "PeriodChangeInput", "CollaborativeDefinitionInput", "CollaborativeSettingsPatch", "MeasureDefinition", "MeasureOrder", "NewTeam", "TeamPatch", "TeamContacts", "NewTokenRequest"]);

export const OPERATIONS: readonly Operation[] = [
  { method: "get", path: "/health", summary: "Liveness and engine (the same as /health/live)", roles: "anyone", responses: { "200": { description: "up", schema: "Health" } } },
  { method: "get", path: "/health/live", summary: "Liveness: the process answers; the database is not checked", roles: "anyone", responses: { "200": { description: "up", schema: "Health" } } },
  {
    method: "get",
    path: "/health/ready",
    summary: "Readiness: the database answers within 2 s (send traffic here only when 200)",
    roles: "anyone",
    responses: { "200": { description: "ready", schema: "Health" }, "503": { description: "SERVICE_UNAVAILABLE: the database is down or slow (see Retry-After)", schema: "ApiError" } },
  },
  { method: "get", path: "/api/v1/openapi.json", summary: "This document", roles: "anyone", responses: { "200": { description: "OpenAPI 3.1" } } },
  { method: "get", path: "/api/v1/me", summary: "Who the token belongs to", roles: "any token", responses: { "200": { description: "the caller", schema: "Me" }, ...errors } },
  { method: "get", path: "/api/v1/collaboratives", summary: "Collaboratives the token may read", roles: "any token", responses: { "200": { description: "list", schema: "CollaborativeList" }, ...errors } },
  { method: "get", path: "/api/v1/collaboratives/{id}", summary: "The collaborative's definition and the teams the caller may see", roles: "any token of the collaborative", params: [id], responses: { "200": { description: "definition", schema: "CollaborativeView" }, ...errors } },
  {
    method: "post",
    path: "/api/v1/collaboratives/{id}/submissions",
    summary: "Submit a team's monthly report (a new immutable revision)",
    roles: "team (own team); admin with ?teamId=",
    params: [
      id,
      { name: "dryRun", in: "query", description: "true: answer what would happen, store nothing", schema: { type: "string", enum: ["true", "false"] } },
      { name: "teamId", in: "query", description: "the team (admin tokens only)" },
      { name: "Idempotency-Key", in: "header", description: "same key + same body replays the stored answer (header Idempotent-Replay: true); same key + other body is 422 IDEMPOTENCY_KEY_REUSED" },
    ],
    body: "SubmissionInput",
    responses: {
      ...errors,
      "200": { description: "unchanged, or dry_run", schema: "SubmissionSummary" },
      "201": { description: "accepted: a new revision", schema: "SubmissionSummary" },
      "400": { description: "MALFORMED_JSON or BAD_REQUEST", schema: "ApiError" },
      "413": { description: "body over 1 MB", schema: "ApiError" },
      "422": {
        description:
          "SUBMISSION_REJECTED: nothing stored, every point (or the reporting month) refused; the body is a SubmissionSummary with status rejected and every conflict, and also an ApiError (SubmissionRejected). VALIDATION or IDEMPOTENCY_KEY_REUSED: an ApiError",
        schema: ["SubmissionRejected", "ApiError"],
      },
    },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/points",
    summary: "Current points per measure and team, labelled per the sharing mode, with the pooled monthly aggregate",
    roles: "any token of the collaborative",
    params: [id, { name: "measureId", in: "query", description: "one measure" }, { name: "teamId", in: "query", description: "one team" }],
    responses: { "200": { description: "points", schema: "PointsResponse" }, ...errors },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/runcharts",
    summary: "Every visible team's run chart per measure: aligned months, center line and signals read by the collaborative's rule set (ihi, anhoej or mdc), which the answer names",
    roles: "any token of the collaborative",
    params: [id, { name: "measureId", in: "query", description: "one measure" }],
    responses: { "200": { description: "run charts", schema: "RunChartsResponse" }, ...errors },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/learning",
    summary:
      "What a team learns from the others, cut by the sharing mode on the server: other teams' latest narratives (changes tested, lessons) by name (named) or stable letter (blinded), none (aggregate); the % of teams at 4+ per month, withheld from a team in an aggregate collaborative while fewer than 3 other teams were scored",
    roles: "any token of the collaborative (faculty and admins: every team by name)",
    params: [id],
    responses: { "200": { description: "narratives and headline", schema: "CollaborativeLearning" }, ...errors },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/funnel",
    summary:
      "A funnel plot of one percent or rate measure in one month: each team's value against its denominator, 95% and 99.8% limits around the collaborative's overall value (Spiegelhalter 2005), teams labelled per the sharing mode",
    roles: "faculty, admin; a team of a named or blinded collaborative (403 in an aggregate one)",
    params: [
      id,
      { name: "measureId", in: "query", required: true, description: "the percent or rate measure (400 for a count or mean measure)" },
      { name: "period", in: "query", required: true, description: "the month, YYYY-MM" },
      { name: "method", in: "query", description: "exact (default: exact binomial or Poisson limits with Spiegelhalter's interpolation) or normal (the normal approximation)", schema: { type: "string", enum: ["exact", "normal"] } },
      { name: "overdispersion", in: "query", description: "true: widen the limits by the between-team variance τ² (Spiegelhalter 2005, additive random effects); default false", schema: { type: "string", enum: ["true", "false"] } },
    ],
    responses: { "200": { description: "the funnel", schema: "FunnelResponse" }, ...errors },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/teams/{teamId}/timeline",
    summary: "One team month by month: the narrative, the self and faculty scores with their rationale, and the suggested score with its reasons",
    roles: "the team, faculty, admin",
    params: [id, teamId],
    responses: { "200": { description: "the months", schema: "TeamTimeline" }, ...errors },
  },
  { method: "get", path: "/api/v1/collaboratives/{id}/teams/{teamId}/submissions", summary: "A team's report history, newest first", roles: "the team, faculty, admin", params: [id, teamId], responses: { "200": { description: "history", schema: "SubmissionHistory" }, ...errors } },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/teams/{teamId}/submissions/{submissionId}",
    summary: "One past revision in full, points and PDSA cycles as sent",
    roles: "the team, faculty, admin",
    params: [id, teamId, { name: "submissionId", in: "path", required: true, description: "submission id" }],
    responses: { "200": { description: "revision", schema: "SubmissionDetail" }, ...errors },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/teams/{teamId}/cycles",
    summary: "The team's current PDSA cycles (each as last sent; a cycle left out of a later report stays)",
    roles: "the team, faculty, admin",
    params: [id, teamId],
    responses: { "200": { description: "cycles by start date and label", schema: "CyclesResponse" }, ...errors },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/cycles",
    summary: "Every team's current PDSA cycles, e.g. to mark them on run charts",
    roles: "faculty, admin",
    params: [id, { name: "teamId", in: "query", description: "one team" }, { name: "measureId", in: "query", description: "only the cycles that name this measure" }],
    responses: { "200": { description: "cycles by team, start date and label", schema: "CyclesResponse" }, ...errors },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/reminders",
    summary: "The reminder ledger: due, late and digest reminders sent, failed (with the error), being sent, or recorded as would-send when SMTP is not configured; newest first",
    roles: "faculty, admin",
    params: [id, { name: "limit", in: "query", description: "at most this many, 1 to 1000 (default 200)" }],
    responses: { "200": { description: "ledger entries", schema: "RemindersResponse" }, ...errors },
  },
  { method: "get", path: "/api/v1/collaboratives/{id}/teams/{teamId}/status", summary: "This month's report: due date and status; `backlog`: months missing or sent late since the team joined", roles: "the team, faculty, admin", params: [id, teamId, asOf], responses: { "200": { description: "status", schema: "TeamStatus" }, ...errors } },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/completeness",
    summary: "Who reported which month: on time, late, missing",
    roles: "faculty, admin",
    params: [id, asOf, { name: "teamId", in: "query", description: "one team" }, ...teamPage],
    responses: { "200": { description: "grid and totals", schema: "Completeness" }, ...errors },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/scores",
    summary: "Assessment scores (faculty and self, latest per team and month) and % of teams at 4 or above per month",
    roles: "faculty, admin; a team sees its own rows (and, in an aggregate collaborative, only the months with at least 3 other teams scored)",
    params: [id, { name: "teamId", in: "query", description: "one team" }, { name: "period", in: "query", description: "one month, YYYY-MM" }, ...teamPage],
    responses: { "200": { description: "scores", schema: "ScoresResponse" }, ...errors },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/teams/{teamId}/suggestion",
    summary: "The IHI score the team's stored data suggest for a month, with its reasons (the same as the task pane and QI.SCORE give)",
    roles: "the team, faculty, admin",
    params: [id, teamId, { name: "period", in: "query", required: true, description: "the month scored, YYYY-MM; later months do not count" }],
    responses: { "200": { description: "suggestion", schema: "ScoreSuggestion" }, ...errors },
  },
  {
    method: "put",
    path: "/api/v1/collaboratives/{id}/teams/{teamId}/scores/{period}",
    summary: "Record a faculty score (history kept), answered with the software's suggestion",
    roles: "faculty, admin",
    params: [id, teamId, period],
    body: "ScoreInput",
    responses: { "200": { description: "stored", schema: "ScoreSaved" }, "422": { description: "VALIDATION", schema: "ApiError" }, ...errors },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/export.csv",
    summary: "All current points as CSV (text cells neutralised against formula injection)",
    roles: "faculty, admin",
    params: [id],
    responses: { "200": { description: "CSV", contentType: "text/csv" }, ...errors },
  },
  {
    method: "get",
    path: "/api/v1/collaboratives/{id}/export.xlsx",
    summary:
      "The collaborative's data as one workbook: About, Points (current), Point revisions (every change), Narratives, Scores; text cells neutralised against formula injection as in the CSV (a leading ')",
    roles: "faculty, admin",
    params: [id],
    responses: { "200": { description: "workbook", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }, ...errors },
  },
  { method: "get", path: "/api/v1/collaboratives/{id}/periods", summary: "Every month's due date and lock state", roles: "any token of the collaborative", params: [id, asOf], responses: { "200": { description: "months", schema: "PeriodsResponse" }, ...errors } },
  {
    method: "post",
    path: "/api/v1/collaboratives/{id}/periods/{period}/lock",
    summary: "Lock a month (audited)",
    roles: "admin",
    params: [id, period],
    body: "PeriodChangeInput",
    responses: { "200": { description: "the month's new state", schema: "PeriodsResponse" }, "422": { description: "VALIDATION: the month is outside the collaborative (PERIOD_OUTSIDE_COLLABORATIVE)", schema: "ApiError" }, ...errors },
  },
  {
    method: "post",
    path: "/api/v1/collaboratives/{id}/periods/{period}/reopen",
    summary: "Reopen a month, with a reason (audited; overrides the automatic lock)",
    roles: "admin",
    params: [id, period],
    body: "PeriodChangeInput",
    responses: { "200": { description: "the month's new state", schema: "PeriodsResponse" }, "422": { description: "VALIDATION: no reason given, or the month is outside the collaborative", schema: "ApiError" }, ...errors },
  },
  ...adminOperations(),
];

function jsonSchema(name: string, schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io: INPUTS.has(name) ? "input" : "output", unrepresentable: "any" }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

function schemaRef(schema: string | readonly string[]): Record<string, unknown> {
  const ref = (name: string): Record<string, unknown> => ({ $ref: `#/components/schemas/${name}` });
  return typeof schema === "string" ? ref(schema) : { anyOf: schema.map(ref) };
}

/** Build the document (once per app). */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema
          ? { content: { "application/json": { schema: schemaRef(r.schema) } } }
          : r.contentType
            ? { content: { [r.contentType]: { schema: { type: "string" } } } }
            : {}),
      };
    }
    paths[op.path] = {
      ...(paths[op.path] ?? {}),
      [op.method]: {
        summary: op.summary,
        description: `Who may call it: ${op.roles}.`,
        ...(op.roles === "anyone" ? { security: [] } : {}),
        ...(op.params ? { parameters: op.params.map((p) => ({ name: p.name, in: p.in, required: p.required ?? false, description: p.description, schema: p.schema ?? { type: "string" } })) } : {}),
        ...(op.body ? { requestBody: { required: op.body !== "PeriodChangeInput", content: { "application/json": { schema: { $ref: `#/components/schemas/${op.body}` } } } } } : {}),
        responses,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "QI Collaborative data store",
      version: API_VERSION,
      description: `Monthly reports of an IHI Breakthrough Series collaborative: teams submit, faculty read. Every error body is an ApiError. Served by version ${version} of the data store.`,
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "a token issued with `npm run admin -- issue-token` (qi_…)" } },
      schemas: Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, jsonSchema(name, schema)])),
    },
  };
}
