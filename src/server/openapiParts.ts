// The pieces the OpenAPI document's operation lists share (openapi.ts, openapiAdmin.ts): an
// operation's shape, the common path and query parameters, and the error answers every route may give.

export type Param = { name: string; in: "path" | "query" | "header"; required?: boolean; description: string; schema?: Record<string, unknown> };
export type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  roles: string;
  params?: Param[];
  body?: string;
  /** `schema`: the component the body matches; a list when it is any of several (`anyOf`: a SubmissionRejected is also an ApiError) */
  responses: Record<string, { description: string; schema?: string | readonly string[]; contentType?: string }>;
};

export const id: Param = { name: "id", in: "path", required: true, description: "collaborative id" };
export const teamId: Param = { name: "teamId", in: "path", required: true, description: "team id" };
export const period: Param = { name: "period", in: "path", required: true, description: "the month, YYYY-MM" };
/** A page of teams for the campaign reads (core's TeamPage): without them, every team. */
export const teamPage: Param[] = [
  { name: "teamOffset", in: "query", description: "page over teams: the position (joining order, from 0) of the first team; the answer's page.nextOffset gives the next" },
  { name: "teamLimit", in: "query", description: "page over teams: at most this many teams, 1 to 1000 (default 500 when teamOffset is given)" },
];
export const asOf: Param = { name: "asOf", in: "query", description: "the day to judge by, YYYY-MM-DD (default: today, UTC)" };
export const errors = {
  "400": { description: "BAD_REQUEST: a malformed, repeated or undocumented parameter, or a body sent without Content-Type: application/json; MALFORMED_JSON: a body that is not JSON", schema: "ApiError" },
  "401": { description: "missing, unknown, revoked or expired token", schema: "ApiError" },
  "403": { description: "the token may not reach this", schema: "ApiError" },
  "404": { description: "no such collaborative or team", schema: "ApiError" },
  "429": { description: "too many requests for this token, or too many failed token look-ups from this client address (see Retry-After)", schema: "ApiError" },
};
