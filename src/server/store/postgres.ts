// The PostgreSQL engine (`DATABASE_URL=postgres://…`), on a pg Pool. Each write is one transaction
// (BEGIN … COMMIT on one pooled client) whose steps are awaited in turn; the writes lock the rows
// they decide on (a team for a submission, a collaborative for a new position: see writes.ts), so
// two reports of one team never interleave. Queries come compiled by Kysely with `$n` placeholders.

import type { Compilable, OperationNodeSource } from "kysely";
import { Pool, type PoolClient, type PoolConfig } from "pg";
import { SqlStore } from "./base";
import { MIGRATIONS } from "./migrations";
import type { Columns, Row } from "./sql";
import { driveAsync, slices, type Operation, type Step } from "./steps";
import type { Store } from "./store";

export type PostgresOptions = {
  connectionString: string;
  /** Use this schema (it must exist) instead of the default search_path: the tests give each run its own. */
  schema?: string;
  /** pool size (default 10) */
  max?: number;
  /** called when an idle pooled connection fails (default: ignored; the pool replaces it) */
  onIdleError?: (error: Error) => void;
};

/** The protocol's limit of bound parameters per statement (a 16-bit count in the Bind message). */
const MAX_PARAMS = 65_535;

const MIGRATION_LOCK = 7_245_118_301;

async function query(client: Pool | PoolClient, q: Compilable): Promise<Row[]> {
  const compiled = q.compile();
  return (await client.query({ text: compiled.sql, values: compiled.parameters as unknown[] })).rows as Row[];
}

export class PostgresStore extends SqlStore implements Store {
  declare readonly engine: "postgres";
  private readonly pool: Pool;

  constructor(options: PostgresOptions) {
    super("postgres");
    const config: PoolConfig = { connectionString: options.connectionString, max: options.max ?? 10 };
    if (options.schema !== undefined) {
      if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
      config.options = `-c search_path=${options.schema}`;
    }
    this.pool = new Pool(config);
    this.pool.on("error", (error) => options.onIdleError?.(error));
  }

  protected async read<O>(q: Compilable<O>): Promise<O[]> {
    return (await query(this.pool, q)) as O[];
  }

  /**
   * Rows as arrays (pg's rowMode "array": no object per row), then one array per column; json_agg
   * columns (what SQLite does) measured slower here (bench/server.ts, scores at campaign size).
   */
  protected async readColumns<C extends string>(q: Compilable & OperationNodeSource, columns: readonly C[]): Promise<Columns<C>> {
    const compiled = q.compile();
    const result = await this.pool.query<unknown[]>({ text: compiled.sql, values: compiled.parameters as unknown[], rowMode: "array" });
    const out = {} as Columns<C>;
    columns.forEach((column, k) => {
      out[column] = result.rows.map((row) => row[k]);
    });
    return out;
  }

  protected isUniqueViolation(error: unknown): boolean {
    return (error as { code?: unknown } | null)?.code === "23505";
  }

  private async tx<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async step(client: PoolClient, step: Step): Promise<unknown> {
    switch (step.kind) {
      case "all":
        return query(client, step.query);
      case "run":
        await query(client, step.query);
        return undefined;
      case "insert":
        for (const rows of slices(step.rows, MAX_PARAMS)) await query(client, step.build(rows));
        return undefined;
    }
  }

  async transact<T>(operation: Operation<T>): Promise<T> {
    return this.tx((client) => driveAsync(operation.body({ db: this.qb, engine: "postgres" }), (step) => this.step(client, step)));
  }

  async migrate(): Promise<{ applied: number[] }> {
    return this.tx(async (client) => {
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
