// The read endpoints over app.request(): me, collaboratives, points per sharing mode, run charts,
// status, completeness, scores and % at 4+, CSV export.
import {
  ApiError,
  CollaborativeList,
  CollaborativeView,
  Completeness,
  Me,
  PeriodsResponse,
  PointsResponse,
  RunChartsResponse,
  ScoresResponse,
  ScoreSaved,
  ScoreSuggestion,
  TeamStatus,
  type SharingMode,
} from "../../src/core/index";
import { RULE_SET_EXPECTED, RULE_SET_MONTHS, RULE_SET_SERIES } from "../fixtures/ruleSets";
import { call, februaryReport, fixtureCollaborative, makeWorld, postgresHandle, sqliteHandle, type World } from "./helpers";

const base = "/api/v1/collaboratives/sepsis";

async function report(w: World, token: string, body: unknown, at?: string): Promise<void> {
  if (at) w.clock.set(at);
  const reply = await call(w.app, "POST", `${base}/submissions`, { token, body });
  if (reply.status !== 201) throw new Error(`setup report refused: ${reply.text}`);
}

describe("GET /api/v1/me and collaboratives", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });
  afterAll(async () => w.close());

  it("me: a team token gets its role, label, team and collaborative", async () => {
    const me = Me.parse((await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha })).json);
    expect(me).toMatchObject({ role: "team", tokenLabel: "alpha data lead", team: { id: "alpha", name: "Alpha Hospital" } });
    expect(me.collaborative?.measures.map((m) => m.id)).toEqual(["abx-1h", "mortality", "readmissions", "door-to-abx"]);
  });

  it("me: an unbound admin token has no team and no collaborative", async () => {
    expect(Me.parse((await call(w.app, "GET", "/api/v1/me", { token: w.tokens.admin })).json)).toEqual({ role: "admin", tokenLabel: "admin", team: null, collaborative: null });
  });

  it("collaboratives: faculty of one collaborative see that one; an admin sees all", async () => {
    expect(CollaborativeList.parse((await call(w.app, "GET", "/api/v1/collaboratives", { token: w.tokens.faculty })).json).collaboratives.map((c) => c.id)).toEqual(["sepsis"]);
    expect(CollaborativeList.parse((await call(w.app, "GET", "/api/v1/collaboratives", { token: w.tokens.admin })).json).collaboratives.map((c) => [c.id, c.teamCount])).toEqual([
      ["other", 1],
      ["sepsis", 3],
    ]);
  });

  it("collaborative: the definition with its teams; another collaborative's token is 403; unknown id 404", async () => {
    const view = CollaborativeView.parse((await call(w.app, "GET", base, { token: w.tokens.faculty })).json);
    expect(view).toMatchObject({ id: "sepsis", dueDay: 15, teamCount: 3 });
    expect(view.teams.map((t) => t.name)).toEqual(["Alpha Hospital", "Bravo Clinic", "Charlie Infirmary"]);
    expect((await call(w.app, "GET", base, { token: w.tokens.otherFaculty })).status).toBe(403);
    expect((await call(w.app, "GET", "/api/v1/collaboratives/nope", { token: w.tokens.admin })).status).toBe(404);
    expect((await call(w.app, "GET", "/api/v1/collaboratives/Bad_Id", { token: w.tokens.admin })).status).toBe(400);
  });
});

