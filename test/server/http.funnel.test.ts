// GET …/funnel (one measure, one month, each team against its denominator with core's funnel limits,
// labelled per the sharing mode) and GET …/teams/{teamId}/timeline (one team month by month), over
// app.request().
import { ApiError, exactBinomialLimit, exactPoissonLimit, FunnelResponse, TeamTimeline, type SharingMode } from "../../src/core/index";
import { call, makeWorld, postgresHandle, type World } from "./helpers";

const base = "/api/v1/collaboratives/sepsis";

async function report(w: World, token: string, body: unknown): Promise<void> {
  const reply = await call(w.app, "POST", `${base}/submissions`, { token, body });
  if (reply.status !== 201) throw new Error(`setup report refused: ${reply.text}`);
}

/** February: abx-1h 40/50, 20/50, 45/60; mortality 2/900, 5/1100, 9/1000 (per 1,000). */
async function februaryOfThree(w: World): Promise<void> {
  const month = (abx: [number, number], deaths: [number, number]) => ({
    reportingMonth: "2026-02",
    points: [
      { measureId: "abx-1h", period: "2026-02", numerator: abx[0], denominator: abx[1] },
      { measureId: "mortality", period: "2026-02", numerator: deaths[0], denominator: deaths[1] },
    ],
  });
  await report(w, w.tokens.alpha, month([40, 50], [2, 900]));
  await report(w, w.tokens.bravo, month([20, 50], [5, 1100]));
  await report(w, w.tokens.charlie, month([45, 60], [9, 1000]));
}

