// Sends reports so that each lands exactly once, whatever the network does.
//
// 1. The report is written to the outbox (the add-in's storage) with a fresh Idempotency-Key BEFORE the
//    first attempt: closing the pane mid-request loses nothing.
// 2. An attempt that fails for a reason that may pass (network, 5xx, 429) leaves it queued; it is tried
//    again with the SAME key on a timer with backoff, when the browser comes back online, when a new
//    token is saved, and when the user presses "Retry now". The server stores a key's report once and
//    answers repeats with the first answer, so a report whose first attempt did land is not stored twice.
// 3. A definitive answer (2xx, or a 4xx that retrying cannot fix) takes it out of the outbox.
// 4. 401 keeps it queued but stops the timer until a new token is saved.
import type { SubmissionInput, SubmissionSummary } from "../../core/index";
import type { OutboxStore, QueuedReport } from "../storage/outboxStore";
import type { ApiClient } from "./client";
import { ApiFailure, plainMessage } from "./errors";

export interface OutboxDeps {
  store: OutboxStore;
  /** The client for a store URL with the current token, or null when no token is saved for it. */
  clientFor(storeUrl: string): Promise<ApiClient | null>;
  /** Default: crypto.randomUUID. */
  newKey?: () => string;
  /** Default: Date.now. */
  now?: () => number;
  /** Default: setTimeout; returns a cancel function. */
  schedule?: (run: () => void, delayMs: number) => () => void;
}

export type SendOutcome =
  | { kind: "sent"; entry: QueuedReport; summary: SubmissionSummary }
  | { kind: "queued"; entry: QueuedReport; error: ApiFailure }
  | { kind: "failed"; entry: QueuedReport; error: ApiFailure };

export interface OutboxSnapshot {
  entries: readonly QueuedReport[];
  /** Keys being sent right now. */
  sending: readonly string[];
  /** The last definitive outcome (sent or failed) per key, newest last, so a report sent by the timer still gets its receipt on screen. */
  finished: readonly SendOutcome[];
}

export interface ReportToSend {
  storeUrl: string;
  collaborativeId: string;
  teamId: string;
  reportingMonth: string;
  body: SubmissionInput;
}

