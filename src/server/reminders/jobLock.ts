// One sender at a time. On PostgreSQL several server instances share one database, so the job runs
// under a session-level advisory lock (pg_try_advisory_lock): an instance that does not get it skips
// this run. On SQLite the database is one file used by one server process (the admin command line
// never sends), so an in-process flag is enough. Either way the ledger's claims are what make each
// reminder go at most once; the lock keeps instances from racing through the same work.

import { Client } from "pg";

export type JobLock = {
  /** Run `work` if this process gets the lock, else return `{ ran: false }` at once (never waits). */
  run<T>(work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
};

/**
 * The advisory lock's first key (pg_try_advisory_lock(int, int)): this number names "the reminder
 * job"; the second key is `hashtext(current_schema())`, so stores in different schemas of one
 * database (the tests' private schemas) do not block each other.
 */
export const REMINDER_LOCK_CLASS = 72_451_184;

/**
 * The PostgreSQL lock: for each run, its own connection (outside the store's pool, so the lock's
 * session is never handed to a request), `pg_try_advisory_lock`, the work, then unlock and close. A
 * process that dies holding it loses the session, and PostgreSQL releases the lock with it
 * (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS).
 */
export function postgresJobLock(options: { connectionString: string; schema?: string | undefined }): JobLock {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
  return {
    async run(work) {
      const client = new Client({ connectionString: options.connectionString, connectionTimeoutMillis: 10_000, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) });
      // a dropped lock connection must not end the process; the run's own queries report it
      client.on("error", () => undefined);
      await client.connect();
      try {
        const got = (await client.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1, hashtext(current_schema())) AS got", [REMINDER_LOCK_CLASS])).rows[0]?.got === true;
        if (!got) return { ran: false };
        try {
          return { ran: true, value: await work() };
        } finally {
          await client.query("SELECT pg_advisory_unlock($1, hashtext(current_schema()))", [REMINDER_LOCK_CLASS]).catch(() => undefined);
        }
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

/** The SQLite (one process) lock: runs never overlap within this process. */
export function processJobLock(): JobLock {
  let busy = false;
  return {
    async run(work) {
      if (busy) return { ran: false };
      busy = true;
      try {
        return { ran: true, value: await work() };
      } finally {
        busy = false;
      }
    },
  };
}
