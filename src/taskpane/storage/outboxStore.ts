// The outbox: reports waiting to reach the data store, persisted BEFORE the first attempt so a dropped
// network, a closed pane or a crash never loses one. Each keeps the Idempotency-Key it was made with;
// every retry sends that same key, so the server stores the report exactly once.
import * as z from "zod";
import { SubmissionInput } from "../../core/index";
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

/**
 * Each queued report is kept under its own key, `qi.outbox.v2:<idempotencyKey>`. Two workbooks open at
 * once run two copies of the add-in over one OfficeRuntime.storage (shared per domain: see
 * keyValueStore.ts), so a read-modify-write of one shared list could lose a report when both write at
 * the same moment. With one key per report, every write touches only its own report: put and remove
 * never read, and any interleaving of two writers keeps both writers' reports.
 */
export const OUTBOX_PREFIX = "qi.outbox.v2:";
/** Before per-report keys, the whole outbox was one JSON array under this key; {@link keyValueOutboxStore} migrates it. */
export const LEGACY_OUTBOX_KEY = "qi.outbox.v1";
/** Where an entry of the old list that no longer parses is moved (kept, never dropped). */
const UNREADABLE_PREFIX = "qi.outbox.unreadable:";

export interface OutboxStore {
  list(): Promise<QueuedReport[]>;
  put(entry: QueuedReport): Promise<void>;
  remove(idempotencyKey: string): Promise<void>;
}

function parseEntry(raw: string | null): QueuedReport | null {
  if (raw === null) return null;
  try {
    const parsed = QueuedReport.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A short stable name for an unreadable legacy entry, so two runtimes migrating at once write the same key. */
function fingerprint(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return hash.toString(16);
}

/**
 * Keeps the outbox in the add-in's storage, one key per report (safe with two runtimes writing at once).
 *
 * Migration: a single-key outbox left by an earlier version (`qi.outbox.v1`) is split into per-report
 * keys the first time the outbox is listed, and then removed. Every step is idempotent (a report is
 * written under its own key before the old list goes), so two runtimes migrating at once, or a crash
 * half-way, lose nothing: at worst a report is written twice with the same content. Entries of the old
 * list that no longer parse are moved under `qi.outbox.unreadable:` rather than dropped.
 */
export function keyValueOutboxStore(store: KeyValueStore): OutboxStore {
  async function migrateLegacy(): Promise<void> {
    const raw = await store.getItem(LEGACY_OUTBOX_KEY);
    if (raw === null) return;
    let items: unknown;
    try {
      items = JSON.parse(raw);
    } catch {
      items = null;
    }
    for (const item of Array.isArray(items) ? items : [raw]) {
      const parsed = QueuedReport.safeParse(item);
      if (parsed.success) {
        const key = OUTBOX_PREFIX + parsed.data.idempotencyKey;
        // A report already under its own key is newer (another runtime migrated and updated it).
        if ((await store.getItem(key)) === null) await store.setItem(key, JSON.stringify(parsed.data));
      } else {
        const text = typeof item === "string" ? item : JSON.stringify(item);
        await store.setItem(UNREADABLE_PREFIX + fingerprint(text), text);
      }
    }
    await store.removeItem(LEGACY_OUTBOX_KEY);
  }

  return {
    list: async () => {
      await migrateLegacy();
      const keys = (await store.keys()).filter((key) => key.startsWith(OUTBOX_PREFIX)).sort();
      const entries: QueuedReport[] = [];
      for (const key of keys) {
        // An entry that does not parse (written by a later version?) stays in storage, untouched.
        const entry = parseEntry(await store.getItem(key));
        if (entry) entries.push(entry);
      }
      return entries.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    },
    put: (entry) => store.setItem(OUTBOX_PREFIX + entry.idempotencyKey, JSON.stringify(entry)),
    remove: (idempotencyKey) => store.removeItem(OUTBOX_PREFIX + idempotencyKey),
  };
}
