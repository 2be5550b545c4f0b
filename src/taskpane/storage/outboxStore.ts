// The outbox: reports waiting to reach the data store, persisted BEFORE the first attempt so a dropped
// network, a closed pane or a crash never loses one. Each keeps the Idempotency-Key it was made with;
// every retry sends that same key, so the server stores the report exactly once.
import * as z from "zod";
import { SubmissionInput } from "../../core/schema";
import type { KeyValueStore } from "./keyValueStore";

export const QueuedReport = z.object({
  /** Made once per report (a UUID) and sent as Idempotency-Key on every attempt. */
  idempotencyKey: z.string().min(1),
  storeUrl: z.string(),
  collaborativeId: z.string(),
  teamId: z.string(),
  reportingMonth: z.string(),
  body: SubmissionInput,
  queuedAt: z.string(),
  attempts: z.number().int().nonnegative(),
  /** When the timer may try again (ISO time); null while waiting for the user (e.g. a new token). */
  nextAttemptAt: z.string().nullable(),
  /** The plain-language reason the last attempt failed. */
  lastError: z.string().nullable(),
});
export type QueuedReport = z.infer<typeof QueuedReport>;

const OUTBOX_KEY = "qi.outbox.v1";

export interface OutboxStore {
  list(): Promise<QueuedReport[]>;
  put(entry: QueuedReport): Promise<void>;
  remove(idempotencyKey: string): Promise<void>;
}

/** Keeps the outbox as one JSON array in the add-in's storage. */
export function keyValueOutboxStore(store: KeyValueStore): OutboxStore {
  // Writes are serialised so two quick updates never overwrite each other's read-modify-write.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };

  /** Entries that no longer parse (e.g. after an upgrade) are carried along untouched, never dropped. */
  async function read(): Promise<{ entries: QueuedReport[]; unreadable: unknown[] }> {
    const raw = await store.getItem(OUTBOX_KEY);
    if (!raw) return { entries: [], unreadable: [] };
    let items: unknown;
    try {
      items = JSON.parse(raw);
    } catch {
      items = null;
    }
    if (!Array.isArray(items)) return { entries: [], unreadable: [raw] };
    const entries: QueuedReport[] = [];
    const unreadable: unknown[] = [];
    for (const item of items) {
      const parsed = QueuedReport.safeParse(item);
      if (parsed.success) entries.push(parsed.data);
      else unreadable.push(item);
    }
    return { entries, unreadable };
  }

  async function write(entries: QueuedReport[], unreadable: unknown[]): Promise<void> {
    await store.setItem(OUTBOX_KEY, JSON.stringify([...entries, ...unreadable]));
  }

  return {
    list: () => serial(async () => (await read()).entries),
    put: (entry) =>
      serial(async () => {
        const { entries, unreadable } = await read();
        const others = entries.filter((e) => e.idempotencyKey !== entry.idempotencyKey);
        await write([...others, entry], unreadable);
      }),
    remove: (idempotencyKey) =>
      serial(async () => {
        const { entries, unreadable } = await read();
        await write(entries.filter((e) => e.idempotencyKey !== idempotencyKey), unreadable);
      }),
  };
}