/** Backoff after the n-th failed attempt: 5 s, 15 s, 45 s, … capped at 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 3 ** Math.max(0, attempts - 1), 600_000);
}

/** A v4 UUID from the platform; crypto.getRandomValues where randomUUID is missing (non-secure pages). */
export function makeIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class Outbox {
  private readonly deps: Required<OutboxDeps>;
  private entries: QueuedReport[] = [];
  private readonly inFlight = new Map<string, Promise<SendOutcome | null>>();
  private finished: SendOutcome[] = [];
  private readonly listeners = new Set<(snapshot: OutboxSnapshot) => void>();
  private cancelTimer: (() => void) | null = null;
  private stopped = false;

  constructor(deps: OutboxDeps) {
    this.deps = {
      newKey: makeIdempotencyKey,
      now: () => Date.now(),
      schedule: (run, delayMs) => {
        const handle = setTimeout(run, delayMs);
        return () => clearTimeout(handle);
      },
      ...deps,
    };
  }

  /** Loads what earlier sessions left queued and schedules their retry. */
  async start(): Promise<void> {
    this.stopped = false;
    this.entries = await this.deps.store.list();
    this.emit();
    this.scheduleNext();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  snapshot(): OutboxSnapshot {
    return { entries: [...this.entries], sending: [...this.inFlight.keys()], finished: [...this.finished] };
  }

  subscribe(listener: (snapshot: OutboxSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Queues a new report under a new key and makes the first attempt. */
  async submit(report: ReportToSend): Promise<SendOutcome> {
    const entry: QueuedReport = {
      ...report,
      idempotencyKey: this.deps.newKey(),
      queuedAt: new Date(this.deps.now()).toISOString(),
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
    };
    await this.deps.store.put(entry);
    this.entries = [...this.entries.filter((e) => e.idempotencyKey !== entry.idempotencyKey), entry];
    this.emit();
    const outcome = await this.send(entry.idempotencyKey);
    // null only if a concurrent retry already sent it and took it out of the outbox
    return outcome ?? { kind: "queued", entry, error: new ApiFailure("network", plainMessage("network")) };
  }

  /** "Retry now", back online, or a new token: try every queued report at once (same keys). */
  async retryAll(): Promise<SendOutcome[]> {
    const keys = this.entries.map((e) => e.idempotencyKey);
    const outcomes: SendOutcome[] = [];
    for (const key of keys) {
      const outcome = await this.send(key);
      if (outcome) outcomes.push(outcome);
    }
    return outcomes;
  }

  /**
   * One attempt for one queued report; concurrent calls for the same key share one request.
   * Resolves null when no report with that key is queued (it was sent meanwhile).
   */
  send(idempotencyKey: string): Promise<SendOutcome | null> {
    const running = this.inFlight.get(idempotencyKey);
    if (running) return running;
    const attempt = this.attempt(idempotencyKey)
      .then((outcome) => {
        if (outcome && outcome.kind !== "queued") this.finished = [...this.finished.slice(-9), outcome];
        return outcome;
      })
      .finally(() => {
        this.inFlight.delete(idempotencyKey);
        this.emit();
        this.scheduleNext();
      });
    this.inFlight.set(idempotencyKey, attempt);
    this.emit();
    return attempt;
  }

  private async attempt(idempotencyKey: string): Promise<SendOutcome | null> {
    const entry = this.entries.find((e) => e.idempotencyKey === idempotencyKey);
    if (!entry) return null;
    const client = await this.deps.clientFor(entry.storeUrl).catch(() => null);
    if (!client) {
      const error = new ApiFailure("unauthorized", plainMessage("unauthorized"));
      return { kind: "queued", entry: await this.update(entry, { lastError: error.message, nextAttemptAt: null }), error };
    }
    try {
      const summary = await client.submit(entry.collaborativeId, entry.body, { idempotencyKey: entry.idempotencyKey });
      await this.forget(entry).catch(() => undefined); // if storage fails, a later retry repeats the same key: still once
      return { kind: "sent", entry, summary };
    } catch (caught) {
      const error = caught instanceof ApiFailure ? caught : new ApiFailure("network", plainMessage("network"));
      const attempts = entry.attempts + 1;
      if (error.retryable) {
        const delay = Math.max(retryDelayMs(attempts), (error.retryAfterSeconds ?? 0) * 1000);
        const next = new Date(this.deps.now() + delay).toISOString();
        return { kind: "queued", entry: await this.update(entry, { attempts, lastError: error.message, nextAttemptAt: next }), error };
      }
      if (error.kind === "unauthorized") {
        return { kind: "queued", entry: await this.update(entry, { attempts, lastError: error.message, nextAttemptAt: null }), error };
      }
      // The server refused this report for good (invalid data, key reused…): the sheets still hold the
      // data, so the user fixes it and submits again as a new report.
      await this.forget(entry);
      return { kind: "failed", entry, error };
    }
  }

  private async update(entry: QueuedReport, change: Partial<QueuedReport>): Promise<QueuedReport> {
    const updated = { ...entry, ...change };
    await this.deps.store.put(updated);
    this.entries = this.entries.map((e) => (e.idempotencyKey === entry.idempotencyKey ? updated : e));
    return updated;
  }

  private async forget(entry: QueuedReport): Promise<void> {
    this.entries = this.entries.filter((e) => e.idempotencyKey !== entry.idempotencyKey);
    await this.deps.store.remove(entry.idempotencyKey);
  }

  private scheduleNext(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.stopped) return;
    const due = this.entries
      .filter((e) => e.nextAttemptAt !== null && !this.inFlight.has(e.idempotencyKey))
      .map((e) => Date.parse(e.nextAttemptAt as string));
    if (due.length === 0) return;
    const delay = Math.max(0, Math.min(...due) - this.deps.now());
    this.cancelTimer = this.deps.schedule(() => {
      this.cancelTimer = null;
      const now = this.deps.now();
      for (const e of this.entries) {
        if (e.nextAttemptAt !== null && Date.parse(e.nextAttemptAt) <= now) void this.send(e.idempotencyKey);
      }
      this.scheduleNext();
    }, delay);
  }

  private emit(): void {
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
