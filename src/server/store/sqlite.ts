// The embedded engine: one SQLite file under QI_DATA_DIR (better-sqlite3). WAL mode so readers never
// wait for the writer, foreign keys on, a busy timeout for a second process (the admin command line),
// and synchronous=FULL by default so an accepted report survives a power cut. better-sqlite3 is
// synchronous, so a transaction runs with nothing else in between. Its immediate transactions take
// the database write lock at once, which is all the locking it needs.
//
// Group commit. With synchronous=FULL every COMMIT writes the pages the transaction changed to the
// WAL and waits for an fsync; one commit per report paid both for every report (each report touches
// the same index pages as its neighbours), and that, with the SQL, limited SQLite to ~500 reports/s
// (bench/server.ts; with group commit and migration 7 the server's CPU time per report halved). So
// writes are queued and committed together: the writes that arrive while a commit runs (the event
// loop is blocked in it, so their requests wait in the sockets) all share the next transaction, flushed from
// a setImmediate once the loop has taken every request that was ready. Each write runs inside its own
// SAVEPOINT in that transaction: one that fails is rolled back to its savepoint and rejected alone,
// the others are kept. Every write's promise settles only after the COMMIT returned, i.e. after its
// data is durable (or with the commit's error). Writes run in the order they were asked for, each
// seeing the ones before it (one connection), so per-team order, revision numbers and idempotency
// keys are decided exactly as if they had been separate transactions.

import Database from "better-sqlite3";
import { sql, type Compilable, type CompiledQuery, type OperationNodeSource } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { SqlStore } from "./base";
import { MIGRATIONS } from "./migrations";
import { columnsOf, type Columns, type Row } from "./sql";
import { driveSync, slices, type Operation, type Step } from "./steps";
import type { Store } from "./store";

export type SqliteOptions = {
  /** path of the database file, or ":memory:" */
  file: string;
  /** PRAGMA synchronous: FULL (default, durable on power loss) or NORMAL (durable on crash, faster) */
  synchronous?: "FULL" | "NORMAL";
};

/** SQLite's default limit of bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
const MAX_PARAMS = 32_766;

/**
 * The most writes one group commit carries; more wait for the next one. A bound on how long one
 * transaction holds the event loop (a report takes ~0.3 ms of SQL: 256 of them ~80 ms), chosen by
 * measurement with bench/server.ts, where groups stayed far below it.
 */
const GROUP_LIMIT = 256;

type Queued = { operation: Operation<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

export class SqliteStore extends SqlStore implements Store {
  declare readonly engine: "sqlite";
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** writes waiting for the next group commit, in arrival order */
  private queue: Array<Queued> = [];
  private flushScheduled = false;
  /** how many writes the last group commits carried (for the bench's figures) */
  readonly groupStats = { commits: 0, writes: 0, largest: 0 };

  constructor(options: SqliteOptions) {
    super("sqlite");
    if (options.file !== ":memory:") mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  }

  /** A prepared statement, kept for reuse unless it is one of a bulk load's very long multi-row INSERTs. */
  private stmt(query: CompiledQuery): Database.Statement {
    let s = this.statements.get(query.sql);
    if (!s) {
      s = this.db.prepare(query.sql);
      if (query.sql.length < 20_000) this.statements.set(query.sql, s);
    }
    return s;
  }

  private all(query: Compilable | CompiledQuery): Row[] {
    const compiled = "compile" in query ? query.compile() : query;
    return this.stmt(compiled).all(compiled.parameters as unknown[]) as Row[];
  }

  private run(query: Compilable): void {
    const compiled = query.compile();
    this.stmt(compiled).run(compiled.parameters as unknown[]);
  }

  private step(step: Step): unknown {
    switch (step.kind) {
      case "all":
        return this.all(step.query);
      case "reads":
        return step.queries.map((q) => this.all(q));
      case "run":
        return this.run(step.query);
      case "insert":
        for (const rows of slices(step.rows, MAX_PARAMS)) this.run(step.build(rows));
        return undefined;
    }
  }

  private drive<T>(operation: Operation<T>): T {
    return driveSync(operation.body({ db: this.qb, engine: "sqlite" }), (step) => this.step(step));
  }

  async transact<T>(operation: Operation<T>): Promise<T> {
    // A read-only operation (a dry run) takes a deferred transaction of its own at once: a consistent
    // snapshot of what is committed, without the write lock.
    if (operation.readOnly) return this.db.transaction(() => this.drive(operation)).deferred();
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ operation, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Commit every queued write in one immediate transaction, each in its own savepoint (see the file's
   * header), then settle their promises. Synchronous from BEGIN to COMMIT, so nothing else runs in between.
   */
  private flush(): void {
    this.flushScheduled = false;
    const group = this.queue.splice(0, GROUP_LIMIT);
    if (this.queue.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    if (group.length === 0) return;
    const settled: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.exec("BEGIN IMMEDIATE");
      for (const { operation } of group) {
        this.exec("SAVEPOINT w");
        try {
          const value = this.drive(operation);
          this.exec("RELEASE w");
          settled.push({ ok: true, value });
        } catch (error) {
          // Some errors (a full disk, an I/O error) roll the whole transaction back in SQLite:
          // then the group's earlier writes are gone too, so the group fails as one.
          if (!this.db.inTransaction) throw error;
          this.exec("ROLLBACK TO w");
          this.exec("RELEASE w");
          settled.push({ ok: false, error });
        }
      }
      this.exec("COMMIT");
    } catch (error) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      for (const { reject } of group) reject(error);
      return;
    }
    this.groupStats.commits++;
    this.groupStats.writes += group.length;
    this.groupStats.largest = Math.max(this.groupStats.largest, group.length);
    group.forEach(({ resolve, reject }, i) => {
      const outcome = settled[i];
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }

  /** A transaction-control statement, prepared once. */
  private exec(text: string): void {
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.db.prepare(text)));
    s.run();
  }

  protected async read<O>(query: Compilable<O>): Promise<O[]> {
    return this.all(query) as O[];
  }

  /**
   * One row of JSON arrays, one per column, instead of one row per record: better-sqlite3 spends
   * several times longer turning ~90,000 rows into JavaScript objects than V8's JSON.parse spends on
   * the arrays. Numbers come back exactly (SQLite prints doubles in round-trip form). The arrays are
   * in the order of `query`'s ORDER BY: the sorted subquery feeds the aggregate in order (SQLite
   * never flattens an ordered subquery into an aggregate); the contract tests check that order.
   */
  protected async readColumns<C extends string>(query: Compilable & OperationNodeSource, columns: readonly C[]): Promise<Columns<C>> {
    const arrays = sql.join(columns.map((c) => sql`CAST(json_group_array(${sql.ref(c)}) AS TEXT) AS ${sql.ref(c)}`));
    return columnsOf(this.all(sql<Row>`SELECT ${arrays} FROM (${query}) AS q`.compile(this.qb))[0], columns);
  }

  protected isUniqueViolation(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
  }

  async migrate(): Promise<{ applied: number[] }> {
    this.db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    const applied: number[] = [];
    const apply = this.db.transaction(() => {
      const done = new Set(this.db.prepare("SELECT version FROM schema_migrations").all().map((r) => Number((r as Row).version)));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        this.db.exec(m.sqlite);
        this.db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, new Date().toISOString());
        applied.push(m.version);
      }
    });
    apply.immediate();
    return { applied };
  }

  async close(): Promise<void> {
    // writes asked for before close() are committed (or fail) first
    while (this.queue.length > 0 && this.db.open) this.flush();
    if (this.db.open) this.db.close();
  }
}