describe("GET …/funnel", () => {
  const worlds = new Map<SharingMode, World>();
  beforeAll(async () => {
    for (const sharing of ["named", "blinded", "aggregate"] as const) {
      const w = await makeWorld({ collaborative: { sharing } });
      await februaryOfThree(w);
      worlds.set(sharing, w);
    }
  });
  afterAll(async () => {
    for (const w of worlds.values()) await w.close();
  });
  const funnel = async (sharing: SharingMode, token: (w: World) => string, query: string) => {
    const w = worlds.get(sharing) as World;
    return call(w.app, "GET", `${base}/funnel${query}`, { token: token(w) });
  };

  it("faculty get each team's percent against its denominator, with exact binomial limits around Σ numerators / Σ denominators", async () => {
    const reply = await funnel("named", (w) => w.tokens.faculty, "?measureId=abx-1h&period=2026-02");
    expect(reply.status).toBe(200);
    const body = FunnelResponse.parse(reply.json);
    const theta = 105 / 160;
    expect(body).toMatchObject({ measure: "proportion", scale: 100, method: "exact", limitsFrom: "exact", period: "2026-02", overdispersion: null, teamsWithoutDenominator: 0 });
    expect(body.target).toBeCloseTo(100 * theta, 12);
    // R (test/fixtures/funnel-reference.R's lb), θ = 105/160: at n = 50 the upper 95% limit is 0.7754
    // and the lower 99.8% limit 0.4308; at n = 60 the upper 95% limit is 0.7654
    expect(body.teams.map((t) => [t.teamId, t.teamLabel, t.value, t.position])).toEqual([
      ["alpha", "Alpha Hospital", 80, "above_inner"],
      ["bravo", "Bravo Clinic", 40, "below_outer"],
      ["charlie", "Charlie Infirmary", 75, "within"],
    ]);
    expect(body.teams[0]?.limits.innerUpper).toBeCloseTo(100 * exactBinomialLimit(0.975, 50, theta), 12);
    expect(body.curve.length).toBeGreaterThan(10);
  });

  it("rates use exact Poisson limits scaled by the measure's multiplier; ?method=normal and ?overdispersion=true are honoured", async () => {
    const rate = FunnelResponse.parse((await funnel("named", (w) => w.tokens.faculty, "?measureId=mortality&period=2026-02")).json);
    expect(rate).toMatchObject({ measure: "rate", scale: 1000 });
    expect(rate.target).toBeCloseTo((1000 * 16) / 3000, 12);
    expect(rate.teams[2]?.limits.outerUpper).toBeCloseTo(1000 * exactPoissonLimit(0.999, 1000, 16 / 3000), 12);
    const normal = FunnelResponse.parse((await funnel("named", (w) => w.tokens.faculty, "?measureId=abx-1h&period=2026-02&method=normal")).json);
    expect(normal.limitsFrom).toBe("normal");
    const adjusted = FunnelResponse.parse((await funnel("named", (w) => w.tokens.faculty, "?measureId=abx-1h&period=2026-02&overdispersion=true")).json);
    expect(adjusted.overdispersion).toMatchObject({ teamCount: 3, dispersionExpected: 2 });
    expect(adjusted.overdispersion!.tau2).toBeGreaterThan(0);
    expect(adjusted.limitsFrom).toBe("random_effects");
  });

  it("blinded: a team sees its own name and the others as letters without ids; faculty see names", async () => {
    const bravo = FunnelResponse.parse((await funnel("blinded", (w) => w.tokens.bravo, "?measureId=abx-1h&period=2026-02")).json);
    expect(bravo.teams.map((t) => [t.teamId, t.teamLabel, t.own])).toEqual([
      ["bravo", "Bravo Clinic", true],
      [null, "Team A", false],
      [null, "Team C", false],
    ]);
    expect(JSON.stringify(bravo)).not.toMatch(/alpha|Alpha|charlie|Charlie/);
    const faculty = FunnelResponse.parse((await funnel("blinded", (w) => w.tokens.faculty, "?measureId=abx-1h&period=2026-02")).json);
    expect(faculty.teams.map((t) => t.teamLabel)).toEqual(["Alpha Hospital", "Bravo Clinic", "Charlie Infirmary"]);
  });

  it("aggregate: a team is refused (403: the funnel shows each team's value); faculty see every team by name", async () => {
    const refused = await funnel("aggregate", (w) => w.tokens.bravo, "?measureId=abx-1h&period=2026-02");
    expect(refused.status).toBe(403);
    expect(ApiError.parse(refused.json).message).toMatch(/sharing: aggregate/);
    const faculty = FunnelResponse.parse((await funnel("aggregate", (w) => w.tokens.faculty, "?measureId=abx-1h&period=2026-02")).json);
    expect(faculty.teams).toHaveLength(3);
  });

  it("a month without reports is an empty funnel (target null); bad parameters are 400 naming them; unknown measure 404", async () => {
    const empty = FunnelResponse.parse((await funnel("named", (w) => w.tokens.faculty, "?measureId=abx-1h&period=2026-01")).json);
    expect(empty).toMatchObject({ target: null, teams: [], curve: [] });
    const count = await funnel("named", (w) => w.tokens.faculty, "?measureId=readmissions&period=2026-02");
    expect(count.status).toBe(400);
    expect(count.json.message).toMatch(/readmissions is a count measure: funnel plots are drawn for percent and rate measures/);
    expect((await funnel("named", (w) => w.tokens.faculty, "?period=2026-02")).json.message).toMatch(/measureId is required/);
    expect((await funnel("named", (w) => w.tokens.faculty, "?measureId=abx-1h")).json.message).toMatch(/period must be/);
    expect((await funnel("named", (w) => w.tokens.faculty, "?measureId=abx-1h&period=2026-02&method=poisson")).json.message).toMatch(/method must be exact or normal/);
    expect((await funnel("named", (w) => w.tokens.faculty, "?measureId=abx-1h&period=2026-02&limit=3")).status).toBe(400);
    expect((await funnel("named", (w) => w.tokens.faculty, "?measureId=nope&period=2026-02")).status).toBe(404);
    expect((await funnel("named", (w) => w.tokens.otherFaculty, "?measureId=abx-1h&period=2026-02")).status).toBe(403);
  });
});

