// GET …/learning per sharing mode: what a team token gets of the other teams (their latest narratives'
// changes tested and lessons, the % at 4+), and GET …/runcharts as the Collaborative tab reads it.
// The server is the boundary: whatever a mode withholds is never in the answer's bytes.
import { CollaborativeLearning, RunChartsResponse, type SharingMode } from "../../src/core/index";
import { call, makeWorld, type World } from "./helpers";

const base = "/api/v1/collaboratives/sepsis";
const MONTH = "2026-02";

async function report(w: World, token: string, numerator: number, changesTested: string, lessons: string): Promise<void> {
  const reply = await call(w.app, "POST", `${base}/submissions`, {
    token,
    body: {
      reportingMonth: MONTH,
      points: [{ measureId: "abx-1h", period: MONTH, numerator, denominator: 50 }],
      narrative: { changesTested, lessons, barriers: "our barrier: night staffing", helpWanted: "help with the EHR alert" },
    },
  });
  if (reply.status !== 201) throw new Error(`setup report refused: ${reply.text}`);
}

async function score(w: World, teamId: string, value: number): Promise<void> {
  const reply = await call(w.app, "PUT", `${base}/teams/${teamId}/scores/${MONTH}`, { token: w.tokens.faculty, body: { score: value, rationale: "what the data show" } });
  if (reply.status !== 200) throw new Error(`setup score refused: ${reply.text}`);
}

/** A world of the given mode: alpha, bravo, charlie report and are scored (4.5, 3, 4); `extraTeams` more are added, scored 4 and reporting. */
async function world(sharing: SharingMode, extraTeams: readonly string[] = []): Promise<World> {
  const w = await makeWorld({ collaborative: { sharing } });
  await report(w, w.tokens.alpha, 40, "Sepsis screen at triage", "Nurses own the screen");
  await report(w, w.tokens.bravo, 20, "Antibiotic cart in ED", "Stock checks daily");
  await report(w, w.tokens.charlie, 30, "", "");
  await score(w, "alpha", 4.5);
  await score(w, "bravo", 3);
  await score(w, "charlie", 4);
  for (const id of extraTeams) {
    await w.store.addTeam("sepsis", { id, name: `${id} General`, organisation: "" }, "2026-01-02T00:00:00.000Z", { tokenId: null, label: "test" });
    await score(w, id, 4);
  }
  return w;
}

async function learning(w: World, token: string): Promise<{ body: CollaborativeLearning; text: string }> {
  const reply = await call(w.app, "GET", `${base}/learning`, { token });
  expect(reply.status).toBe(200);
  return { body: CollaborativeLearning.parse(reply.json), text: reply.text };
}

