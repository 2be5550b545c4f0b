import { forgetToken, loadCachedMe, loadToken, saveCachedMe, saveToken } from "../../../src/taskpane/storage/connection";
import { EMPTY_DRAFT, loadDraft, saveDraft } from "../../../src/taskpane/storage/drafts";
import { memoryStore, openKeyValueStore, webStorageStore } from "../../../src/taskpane/storage/keyValueStore";
import { keyValueOutboxStore, type QueuedReport } from "../../../src/taskpane/storage/outboxStore";
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

  it("carries entries it cannot read along instead of dropping them", async () => {
    const kv = memoryStore({ "qi.outbox.v1": JSON.stringify([{ idempotencyKey: "old", format: 0 }]) });
    const outbox = keyValueOutboxStore(kv);
    await outbox.put(entry);
    expect((await outbox.list()).map((e) => e.idempotencyKey)).toEqual(["k1"]);
    expect(JSON.parse((await kv.getItem("qi.outbox.v1")) as string)).toContainEqual({ idempotencyKey: "old", format: 0 });
  });

  it("does not lose a write when two updates race", async () => {
    const outbox = keyValueOutboxStore(memoryStore());
    await Promise.all([outbox.put(entry), outbox.put({ ...entry, idempotencyKey: "k2" }), outbox.put({ ...entry, idempotencyKey: "k3" })]);
    expect((await outbox.list()).map((e) => e.idempotencyKey).sort()).toEqual(["k1", "k2", "k3"]);
  });
});

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
      },
    };
    const store = await openKeyValueStore(true);
    expect(store.engine).toBe("office-runtime");
    await store.setItem("a", "1");
    expect(data.get("a")).toBe("1");
  });

  it("falls back when OfficeRuntime.storage fails (a plain browser), and outside Office", async () => {
    (globalThis as { OfficeRuntime?: unknown }).OfficeRuntime = { storage: { getItem: async () => Promise.reject(new Error("not in Office")) } };
    expect((await openKeyValueStore(true)).engine).toBe("memory"); // node has no localStorage
    expect((await openKeyValueStore(false)).engine).toBe("memory");
  });

  it("wraps a Web Storage", async () => {
    const backing = new Map<string, string>();
    const fake = { getItem: (k: string) => backing.get(k) ?? null, setItem: (k: string, v: string) => void backing.set(k, v), removeItem: (k: string) => void backing.delete(k) } as unknown as Storage;
    const store = webStorageStore(fake);
    await store.setItem("x", "y");
    expect(await store.getItem("x")).toBe("y");
    await store.removeItem("x");
    expect(await store.getItem("x")).toBeNull();
  });
});
