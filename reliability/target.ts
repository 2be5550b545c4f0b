// The database a scenario runs against, private to that scenario and removed afterwards: a fresh
// SQLite folder, or a fresh PostgreSQL database created on the shared test server (never another
// database touched; the server itself is never restarted). It gives the environment a server process
// needs, a store to seed it through, raw SQL for the checks, and (PostgreSQL) a way to cut the
// server's database connections.

import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { PostgresStore } from "../src/server/store/postgres";
import { SqliteStore } from "../src/server/store/sqlite";
import type { Store } from "../src/server/store/store";

export type Engine = "sqlite" | "postgres";

/** Where the suite finds PostgreSQL: TEST_DATABASE_URL, as the jest suites (test/support/globalSetup.ts). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** application_name of the suite's own connections, so cutting the server's connections spares them. */
const OWN_CONNECTION = "qi-reliability-suite";

export type Row = Record<string, unknown>;

export type Target = {
  engine: Engine;
  /** for messages: the SQLite file or the PostgreSQL database's name */
  where: string;
  /** environment of a server process on this data (DATABASE_URL or QI_DATA_DIR) */
  env: Record<string, string>;
  /** a migrated store on the same data (the caller closes it) */
  openStore: () => Promise<Store>;
  /** raw SQL on the same data, through the suite's own connection */
  query: (sql: string) => Promise<Row[]>;
  /** PostgreSQL only: terminate every server connection to this database (pg_terminate_backend); how many */
  cutConnections: () => Promise<number>;
  /** close the suite's connections and remove the data */
  drop: () => Promise<void>;
};

export function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), "qi-reliability-"));
  const file = join(dir, "qi.sqlite");
  let db: Database.Database | null = null;
  const connection = () => (db ??= new Database(file, { fileMustExist: true }));
  return {
    engine: "sqlite",
    where: file,
    env: { QI_DATA_DIR: dir, DATABASE_URL: "" },
    openStore: async () => {
      const store = new SqliteStore({ file });
      await store.migrate();
      return store;
    },
    query: async (sql) => {
      const statement = connection().prepare(sql);
      return statement.reader ? (statement.all() as Row[]) : (statement.run(), []);
    },
    cutConnections: async () => {
      throw new Error("SQLite has no connections to cut");
    },
    drop: async () => {
      db?.close();
      db = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database `qi_rel_<random>` on the test server; DROP DATABASE … WITH (FORCE) at the end. */
export async function postgresTarget(): Promise<Target> {
  const name = `qi_rel_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000, application_name: OWN_CONNECTION });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL): ${(error as Error).message}`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let checker: Client | null = null;
  const connection = async () => {
    if (!checker) {
      checker = new Client({ connectionString: databaseUrl, application_name: OWN_CONNECTION });
      await checker.connect();
    }
    return checker;
  };
  return {
    engine: "postgres",
    where: `PostgreSQL database ${name}`,
    env: { DATABASE_URL: databaseUrl },
    openStore: async () => {
      const store = new PostgresStore({ connectionString: databaseUrl, max: 2 });
      await store.migrate();
      return store;
    },
    query: async (sql) => (await (await connection()).query(sql)).rows as Row[],
    cutConnections: async () =>
      (
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> $2", [
          name,
          OWN_CONNECTION,
        ])
      ).rows.length,
    drop: async () => {
      await (checker as Client | null)?.end().catch(() => undefined);
      checker = null;
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

export function makeTarget(engine: Engine): Promise<Target> {
  return engine === "sqlite" ? Promise.resolve(sqliteTarget()) : postgresTarget();
}
