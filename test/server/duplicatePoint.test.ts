// A report that names one stored point twice, once with only an annotation and once with figures,
// must be refused point by point (DUPLICATE_POINT on both copies), on both engines. Found by the
// reliability suite's random sheets (reliability/apiProperties.ts): PostgreSQL answered 500 ("ON
// CONFLICT DO UPDATE command cannot affect row a second time": the one upsert changed the point
// twice), which the task pane's outbox retries for ever; SQLite stored two revisions of the point
// from one report.
import { call, februaryReport, makeWorld, postgresHandle, sqliteHandle, type StoreHandle, type World } from "./helpers";

const SUBMIT = "/api/v1/collaboratives/sepsis/submissions";

describe.each([
  ["sqlite", sqliteHandle],
  ["postgres", postgresHandle],
] as Array<[string, () => Promise<StoreHandle>]>)("%s: an annotation-only point and a point with figures for one stored point", (_engine, handle) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ handle: await handle() });
  });
  afterAll(async () => {
    await w.close();
  });

  it("both copies are refused as DUPLICATE_POINT; the stored point and its history are unchanged", async () => {
    expect((await call(w.app, "POST", SUBMIT, { token: w.tokens.alpha, body: februaryReport() })).status).toBe(201);
    const before = await w.handle.raw("SELECT COUNT(*) AS n FROM point_revisions");
    const twice = februaryReport([
      { measureId: "door-to-abx", period: "2026-02", value: 50 },
      { measureId: "abx-1h", period: "2026-02", annotation: "new triage nurse" },
    ]);
    twice.points[0] = { measureId: "abx-1h", period: "2026-02", numerator: 45, denominator: 50 };
    const reply = await call(w.app, "POST", SUBMIT, { token: w.tokens.alpha, body: twice });
    expect(reply.status).toBe(201);
    expect(reply.json.conflicts.filter((c: { code: string }) => c.code === "DUPLICATE_POINT").map((c: { path: unknown[] }) => c.path)).toEqual([
      ["points", 0, "period"],
      ["points", 3, "period"],
    ]);
    // door-to-abx was created; abx-1h is as stored
    expect(Number((await w.handle.raw("SELECT COUNT(*) AS n FROM point_revisions"))[0].n)).toBe(Number(before[0].n) + 1);
    const points = await call(w.app, "GET", "/api/v1/collaboratives/sepsis/points?teamId=alpha&measureId=abx-1h", { token: w.tokens.alpha });
    expect(JSON.stringify(points.json)).toContain('"numerator":40');
  });
});
