// Issue 15, defects 2 to 5, on both engines: hostile numbers and text are refused with 422 naming
// the field (never a 500 that the pane's outbox would retry forever), the pooled figures cannot
// overflow, and a team reading an aggregate collaborative sees no pool that gives away another team.
import { PointsResponse, RunChartsResponse } from "../../src/core/index";
import { issueToken } from "../../src/server/tokens";
import { call, februaryReport, makeWorld, postgresHandle, sqliteHandle, type StoreHandle, type World } from "./helpers";

const BASE = "/api/v1/collaboratives/sepsis";
const SUBMIT = `${BASE}/submissions`;

describe.each([
  ["SQLite", sqliteHandle],
  ["PostgreSQL", postgresHandle],
] as Array<[string, () => Promise<StoreHandle>]>)("hostile input on %s", (_engine, makeHandle) => {
  let w: World;
  afterEach(async () => {
    await w.close();
  });

  it("defect 2: numerator 1 over denominator 5e-324 is refused (VALUE_NOT_FINITE on the denominator), and /runcharts still answers 200", async () => {
    w = await makeWorld({ handle: await makeHandle() });
    const reply = await call(w.app, "POST", SUBMIT, {
      token: w.tokens.alpha,
      body: februaryReport([{ measureId: "mortality", period: "2026-01", numerator: 1, denominator: 5e-324 }]),
    });
    expect(reply.json.conflicts).toEqual([expect.objectContaining({ code: "VALUE_NOT_FINITE", path: ["points", 2, "denominator"], severity: "error" })]);
    expect(reply.json.counts).toMatchObject({ created: 2, rejected: 1 });
    expect((await call(w.app, "GET", `${BASE}/runcharts`, { token: w.tokens.faculty })).status).toBe(200);
    expect((await call(w.app, "GET", `${BASE}/runcharts`, { token: w.tokens.bravo })).status).toBe(200);
  });

  it("defect 3: a value of 1.5e308 is refused (422 naming points.2.value); values stored before the bound pool without overflow", async () => {
    w = await makeWorld({ handle: await makeHandle() });
    const huge = await call(w.app, "POST", SUBMIT, { token: w.tokens.alpha, body: februaryReport([{ measureId: "door-to-abx", period: "2026-02", value: 1.5e308 }]) });
    expect(huge.status).toBe(422);
    expect(huge.json.conflicts[0]).toMatchObject({ path: ["points", 2, "value"], message: expect.stringMatching(/implausibly large/) });
    for (const token of [w.tokens.alpha, w.tokens.bravo]) {
      expect((await call(w.app, "POST", SUBMIT, { token, body: februaryReport([{ measureId: "door-to-abx", period: "2026-02", value: 42 }]) })).status).toBe(201);
    }
    // As if stored before the schema bounded value (the rows the fault run left behind).
    await w.handle.raw("UPDATE current_points SET value = 1.5e308 WHERE measure_id = 'door-to-abx'");
    const points = await call(w.app, "GET", `${BASE}/points`, { token: w.tokens.faculty });
    expect(points.status).toBe(200);
    const door = PointsResponse.parse(points.json).measures.find((m) => m.measureId === "door-to-abx");
    expect(door?.aggregate).toEqual([{ period: "2026-02", numerator: null, denominator: null, value: 1.5e308, teamCount: 2, suppressed: false }]);
    expect((await call(w.app, "GET", `${BASE}/runcharts`, { token: w.tokens.faculty })).status).toBe(200);
  });

  it("defect 4: a NUL character in any free-text field is refused with 422 naming the field, and nothing is stored", async () => {
    w = await makeWorld({ handle: await makeHandle() });
    const nul = "screening\u0000at triage";
    const narrative = { changesTested: "", lessons: "", barriers: "", helpWanted: "" };
    const cases: Array<[unknown, Array<string | number>]> = [
      [februaryReport([{ measureId: "readmissions", period: "2026-02", numerator: 2, annotation: nul }]), ["points", 2, "annotation"]],
      [{ reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-01", retract: { reason: nul } }] }, ["points", 0, "retract", "reason"]],
      ...(["changesTested", "lessons", "barriers", "helpWanted"] as const).map((field): [unknown, Array<string | number>] => [
        { ...februaryReport(), narrative: { ...narrative, [field]: nul } },
        ["narrative", field],
      ]),
      [{ ...februaryReport(), client: { name: nul, version: "1" } }, ["client", "name"]],
    ];
    for (const [body, path] of cases) {
      const reply = await call(w.app, "POST", SUBMIT, { token: w.tokens.alpha, body });
      expect([reply.status, reply.json.conflicts[0].path, reply.json.conflicts[0].message]).toEqual([422, path, expect.stringMatching(/NUL character/)]);
    }
    const rationale = await call(w.app, "PUT", `${BASE}/teams/alpha/scores/2026-02`, { token: w.tokens.faculty, body: { score: 3, rationale: nul } });
    expect([rationale.status, rationale.json.conflicts[0].path]).toEqual([422, ["rationale"]]);
    const reopen = await call(w.app, "POST", `${BASE}/periods/2026-01/lock`, { token: w.tokens.admin, body: { reason: nul } });
    expect([reopen.status, reopen.json.conflicts[0].path]).toEqual([422, ["reason"]]);
    expect(await w.store.currentPoints("sepsis", {})).toEqual([]);
    expect(w.errors).toEqual([]);
  });

  describe("defect 5: small-cell suppression of the pool a team sees in an aggregate collaborative", () => {
    const send = (token: string, numerator: number) => call(w.app, "POST", SUBMIT, { token, body: februaryReport([], numerator) });
    const abx = async (token: string, path: "points" | "runcharts") => {
      const reply = await call(w.app, "GET", `${BASE}/${path}?measureId=abx-1h`, { token });
      const body = path === "points" ? PointsResponse.parse(reply.json) : RunChartsResponse.parse(reply.json);
      return body.measures[0].aggregate;
    };

    it("two teams: neither sees the pool (it minus its own is the other team's); faculty see it", async () => {
      w = await makeWorld({ handle: await makeHandle(), collaborative: { sharing: "aggregate" } });
      await send(w.tokens.alpha, 40);
      await send(w.tokens.bravo, 20);
      for (const path of ["points", "runcharts"] as const) {
        expect(await abx(w.tokens.alpha, path)).toEqual([{ period: "2026-02", numerator: null, denominator: null, value: null, teamCount: 2, suppressed: true }]);
        // charlie sent nothing: the pool is two teams, each of whose figures it would otherwise see
        expect(await abx(w.tokens.charlie, path)).toEqual([{ period: "2026-02", numerator: null, denominator: null, value: null, teamCount: 2, suppressed: true }]);
        expect(await abx(w.tokens.faculty, path)).toEqual([{ period: "2026-02", numerator: 60, denominator: 100, value: 60, teamCount: 2, suppressed: false }]);
      }
    });

    it("three teams: a team in the pool sees only two others, so it is still suppressed; a fourth team makes three others and the pool is shown", async () => {
      w = await makeWorld({ handle: await makeHandle(), collaborative: { sharing: "aggregate" } });
      await send(w.tokens.alpha, 40);
      await send(w.tokens.bravo, 20);
      await send(w.tokens.charlie, 30);
      expect((await abx(w.tokens.bravo, "points"))[0]).toMatchObject({ value: null, teamCount: 3, suppressed: true });
      await w.store.addTeam("sepsis", { id: "delta", name: "Delta Hospital", organisation: "" }, "2026-01-01T00:00:00.000Z", { tokenId: null, label: "test" });
      const delta = (await issueToken(w.store, { role: "team", collaborativeId: "sepsis", teamId: "delta", label: "delta", now: new Date("2026-01-01T00:00:00.000Z"), actor: { tokenId: null, label: "test" } })).token;
      // delta has not reported: the pool holds three teams, all others to delta
      expect((await abx(delta, "points"))[0]).toMatchObject({ numerator: 90, denominator: 150, value: 60, teamCount: 3, suppressed: false });
      await send(delta, 10);
      for (const token of [w.tokens.alpha, w.tokens.bravo, w.tokens.charlie, delta]) {
        expect((await abx(token, "points"))[0]).toEqual({ period: "2026-02", numerator: 100, denominator: 200, value: 50, teamCount: 4, suppressed: false });
      }
    });

    it("named and blinded collaboratives show the pool: every team's points are visible there anyway", async () => {
      for (const sharing of ["named", "blinded"] as const) {
        w = await makeWorld({ handle: await makeHandle(), collaborative: { sharing } });
        await send(w.tokens.alpha, 40);
        await send(w.tokens.bravo, 20);
        expect((await abx(w.tokens.alpha, "points"))[0]).toMatchObject({ value: 60, teamCount: 2, suppressed: false });
        if (sharing === "named") await w.close();
      }
    });
  });
});
