// The PostgreSQL engine (`DATABASE_URL=postgres://…`), on a pg Pool. Each write is one transaction
// (BEGIN … COMMIT on one pooled client); the writes lock the rows they decide on (a team for a
// submission, a collaborative for a new position: see submitWrite.ts and setupWrites.ts), so two reports of one team never
// interleave. Queries come compiled by Kysely with `$n` placeholders.
//
// Round trips. A submission is ~12 statements; sent one at a time, each waiting for the answer of
// the one before, the report waited for 13 round trips while holding its team's lock, and that, not
// PostgreSQL's work, limited it to ~350 reports/s (bench/server.ts). The clients run in pg's pipeline
// mode (several statements on the wire at once; PostgreSQL still runs them one after the other, in
// order, each with its own Sync): a write's steps whose results it does not need (`run`, `insert`)
// are sent without waiting, a batch of reads (`reads`) goes out at once, and COMMIT follows the
// last write on the wire. A submission is then two round trips: BEGIN + the lock + its reads, and
// its writes + COMMIT. The first failure among the statements in flight is the one reported; the
// statements after it fail inside the aborted transaction and COMMIT rolls it back.

import type { Compilable, OperationNodeSource } from "kysely";
import { Pool, type PoolClient, type PoolConfig } from "pg";
import { SqlStore } from "./base";
import { MIGRATIONS } from "./migrations";
import type { Columns, Row } from "./sql";
import { driveAsync, slices, type Operation, type Step } from "./steps";
import { StoreUnavailable, type Store } from "./store";

export type PostgresOptions = {
  connectionString: string;
  /** Use this schema (it must exist) instead of the default search_path: the tests give each run its own. */
  schema?: string;
  /** pool size (default 10) */
  max?: number;
  /** called when a pooled connection fails, idle or in use (default: ignored; the pool replaces it) */
  onIdleError?: (error: Error) => void;
  /** how long a request waits for a connection before it fails with 503 (default 10 s) */
  connectionTimeoutMillis?: number;
};

/** The protocol's limit of bound parameters per statement (a 16-bit count in the Bind message). */
const MAX_PARAMS = 65_535;

const MIGRATION_LOCK = 7_245_118_301;

/**
 * Whether `error` means the connection to PostgreSQL is gone or cannot be made, rather than a fault
 * of the statement: SQLSTATE class 08 (connection exception), 57P01 admin_shutdown (which
 * pg_terminate_backend sends), 57P02 crash_shutdown, 57P03 cannot_connect_now (Appendix A,
 * https://www.postgresql.org/docs/current/errcodes-appendix.html); Node's socket errors; and the
 * messages node-postgres gives a query whose connection ended ("Connection terminated
 * unexpectedly", "Client has encountered a connection error and is not queryable", a connection
 * timeout of the pool).
 */
export function isConnectionLost(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  if (/^08/.test(code) || code === "57P01" || code === "57P02" || code === "57P03") return true;
  if (["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH"].includes(code)) return true;
  const message = typeof e?.message === "string" ? e.message : "";
  return /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed/i.test(message);
}

/** Rethrow a lost connection as {@link StoreUnavailable} (the API's 503); anything else as is. */
function unavailable(error: unknown): unknown {
  if (!isConnectionLost(error)) return error;
  return new StoreUnavailable(`the database connection failed (${(error as Error).message})`, { cause: error });
}

async function query(client: Pool, q: Compilable): Promise<Row[]> {
  const compiled = q.compile();
  return (await client.query({ text: compiled.sql, values: compiled.parameters as unknown[] })).rows as Row[];
}

/**
 * Statements on one client in pipeline mode: `send` puts one on the wire without waiting for its
 * answer, `rows` and `batch` wait for their own rows (and so for everything sent before them), and
 * `settle` waits for all. The first statement that failed, in wire order, is the error thrown; a
 * statement's failure is caught at once, so none is ever an unhandled rejection.
 */
class Pipeline {
  private pending: Array<Promise<void>> = [];
  private failure: { error: unknown } | null = null;

  private corked = false;

  constructor(readonly client: PoolClient) {}

  /**
   * Hold the socket's writes until the current run of synchronous code and promise callbacks is
   * over, so the statements a write sends one after another leave in one write(2), not one each
   * (measured: one writev per statement was a third of the server's CPU time under load).
   */
  private cork(): void {
    if (this.corked) return;
    const stream = (this.client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
    if (!stream?.cork || !stream.uncork) return;
    stream.cork();
    this.corked = true;
    process.nextTick(() => {
      this.corked = false;
      stream.uncork?.();
    });
  }

  private submit(q: Compilable | string): Promise<Row[]> {
    this.cork();
    if (typeof q === "string") return this.client.query(q).then((r) => r.rows as Row[]);
    const compiled = q.compile();
    return this.client.query({ text: compiled.sql, values: compiled.parameters as unknown[] }).then((r) => r.rows as Row[]);
  }

  send(q: Compilable | string): void {
    this.pending.push(
      this.submit(q).then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      ),
    );
  }

  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
    if (this.failure) throw this.failure.error;
  }

  async batch(queries: readonly Compilable[]): Promise<Row[][]> {
    const answers = queries.map((q) => this.submit(q).then((rows) => ({ rows }), (error: unknown) => ({ error })));
    await this.settle();
    const out: Row[][] = [];
    for (const answer of await Promise.all(answers)) {
      if ("error" in answer) throw answer.error;
      out.push(answer.rows);
    }
    return out;
  }

  async rows(q: Compilable): Promise<Row[]> {
    return (await this.batch([q]))[0];
  }
}

