// Turning request input into typed values, or into an ApiProblem that says what to fix and where.
// Routes validate with @hono/zod-validator (`query`, `params`, `jsonBody` below): its hook turns zod's
// issues into our ApiError shapes, so a client sees the same codes, messages and paths as before.
// The submission route reads its raw body itself (it is hashed for idempotency) and calls `validate`.

import { zValidator } from "@hono/zod-validator";
import type { MiddlewareHandler } from "hono";
import * as z from "zod";
import { isDay, isPeriod, PERIOD_HINT, type Conflict } from "../core/index";
import { ApiProblem } from "./problem";

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Parse a JSON body text; 400 MALFORMED_JSON with the parser's position when it is not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === "") throw new ApiProblem("MALFORMED_JSON", "the request body is empty: send the report as JSON");
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
    throw new ApiProblem("MALFORMED_JSON", `the request body is not valid JSON${detail}`);
  }
}

function pathOf(path: readonly PropertyKey[]): Array<string | number> {
  return path.map((p) => (typeof p === "number" ? p : String(p)));
}

/** The measure and month of the point a path points into, read from the raw body (for the add-in's cell marking). */
function pointContext(body: unknown, path: readonly (string | number)[]): { measureId: string | null; period: string | null } {
  if (path[0] !== "points" || typeof path[1] !== "number" || typeof body !== "object" || body === null) return { measureId: null, period: null };
  const points = (body as { points?: unknown }).points;
  const point = Array.isArray(points) ? (points[path[1]] as unknown) : undefined;
  if (typeof point !== "object" || point === null) return { measureId: null, period: null };
  const { measureId, period } = point as { measureId?: unknown; period?: unknown };
  return { measureId: typeof measureId === "string" ? measureId : null, period: typeof period === "string" ? period : null };
}

/** Why an unknown field of a report is refused (a report's body is the one place personal data could slip in). */
export const REPORT_UNKNOWN_FIELD = "reports carry monthly aggregates only (no patient-level or other extra fields)";

/**
 * zod issues as conflicts (code SCHEMA): one per issue, and one per unknown field, with its full
 * path; `unknownField` says why an unknown field is refused (default: a report's reason).
 */
export function issuesToConflicts(issues: readonly z.core.$ZodIssue[], body: unknown, unknownField: string = REPORT_UNKNOWN_FIELD): Conflict[] {
  const out: Conflict[] = [];
  for (const issue of issues) {
    const base = pathOf(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...base, key];
        out.push({
          path,
          ...pointContext(body, path),
          code: "SCHEMA",
          message: `unknown field "${key}": ${unknownField}`,
          severity: "error",
        });
      }
      continue;
    }
    out.push({ path: base, ...pointContext(body, base), code: "SCHEMA", message: issue.message, severity: "error" });
  }
  return out;
}

/** Validate `body` with `schema`; 422 VALIDATION with a conflict per problem. */
export function validate<S extends z.ZodType>(schema: S, body: unknown, what: string, unknownField?: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw validationProblem(result.error.issues, body, what, unknownField);
}