describe("sharing modes on GET points and GET collaborative", () => {
  const worlds = new Map<SharingMode, World>();
  beforeAll(async () => {
    for (const sharing of ["named", "blinded", "aggregate"] as const) {
      const w = await makeWorld({ collaborative: { sharing } });
      await report(w, w.tokens.alpha, februaryReport([], 40));
      await report(w, w.tokens.bravo, februaryReport([], 20));
      await report(w, w.tokens.charlie, februaryReport([], 30));
      worlds.set(sharing, w);
    }
  });
  afterAll(async () => {
    for (const w of worlds.values()) await w.close();
  });
  const points = async (sharing: SharingMode, token: (w: World) => string, query = "?measureId=abx-1h") => {
    const w = worlds.get(sharing) as World;
    return PointsResponse.parse((await call(w.app, "GET", `${base}/points${query}`, { token: token(w) })).json);
  };

  it("named: every team sees every team by name", async () => {
    const body = await points("named", (w) => w.tokens.bravo);
    expect(body.measures[0].series.map((s) => [s.teamId, s.teamLabel, s.own])).toEqual([
      ["alpha", "Alpha Hospital", false],
      ["bravo", "Bravo Clinic", true],
      ["charlie", "Charlie Infirmary", false],
    ]);
  });

  it("blinded: a team sees its own name and the others as stable letters without ids; faculty see names", async () => {
    const bravo = await points("blinded", (w) => w.tokens.bravo);
    expect(bravo.measures[0].series.map((s) => [s.teamId, s.teamLabel, s.own])).toEqual([
      [null, "Team A", false],
      ["bravo", "Bravo Clinic", true],
      [null, "Team C", false],
    ]);
    expect(JSON.stringify(bravo)).not.toMatch(/alpha|Alpha|charlie|Charlie/);
    const again = await points("blinded", (w) => w.tokens.charlie);
    expect(again.measures[0].series.map((s) => s.teamLabel)).toEqual(["Team A", "Team B", "Charlie Infirmary"]);
    expect((await points("blinded", (w) => w.tokens.faculty)).measures[0].series.map((s) => s.teamLabel)).toEqual(["Alpha Hospital", "Bravo Clinic", "Charlie Infirmary"]);
    const w = worlds.get("blinded") as World;
    expect((await call(w.app, "GET", `${base}/points?teamId=alpha`, { token: w.tokens.bravo })).status).toBe(403);
    const view = CollaborativeView.parse((await call(w.app, "GET", base, { token: w.tokens.bravo })).json);
    expect(view.teams.map((t) => [t.id, t.name])).toEqual([
      [null, "Team A"],
      ["bravo", "Bravo Clinic"],
      [null, "Team C"],
    ]);
  });

  it("aggregate: a team sees only its own points plus the pooled monthly aggregate (sum / sum), withheld while fewer than 3 other teams are in it", async () => {
    const bravo = await points("aggregate", (w) => w.tokens.bravo);
    expect(bravo.measures[0].series.map((s) => s.teamId)).toEqual(["bravo"]);
    expect(bravo.measures[0].aggregate).toEqual([{ period: "2026-02", numerator: null, denominator: null, value: null, teamCount: 3, suppressed: true }]);
    const faculty = await points("aggregate", (w) => w.tokens.faculty);
    expect(faculty.measures[0].series).toHaveLength(3);
    expect(faculty.measures[0].aggregate).toEqual([{ period: "2026-02", numerator: 90, denominator: 150, value: 60, teamCount: 3, suppressed: false }]);
    const w = worlds.get("aggregate") as World;
    expect(CollaborativeView.parse((await call(w.app, "GET", base, { token: w.tokens.bravo })).json).teams.map((t) => t.id)).toEqual(["bravo"]);
    const mortality = await points("aggregate", (x) => x.tokens.faculty, "?measureId=mortality");
    expect(mortality.measures[0].aggregate[0]).toMatchObject({ numerator: 9, denominator: 3600, value: 2.5 });
  });

  it("an unknown measure is 404", async () => {
    const w = worlds.get("named") as World;
    expect((await call(w.app, "GET", `${base}/points?measureId=nope`, { token: w.tokens.faculty })).status).toBe(404);
  });

  it("run charts: aligned months, median, and the rule set applied; blinded labels as for points", async () => {
    const w = worlds.get("blinded") as World;
    const body = RunChartsResponse.parse((await call(w.app, "GET", `${base}/runcharts?measureId=abx-1h`, { token: w.tokens.bravo })).json);
    expect(body).toMatchObject({ ruleSet: "ihi", rules: { name: "IHI rules", centerLine: "median" } });
    expect(body).not.toHaveProperty("analysis");
    expect(body.months).toEqual(["2026-01", "2026-02"]);
    expect(body.measures[0]).toMatchObject({ measureId: "abx-1h", goal: 95, improvementDirection: "increase" });
    expect(body.measures[0].series[1]).toMatchObject({ teamId: "bravo", teamLabel: "Bravo Clinic", centerLine: 40, signals: [], improving: false, points: [{ period: "2026-01", value: null }, { period: "2026-02", value: 40 }] });
    expect(body.measures[0].series[0].teamId).toBeNull();
  });
});

