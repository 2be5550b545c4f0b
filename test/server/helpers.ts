// Shared fixtures of the data store tests: a small collaborative, stores on both engines, a fixed
// clock, tokens of every kind, and a request helper over app.request() (no sockets).

import { randomUUID } from "node:crypto";
import { Client } from "pg";
import type { CollaborativeDefinition, SubmissionInput } from "../../src/core/index";
import { createApp, type AppDeps } from "../../src/server/app";
import { PostgresStore } from "../../src/server/store/postgres";
import { SqliteStore } from "../../src/server/store/sqlite";
import type { Actor, Store, SubmitOutcome } from "../../src/server/store/store";
import { submitReport } from "../../src/server/submission/submit";
import { issueToken } from "../../src/server/tokens";
import { fixtureCollaborative } from "../support/fixtureCollaborative";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export const CLI: Actor = { tokenId: null, label: "test" };

export { fixtureCollaborative };

export const TEAMS = [
  { id: "alpha", name: "Alpha Hospital", organisation: "Alpha Health" },
  { id: "bravo", name: "Bravo Clinic", organisation: "Bravo Trust" },
  { id: "charlie", name: "Charlie Infirmary", organisation: "" },
];

/** A clock the test moves by hand. */
export function fixedClock(iso: string): { now: () => Date; set: (iso: string) => void; advance: (ms: number) => void } {
  let t = Date.parse(iso);
  return { now: () => new Date(t), set: (next) => (t = Date.parse(next)), advance: (ms) => (t += ms) };
}

export type StoreHandle = {
  store: Store;
  /** run raw SQL on the same database (to prove what the store's triggers refuse) */
  raw: (sql: string) => Promise<Array<Record<string, unknown>>>;
  close: () => Promise<void>;
};

export async function sqliteHandle(): Promise<StoreHandle> {
  const store = new SqliteStore({ file: ":memory:" });
  await store.migrate();
  // The store's own connection is private; reach it the way an operator would with the sqlite3 shell.
  const db = (store as unknown as { db: import("better-sqlite3").Database }).db;
  return {
    store,
    raw: async (sql) => {
      // better-sqlite3 builds its errors in the realm of the first test file a jest worker loaded it in,
      // so `instanceof Error` can fail in later files: rethrow as this realm's Error.
      try {
        return /^\s*select/i.test(sql) ? (db.prepare(sql).all() as Array<Record<string, unknown>>) : (db.prepare(sql).run(), []);
      } catch (error) {
        throw new Error((error as { message?: string }).message ?? String(error));
      }
    },
    close: () => store.close(),
  };
}

