// Issue 15, defect 1: on PostgreSQL a connection lost in the middle of a request (here
// pg_terminate_backend, which sends 57P01 admin_shutdown and closes the socket) must answer that
// request 503 SERVICE_UNAVAILABLE with Retry-After, never end the process; the pool replaces the
// connection and the next request is served. Only this test's own schema's backends are terminated
// (the ones waiting for a lock this test holds on its own tables): the shared server keeps running.
import { sql } from "kysely";
import { ApiError } from "../../src/core/index";
import { isConnectionLost, type PostgresStore } from "../../src/server/store/postgres";
import { StoreUnavailable } from "../../src/server/store/store";
import { call, februaryReport, makeWorld, postgresHandle, type World } from "./helpers";

jest.setTimeout(30_000);

const SUBMIT = "/api/v1/collaboratives/sepsis/submissions";

describe("PostgreSQL: a connection lost during a request", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ handle: await postgresHandle() });
  });
  afterAll(async () => {
    await w.close();
  });

  /** Hold `table` (ACCESS EXCLUSIVE) on the test's admin connection, start `request`, wait until a pool backend waits for that lock, terminate it, then release. */
  async function terminateWhileWaiting<T>(table: string, request: () => Promise<T>): Promise<{ result: T; terminated: number }> {
    await w.handle.raw(`BEGIN; LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    let pending: Promise<T> | null = null;
    try {
      pending = request();
      let terminated = 0;
      for (let i = 0; i < 100 && terminated === 0; i++) {
        const rows = await w.handle.raw(`SELECT pg_terminate_backend(pid) AS done FROM pg_locks WHERE relation = '${table}'::regclass AND NOT granted AND pid <> pg_backend_pid()`);
        terminated = rows.length;
        if (terminated === 0) await new Promise((r) => setTimeout(r, 50));
      }
      return { result: await pending, terminated };
    } finally {
      await w.handle.raw("ROLLBACK");
      await pending?.catch(() => undefined);
    }
  }

  it("a report whose transaction loses its connection gets 503 with Retry-After; the next report is stored", async () => {
    const { result, terminated } = await terminateWhileWaiting("submissions", () => call(w.app, "POST", SUBMIT, { token: w.tokens.alpha, body: februaryReport() }));
    expect(terminated).toBe(1);
    expect(result.status).toBe(503);
    expect(ApiError.parse(result.json).code).toBe("SERVICE_UNAVAILABLE");
    expect(Number(result.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(w.errors.map((e) => e.message).join("\n")).toMatch(/database unavailable on POST/);

    const again = await call(w.app, "POST", SUBMIT, { token: w.tokens.alpha, body: februaryReport() });
    expect(again.status).toBe(201);
  });

  it("a read whose connection is lost gets 503; the next read is served", async () => {
    const path = "/api/v1/collaboratives/sepsis/points?teamId=alpha";
    const { result, terminated } = await terminateWhileWaiting("current_points", () => call(w.app, "GET", path, { token: w.tokens.alpha }));
    expect(terminated).toBeGreaterThanOrEqual(1);
    expect(result.status).toBe(503);
    expect(result.json.code).toBe("SERVICE_UNAVAILABLE");
    expect((await call(w.app, "GET", path, { token: w.tokens.alpha })).status).toBe(200);
  });

  it("a transaction's client that errors while checked out does not throw an unhandled 'error' event", async () => {
    const marker = `qi_conn_lost_${Date.now()}`;
    const running = (w.store as PostgresStore).transact({
      body: function* (ctx) {
        yield { kind: "all", query: { compile: () => sql`SELECT pg_sleep(20), ${sql.lit(marker)}::text AS marker`.compile(ctx.db) } };
      },
    });
    let terminated = 0;
    for (let i = 0; i < 100 && terminated === 0; i++) {
      terminated = (await w.handle.raw(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%${marker}%' AND pid <> pg_backend_pid()`)).length;
      if (terminated === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(terminated).toBe(1);
    await expect(running).rejects.toBeInstanceOf(StoreUnavailable);
    expect((await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha })).status).toBe(200);
  });
});

describe("isConnectionLost", () => {
  it("knows PostgreSQL's connection SQLSTATEs, Node's socket errors and node-postgres's messages, and nothing else", () => {
    for (const code of ["57P01", "57P02", "57P03", "08006", "08001", "ECONNRESET", "ECONNREFUSED"]) expect(isConnectionLost({ code, message: "x" })).toBe(true);
    expect(isConnectionLost(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionLost(new Error("timeout exceeded when trying to connect"))).toBe(true);
    for (const code of ["23505", "22003", "42P01", undefined]) expect(isConnectionLost({ code, message: "duplicate key" })).toBe(false);
    expect(isConnectionLost(null)).toBe(false);
  });
});