// One data set, three rule sets (test/fixtures/ruleSets.ts): a different signal under each.
// Changing the collaborative's ruleSet changes /runcharts and the suggestion's evidence and reasons alike.
describe("the collaborative's rule set, through the HTTP API", () => {
  const expected = {
    ihi: { ...RULE_SET_EXPECTED.ihi, showing: "1 of 1 outcome and process measures show improvement" },
    anhoej: { ...RULE_SET_EXPECTED.anhoej, showing: "1 of 1 outcome and process measures show improvement" },
    mdc: { ...RULE_SET_EXPECTED.mdc, showing: "0 of 1 outcome and process measures show improvement" },
  } as const;
  const worlds = new Map<string, World>();
  beforeAll(async () => {
    for (const ruleSet of ["ihi", "anhoej", "mdc"] as const) {
      const w = await makeWorld({ collaborative: { ruleSet, startMonth: "2025-01", lockAfterDays: 0, measures: [fixtureCollaborative().measures[0]!] } });
      await report(w, w.tokens.alpha, {
        reportingMonth: "2026-02",
        points: RULE_SET_SERIES.map((numerator, i) => ({ measureId: "abx-1h", period: RULE_SET_MONTHS[i], numerator, denominator: 100, annotation: i === 8 ? "Sepsis screening at triage" : undefined })),
      });
      worlds.set(ruleSet, w);
    }
  });
  afterAll(async () => {
    for (const w of worlds.values()) await w.close();
  });

  it.each(["ihi", "anhoej", "mdc"] as const)("ruleSet %s: /runcharts names the rules and reads alpha's chart by them", async (ruleSet) => {
    const w = worlds.get(ruleSet) as World;
    const body = RunChartsResponse.parse((await call(w.app, "GET", `${base}/runcharts`, { token: w.tokens.faculty })).json);
    expect(body.ruleSet).toBe(ruleSet);
    expect(body.rules).toMatchObject({ name: expected[ruleSet].name, centerLine: expected[ruleSet].centerLine });
    const alpha = body.measures[0]!.series.find((s) => s.teamId === "alpha")!;
    expect(alpha.points.map((p) => p.value)).toEqual(RULE_SET_SERIES);
    expect(alpha.signals.map((s) => `${s.rule}: ${s.meaning}`)).toEqual(expected[ruleSet].signals);
    expect(alpha.improving).toBe(expected[ruleSet].improving);
    expect(alpha.lpl === null).toBe(ruleSet !== "mdc");
  });

  it.each(["ihi", "anhoej", "mdc"] as const)("ruleSet %s: the suggestion's evidence is read by the same rules, and its reasons name them", async (ruleSet) => {
    const w = worlds.get(ruleSet) as World;
    const body = ScoreSuggestion.parse((await call(w.app, "GET", `${base}/teams/alpha/suggestion?period=2026-02`, { token: w.tokens.faculty })).json);
    expect(body).toMatchObject({ teamId: "alpha", period: "2026-02", ruleSet });
    const reasons = body.suggested!.reasons.join("\n");
    expect(reasons).toContain(expected[ruleSet].showing);
    expect(reasons).toContain(`Run charts are read by the ${expected[ruleSet].name}:`);
  });

  it("the three rule sets give three different answers for the one data set", async () => {
    const answers = await Promise.all(
      [...worlds.values()].map(async (w) => JSON.stringify((await call(w.app, "GET", `${base}/runcharts`, { token: w.tokens.faculty })).json.measures[0].series[0].signals)),
    );
    expect(new Set(answers).size).toBe(3);
  });
});

describe("GET …/teams/{teamId}/suggestion", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
    await report(w, w.tokens.alpha, februaryReport());
  });
  afterAll(async () => w.close());

  it("answers the stored data's suggestion for the month; no data up to the month: suggested null", async () => {
    const feb = ScoreSuggestion.parse((await call(w.app, "GET", `${base}/teams/alpha/suggestion?period=2026-02`, { token: w.tokens.faculty })).json);
    expect(feb.suggested).toMatchObject({ score: 2.5, label: "Changes tested, but no improvement" });
    expect(feb.suggested!.reasons).toContain("1 change tested.");
    const jan = ScoreSuggestion.parse((await call(w.app, "GET", `${base}/teams/alpha/suggestion?period=2026-01`, { token: w.tokens.faculty })).json);
    expect(jan.suggested).toBeNull();
  });

  it("a team reads its own suggestion only; the period is required", async () => {
    expect((await call(w.app, "GET", `${base}/teams/alpha/suggestion?period=2026-02`, { token: w.tokens.alpha })).status).toBe(200);
    expect((await call(w.app, "GET", `${base}/teams/alpha/suggestion?period=2026-02`, { token: w.tokens.bravo })).status).toBe(403);
    const missing = await call(w.app, "GET", `${base}/teams/alpha/suggestion`, { token: w.tokens.faculty });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toMatch(/period must be a month written YYYY-MM/);
  });
});

