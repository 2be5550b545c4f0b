// The faculty app's API client against the real data store (createApp over SQLite, app.request, no
// socket): every answer the app reads parses with core's schemas, a save comes back with the
// suggestion, the CSV export arrives, and failures are ApiFailures with the faculty's sentence.
import { createFacultyApi, type FacultyApi } from "../../src/faculty/api";
import { ApiFailure } from "../../src/web/api/index";
import { februaryReport, makeWorld, type World } from "../server/helpers";

const ORIGIN = "http://store.test";

describe("the faculty app's API client against the real data store", () => {
  let w: World;
  let api: FacultyApi;
  const viaApp = (url: string, init?: RequestInit) => Promise.resolve(w.app.request(url.slice(ORIGIN.length), init));
  beforeEach(async () => {
    w = await makeWorld();
    api = createFacultyApi({ token: w.tokens.faculty, baseUrl: ORIGIN, fetch: viaApp });
  });
  afterEach(async () => w.close());

  it("reads who it is and everything the dashboard draws, each answer parsing with core's schemas", async () => {
    const res = await w.app.request("/api/v1/collaboratives/sepsis/submissions", {
      method: "POST",
      headers: { authorization: `Bearer ${w.tokens.alpha}`, "content-type": "application/json" },
      body: JSON.stringify(februaryReport()),
    });
    expect(res.status).toBe(201);
    expect(await api.me()).toMatchObject({ role: "faculty", collaborative: { id: "sepsis" } });
    expect((await api.collaborative("sepsis")).teams.map((t) => t.name)).toEqual(["Alpha Hospital", "Bravo Clinic", "Charlie Infirmary"]);
    const completeness = await api.completeness("sepsis");
    expect(completeness.teams.find((t) => t.teamId === "alpha")?.cells.find((c) => c.period === "2026-02")?.status).toBe("on_time");
    const runcharts = await api.runcharts("sepsis");
    expect(runcharts.rules.name).toMatch(/IHI/);
    expect(runcharts.measures.map((m) => m.measureId)).toEqual(["abx-1h", "mortality", "readmissions", "door-to-abx"]);
    expect((await api.scores("sepsis")).teamsTotal).toBe(3);
    expect((await api.cycles("sepsis")).cycles).toEqual([]);
    const suggestion = await api.suggestion("sepsis", "alpha", "2026-02");
    expect(suggestion.suggested?.reasons.length).toBeGreaterThan(0);
    const saved = await api.saveScore("sepsis", "alpha", "2026-02", { score: 3, rationale: "  bundle in place  " });
    expect(saved).toMatchObject({ score: 3, rationale: "bundle in place", suggested: suggestion.suggested });
    const csv = await (await api.exportCsv("sepsis")).text();
    expect(csv.split(/\r?\n/)[0]).toMatch(/period/i);
    const xlsx = new Uint8Array(await (await api.exportXlsx("sepsis")).arrayBuffer());
    expect(String.fromCharCode(xlsx[0]!, xlsx[1]!)).toBe("PK"); // a zip: the workbook (exportXlsx.test.ts reads it back)
  });

  it("a wrong token is `unauthorized` with the server's sentence; another collaborative is `forbidden`", async () => {
    const wrong = createFacultyApi({ token: "qi_not-a-token", baseUrl: ORIGIN, fetch: viaApp });
    const refused = await wrong.me().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiFailure);
    expect(refused).toMatchObject({ kind: "unauthorized", status: 401 });
    expect((refused as ApiFailure).message).toMatch(/token/i);
    const forbidden = await api.completeness("other").catch((error: unknown) => error);
    expect(forbidden).toMatchObject({ kind: "forbidden", status: 403 });
  });

  it("an answer that does not match core's schema is a `contract` failure, not wrong numbers on the page", async () => {
    const drifted = createFacultyApi({
      token: w.tokens.faculty,
      baseUrl: ORIGIN,
      fetch: async () => new Response(JSON.stringify({ collaborativeId: "sepsis", months: "twelve" }), { status: 200, headers: { "content-type": "application/json" } }),
    });
    await expect(drifted.completeness("sepsis")).rejects.toMatchObject({ kind: "contract", message: expect.stringMatching(/does not understand/) });
  });
});
