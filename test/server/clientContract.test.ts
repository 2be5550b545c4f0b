// The contract between add-in and server, end to end without a browser: the task pane's own API client
// (src/taskpane/api/client.ts, which parses every answer with the shared zod schemas) against the real
// app (createApp over SQLite). A drift between what the server sends and what the client accepts
// fails here as a `contract` failure.
import { createApiClient, type ApiClient } from "../../src/taskpane/api/client";
import { failureOf } from "../support/apiFailure";
import { call, februaryReport, makeWorld, type World } from "./helpers";

const ORIGIN = "http://store.test";

describe("the task pane's API client against the real data store", () => {
  let w: World;
  let client: ApiClient;
  beforeEach(async () => {
    w = await makeWorld();
    client = createApiClient({
      baseUrl: ORIGIN,
      token: w.tokens.alpha,
      fetch: (url, init) => Promise.resolve(w.app.request(url.slice(ORIGIN.length), init)),
    });
  });
  afterEach(async () => w.close());


  it("reads who it is, the month's status, the lock state and the team's points, every answer parsing with the shared schemas", async () => {
    const me = await client.me();
    expect(me).toMatchObject({ role: "team", team: { id: "alpha" }, collaborative: { id: "sepsis" } });
    expect((await client.teamStatus("sepsis", "alpha")).reportingMonth).toMatch(/^\d{4}-\d{2}$/);
    expect((await client.periods("sepsis")).periods.length).toBeGreaterThan(0);
    expect((await client.points("sepsis", "alpha")).measures.length).toBeGreaterThan(0);
  });

  it("reads the Collaborative tab's run charts and learning, parsed with the shared schemas", async () => {
    await client.submit("sepsis", februaryReport(), { idempotencyKey: "k-learning" });
    const charts = await client.runCharts("sepsis", "abx-1h");
    expect(charts.measures.map((m) => m.measureId)).toEqual(["abx-1h"]);
    expect(charts.measures[0]?.series.find((s) => s.own)?.teamId).toBe("alpha");
    const learning = await client.learning("sepsis");
    expect(learning).toMatchObject({ collaborativeId: "sepsis", sharing: "named", narratives: [] });
    expect(learning.scores.length).toBeGreaterThan(0);
  });

  it("dry-runs, submits (201 accepted, revision 1), and the same report again is unchanged", async () => {
    expect(await client.dryRun("sepsis", februaryReport())).toMatchObject({ status: "dry_run", revision: null, counts: { created: 2 } });
    expect(await client.submit("sepsis", februaryReport(), { idempotencyKey: "k-1" })).toMatchObject({ status: "accepted", revision: 1 });
    expect(await client.submit("sepsis", februaryReport(), { idempotencyKey: "k-2" })).toMatchObject({ status: "unchanged", revision: null });
    expect(await client.submit("sepsis", februaryReport(), { idempotencyKey: "k-1" })).toMatchObject({ status: "accepted", revision: 1 }); // replayed
  });

  it("a report of which nothing can be stored is a validation failure with the server's sentence and every conflict, each with its path", async () => {
    const report = { reportingMonth: "2026-02", points: [{ measureId: "abx-1h", period: "2026-02", numerator: 60, denominator: 50 }] };
    const failure = await failureOf(client.submit("sepsis", report, { idempotencyKey: "k-3" }));
    expect(failure).toMatchObject({ kind: "validation", status: 422, code: "SUBMISSION_REJECTED", retryable: false });
    expect(failure.message).toBe("Nothing was stored for 2026-02: the report's 1 row was refused; each problem is listed with where it is.");
    expect(failure.conflicts.map((c) => [c.code, c.path])).toEqual(expect.arrayContaining([["NUMERATOR_GT_DENOMINATOR", ["points", 0, "numerator"]]]));
  });

  it("another team's status is forbidden, and a revoked token is unauthorized, each with a sentence a data lead can act on", async () => {
    const forbidden = await failureOf(client.teamStatus("sepsis", "bravo"));
    expect(forbidden).toMatchObject({ kind: "forbidden", status: 403 });
    const revoked = createApiClient({ baseUrl: ORIGIN, token: w.tokens.revoked, fetch: (url, init) => Promise.resolve(w.app.request(url.slice(ORIGIN.length), init)) });
    const unauthorized = await failureOf(revoked.me());
    expect(unauthorized).toMatchObject({ kind: "unauthorized", status: 401 });
    expect(unauthorized.message.length).toBeGreaterThan(20);
    expect((await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha })).status).toBe(200);
  });
});