describe("status, completeness and scores", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ now: "2026-02-10T10:00:00.000Z" });
    // January: alpha on time, bravo late, charlie missing. February: alpha on time.
    await report(w, w.tokens.alpha, { reportingMonth: "2026-01", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 40, denominator: 50 }] }, "2026-02-10T10:00:00.000Z");
    await report(w, w.tokens.bravo, { reportingMonth: "2026-01", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 20, denominator: 50 }] }, "2026-02-16T10:00:00.000Z");
    await report(w, w.tokens.alpha, { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 45, denominator: 50 }] }, "2026-03-14T10:00:00.000Z");
    w.clock.set("2026-03-20T10:00:00.000Z");
  });
  afterAll(async () => w.close());

  it("status: the current reporting month, its due date and status; asOf moves it", async () => {
    const alpha = TeamStatus.parse((await call(w.app, "GET", `${base}/teams/alpha/status`, { token: w.tokens.alpha })).json);
    expect(alpha).toMatchObject({ asOf: "2026-03-20", reportingMonth: "2026-02", dueDate: "2026-03-15", status: "on_time", latestRevision: 1, receivedAt: "2026-03-14T10:00:00.000Z", locked: false });
    const bravo = await call(w.app, "GET", `${base}/teams/bravo/status?asOf=2026-03-10`, { token: w.tokens.bravo });
    expect(bravo.json).toMatchObject({ reportingMonth: "2026-02", status: "not_due", latestRevision: null });
    expect((await call(w.app, "GET", `${base}/teams/bravo/status?asOf=2026-03-16`, { token: w.tokens.bravo })).json.status).toBe("missing");
    expect((await call(w.app, "GET", `${base}/teams/bravo/status?asOf=2026-02-20`, { token: w.tokens.bravo })).json).toMatchObject({ reportingMonth: "2026-01", status: "late" });
    expect((await call(w.app, "GET", `${base}/teams/bravo/status`, { token: w.tokens.alpha })).status).toBe(403);
    expect((await call(w.app, "GET", `${base}/teams/bravo/status?asOf=2026-02-30`, { token: w.tokens.bravo })).status).toBe(400);
    expect((await call(w.app, "GET", `${base}/teams/zulu/status`, { token: w.tokens.faculty })).status).toBe(404);
  });

  it("completeness: per team and month on time / late / missing, with totals per month (faculty only)", async () => {
    const body = Completeness.parse((await call(w.app, "GET", `${base}/completeness?asOf=2026-03-20`, { token: w.tokens.faculty })).json);
    expect(body.months).toEqual([
      { period: "2026-01", dueDate: "2026-02-15", expected: 3, received: 2, onTime: 1, late: 1, missing: 1, notDue: 0 },
      { period: "2026-02", dueDate: "2026-03-15", expected: 3, received: 1, onTime: 1, late: 0, missing: 2, notDue: 0 },
    ]);
    expect(body.teams.map((t) => [t.teamId, t.cells.map((c) => c.status).join(",")])).toEqual([
      ["alpha", "on_time,on_time"],
      ["bravo", "late,missing"],
      ["charlie", "missing,missing"],
    ]);
    expect(body.teams[1]).toMatchObject({ expected: 2, received: 1, onTime: 0, late: 1, missing: 1 });
    const early = Completeness.parse((await call(w.app, "GET", `${base}/completeness?asOf=2026-03-10`, { token: w.tokens.admin })).json);
    expect(early.months[1]).toMatchObject({ expected: 1, received: 1, notDue: 2, missing: 0 });
    expect((await call(w.app, "GET", `${base}/completeness`, { token: w.tokens.alpha })).status).toBe(403);
  });

  it("scores: PUT stores a faculty score (history kept) with the software's suggestion; GET gives % of teams at 4+", async () => {
    const put = (team: string, period: string, body: unknown, token = w.tokens.faculty) => call(w.app, "PUT", `${base}/teams/${team}/scores/${period}`, { token, body });
    const saved = await put("alpha", "2026-01", { score: 3.5, rationale: "bundle in place" });
    expect(saved.status).toBe(200);
    const parsed = ScoreSaved.parse(saved.json);
    expect(parsed).toMatchObject({ teamId: "alpha", period: "2026-01", score: 3.5, rationale: "bundle in place", by: "faculty" });
    // core's suggestTeamScore, fed with the team's points up to that month: what GET …/suggestion answers
    const suggestion = ScoreSuggestion.parse((await call(w.app, "GET", `${base}/teams/alpha/suggestion?period=2026-01`, { token: w.tokens.faculty })).json);
    expect(parsed.suggested).not.toBeNull();
    expect(parsed.suggested).toEqual(suggestion.suggested);
    await put("alpha", "2026-01", { score: 4.5, rationale: "sustained" });
    await put("bravo", "2026-01", { score: 2, rationale: "baseline collected, no changes yet" });
    await put("charlie", "2026-01", { score: 4, rationale: "outcome improved" });
    await put("alpha", "2026-02", { score: 4, rationale: "held the gain" });

    const body = ScoresResponse.parse((await call(w.app, "GET", `${base}/scores`, { token: w.tokens.faculty })).json);
    expect(body.teamsTotal).toBe(3);
    expect(body.months).toEqual([
      // core's countAtLeast on the month's faculty scores (4.5, 2, 4 and 4): percent on the 0-100 scale
      { period: "2026-01", teamsScored: 3, teamsAtLeast4: 2, percentAtLeast4: (100 * 2) / 3, teamsTotal: 3 },
      { period: "2026-02", teamsScored: 1, teamsAtLeast4: 1, percentAtLeast4: 100, teamsTotal: 3 },
    ]);
    expect(body.scores.find((s) => s.teamId === "alpha" && s.period === "2026-01")?.faculty).toMatchObject({ score: 4.5, rationale: "sustained" });
    const own = ScoresResponse.parse((await call(w.app, "GET", `${base}/scores`, { token: w.tokens.bravo })).json);
    expect(own.scores.map((s) => s.teamId)).toEqual(["bravo"]);
    expect(own.months[0].percentAtLeast4).toBeCloseTo(66.67, 1);
    expect((await call(w.app, "GET", `${base}/scores?teamId=alpha`, { token: w.tokens.bravo })).status).toBe(403);
    const history = await w.handle.raw("SELECT score FROM assessment_scores WHERE team_id = 'alpha' AND period = '2026-01' ORDER BY id");
    expect(history.map((r) => Number(r.score))).toEqual([3.5, 4.5]);
  });

  it("scores: refused for teams (403), off the scale (422 with a path), in the future (422), unknown team (404)", async () => {
    const put = (team: string, period: string, body: unknown, token = w.tokens.faculty) => call(w.app, "PUT", `${base}/teams/${team}/scores/${period}`, { token, body });
    expect((await put("alpha", "2026-01", { score: 4 }, w.tokens.alpha)).status).toBe(403);
    const bad = await put("alpha", "2026-01", { score: 4.2 });
    expect(bad.status).toBe(422);
    expect(bad.json.conflicts[0]).toMatchObject({ path: ["score"], message: "use steps of 0.5 (e.g. 3.5)" });
    const future = await put("alpha", "2026-09", { score: 4, rationale: "early" });
    expect([future.status, future.json.conflicts[0]]).toEqual([422, expect.objectContaining({ code: "PERIOD_IN_FUTURE", path: ["period"], period: "2026-09" })]);
    expect((await put("zulu", "2026-01", { score: 4, rationale: "x" })).status).toBe(404);
  });

  it("scores: a rationale is required (422 naming the field and saying what to write), and other bodies are refused with the shared error shape", async () => {
    const put = (team: string, period: string, body: unknown, token = w.tokens.faculty) => call(w.app, "PUT", `${base}/teams/${team}/scores/${period}`, { token, body });
    for (const body of [{ score: 4 }, { score: 4, rationale: "   " }]) {
      const reply = await put("charlie", "2026-02", body);
      expect(reply.status).toBe(422);
      expect(ApiError.parse(reply.json)).toMatchObject({ code: "VALIDATION" });
      expect(reply.json.conflicts[0]).toMatchObject({ path: ["rationale"], message: expect.stringMatching(/^rationale is required: say in a sentence why the team earns this score/) });
    }
    const wrongType = await put("charlie", "2026-02", { score: 4, rationale: 4 });
    expect(wrongType.status).toBe(422);
    expect(wrongType.json.conflicts[0]).toMatchObject({ path: ["rationale"], message: expect.stringMatching(/^rationale must be text/) });
    const long = await put("charlie", "2026-02", { score: 4, rationale: "x".repeat(4001) });
    expect([long.status, long.json.conflicts[0].path]).toEqual([422, ["rationale"]]);
    const malformed = await call(w.app, "PUT", `${base}/teams/charlie/scores/2026-02`, { token: w.tokens.faculty, rawBody: '{"score": 4,' });
    expect([malformed.status, ApiError.parse(malformed.json).code]).toEqual([400, "MALFORMED_JSON"]);
    const huge = await put("charlie", "2026-02", { score: 4, rationale: "x".repeat(2_000_000) });
    expect([huge.status, ApiError.parse(huge.json).code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    const otherFaculty = await put("charlie", "2026-02", { score: 4, rationale: "not my collaborative" }, w.tokens.otherFaculty);
    expect([otherFaculty.status, ApiError.parse(otherFaculty.json).code]).toEqual([403, "FORBIDDEN"]);
    expect((await put("charlie", "2026-1", { score: 4, rationale: "bad month" })).status).toBe(400);
    const stored = await w.handle.raw("SELECT COUNT(*) AS n FROM assessment_scores WHERE team_id = 'charlie' AND period = '2026-02' AND source = 'faculty'");
    expect(Number(stored[0].n)).toBe(0);
  });

  it("completeness and scores page over teams in joining order (teamOffset, teamLimit); pages put together are the whole answer", async () => {
    const get = async (path: string) => (await call(w.app, "GET", `${base}/${path}`, { token: w.tokens.faculty })).json;
    const whole = Completeness.parse(await get("completeness?asOf=2026-03-20"));
    expect(whole.page).toBeUndefined();
    const first = Completeness.parse(await get("completeness?asOf=2026-03-20&teamLimit=2"));
    const second = Completeness.parse(await get(`completeness?asOf=2026-03-20&teamOffset=${first.page?.nextOffset}&teamLimit=2`));
    expect(first.page).toEqual({ offset: 0, limit: 2, teamsTotal: 3, nextOffset: 2 });
    expect(second.page).toEqual({ offset: 2, limit: 2, teamsTotal: 3, nextOffset: null });
    expect([...first.teams, ...second.teams]).toEqual(whole.teams);
    // a page's month totals count its own teams, as with teamId
    expect(second.months[0]).toMatchObject({ expected: 1, received: 0, missing: 1 });
    expect(Completeness.parse(await get("completeness?teamOffset=3")).teams).toEqual([]);

    const scores = ScoresResponse.parse(await get("scores"));
    const pages = [ScoresResponse.parse(await get("scores?teamLimit=1")), ScoresResponse.parse(await get("scores?teamOffset=1&teamLimit=1")), ScoresResponse.parse(await get("scores?teamOffset=2"))];
    expect(pages.map((p) => p.page?.nextOffset)).toEqual([1, 2, null]);
    expect(pages.flatMap((p) => p.scores).sort((a, b) => (a.period + a.teamId).localeCompare(b.period + b.teamId))).toEqual(scores.scores);
    // the monthly headline counts every team on every page
    for (const p of pages) expect(p.months).toEqual(scores.months);
  });

  it("a page of teams: bad values and teamId with a page are 400 naming the parameter", async () => {
    const status = async (path: string, token = w.tokens.faculty) => {
      const reply = await call(w.app, "GET", `${base}/${path}`, { token });
      return [reply.status, ApiError.parse(reply.json).message];
    };
    expect(await status("completeness?teamLimit=0")).toEqual([400, expect.stringContaining("teamLimit must be a whole number from 1 to 1,000")]);
    expect(await status("scores?teamLimit=1001")).toEqual([400, expect.stringContaining("teamLimit")]);
    expect(await status("scores?teamOffset=-1")).toEqual([400, expect.stringContaining("teamOffset must be a whole number")]);
    expect(await status("completeness?teamOffset=two")).toEqual([400, expect.stringContaining("teamOffset")]);
    expect(await status("completeness?teamId=alpha&teamOffset=0")).toEqual([400, expect.stringContaining("not with teamId")]);
    expect(await status("scores?teamOffset=0", w.tokens.alpha)).toEqual([400, expect.stringContaining("a team token reads its own team only")]);
  });

  it("periods: every month with its due date and lock date", async () => {
    const body = PeriodsResponse.parse((await call(w.app, "GET", `${base}/periods?asOf=2026-03-20`, { token: w.tokens.alpha })).json);
    expect(body.periods).toHaveLength(12);
    expect(body.periods[0]).toEqual({ period: "2026-01", dueDate: "2026-02-15", lockDate: "2026-04-16", locked: false, state: "open", reason: null, changedAt: null });
  });
});

