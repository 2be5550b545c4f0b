// Request validation through @hono/zod-validator (src/server/validation.ts: query, params, jsonBody):
// our ApiError shapes and messages, the checks in a fixed order, and no silently empty body.
import { ApiError } from "../../src/core/index";
import { call, makeWorld, type World } from "./helpers";

describe("request validation", () => {
  let w: World;
  const base = "/api/v1/collaboratives/sepsis";
  beforeAll(async () => {
    w = await makeWorld();
  });
  afterAll(async () => w.close());

  it("a query parameter is checked with a message naming it; a repeated one is refused; a blank one is absent", async () => {
    const bad = await call(w.app, "GET", `${base}/points?teamId=Alpha%20Team`, { token: w.tokens.faculty });
    expect([bad.status, ApiError.parse(bad.json)]).toEqual([400, { code: "BAD_REQUEST", message: 'teamId must be lowercase letters, digits and dashes (got "Alpha Team")' }]);
    const twice = await call(w.app, "GET", `${base}/points?teamId=alpha&teamId=bravo`, { token: w.tokens.faculty });
    expect([twice.status, ApiError.parse(twice.json).message]).toEqual([400, "teamId may be given once"]);
    const blank = await call(w.app, "GET", `${base}/points?teamId=&measureId=`, { token: w.tokens.faculty });
    expect(blank.status).toBe(200);
    const day = await call(w.app, "GET", `${base}/periods?asOf=2026-02-30`, { token: w.tokens.faculty });
    expect([day.status, ApiError.parse(day.json).message]).toEqual([400, 'asOf must be a date written YYYY-MM-DD, e.g. 2026-03-10 (got "2026-02-30")']);
    const missing = await call(w.app, "GET", `${base}/teams/alpha/suggestion`, { token: w.tokens.alpha });
    expect([missing.status, ApiError.parse(missing.json).message]).toEqual([400, 'period must be a month written YYYY-MM, e.g. 2026-03 (got "")']);
  });

  it("a body's zod issues become a 422 VALIDATION with one SCHEMA conflict per issue at its path", async () => {
    const reply = await call(w.app, "PUT", `${base}/teams/alpha/scores/2026-02`, { token: w.tokens.faculty, body: { score: 9, rationale: "", extra: 1 } });
    expect(reply.status).toBe(422);
    const body = ApiError.parse(reply.json);
    expect(body.code).toBe("VALIDATION");
    expect(body.message).toMatch(/^the score has \d+ problems; the first at /);
    expect(body.conflicts?.map((c) => [c.path, c.code])).toEqual(expect.arrayContaining([[["score"], "SCHEMA"], [["rationale"], "SCHEMA"], [["extra"], "SCHEMA"]]));
  });

  it("a body sent without a JSON Content-Type is refused by name, never read as an empty object", async () => {
    const reply = await call(w.app, "PUT", `${base}/teams/alpha/scores/2026-02`, {
      token: w.tokens.faculty,
      rawBody: JSON.stringify({ score: 4, rationale: "steady" }),
      headers: { "content-type": "text/plain" },
    });
    expect([reply.status, ApiError.parse(reply.json).message]).toEqual([400, "send the score as JSON with the header Content-Type: application/json (got text/plain)"]);
    const empty = await call(w.app, "PUT", `${base}/teams/alpha/scores/2026-02`, { token: w.tokens.faculty, rawBody: "" });
    expect([empty.status, ApiError.parse(empty.json).code]).toEqual([400, "MALFORMED_JSON"]);
  });

  it("a lock takes no body, with or without a JSON Content-Type; a reopen's reason comes from the body", async () => {
    const bare = await call(w.app, "POST", `${base}/periods/2026-01/lock`, { token: w.tokens.admin });
    expect(bare.status).toBe(200);
    const typed = await call(w.app, "POST", `${base}/periods/2026-01/lock`, { token: w.tokens.admin, rawBody: "", headers: { "content-type": "application/json" } });
    expect(typed.status).toBe(200);
    const reopen = await call(w.app, "POST", `${base}/periods/2026-01/reopen`, { token: w.tokens.admin, body: { reason: "late lab results" } });
    expect([reopen.status, reopen.json.periods[0].locked]).toEqual([200, false]);
  });

  it("the role is checked before the body: a team token's score is 403 whatever it sends", async () => {
    for (const rawBody of ["{", JSON.stringify({ score: 4, rationale: "self-scored" })]) {
      const reply = await call(w.app, "PUT", `${base}/teams/alpha/scores/2026-02`, { token: w.tokens.alpha, rawBody });
      expect([reply.status, ApiError.parse(reply.json).code]).toEqual([403, "FORBIDDEN"]);
    }
    const lock = await call(w.app, "POST", `${base}/periods/2026-1/lock`, { token: w.tokens.faculty });
    expect(lock.status).toBe(403);
  });
});