/** 422 VALIDATION: "<what> has n problems; the first at <path>: <message>", with one conflict per issue. */
function validationProblem(issues: readonly z.core.$ZodIssue[], body: unknown, what: string, unknownField?: string): ApiProblem {
  const conflicts = issuesToConflicts(issues, body, unknownField);
  const first = conflicts[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
  return new ApiProblem(
    "VALIDATION",
    `${what} has ${conflicts.length} problem${conflicts.length === 1 ? "" : "s"}; the first${where}: ${first?.message ?? "invalid"}`,
    { conflicts },
  );
}

/** An id (slug) path or query parameter; 400 when malformed. */
export function slugParam(value: string, name: string): string {
  if (!SLUG.test(value)) throw new ApiProblem("BAD_REQUEST", `${name} must be lowercase letters, digits and dashes (got ${JSON.stringify(value)})`);
  return value;
}

/** The `asOf` day asked for (checked by `optionalDayValue`), or today's UTC date from the injected clock. */
export function asOfOrToday(asOf: string | undefined, now: Date): string {
  return asOf ?? now.toISOString().slice(0, 10);
}

/** A blank query value counts as absent (`?teamId=` is every team), as in the forms that send them. */
const blankIsAbsent = (value: unknown): unknown => (value === "" ? undefined : value);

/** A query or path value given once, as text; a repeated query parameter is 400 naming it. */
function single(name: string) {
  return z.string({ error: (issue) => (Array.isArray(issue.input) ? `${name} may be given once` : `${name} is required`) });
}

/** A month `YYYY-MM` (core's isPeriod); absent reads as "" so the message says what is expected. */
export function periodValue(name: string) {
  return z.preprocess(
    (value) => value ?? "",
    single(name).refine(isPeriod, { error: (issue) => `${name} must be ${PERIOD_HINT} (got ${JSON.stringify(issue.input)})` }),
  );
}

/** An optional month `YYYY-MM`. */
export function optionalPeriodValue(name: string) {
  return z.preprocess(blankIsAbsent, periodValue(name).optional());
}

/** An optional id (slug). */
export function optionalSlugValue(name: string) {
  return z.preprocess(
    blankIsAbsent,
    single(name)
      .refine((value) => SLUG.test(value), { error: (issue) => `${name} must be lowercase letters, digits and dashes (got ${JSON.stringify(issue.input)})` })
      .optional(),
  );
}

/** An optional whole number from `min` to `max` (a page's offset or size). */
export function optionalCountValue(name: string, min: number, max: number) {
  return z.preprocess(
    blankIsAbsent,
    single(name)
      .refine((value) => /^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max, {
        error: (issue) => `${name} must be a whole number from ${min} to ${max.toLocaleString("en")} (got ${JSON.stringify(issue.input)})`,
      })
      .transform(Number)
      .optional(),
  );
}

/** An optional `asOf=YYYY-MM-DD`, a real calendar date; the route falls back to today's UTC date (asOfOrToday). */
export const optionalDayValue = z.preprocess(
  blankIsAbsent,
  single("asOf")
    .refine(isDay, { error: (issue) => `asOf must be a date written YYYY-MM-DD, e.g. 2026-03-10 (got ${JSON.stringify(issue.input)})` })
    .optional(),
);

/** 400 BAD_REQUEST with the first issue's message (query and path values: one problem at a time). */
function badRequest(result: { success: boolean; error?: { issues: readonly z.core.$ZodIssue[] } }): void {
  if (!result.success) throw new ApiProblem("BAD_REQUEST", result.error?.issues[0]?.message ?? "bad request");
}

/** Validate the query string with `schema` (@hono/zod-validator); 400 naming the parameter. */
export function query<S extends z.ZodType>(schema: S) {
  return zValidator("query", schema, badRequest);
}

/** Validate the path parameters with `schema` (@hono/zod-validator); 400 naming the parameter. */
export function params<S extends z.ZodType>(schema: S) {
  return zValidator("param", schema, badRequest);
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Validate the JSON body with `schema` (@hono/zod-validator), `what` naming it in messages; 422
 * VALIDATION with a conflict per issue. The body is read and parsed here first, so a mistake gets our
 * answer, not the validator's: not JSON is 400 MALFORMED_JSON with the parser's position; a body sent
 * without a JSON Content-Type is 400 (the validator would otherwise see `{}` and blame missing fields);
 * an empty body is MALFORMED_JSON, or `{}` when `optional` (lock takes no body). `unknownField` says
 * why an unknown field is refused (see issuesToConflicts).
 */
export function jsonBody<S extends z.ZodType>(schema: S, what: string, options: { optional?: boolean; unknownField?: string } = {}) {
  const validator = zValidator("json", schema, (result) => {
    if (!result.success) throw validationProblem(result.error.issues, result.data, what, options.unknownField);
  });
  const read: MiddlewareHandler = async (c, next) => {
    // c.req caches the text; the validator's c.req.json() parses that cached text again.
    const text = await c.req.text();
    if (text.trim() === "" && options.optional === true) {
      c.req.bodyCache.text = Promise.resolve("{}") as unknown as string; // the cache holds promises
    } else {
      parseJson(text);
      const type = (c.req.header("content-type") ?? "").split(";")[0].trim();
      if (!JSON_TYPE.test(type)) throw new ApiProblem("BAD_REQUEST", `send ${what} as JSON with the header Content-Type: application/json (got ${type === "" ? "no Content-Type" : type})`);
    }
    return validator(c, next);
  };
  return read as typeof validator;
}