describe("GET …/teams/{teamId}/timeline", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
    await report(w, w.tokens.alpha, {
      reportingMonth: "2026-01",
      points: [{ measureId: "abx-1h", period: "2026-01", numerator: 30, denominator: 50 }],
      narrative: { changesTested: "sepsis screening tool in ED", lessons: "night shift missed", barriers: "", helpWanted: "triage scripts" },
      selfAssessment: 2,
    });
    await report(w, w.tokens.alpha, {
      reportingMonth: "2026-02",
      points: [{ measureId: "abx-1h", period: "2026-02", numerator: 40, denominator: 50 }],
      narrative: { changesTested: "pre-filled antibiotic order set", lessons: "", barriers: "pharmacy delays", helpWanted: "" },
    });
    // a later revision of February without a narrative keeps February's story
    await report(w, w.tokens.alpha, { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 41, denominator: 50 }] });
    const put = await call(w.app, "PUT", `${base}/teams/alpha/scores/2026-01`, { token: w.tokens.faculty, body: { score: 2.5, rationale: "screening tool tested on one ward" } });
    if (put.status !== 200) throw new Error(put.text);
  });
  afterAll(async () => w.close());

  it("gives every month from the start to the reporting month: narrative, self and faculty scores with rationale, suggestion", async () => {
    const reply = await call(w.app, "GET", `${base}/teams/alpha/timeline`, { token: w.tokens.faculty });
    expect(reply.status).toBe(200);
    const body = TeamTimeline.parse(reply.json);
    expect(body).toMatchObject({ teamId: "alpha", teamName: "Alpha Hospital" });
    expect(body.months.map((m) => m.period)).toEqual(["2026-01", "2026-02"]);
    const [jan, feb] = body.months;
    expect(jan?.narrative).toEqual({ changesTested: "sepsis screening tool in ED", lessons: "night shift missed", barriers: "", helpWanted: "triage scripts" });
    expect(jan?.faculty).toMatchObject({ score: 2.5, rationale: "screening tool tested on one ward", by: "faculty" });
    expect(jan?.self?.score).toBe(2);
    expect(feb?.narrative?.changesTested).toBe("pre-filled antibiotic order set");
    expect(feb?.narrativeRevision).toBe(1);
    expect(feb?.faculty).toBeNull();
    expect(feb?.suggested?.reasons.join(" ")).toMatch(/change tested/);
  });

  it("the team reads its own timeline; another team is 403; an unknown team 404", async () => {
    expect((await call(w.app, "GET", `${base}/teams/alpha/timeline`, { token: w.tokens.alpha })).status).toBe(200);
    expect((await call(w.app, "GET", `${base}/teams/alpha/timeline`, { token: w.tokens.bravo })).status).toBe(403);
    expect((await call(w.app, "GET", `${base}/teams/nope/timeline`, { token: w.tokens.faculty })).status).toBe(404);
  });
});

describe("funnel and timeline on PostgreSQL (the same answers as on SQLite)", () => {
  let pg: World;
  let lite: World;
  beforeAll(async () => {
    pg = await makeWorld({ handle: await postgresHandle() });
    lite = await makeWorld();
    for (const w of [pg, lite]) {
      await februaryOfThree(w);
      await report(w, w.tokens.alpha, { reportingMonth: "2026-02", points: [], narrative: { changesTested: "order set", lessons: "", barriers: "", helpWanted: "" } });
    }
  });
  afterAll(async () => {
    await pg?.close();
    await lite?.close();
  });

  it("answers the funnel and the timeline alike on both engines", async () => {
    for (const path of [`${base}/funnel?measureId=mortality&period=2026-02&overdispersion=true`, `${base}/teams/alpha/timeline`]) {
      const [a, b] = await Promise.all([call(pg.app, "GET", path, { token: pg.tokens.faculty }), call(lite.app, "GET", path, { token: lite.tokens.faculty })]);
      expect(a.status).toBe(200);
      expect(a.json).toEqual(b.json);
    }
    const timeline = TeamTimeline.parse((await call(pg.app, "GET", `${base}/teams/alpha/timeline`, { token: pg.tokens.faculty })).json);
    expect(timeline.months.find((m) => m.period === "2026-02")?.narrative?.changesTested).toBe("order set");
  });
});