describe("GET export.csv", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
    await w.store.addTeam("sepsis", { id: "evil", name: "=HYPERLINK(\"http://x\",\"click\")", organisation: "+cmd|' /C calc'!A0" }, "2026-01-01T00:00:00.000Z", { tokenId: null, label: "t" });
    await report(w, w.tokens.alpha, {
      reportingMonth: "2026-02",
      points: [
        { measureId: "abx-1h", period: "2026-02", numerator: 40, denominator: 50, annotation: "@SUM(1+1) tested, \"quoted\"" },
        { measureId: "door-to-abx", period: "2026-02", value: -3.5, annotation: "-2+3" },
      ],
    });
  });
  afterAll(async () => w.close());

  it("exports every current point; formula-like text is neutralised with ', negative numbers stay numbers", async () => {
    const reply = await call(w.app, "GET", `${base}/export.csv`, { token: w.tokens.faculty });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(reply.headers.get("content-disposition")).toBe('attachment; filename="sepsis-points.csv"');
    const lines = reply.text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("collaborative,team_id,team,organisation,measure_id,measure,period,numerator,denominator,value,annotation,revision,received_at");
    expect(lines[1]).toBe('sepsis,alpha,Alpha Hospital,Alpha Health,abx-1h,Antibiotics within 1 hour,2026-02,40,50,80,"\'@SUM(1+1) tested, ""quoted""",1,2026-03-05T10:00:00.000Z');
    expect(lines[2]).toBe("sepsis,alpha,Alpha Hospital,Alpha Health,door-to-abx,Door to antibiotics (minutes),2026-02,,,-3.5,'-2+3,1,2026-03-05T10:00:00.000Z");
  });

  it("neutralises a team name that is a formula; teams may not export (403)", async () => {
    await call(w.app, "POST", `${base}/submissions?teamId=evil`, { token: w.tokens.admin, body: { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 1, denominator: 2 }] } });
    const text = (await call(w.app, "GET", `${base}/export.csv`, { token: w.tokens.admin })).text;
    const evil = text.split("\r\n").find((l) => l.includes(",evil,")) ?? "";
    expect(evil).toContain(`,"'=HYPERLINK(""http://x"",""click"")",'+cmd|' /C calc'!A0,`);
    expect(text).not.toMatch(/,=|,\+|,@/);
    expect((await call(w.app, "GET", `${base}/export.csv`, { token: w.tokens.alpha })).status).toBe(403);
  });
});

