// The embedded engine: one SQLite file under QI_DATA_DIR (better-sqlite3). WAL mode so readers never
// wait for the writer, foreign keys on, a busy timeout for a second process (the admin command line),
// and synchronous=FULL by default so an accepted report survives a power cut. better-sqlite3 is
// synchronous, so every write is one synchronous transaction: nothing else runs in between. Its
// immediate transactions take the database write lock at once, which is all the locking it needs.

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

export class SqliteStore extends SqlStore implements Store {
  declare readonly engine: "sqlite";
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

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
      case "run":
        return this.run(step.query);
      case "insert":
        for (const rows of slices(step.rows, MAX_PARAMS)) this.run(step.build(rows));
        return undefined;
    }
  }

  async transact<T>(operation: Operation<T>): Promise<T> {
    const work = this.db.transaction(() => driveSync(operation.body({ db: this.qb, engine: "sqlite" }), (step) => this.step(step)));
    // A read-only operation (a dry run) takes a deferred transaction: a consistent snapshot without the write lock.
    return operation.readOnly ? work.deferred() : work.immediate();
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
    if (this.db.open) this.db.close();
  }
}