export class PostgresStore extends SqlStore implements Store {
  declare readonly engine: "postgres";
  private readonly pool: Pool;
  private readonly onClientError: (error: Error) => void;

  constructor(options: PostgresOptions) {
    super("postgres");
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
      pipeline: true,
    };
    if (options.schema !== undefined) {
      if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
      config.options = `-c search_path=${options.schema}`;
    }
    this.pool = new Pool(config);
    this.onClientError = (error) => options.onIdleError?.(error);
    this.pool.on("error", this.onClientError);
  }

  protected async read<O>(q: Compilable<O>): Promise<O[]> {
    // pool.query listens for its client's 'error' itself while the query runs
    try {
      return (await query(this.pool, q)) as O[];
    } catch (error) {
      throw unavailable(error);
    }
  }

  /**
   * Rows as arrays (pg's rowMode "array": no object per row), then one array per column; json_agg
   * columns (what SQLite does) measured slower here (bench/server.ts, scores at campaign size).
   */
  protected async readColumns<C extends string>(q: Compilable & OperationNodeSource, columns: readonly C[]): Promise<Columns<C>> {
    const compiled = q.compile();
    let result;
    try {
      result = await this.pool.query<unknown[]>({ text: compiled.sql, values: compiled.parameters as unknown[], rowMode: "array" });
    } catch (error) {
      throw unavailable(error);
    }
    const out = {} as Columns<C>;
    columns.forEach((column, k) => {
      out[column] = result.rows.map((row) => row[k]);
    });
    return out;
  }

  protected isUniqueViolation(error: unknown): boolean {
    return (error as { code?: unknown } | null)?.code === "23505";
  }

  /**
   * One transaction on one pooled client. While the client is checked out the pool does not listen
   * for its 'error' event (pg-pool removes its idle listener on connect), and an 'error' event with
   * no listener is thrown by Node's EventEmitter and ends the process: so listen here while it is out,
   * and hand a broken client back with its error, which makes the pool destroy it and open a new one.
   */
  private async tx<T>(fn: (pipe: Pipeline) => Promise<T>): Promise<T> {
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken ??= error;
      this.onClientError(error);
    };
    let client: PoolClient;
    try {
      // Listen in pool.connect's callback, which the pool calls as it hands the client over: after
      // `await pool.connect()` the listener would come a few microtasks late, and a FATAL that pg
      // parses in between (in the same chunk as the previous user's last message) would be an
      // unhandled 'error' (test/server/postgres.errorAfterRelease.test.ts).
      client = await new Promise<PoolClient>((resolve, reject) =>
        this.pool.connect((error, connected) => {
          if (error || !connected) return reject(error ?? new Error("the pool gave no connection"));
          connected.on("error", onError);
          resolve(connected);
        }),
      );
    } catch (error) {
      throw unavailable(error);
    }
    const pipe = new Pipeline(client);
    try {
      pipe.send("BEGIN");
      const result = await fn(pipe);
      pipe.send("COMMIT");
      await pipe.settle();
      return result;
    } catch (error) {
      if (isConnectionLost(error)) broken ??= error as Error;
      // queued behind whatever is still in flight, so the client goes back with nothing pending
      if (!broken) await client.query("ROLLBACK").catch(() => undefined);
      throw unavailable(broken && !isConnectionLost(error) ? broken : error);
    } finally {
      client.removeListener("error", onError);
      client.release(broken);
    }
  }

  private async step(pipe: Pipeline, step: Step): Promise<unknown> {
    switch (step.kind) {
      case "all":
        return pipe.rows(step.query);
      case "reads":
        return pipe.batch(step.queries);
      case "run":
        pipe.send(step.query);
        return undefined;
      case "insert":
        for (const rows of slices(step.rows, MAX_PARAMS)) pipe.send(step.build(rows));
        return undefined;
    }
  }

  async transact<T>(operation: Operation<T>): Promise<T> {
    return this.tx((pipe) => driveAsync(operation.body({ db: this.qb, engine: "postgres" }), (step) => this.step(pipe, step)));
  }

  async migrate(): Promise<{ applied: number[] }> {
    return this.tx(async ({ client }) => {
      await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      const done = new Set((await client.query("SELECT version FROM schema_migrations")).rows.map((r: Row) => Number(r.version)));
      const applied: number[] = [];
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        // Multi-statement text: sent without parameters, so pg uses the simple query protocol.
        await client.query(m.postgres);
        await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, new Date().toISOString()]);
        applied.push(m.version);
      }
      return { applied };
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
