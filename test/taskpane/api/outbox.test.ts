import { createApiClient } from "../../../src/taskpane/api/client";
import { Outbox, retryDelayMs, makeIdempotencyKey, type OutboxDeps } from "../../../src/taskpane/api/outbox";
import { memoryStore, type KeyValueStore } from "../../../src/taskpane/storage/keyValueStore";
import { keyValueOutboxStore } from "../../../src/taskpane/storage/outboxStore";
import type { SubmissionInput } from "../../../src/core/schema";
import { FakeStore, STORE, TOKEN, jsonResponse } from "../support/fixtures";

const body: SubmissionInput = { reportingMonth: "2026-01", points: [{ measureId: "bundle", period: "2026-01", numerator: 9, denominator: 10 }] };
const report = { storeUrl: STORE, collaborativeId: "clabsi-2026", teamId: "riverside", reportingMonth: "2026-01", body };

/** A clock and timer the test drives by hand (no real waiting). */
class ManualClock {
  time = Date.parse("2026-02-10T09:00:00Z");
  timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  now = () => this.time;
  schedule = (run: () => void, delayMs: number) => {
    const timer = { at: this.time + delayMs, run, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  pending() {
    return this.timers.filter((t) => !t.cancelled);
  }
  /** Moves time forward and runs the timers that fall due. */
  async advance(ms: number) {
    this.time += ms;
    for (const timer of this.pending().filter((t) => t.at <= this.time)) {
      timer.cancelled = true;
      timer.run();
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function makeOutbox(store: FakeStore, storage: KeyValueStore, clock: ManualClock, extra: Partial<OutboxDeps> = {}) {
  let n = 0;
  return new Outbox({
    store: keyValueOutboxStore(storage),
    clientFor: async () => createApiClient({ baseUrl: STORE, token: TOKEN, fetch: store.fetch }),
    newKey: () => `key-${++n}`,
    now: clock.now,
    schedule: clock.schedule,
    ...extra,
  });
}

describe("Outbox", () => {
  it("submit() sends once with a new key and empties the outbox on success", async () => {
    const store = new FakeStore();
    const storage = memoryStore();
    const outbox = makeOutbox(store, storage, new ManualClock());
    await outbox.start();
    const outcome = await outbox.submit(report);
    expect(outcome.kind).toBe("sent");
    expect(store.revisions).toHaveLength(1);
    expect(store.calls.map((c) => c.key)).toEqual(["key-1"]);
    expect(outbox.snapshot().entries).toHaveLength(0);
    expect(await keyValueOutboxStore(storage).list()).toEqual([]);
  });

  it("keeps a report whose send failed on the network and retries it with the SAME key", async () => {
    const store = new FakeStore();
    const clock = new ManualClock();
    const outbox = makeOutbox(store, memoryStore(), clock);
    await outbox.start();
    store.failNext(1, "network");
    const first = await outbox.submit(report);
    expect(first.kind).toBe("queued");
    expect(outbox.snapshot().entries).toHaveLength(1);
    expect(outbox.snapshot().entries[0]?.lastError).toMatch(/could not be reached/);

    const [second] = await outbox.retryAll();
    expect(second?.kind).toBe("sent");
    expect(store.calls.map((c) => c.key)).toEqual(["key-1", "key-1"]);
    expect(store.revisions).toHaveLength(1);
  });

  it("lands exactly once when the server stored the report but the answer was lost", async () => {
    const store = new FakeStore();
    const outbox = makeOutbox(store, memoryStore(), new ManualClock());
    await outbox.start();
    store.failNext(1, "lostResponse");
    expect((await outbox.submit(report)).kind).toBe("queued");
    expect(store.revisions).toHaveLength(1); // it did land…
    const [retry] = await outbox.retryAll();
    expect(retry).toMatchObject({ kind: "sent", summary: { revision: 1 } }); // …and the retry gets the same answer
    expect(store.revisions).toHaveLength(1);
  });

  it("retries on a timer with backoff (5 s, 15 s, 45 s…) until the store answers", async () => {
    const store = new FakeStore();
    const clock = new ManualClock();
    const outbox = makeOutbox(store, memoryStore(), clock);
    await outbox.start();
    store.failNext(3, "server");
    await outbox.submit(report);
    expect(clock.pending().map((t) => t.at - clock.time)).toEqual([5_000]);
    await clock.advance(5_000);
    expect(store.calls).toHaveLength(2);
    expect(clock.pending().map((t) => t.at - clock.time)).toEqual([15_000]);
    await clock.advance(15_000);
    expect(store.calls).toHaveLength(3);
    await clock.advance(45_000);
    expect(store.calls).toHaveLength(4);
    expect(outbox.snapshot().entries).toHaveLength(0);
    expect(new Set(store.calls.map((c) => c.key))).toEqual(new Set(["key-1"]));
    expect(store.revisions).toHaveLength(1);
    expect(retryDelayMs(1)).toBe(5_000);
    expect(retryDelayMs(20)).toBe(600_000);
  });

  it("survives a restart: a new Outbox over the same storage sends the queued report with its key", async () => {
    const store = new FakeStore();
    const storage = memoryStore();
    const first = makeOutbox(store, storage, new ManualClock());
    await first.start();
    store.failNext(1, "network");
    await first.submit(report);
    first.stop();

    const clock = new ManualClock();
    const second = makeOutbox(store, storage, clock);
    await second.start();
    expect(second.snapshot().entries.map((e) => e.idempotencyKey)).toEqual(["key-1"]);
    await clock.advance(5_000);
    expect(second.snapshot().entries).toHaveLength(0);
    expect(store.calls.map((c) => c.key)).toEqual(["key-1", "key-1"]);
    expect(store.revisions).toHaveLength(1);
  });

  // Two workbooks open at once share one OfficeRuntime.storage (kept per domain, "may be shared by
  // multiple add-ins": @types/office-runtime, OfficeRuntime.Storage; and
  // https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-runtime, "Store and access data").
  it("keeps both reports when two runtimes queue one each at the same moment over one storage", async () => {
    const store = new FakeStore();
    const storage = memoryStore();
    const first = makeOutbox(store, storage, new ManualClock(), { newKey: () => "first-1" });
    const second = makeOutbox(store, storage, new ManualClock(), { newKey: () => "second-1" });
    await Promise.all([first.start(), second.start()]);
    store.failNext(2, "network");
    const outcomes = await Promise.all([first.submit(report), second.submit({ ...report, reportingMonth: "2026-02" })]);
    expect(outcomes.map((o) => o.kind)).toEqual(["queued", "queued"]);

    const later = makeOutbox(store, storage, new ManualClock());
    await later.start();
    expect(later.snapshot().entries.map((e) => e.idempotencyKey).sort()).toEqual(["first-1", "second-1"]);
    await later.retryAll();
    expect(later.snapshot().entries).toHaveLength(0);
    expect(store.calls.map((c) => c.key).sort()).toEqual(["first-1", "first-1", "second-1", "second-1"]);
  });

  it("shares one request between a timer retry and a Retry now pressed at the same moment", async () => {
    const store = new FakeStore();
    const outbox = makeOutbox(store, memoryStore(), new ManualClock());
    await outbox.start();
    store.failNext(1, "network");
    await outbox.submit(report);
    const key = outbox.snapshot().entries[0]!.idempotencyKey;
    const [a, b] = await Promise.all([outbox.send(key), outbox.send(key)]);
    expect(a).toBe(b);
    expect(store.calls).toHaveLength(2);
  });

  it("keeps a report refused for its token (401) without a timer, and sends it after a new token", async () => {
    const store = new FakeStore();
    const clock = new ManualClock();
    let token = "expired";
    const outbox = makeOutbox(store, memoryStore(), clock, {
      clientFor: async () => createApiClient({ baseUrl: STORE, token, fetch: store.fetch }),
    });
    await outbox.start();
    const outcome = await outbox.submit(report);
    expect(outcome.kind).toBe("queued");
    expect(outbox.snapshot().entries[0]?.nextAttemptAt).toBeNull();
    expect(clock.pending()).toHaveLength(0);
    token = TOKEN;
    const [retry] = await outbox.retryAll();
    expect(retry?.kind).toBe("sent");
  });

  it("drops a report the server refuses for good (422) and says why", async () => {
    const conflict = { path: ["points", 0, "numerator"], measureId: "bundle", period: "2026-01", code: "NUMERATOR_GT_DENOMINATOR", message: "numerator is larger than denominator", severity: "error" };
    const outbox = makeOutbox(new FakeStore(), memoryStore(), new ManualClock(), {
      clientFor: async () =>
        createApiClient({ baseUrl: STORE, token: TOKEN, fetch: async () => jsonResponse(422, { code: "VALIDATION", message: "every point was refused", conflicts: [conflict] }) }),
    });
    await outbox.start();
    const outcome = await outbox.submit(report);
    expect(outcome.kind).toBe("failed");
    if (outcome.kind === "failed") expect(outcome.error.conflicts).toHaveLength(1);
    expect(outbox.snapshot().entries).toHaveLength(0);
    expect(outbox.snapshot().finished.map((o) => o.kind)).toEqual(["failed"]);
  });

  it("notifies subscribers when the queue changes", async () => {
    const store = new FakeStore();
    const outbox = makeOutbox(store, memoryStore(), new ManualClock());
    await outbox.start();
    const sizes: number[] = [];
    outbox.subscribe((s) => sizes.push(s.entries.length));
    store.failNext(1, "network");
    await outbox.submit(report);
    await outbox.retryAll();
    expect(sizes[0]).toBe(1);
    expect(sizes[sizes.length - 1]).toBe(0);
  });
});

describe("makeIdempotencyKey", () => {
  it("makes distinct v4 UUIDs", () => {
    const a = makeIdempotencyKey();
    const b = makeIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});
