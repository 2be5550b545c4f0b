// jest global setup: finds the PostgreSQL server and the Chromium the tests use, once per run.
// - PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) when a server answers
//   there; otherwise a real PostgreSQL 17 from npm (embeddedPostgres.ts), started here and stopped in
//   globalTeardown.ts.
// - Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the headless Chromium that
//   @sparticuz/chromium ships inside its npm package (bundledChromium.ts).
// With QI_REAL_SERVICES=1 (set by .ci/run) neither fallback is used, so CI always tests the machine's
// PostgreSQL server and Debian's chromium, and fails when they are missing.
// Workers are started after this runs and inherit the environment it sets.

import { spawnSync } from "node:child_process";
import { Client } from "pg";
import { prepareBundledChromium } from "./bundledChromium";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embeddedPostgres";

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";
const DEBIAN_CHROMIUM = "/usr/bin/chromium";

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether a browser binary is there and starts (a half-removed install counts as missing). */
function starts(executable: string): boolean {
  return spawnSync(executable, ["--version"], { stdio: "ignore", timeout: 30_000 }).status === 0;
}

export default async function globalSetup(): Promise<void> {
  const realOnly = process.env.QI_REAL_SERVICES === "1";
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  if (!realOnly && !(await answers(url))) {
    const embedded = await startEmbeddedPostgres();
    (globalThis as { __qiEmbeddedPostgres?: EmbeddedPostgres }).__qiEmbeddedPostgres = embedded;
    process.env.TEST_DATABASE_URL = embedded.url;
    console.log(`\nNo PostgreSQL answers at ${url}: the PostgreSQL tests use an embedded PostgreSQL 17 from npm at ${embedded.url}.`);
  }
  if (!realOnly && !process.env.CHROMIUM_PATH && !starts(DEBIAN_CHROMIUM)) {
    const bundled = await prepareBundledChromium();
    process.env.CHROMIUM_PATH = bundled.executablePath;
    process.env.CHROMIUM_LD_LIBRARY_PATH = bundled.libraryPath;
    console.log(`No Chromium starts at ${DEBIAN_CHROMIUM}: the browser tests use the headless Chromium of @sparticuz/chromium (${bundled.executablePath}).`);
  }
}
