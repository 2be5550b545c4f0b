// Issue 15, defect 8: /health said ok while PostgreSQL was down. Liveness (/health/live, and /health
// as its alias) never touches the database; readiness (/health/ready) answers 503 SERVICE_UNAVAILABLE
// with Retry-After when the database refuses or does not answer in time.
import { ApiError, Health } from "../../src/core/index";
import { createApp } from "../../src/server/app";
import { PostgresStore } from "../../src/server/store/postgres";
import type { Store } from "../../src/server/store/store";
import { freePort } from "../support/freePort";
import { call, sqliteHandle } from "./helpers";

describe("liveness and readiness", () => {
  it("PostgreSQL not listening: /health/live and /health answer 200, /health/ready 503 with Retry-After", async () => {
    // a loopback port nothing listens on: every connection is refused at once
    const store = new PostgresStore({ connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/none`, connectionTimeoutMillis: 2_000 });
    const logged: string[] = [];
    const app = createApp({ store, version: "test", logError: (message) => logged.push(message) });
    try {
      for (const path of ["/health", "/health/live"]) {
        const reply = await call(app, "GET", path);
        expect([path, reply.status]).toEqual([path, 200]);
        expect(Health.parse(reply.json).engine).toBe("postgres");
      }
      const ready = await call(app, "GET", "/health/ready");
      expect(ready.status).toBe(503);
      expect(ApiError.parse(ready.json)).toEqual({ code: "SERVICE_UNAVAILABLE", message: "not ready: the database is not reachable" });
      expect(Number(ready.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(logged.join("\n")).toMatch(/readiness: the postgres database failed/);
    } finally {
      await store.close();
    }
  });

  it("a database that does not answer within the readiness timeout is not ready (503)", async () => {
    const handle = await sqliteHandle();
    const hung: Store = Object.create(handle.store, { isEmpty: { value: () => new Promise<boolean>(() => undefined) } });
    const app = createApp({ store: hung, version: "test", readinessTimeoutMs: 20, logError: () => undefined });
    try {
      const ready = await call(app, "GET", "/health/ready");
      expect(ready.status).toBe(503);
      expect(ready.json.message).toBe("not ready: the database did not answer within 20 ms");
      expect((await call(app, "GET", "/health/live")).status).toBe(200);
    } finally {
      await handle.close();
    }
  });
});