/** A PostgreSQL store in a fresh schema of its own, dropped on close. Fails (never skips) when PostgreSQL is down. */
export async function postgresHandle(): Promise<StoreHandle> {
  const schema = `qi_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL): ${(error as Error).message}`);
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path TO ${schema}`);
  const store = new PostgresStore({ connectionString: TEST_DATABASE_URL, schema, max: 8 });
  await store.migrate();
  return {
    store,
    raw: async (sql) => (await admin.query(sql)).rows as Array<Record<string, unknown>>,
    close: async () => {
      await store.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** Submit straight through the store with the real checks and planner (what the route does). */
export async function storeSubmit(
  store: Store,
  collaborative: CollaborativeDefinition,
  teamId: string,
  input: SubmissionInput,
  options: { at?: string; dryRun?: boolean; idempotencyKey?: string; actor?: Actor; lockedPeriods?: ReadonlySet<string> } = {},
): Promise<SubmitOutcome> {
  const rawBody = JSON.stringify(input);
  return submitReport(store, {
    collaborative,
    teamId,
    input,
    rawBody,
    submissionId: randomUUID(),
    receivedAt: options.at ?? "2026-03-05T10:00:00.000Z",
    actor: options.actor ?? CLI,
    dryRun: options.dryRun ?? false,
    idempotency: options.idempotencyKey ? { scope: `${collaborative.id}/${teamId}`, key: options.idempotencyKey, requestHash: rawBody } : null,
    lockedPeriods: options.lockedPeriods,
  });
}

export type World = {
  app: ReturnType<typeof createApp>;
  store: Store;
  clock: ReturnType<typeof fixedClock>;
  collaborative: CollaborativeDefinition;
  tokens: { alpha: string; bravo: string; charlie: string; faculty: string; admin: string; otherFaculty: string; revoked: string; expired: string };
  errors: Array<{ message: string; error: unknown }>;
  handle: StoreHandle;
  close: () => Promise<void>;
};

/**
 * A collaborative with three teams and every kind of token, on a clock set to 2026-03-05 (the
 * reporting month is 2026-02, due 2026-03-15).
 */
export async function makeWorld(
  options: { collaborative?: Partial<CollaborativeDefinition>; handle?: StoreHandle; app?: Partial<AppDeps>; now?: string } = {},
): Promise<World> {
  const handle = options.handle ?? (await sqliteHandle());
  const { store } = handle;
  const clock = fixedClock(options.now ?? "2026-03-05T10:00:00.000Z");
  const collaborative = fixtureCollaborative(options.collaborative);
  const setup = new Date("2025-12-01T09:00:00.000Z");
  await store.createCollaborative(collaborative, setup.toISOString(), CLI);
  await store.createCollaborative(fixtureCollaborative({ id: "other", name: "Other Collaborative" }), setup.toISOString(), CLI);
  for (const team of TEAMS) await store.addTeam(collaborative.id, team, setup.toISOString(), CLI);
  await store.addTeam("other", { id: "zulu", name: "Zulu Hospital", organisation: "" }, setup.toISOString(), CLI);
  const issue = async (o: { role: "team" | "faculty" | "admin"; collaborativeId?: string; teamId?: string; label: string; expiresInDays?: number }) =>
    (await issueToken(store, { ...o, now: setup, actor: CLI })).token;
  const tokens = {
    alpha: await issue({ role: "team", collaborativeId: "sepsis", teamId: "alpha", label: "alpha data lead" }),
    bravo: await issue({ role: "team", collaborativeId: "sepsis", teamId: "bravo", label: "bravo data lead" }),
    charlie: await issue({ role: "team", collaborativeId: "sepsis", teamId: "charlie", label: "charlie data lead" }),
    faculty: await issue({ role: "faculty", collaborativeId: "sepsis", label: "faculty" }),
    admin: await issue({ role: "admin", label: "admin" }),
    otherFaculty: await issue({ role: "faculty", collaborativeId: "other", label: "other faculty" }),
    revoked: await issue({ role: "team", collaborativeId: "sepsis", teamId: "alpha", label: "old alpha token" }),
    expired: await issue({ role: "team", collaborativeId: "sepsis", teamId: "alpha", label: "expired alpha token", expiresInDays: 30 }),
  };
  await store.revokeToken(tokens.revoked.slice(0, 12), setup.toISOString(), CLI);
  const errors: World["errors"] = [];
  const app = createApp({
    store,
    clock: clock.now,
    version: "test",
    logError: (message, error) => errors.push({ message, error }),
    ...options.app,
  });
  return { app, store, clock, collaborative, tokens, errors, handle, close: () => handle.close() };
}

export type Reply = { status: number; headers: Headers; text: string; json: any };

/** One request through app.request(): JSON in, JSON (when it is JSON) out. */
export async function call(
  app: World["app"],
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && headers["content-type"] === undefined) headers["content-type"] = "application/json";
  const response = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A valid February report of `abx-1h` and `mortality` (plus extra points). */
export function februaryReport(extra: SubmissionInput["points"] = [], numerator = 40): SubmissionInput {
  return {
    reportingMonth: "2026-02",
    points: [
      { measureId: "abx-1h", period: "2026-02", numerator, denominator: 50 },
      { measureId: "mortality", period: "2026-02", numerator: 3, denominator: 1200 },
      ...extra,
    ],
    narrative: { changesTested: "Sepsis screening at triage", lessons: "", barriers: "", helpWanted: "" },
  };
}
