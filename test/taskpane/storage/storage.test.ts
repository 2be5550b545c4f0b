import { forgetToken, loadCachedMe, loadToken, saveCachedMe, saveToken } from "../../../src/taskpane/storage/connection";
import { EMPTY_DRAFT, loadDraft, saveDraft } from "../../../src/taskpane/storage/drafts";
import { memoryStore, openKeyValueStore, webStorageStore, type KeyValueStore } from "../../../src/taskpane/storage/keyValueStore";
import { keyValueOutboxStore, LEGACY_OUTBOX_KEY, OUTBOX_PREFIX, type QueuedReport } from "../../../src/taskpane/storage/outboxStore";
import { STORE, me } from "../support/fixtures";

const entry: QueuedReport = {
  idempotencyKey: "k1",
  storeUrl: STORE,
  collaborativeId: "clabsi-2026",
  teamId: "riverside",
  reportingMonth: "2026-01",
  body: { reportingMonth: "2026-01", points: [] },
  queuedAt: "2026-02-10T09:00:00.000Z",
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
};

describe("connection storage", () => {
  it("keeps the token per data store, trimmed, and forgets it with the cached profile", async () => {
    const store = memoryStore();
    await saveToken(store, `${STORE}/`, "  abc  ");
    expect(await loadToken(store, STORE)).toBe("abc");
    expect(await loadToken(store, "https://other.example.org")).toBeNull();
    await saveCachedMe(store, STORE, me);
    expect((await loadCachedMe(store, STORE))?.team?.id).toBe("riverside");
    await forgetToken(store, STORE);
    expect(await loadToken(store, STORE)).toBeNull();
    expect(await loadCachedMe(store, STORE)).toBeNull();
  });

  it("ignores a cached profile that no longer parses", async () => {
    const store = memoryStore({ [`qi.me:${STORE}`]: "{not json" });
    expect(await loadCachedMe(store, STORE)).toBeNull();
  });
});

describe("drafts", () => {
  it("saves and loads the narrative per collaborative, team and month", async () => {
    const store = memoryStore();
    await saveDraft(store, "c", "t", "2026-01", { ...EMPTY_DRAFT, lessons: "Huddles help", selfAssessment: 2.5 });
    expect(await loadDraft(store, "c", "t", "2026-01")).toMatchObject({ lessons: "Huddles help", selfAssessment: 2.5 });
    expect(await loadDraft(store, "c", "t", "2026-02")).toEqual(EMPTY_DRAFT);
  });
});

describe("keyValueOutboxStore", () => {
  it("puts, replaces and removes entries by key", async () => {
    const outbox = keyValueOutboxStore(memoryStore());
    await outbox.put(entry);
    await outbox.put({ ...entry, attempts: 2 });
    await outbox.put({ ...entry, idempotencyKey: "k2" });
    expect((await outbox.list()).map((e) => [e.idempotencyKey, e.attempts])).toEqual([
      ["k1", 2],
      ["k2", 0],
    ]);
    await outbox.remove("k1");
    expect((await outbox.list()).map((e) => e.idempotencyKey)).toEqual(["k2"]);
  });

  it("does not lose a write when two updates race", async () => {
    const outbox = keyValueOutboxStore(memoryStore());
    await Promise.all([outbox.put(entry), outbox.put({ ...entry, idempotencyKey: "k2" }), outbox.put({ ...entry, idempotencyKey: "k3" })]);
    expect((await outbox.list()).map((e) => e.idempotencyKey).sort()).toEqual(["k1", "k2", "k3"]);
  });

  // Two workbooks open at once run two copies of the add-in over ONE OfficeRuntime.storage: it is kept
  // per domain and "may be shared by multiple add-ins" (@types/office-runtime, OfficeRuntime.Storage;
  // https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-runtime, "Store and access data").
  it("keeps every report when two runtimes write to the same storage with their awaits interleaved", async () => {
    const shared = interleavingStore(memoryStore());
    const first = keyValueOutboxStore(shared);
    const second = keyValueOutboxStore(shared);
    await first.put({ ...entry, idempotencyKey: "gone" });
    await Promise.all([
      first.put({ ...entry, idempotencyKey: "a1" }),
      second.put({ ...entry, idempotencyKey: "b1" }),
      first.remove("gone"),
      second.put({ ...entry, idempotencyKey: "b2" }),
      first.put({ ...entry, idempotencyKey: "a2", attempts: 1 }),
      second.list(),
    ]);
    expect(shared.maxConcurrent).toBeGreaterThan(1); // the writes really did overlap
    expect((await first.list()).map((e) => e.idempotencyKey)).toEqual(["a1", "a2", "b1", "b2"]);
    expect((await second.list()).map((e) => e.idempotencyKey)).toEqual(["a1", "a2", "b1", "b2"]);
  });

  it("stores each report under its own key", async () => {
    const kv = memoryStore();
    await keyValueOutboxStore(kv).put(entry);
    expect(await kv.keys()).toEqual([`${OUTBOX_PREFIX}k1`]);
    expect(JSON.parse((await kv.getItem(`${OUTBOX_PREFIX}k1`)) as string)).toEqual(entry);
  });

  it("migrates the single-key outbox of the earlier version on first list, keeping entries it cannot read", async () => {
    const legacy = [entry, { ...entry, idempotencyKey: "k2", queuedAt: "2026-02-11T09:00:00.000Z" }, { idempotencyKey: "old", format: 0 }];
    const kv = memoryStore({ [LEGACY_OUTBOX_KEY]: JSON.stringify(legacy) });
    const outbox = keyValueOutboxStore(kv);
    expect((await outbox.list()).map((e) => e.idempotencyKey)).toEqual(["k1", "k2"]);
    expect(await kv.getItem(LEGACY_OUTBOX_KEY)).toBeNull();
    const kept = (await kv.keys()).filter((key) => key.startsWith("qi.outbox.unreadable:"));
    expect(kept).toHaveLength(1);
    expect(JSON.parse((await kv.getItem(kept[0]!)) as string)).toEqual({ idempotencyKey: "old", format: 0 });
    expect((await outbox.list()).map((e) => e.idempotencyKey)).toEqual(["k1", "k2"]); // a second start finds the same
  });

  it("loses nothing when two runtimes migrate at once while a third report is queued", async () => {
    const shared = interleavingStore(memoryStore({ [LEGACY_OUTBOX_KEY]: JSON.stringify([entry, { ...entry, idempotencyKey: "k2" }]) }));
    const first = keyValueOutboxStore(shared);
    const second = keyValueOutboxStore(shared);
    await Promise.all([first.list(), second.list(), second.put({ ...entry, idempotencyKey: "k3" })]);
    expect((await first.list()).map((e) => e.idempotencyKey)).toEqual(["k1", "k2", "k3"]);
    expect(await shared.getItem(LEGACY_OUTBOX_KEY)).toBeNull();
  });

  it("does not overwrite a report a runtime already migrated and updated", async () => {
    const kv = memoryStore({ [LEGACY_OUTBOX_KEY]: JSON.stringify([entry]), [`${OUTBOX_PREFIX}k1`]: JSON.stringify({ ...entry, attempts: 3 }) });
    expect((await keyValueOutboxStore(kv).list()).map((e) => e.attempts)).toEqual([3]);
  });
});