describe("completeness and scores on both engines", () => {
  // The two engines read these through different SQL (JSON array aggregates), so the answers are
  // compared byte for byte, with rationales that need escaping.
  const worlds: World[] = [];
  beforeAll(async () => {
    for (const handle of [await sqliteHandle(), await postgresHandle()]) {
      const w = await makeWorld({ handle, now: "2026-02-10T10:00:00.000Z" });
      worlds.push(w);
      await report(w, w.tokens.alpha, { reportingMonth: "2026-01", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 40, denominator: 50 }], selfAssessment: 2.5 });
      await report(w, w.tokens.bravo, { reportingMonth: "2026-01", points: [{ measureId: "abx-1h", period: "2026-01", numerator: 20, denominator: 50 }] }, "2026-02-16T10:00:00.000Z");
      w.clock.set("2026-03-20T10:00:00.000Z");
      const put = (team: string, period: string, score: number, rationale: string) =>
        call(w.app, "PUT", `${base}/teams/${team}/scores/${period}`, { token: w.tokens.faculty, body: { score, rationale } });
      await put("charlie", "2026-01", 4, 'said "better"\nand \\ more');
      await put("alpha", "2026-01", 4.5, "Ünïcödé ✓ 😀");
      await put("bravo", "2026-02", 0.5, "  baseline only  ");
      await put("alpha", "2026-02", 5, "\t tab");
    }
  });
  afterAll(async () => {
    for (const w of worlds) await w.close();
  });

  it.each([
    "completeness",
    "completeness?asOf=2026-02-20&teamId=bravo",
    "completeness?teamOffset=1&teamLimit=1",
    "scores",
    "scores?period=2026-01",
    "scores?teamId=alpha",
    "scores?teamOffset=1",
    "scores?teamLimit=2&period=2026-02",
  ])("GET %s", async (path) => {
    const [sqlite, postgres] = await Promise.all(worlds.map((w) => call(w.app, "GET", `${base}/${path}`, { token: w.tokens.faculty })));
    expect(sqlite.status).toBe(200);
    expect(postgres.text).toBe(sqlite.text);
  });

  it("scores keep the order (period, team) and both sources of a team-month", async () => {
    const body = ScoresResponse.parse((await call(worlds[1].app, "GET", `${base}/scores`, { token: worlds[1].tokens.faculty })).json);
    expect(body.scores.map((s) => [s.period, s.teamId, s.faculty?.score ?? null, s.self?.score ?? null])).toEqual([
      ["2026-01", "alpha", 4.5, 2.5],
      ["2026-01", "charlie", 4, null],
      ["2026-02", "alpha", 5, null],
      ["2026-02", "bravo", 0.5, null],
    ]);
    expect(body.scores[1].faculty?.rationale).toBe('said "better"\nand \\ more');
  });
});