describe("GET …/learning, per sharing mode", () => {
  const worlds: World[] = [];
  afterAll(async () => {
    for (const w of worlds) await w.close();
  });
  const open = async (sharing: SharingMode, extra: readonly string[] = []) => {
    const w = await world(sharing, extra);
    worlds.push(w);
    return w;
  };

  it("named: the other teams' latest changes tested and lessons by name, never the reader's own, never barriers or help wanted; the % at 4+", async () => {
    const w = await open("named");
    const { body, text } = await learning(w, w.tokens.bravo);
    expect(body.sharing).toBe("named");
    // charlie's narrative is blank: nothing to learn from, so it is left out
    expect(body.narratives).toEqual([{ teamId: "alpha", teamLabel: "Alpha Hospital", reportingMonth: MONTH, changesTested: "Sepsis screen at triage", lessons: "Nurses own the screen" }]);
    expect(text).not.toMatch(/night staffing|EHR alert|Antibiotic cart/);
    expect(body.scores.find((s) => s.period === MONTH)).toEqual({ period: MONTH, teamsScored: 3, teamsAtLeast4: 2, percentAtLeast4: (200 / 3), suppressed: false });
    expect(body.scores.map((s) => s.period)).toEqual(["2026-01", "2026-02"]);
  });

  it("blinded: the same narratives under stable letters, with no team id or name anywhere in the answer", async () => {
    const w = await open("blinded");
    const bravo = await learning(w, w.tokens.bravo);
    expect(bravo.body.narratives).toEqual([{ teamId: null, teamLabel: "Team A", reportingMonth: MONTH, changesTested: "Sepsis screen at triage", lessons: "Nurses own the screen" }]);
    expect(bravo.text).not.toMatch(/alpha|Alpha|charlie|Charlie/);
    const charlie = await learning(w, w.tokens.charlie);
    expect(charlie.body.narratives.map((n) => [n.teamId, n.teamLabel])).toEqual([
      [null, "Team A"],
      [null, "Team B"],
    ]);
    expect(charlie.text).not.toMatch(/alpha|Alpha|bravo|Bravo/);
    // the run charts the tab draws: the same letters
    const charts = RunChartsResponse.parse((await call(w.app, "GET", `${base}/runcharts?measureId=abx-1h`, { token: w.tokens.charlie })).json);
    expect(charts.measures[0].series.map((s) => [s.teamId, s.teamLabel, s.own])).toEqual([
      [null, "Team A", false],
      [null, "Team B", false],
      ["charlie", "Charlie Infirmary", true],
    ]);
    // faculty read names
    expect((await learning(w, w.tokens.faculty)).body.narratives.map((n) => n.teamLabel)).toEqual(["Alpha Hospital", "Bravo Clinic"]);
  });

  it("aggregate: no other team's narrative; the % at 4+ withheld while fewer than 3 other teams were scored; run charts only the reader's own and the pool", async () => {
    const w = await open("aggregate");
    const { body, text } = await learning(w, w.tokens.bravo);
    expect(body.narratives).toEqual([]);
    expect(text).not.toMatch(/alpha|Alpha|charlie|Charlie|Sepsis screen|Nurses/);
    expect(body.scores.find((s) => s.period === MONTH)).toEqual({ period: MONTH, teamsScored: null, teamsAtLeast4: null, percentAtLeast4: null, suppressed: true });
    // a month nobody was scored in is withheld too (0 other teams is under the threshold): the rule has no exception to get wrong
    expect(body.scores.find((s) => s.period === "2026-01")).toEqual({ period: "2026-01", teamsScored: null, teamsAtLeast4: null, percentAtLeast4: null, suppressed: true });
    const charts = RunChartsResponse.parse((await call(w.app, "GET", `${base}/runcharts?measureId=abx-1h`, { token: w.tokens.bravo })).json);
    expect(charts.measures[0].series.map((s) => s.teamLabel)).toEqual(["Bravo Clinic"]);
    expect(charts.measures[0].aggregate).toEqual([{ period: MONTH, numerator: null, denominator: null, value: null, teamCount: 3, suppressed: true }]);
    // faculty see every narrative by name and every figure
    const faculty = await learning(w, w.tokens.faculty);
    expect(faculty.body.narratives.map((n) => n.teamLabel)).toEqual(["Alpha Hospital", "Bravo Clinic"]);
    expect(faculty.body.scores.find((s) => s.period === MONTH)).toMatchObject({ teamsScored: 3, suppressed: false });
  });

  it("aggregate: GET …/scores gives a team only the months whose headline it may see (the same rule); faculty every month", async () => {
    const w = await open("aggregate");
    const team = await call(w.app, "GET", `${base}/scores`, { token: w.tokens.bravo });
    expect(team.status).toBe(200);
    expect(team.json.months).toEqual([]);
    expect(team.json.scores.map((s: { teamId: string }) => s.teamId)).toEqual(["bravo"]);
    const faculty = await call(w.app, "GET", `${base}/scores`, { token: w.tokens.faculty });
    expect(faculty.json.months.map((m: { period: string }) => m.period)).toEqual(["2026-01", MONTH]);
    const bigger = await open("aggregate", ["delta"]);
    const shown = await call(bigger.app, "GET", `${base}/scores`, { token: bigger.tokens.bravo });
    expect(shown.json.months).toEqual([{ period: MONTH, teamsScored: 4, teamsAtLeast4: 3, percentAtLeast4: 75, teamsTotal: 4 }]);
    // named: every month, as before
    const named = await open("named");
    expect((await call(named.app, "GET", `${base}/scores`, { token: named.tokens.bravo })).json.months).toHaveLength(2);
  });

  it("aggregate: with 3 other teams scored besides the reader, the % at 4+ is shown", async () => {
    const w = await open("aggregate", ["delta"]);
    const { body } = await learning(w, w.tokens.bravo);
    expect(body.scores.find((s) => s.period === MONTH)).toEqual({ period: MONTH, teamsScored: 4, teamsAtLeast4: 3, percentAtLeast4: 75, suppressed: false });
    expect(body.narratives).toEqual([]);
  });

  it("another collaborative's token is 403, an unknown collaborative 404, no token 401, an undocumented query parameter 400", async () => {
    const w = await open("named");
    expect((await call(w.app, "GET", `${base}/learning`, { token: w.tokens.otherFaculty })).status).toBe(403);
    expect((await call(w.app, "GET", "/api/v1/collaboratives/nope/learning", { token: w.tokens.admin })).status).toBe(404);
    expect((await call(w.app, "GET", `${base}/learning`)).status).toBe(401);
    const unknown = await call(w.app, "GET", `${base}/learning?teamId=alpha`, { token: w.tokens.bravo });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toMatch(/teamId/);
  });
});
