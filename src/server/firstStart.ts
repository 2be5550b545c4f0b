// The demo seed of a first start, done by one instance only. Several instances of the data store
// may start at the same moment on one empty PostgreSQL database (a deployment's first start, N
// instances behind a load balancer). The migrations are safe (postgres.ts takes an advisory lock
// around them); the seed was not: each instance saw an empty database and seeded, so one died with
// "collaborative demo already exists" or two demo collaboratives were made
// (test/reliability/concurrentStart.test.ts). Here the check and the seed run under a PostgreSQL
// session advisory lock (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS),
// held on a connection of its own: the first instance seeds, the others wait, then find the
// database no longer empty and seed nothing.

import { Client } from "pg";
import type { Store } from "./store/store";

/** The advisory lock key of the first-start seed (the migrations' key in postgres.ts is 7_245_118_301). */
export const FIRST_START_LOCK = 7_245_118_302;

/**
 * Run `seed` when the store is empty, holding PostgreSQL's advisory lock {@link FIRST_START_LOCK}
 * while it checks and seeds (none on SQLite: one process owns its file). Returns what `seed`
 * returned, or null when the database was not empty.
 *
 * @example
 * await seedOnFirstStart(store, process.env.DATABASE_URL, () => seedDemo(store, new Date())); // null when already seeded
 */
export async function seedOnFirstStart<T>(store: Store, databaseUrl: string | undefined, seed: () => Promise<T>): Promise<T | null> {
  const release = databaseUrl ? await holdLock(databaseUrl) : async () => undefined;
  try {
    return (await store.isEmpty()) ? await seed() : null;
  } finally {
    await release();
  }
}

/** Take the session lock on a new connection; the release unlocks and closes it (closing alone releases it too). */
async function holdLock(databaseUrl: string): Promise<() => Promise<void>> {
  const client = new Client({ connectionString: databaseUrl, application_name: "qi-first-start" });
  // a connection lost while waiting is an error of the query below; with no listener it would end the process
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [FIRST_START_LOCK]);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return async () => {
    await client.query("SELECT pg_advisory_unlock($1)", [FIRST_START_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  };
}
