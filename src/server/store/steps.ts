// How a write is written once and run by both engines. A write is a generator (an {@link Operation})
// that yields one step at a time (a statement to run, or many rows to insert) and receives each
// step's result. The engine drives it inside its own transaction: SQLite runs every step
// synchronously inside one better-sqlite3 transaction (nothing else runs in between), PostgreSQL
// pipelines them on the transaction's client: a statement whose result the write does not need
// (`run`, `insert`) is sent without waiting for the one before it, and several reads asked for
// together (`reads`) go out at once, so a submission costs two round trips, not one per statement
// (see postgres.ts). The generator holds the logic (what to check, what to write, in which order);
// the engine holds what truly differs: how it locks, how it batches many rows, and whether its
// driver is synchronous.

import type { Compilable } from "kysely";
import type { Builder } from "./schema";
import type { Engine } from "./store";

/** What a write may ask its engine to do. */
export type Step =
  | { kind: "all"; query: Compilable }
  /** Several reads whose statements do not depend on each other's results: the rows of each, in order. */
  | { kind: "reads"; queries: readonly Compilable[] }
  | { kind: "run"; query: Compilable }
  /** Insert `rows` (all with the same keys): the engine splits them into statements of its own size. */
  | { kind: "insert"; rows: readonly object[]; build: (rows: readonly object[]) => Compilable };

/** A write, or a part of one, that yields steps and returns `T`. */
export type Steps<T = void> = Generator<Step, T, unknown>;

/** What an operation sees of its engine: the query builder of its dialect, and the engine's name for locking. */
export type WriteContext = { db: Builder; engine: Engine };

export type Operation<T> = {
  /** `true`: reads only (SQLite opens a deferred transaction, which takes no write lock) */
  readOnly?: boolean;
  body: (ctx: WriteContext) => Generator<Step, T, unknown>;
};

export function* all<O>(query: Compilable<O>): Generator<Step, O[], unknown> {
  return (yield { kind: "all", query }) as O[];
}

type RowsOf<Q extends readonly Compilable<unknown>[]> = { [K in keyof Q]: Q[K] extends Compilable<infer O> ? O[] : never };

/**
 * The rows of several reads at once. They run in the order given, each after the one before has
 * finished (so a read placed after a locking read sees the data as of the lock), but the engine
 * need not wait for one's answer before sending the next.
 */
export function* reads<Q extends readonly Compilable<unknown>[]>(...queries: Q): Generator<Step, RowsOf<Q>, unknown> {
  return (yield { kind: "reads", queries }) as RowsOf<Q>;
}

export function* first<O>(query: Compilable<O>): Generator<Step, O | undefined, unknown> {
  return (yield* all(query))[0];
}

export function* run(query: Compilable): Generator<Step, void, unknown> {
  yield { kind: "run", query };
}

/**
 * Insert many rows of one kind with the statement `build` makes for a slice of them. Rows that an
 * upsert meets twice must not share one call: PostgreSQL refuses a statement that updates a row twice.
 */
export function* insert<R extends object>(rows: readonly R[], build: (rows: readonly R[]) => Compilable): Generator<Step, void, unknown> {
  if (rows.length === 0) return;
  yield { kind: "insert", rows, build: build as (rows: readonly object[]) => Compilable };
}

/**
 * `rows` cut into slices whose parameters (columns x rows) stay within `maxParams`: the most a
 * statement may bind (SQLite 32,766 by default, PostgreSQL's protocol 65,535).
 */
export function slices<R extends object>(rows: readonly R[], maxParams: number): R[][] {
  const columns = Math.max(1, Object.keys(rows[0] ?? {}).length);
  // a few parameters of the statement itself (a LIMIT, a constant) come on top of the rows'
  const per = Math.max(1, Math.floor((maxParams - 16) / columns));
  const out: R[][] = [];
  for (let i = 0; i < rows.length; i += per) out.push(rows.slice(i, i + per));
  return out;
}

/** Run `operation` to its end, each step synchronously (SQLite, inside its synchronous transaction). */
export function driveSync<T>(operation: Generator<Step, T, unknown>, execute: (step: Step) => unknown): T {
  let input: unknown;
  for (;;) {
    const next = operation.next(input);
    if (next.done) return next.value;
    input = execute(next.value);
  }
}

/** Run `operation` to its end, awaiting each step (PostgreSQL, on the transaction's pipelined client). */
export async function driveAsync<T>(operation: Generator<Step, T, unknown>, execute: (step: Step) => Promise<unknown>): Promise<T> {
  let input: unknown;
  for (;;) {
    const next = operation.next(input);
    if (next.done) return next.value;
    input = await execute(next.value);
  }
}
