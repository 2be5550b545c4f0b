// Turning request input into typed values, or into an ApiProblem that says what to fix and where.

import type * as z from "zod";
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

/** zod issues as conflicts (code SCHEMA): one per issue, and one per unknown field, with its full path. */
export function issuesToConflicts(issues: readonly z.core.$ZodIssue[], body: unknown): Conflict[] {
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
          message: `unknown field "${key}": reports carry monthly aggregates only (no patient-level or other extra fields)`,
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
export function validate<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const conflicts = issuesToConflicts(result.error.issues, body);
  const first = conflicts[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
  throw new ApiProblem(
    "VALIDATION",
    `${what} has ${conflicts.length} problem${conflicts.length === 1 ? "" : "s"}; the first${where}: ${first?.message ?? "invalid"}`,
    { conflicts },
  );
}

/** A `YYYY-MM` path or query parameter; 400 when malformed. */
export function periodParam(value: string, name: string): string {
  if (!isPeriod(value)) throw new ApiProblem("BAD_REQUEST", `${name} must be ${PERIOD_HINT} (got ${JSON.stringify(value)})`);
  return value;
}

/** An id (slug) path or query parameter; 400 when malformed. */
export function slugParam(value: string, name: string): string {
  if (!SLUG.test(value)) throw new ApiProblem("BAD_REQUEST", `${name} must be lowercase letters, digits and dashes (got ${JSON.stringify(value)})`);
  return value;
}

/** `asOf=YYYY-MM-DD` (a real calendar date) or today's UTC date from the injected clock. */
export function asOfParam(value: string | undefined, now: Date): string {
  if (value === undefined || value === "") return now.toISOString().slice(0, 10);
  if (!isDay(value)) throw new ApiProblem("BAD_REQUEST", `asOf must be a date written YYYY-MM-DD, e.g. 2026-03-10 (got ${JSON.stringify(value)})`);
  return value;
}