/**
 * A store whose every call waits a different number of event-loop turns before it acts, so calls made
 * together finish out of order (what two runtimes sharing one storage can do). Counts how many calls
 * overlapped at most.
 */
function interleavingStore(inner: KeyValueStore): KeyValueStore & { maxConcurrent: number } {
  let calls = 0;
  let running = 0;
  const wrapped = {
    engine: inner.engine,
    maxConcurrent: 0,
    getItem: (key: string) => later(() => inner.getItem(key)),
    setItem: (key: string, value: string) => later(() => inner.setItem(key, value)),
    removeItem: (key: string) => later(() => inner.removeItem(key)),
    keys: () => later(() => inner.keys()),
  };
  async function later<T>(work: () => Promise<T>): Promise<T> {
    running += 1;
    wrapped.maxConcurrent = Math.max(wrapped.maxConcurrent, running);
    const turns = [3, 1, 2, 0][calls++ % 4]!;
    for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      return await work();
    } finally {
      running -= 1;
    }
  }
  return wrapped;
}

describe("openKeyValueStore", () => {
  afterEach(() => {
    delete (globalThis as { OfficeRuntime?: unknown }).OfficeRuntime;
  });

  it("uses OfficeRuntime.storage inside Office", async () => {
    const data = new Map<string, string>();
    (globalThis as { OfficeRuntime?: unknown }).OfficeRuntime = {
      storage: {
        getItem: async (k: string) => data.get(k) ?? null,
        setItem: async (k: string, v: string) => void data.set(k, v),
        removeItem: async (k: string) => void data.delete(k),
        getKeys: async () => [...data.keys()],
      },
    };
    const store = await openKeyValueStore(true);
    expect(store.engine).toBe("office-runtime");
    await store.setItem("a", "1");
    expect(data.get("a")).toBe("1");
    expect(await store.keys()).toEqual(["a"]);
  });

  it("falls back when OfficeRuntime.storage fails (a plain browser), and outside Office", async () => {
    (globalThis as { OfficeRuntime?: unknown }).OfficeRuntime = { storage: { getItem: async () => Promise.reject(new Error("not in Office")) } };
    expect((await openKeyValueStore(true)).engine).toBe("memory"); // node has no localStorage
    expect((await openKeyValueStore(false)).engine).toBe("memory");
  });

  it("wraps a Web Storage", async () => {
    const backing = new Map<string, string>();
    const fake = {
      getItem: (k: string) => backing.get(k) ?? null,
      setItem: (k: string, v: string) => void backing.set(k, v),
      removeItem: (k: string) => void backing.delete(k),
      get length() {
        return backing.size;
      },
      key: (i: number) => [...backing.keys()][i] ?? null,
    } as unknown as Storage;
    const store = webStorageStore(fake);
    await store.setItem("x", "y");
    expect(await store.getItem("x")).toBe("y");
    expect(await store.keys()).toEqual(["x"]);
    await store.removeItem("x");
    expect(await store.getItem("x")).toBeNull();
  });
});