describe("error paths of every read endpoint", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
    await report(w, w.tokens.alpha, februaryReport());
  });
  afterAll(async () => w.close());

  const reads = [
    "",
    "/points",
    "/runcharts",
    "/teams/alpha/submissions",
    "/teams/alpha/status",
    "/teams/alpha/cycles",
    "/cycles",
    "/completeness",
    "/scores",
    "/export.csv",
    "/periods",
  ];

  it.each(reads)("GET {id}%s: 401 without a valid token, 403 for another collaborative's faculty, 404 for an unknown collaborative", async (path) => {
    for (const token of [undefined, w.tokens.revoked, w.tokens.expired, "qi_not-a-real-token"]) {
      const reply = await call(w.app, "GET", `${base}${path}`, token ? { token } : {});
      expect([path, reply.status, ApiError.parse(reply.json).code]).toEqual([path, 401, "UNAUTHENTICATED"]);
    }
    const other = await call(w.app, "GET", `${base}${path}`, { token: w.tokens.otherFaculty });
    expect([path, other.status, ApiError.parse(other.json).code]).toEqual([path, 403, "FORBIDDEN"]);
    const unknown = await call(w.app, "GET", `/api/v1/collaboratives/nope${path}`, { token: w.tokens.admin });
    expect([path, unknown.status, ApiError.parse(unknown.json).code]).toEqual([path, 404, "NOT_FOUND"]);
  });

  it("a team token asking about another team is 403 whether that team exists or not, so blinded ids cannot be probed", async () => {
    for (const team of ["bravo", "zulu", "no-such-team"]) {
      for (const path of [`/teams/${team}/status`, `/teams/${team}/submissions`, `/teams/${team}/submissions/x`, `/teams/${team}/cycles`]) {
        const reply = await call(w.app, "GET", `${base}${path}`, { token: w.tokens.alpha });
        expect([path, reply.status, ApiError.parse(reply.json).code]).toEqual([path, 403, "FORBIDDEN"]);
      }
    }
    expect((await call(w.app, "GET", `${base}/teams/no-such-team/status`, { token: w.tokens.faculty })).status).toBe(404);
    expect((await call(w.app, "GET", `${base}/teams/alpha/submissions/no-such-revision`, { token: w.tokens.alpha })).status).toBe(404);
  });

  it("runcharts: an unknown measure is 404; periods, status and completeness: a malformed asOf is 400 naming it", async () => {
    const runcharts = await call(w.app, "GET", `${base}/runcharts?measureId=nope`, { token: w.tokens.faculty });
    expect([runcharts.status, ApiError.parse(runcharts.json).code]).toEqual([404, "NOT_FOUND"]);
    for (const path of ["/periods?asOf=2026-13-01", "/teams/alpha/status?asOf=yesterday", "/completeness?asOf=2026-3-1"]) {
      const reply = await call(w.app, "GET", `${base}${path}`, { token: w.tokens.faculty });
      expect([path, reply.status]).toEqual([path, 400]);
      expect(ApiError.parse(reply.json).message).toMatch(/asOf/);
    }
    const scores = await call(w.app, "GET", `${base}/scores?period=2026-1`, { token: w.tokens.faculty });
    expect([scores.status, ApiError.parse(scores.json).message]).toEqual([400, 'period must be a month written YYYY-MM, e.g. 2026-03 (got "2026-1")']);
  });

  it("a month is `period` in every URL: ?period= narrows the scores; the old ?month= (and any name the OpenAPI document does not list) is 400 naming it and the ones taken", async () => {
    const put = (team: string, period: string, score: number) => call(w.app, "PUT", `${base}/teams/${team}/scores/${period}`, { token: w.tokens.faculty, body: { score, rationale: "reviewed" } });
    expect((await put("alpha", "2026-01", 4)).status).toBe(200);
    expect((await put("alpha", "2026-02", 3)).status).toBe(200);
    const one = ScoresResponse.parse((await call(w.app, "GET", `${base}/scores?period=2026-02`, { token: w.tokens.faculty })).json);
    expect(one.scores.map((s) => [s.teamId, s.period, s.faculty?.score])).toEqual([["alpha", "2026-02", 3]]);
    const old = await call(w.app, "GET", `${base}/scores?month=2026-02`, { token: w.tokens.faculty });
    expect([old.status, ApiError.parse(old.json).code]).toEqual([400, "BAD_REQUEST"]);
    expect(old.json.message).toBe('unknown query parameter "month" for GET /api/v1/collaboratives/sepsis/scores: it takes teamId, period, teamOffset, teamLimit (see /api/v1/openapi.json)');
    const typo = await call(w.app, "GET", `${base}/points?teamid=alpha`, { token: w.tokens.faculty });
    expect([typo.status, typo.json.message]).toEqual([400, 'unknown query parameter "teamid" for GET /api/v1/collaboratives/sepsis/points: it takes measureId, teamId (see /api/v1/openapi.json)']);
    // path parameters: a month is {period}; the score answer and the lock answer both name it `period`
    expect((await put("alpha", "2026-02", 3.5)).json).toMatchObject({ period: "2026-02", score: 3.5 });
    const lock = await call(w.app, "POST", `${base}/periods/2026-02/lock`, { token: w.tokens.admin });
    expect([lock.status, lock.json.periods[0].period]).toEqual([200, "2026-02"]);
  });
});
