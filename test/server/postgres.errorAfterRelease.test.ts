// Issue 15, defect 1 again, found by `npm run reliability` (dropped connections under load, 2 of 8
// runs): the server process ended with "Unhandled 'error' event" on a pg Client (57P01).
// The window: a read (pool.query) finishes; its callback releases the client, and the pool hands
// that client at once to a transaction waiting for a connection (removing the pool's own error
// listener); the transaction's listener was attached only after `await pool.connect()`, a few
// microtasks later. If the backend's FATAL 57P01 ("terminating connection due to administrator
// command", what pg_terminate_backend sends) arrives in the same TCP chunk as the read's
// ReadyForQuery, pg parses it in that gap: no query is active and no one listens, so Node throws
// and the process ends. This test makes that chunk on purpose with a proxy between pg and
// PostgreSQL, on a pool of one connection (so the waiting transaction gets that very client).
import { randomUUID } from "node:crypto";
import { createServer, connect, type Server, type Socket } from "node:net";
import { Client } from "pg";
import { sql } from "kysely";
import { PostgresStore } from "../../src/server/store/postgres";
import { StoreUnavailable } from "../../src/server/store/store";
import { TEST_DATABASE_URL } from "./helpers";

jest.setTimeout(30_000);

/** A PostgreSQL ErrorResponse message: FATAL 57P01, as a terminated backend sends it (protocol: "ErrorResponse", https://www.postgresql.org/docs/current/protocol-message-formats.html). */
function fatal57P01(): Buffer {
  const fields = Buffer.concat(
    [
      ["S", "FATAL"],
      ["V", "FATAL"],
      ["C", "57P01"],
      ["M", "terminating connection due to administrator command"],
    ].map(([code, value]) => Buffer.from(`${code}${value}\0`, "utf8")),
  );
  const body = Buffer.concat([fields, Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write("E", 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** A loopback proxy to PostgreSQL; once armed, the next server chunk that ends with ReadyForQuery ('Z', 5 bytes + status) gets a FATAL appended in the same write, and the connection closes. */
function terminatingProxy(target: URL): Promise<{ port: number; arm: () => void; close: () => Promise<void> }> {
  let armed = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((clientSide) => {
    sockets.add(clientSide);
    const serverSide = connect(Number(target.port || 5432), target.hostname);
    sockets.add(serverSide);
    clientSide.on("data", (chunk) => serverSide.write(chunk));
    serverSide.on("data", (chunk: Buffer) => {
      const endsWithReady = chunk.length >= 6 && chunk[chunk.length - 6] === 0x5a && chunk.readInt32BE(chunk.length - 5) === 5;
      if (armed && endsWithReady) {
        armed = false;
        clientSide.end(Buffer.concat([chunk, fatal57P01()]));
        serverSide.destroy();
        return;
      }
      clientSide.write(chunk);
    });
    const close = () => {
      clientSide.destroy();
      serverSide.destroy();
    };
    clientSide.on("error", close);
    serverSide.on("error", close);
    clientSide.on("close", close);
    serverSide.on("close", close);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : 0,
        arm: () => (armed = true),
        close: async () => {
          for (const s of sockets) s.destroy();
          await new Promise((r) => server.close(r));
        },
      });
    }),
  );
}

describe("PostgreSQL: a FATAL that arrives with a read's last message, as its client is handed to a waiting transaction", () => {
  const schema = `qi_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  let admin: Client;
  let proxy: Awaited<ReturnType<typeof terminatingProxy>>;
  let store: PostgresStore;
  const poolErrors: Error[] = [];

  beforeAll(async () => {
    admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(TEST_DATABASE_URL);
    proxy = await terminatingProxy(new URL(TEST_DATABASE_URL));
    url.hostname = "127.0.0.1";
    url.port = String(proxy.port);
    store = new PostgresStore({ connectionString: url.toString(), schema, max: 1, onIdleError: (e) => poolErrors.push(e) });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close().catch(() => undefined);
    await proxy.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });

  it("the transaction fails with StoreUnavailable (the API's 503) or runs on a new connection; nothing is thrown at the process", async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      expect(await store.isEmpty()).toBe(true); // the one pooled connection is open and idle
      proxy.arm();
      const read = store.isEmpty();
      const transaction = store.transact({
        body: function* (ctx) {
          const rows = yield { kind: "all", query: { compile: () => sql`SELECT 1 AS one`.compile(ctx.db) } };
          return rows;
        },
      });
      expect(await read).toBe(true);
      const outcome = await transaction.then(
        (rows) => ({ rows }),
        (error: unknown) => ({ error }),
      );
      if ("error" in outcome) expect(outcome.error).toBeInstanceOf(StoreUnavailable);
      expect(uncaught).toEqual([]);
      // and the store serves the next request on a new connection
      expect(await store.isEmpty()).toBe(true);
    } finally {
      process.removeListener("uncaughtException", onUncaught);
    }
  });
});
