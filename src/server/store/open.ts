// Picks the engine from the configuration: PostgreSQL when DATABASE_URL is set, else SQLite in QI_DATA_DIR.

import { join } from "node:path";
import type { Config } from "../config";
import { PostgresStore } from "./postgres";
import { SqliteStore } from "./sqlite";
import type { Store } from "./store";

/** Open the configured store and run its migrations. */
export async function openStore(config: Pick<Config, "databaseUrl" | "dataDir" | "sqliteSynchronous">, onIdleError?: (error: Error) => void): Promise<Store> {
  const store: Store = config.databaseUrl
    ? new PostgresStore({ connectionString: config.databaseUrl, ...(onIdleError ? { onIdleError } : {}) })
    : new SqliteStore({ file: join(config.dataDir, "qi.sqlite"), synchronous: config.sqliteSynchronous });
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

/** Where the data lives, for messages (never prints a password). */
export function describeStore(config: Pick<Config, "databaseUrl" | "dataDir">): string {
  if (!config.databaseUrl) return `SQLite ${join(config.dataDir, "qi.sqlite")}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ""}${url.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}
