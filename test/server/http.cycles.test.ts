// PDSA cycles through the HTTP API: sent with the report (dry run and real), counted in the summary,
// read back per team and for the collaborative, in the submission detail, and counted by the
// suggestion's "changes tested". Both engines.
import { ApiError, CyclesResponse, ScoreSuggestion, SubmissionDetail, SubmissionSummary, type PdsaCycle } from "../../src/core/index";
import { call, februaryReport, makeWorld, postgresHandle, sqliteHandle, type World } from "./helpers";

const base = "/api/v1/collaboratives/sepsis";
const cycle = (over: Partial<PdsaCycle> = {}): PdsaCycle => ({
  cycleId: "1",
  changeIdea: "Sepsis screen at triage",
  measureIds: ["abx-1h"],
  prediction: "",
  startDate: "2026-02-03",
  endDate: null,
  whatHappened: "",
  decision: null,
  ...over,
});

describe.each([
  ["sqlite", sqliteHandle],
  ["postgres", postgresHandle],
] as const)("PDSA cycles over HTTP (%s)", (_engine, handle) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ handle: await handle() });
  });
  afterAll(async () => w.close());

  it("a dry run counts the cycles it would create; the report stores them; the detail carries them as sent", async () => {
    const body = { ...februaryReport(), narrative: { changesTested: "", lessons: "", barriers: "", helpWanted: "" }, cycles: [cycle(), cycle({ cycleId: "2", changeIdea: "Lactate on arrival", measureIds: [] })] };
    const dry = await call(w.app, "POST", `${base}/submissions?dryRun=true`, { token: w.tokens.alpha, body });
    expect(SubmissionSummary.parse(dry.json)).toMatchObject({ status: "dry_run", cycles: { created: 2, updated: 0, unchanged: 0, rejected: 0 } });
    expect(CyclesResponse.parse((await call(w.app, "GET", `${base}/teams/alpha/cycles`, { token: w.tokens.alpha })).json).cycles).toEqual([]);

    const sent = await call(w.app, "POST", `${base}/submissions`, { token: w.tokens.alpha, body });
    const summary = SubmissionSummary.parse(sent.json);
    expect(summary).toMatchObject({ status: "accepted", cycles: { created: 2 } });
    const detail = SubmissionDetail.parse((await call(w.app, "GET", `${base}/teams/alpha/submissions/${summary.submissionId}`, { token: w.tokens.faculty })).json);
    expect(detail.cycles.map((c) => c.cycleId)).toEqual(["1", "2"]);
  });

  it("GET …/teams/{teamId}/cycles: the team's own cycles (another team 403); GET …/cycles: faculty, filtered by team or measure", async () => {
    const own = CyclesResponse.parse((await call(w.app, "GET", `${base}/teams/alpha/cycles`, { token: w.tokens.alpha })).json);
    expect(own.cycles.map((c) => [c.teamId, c.cycleId, c.changeIdea, c.revision])).toEqual([
      ["alpha", "1", "Sepsis screen at triage", 1],
      ["alpha", "2", "Lactate on arrival", 1],
    ]);
    expect((await call(w.app, "GET", `${base}/teams/alpha/cycles`, { token: w.tokens.bravo })).status).toBe(403);
    const all = CyclesResponse.parse((await call(w.app, "GET", `${base}/cycles?measureId=abx-1h`, { token: w.tokens.faculty })).json);
    expect(all.cycles.map((c) => c.cycleId)).toEqual(["1"]);
    expect(CyclesResponse.parse((await call(w.app, "GET", `${base}/cycles?teamId=bravo`, { token: w.tokens.faculty })).json).cycles).toEqual([]);
    const team = await call(w.app, "GET", `${base}/cycles`, { token: w.tokens.alpha });
    expect([team.status, ApiError.parse(team.json).code]).toEqual([403, "FORBIDDEN"]);
    for (const path of ["/cycles?measureId=nope", "/cycles?teamId=zulu"]) expect((await call(w.app, "GET", `${base}${path}`, { token: w.tokens.faculty })).status).toBe(404);
    const unknown = await call(w.app, "GET", `${base}/cycles?team=alpha`, { token: w.tokens.faculty });
    expect([unknown.status, ApiError.parse(unknown.json).message]).toEqual([400, expect.stringMatching(/unknown query parameter "team".*it takes teamId, measureId/)]);
  });

  it("the suggestion's changes tested counts the stored cycles (two changes, no narrative or annotation)", async () => {
    const suggestion = ScoreSuggestion.parse((await call(w.app, "GET", `${base}/teams/alpha/suggestion?period=2026-02`, { token: w.tokens.faculty })).json);
    expect(suggestion.suggested?.reasons).toContain("2 changes tested.");
  });

  it("a schema error in a cycle is 422 naming its path; an ended cycle without a decision too", async () => {
    const reply = await call(w.app, "POST", `${base}/submissions`, { token: w.tokens.alpha, body: { ...februaryReport(), cycles: [cycle({ endDate: "2026-02-20" })] } });
    expect(reply.status).toBe(422);
    expect(ApiError.parse(reply.json).conflicts?.map((c) => [c.path, c.message])).toEqual([[["cycles", 0, "decision"], "the cycle has ended: say adopt, adapt, abandon or continue"]]);
  });
});
