// The add-in's own key-value storage: OfficeRuntime.storage inside Office (kept per add-in, outside the
// workbook, survives closing the pane), localStorage elsewhere. The team token and the outbox of reports
// live here and nowhere else: never in the workbook (DESIGN.md: secrets never go into the workbook).
//
// OfficeRuntime.storage is one store per domain, "shared by multiple add-ins" (@types/office-runtime,
// OfficeRuntime.Storage: "Storage limit is 10 MB per domain, which may be shared by multiple add-ins";
// https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-runtime, "Store and access
// data"): two workbooks open at once run two copies of the add-in over the SAME keys, so nothing here
// may rely on a read-modify-write of one key (see outboxStore.ts).

/** An asynchronous string store, the shape OfficeRuntime.storage and a wrapped localStorage share. */
export interface KeyValueStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
  /** Every key the store holds (OfficeRuntime.storage.getKeys, SharedRuntime 1.1). */
  keys(): Promise<string[]>;
  /** Which engine holds the data, shown in the Connect screen ("kept in this add-in's storage"). */
  readonly engine: "office-runtime" | "local-storage" | "memory";
}

/** Wraps a synchronous Web Storage (localStorage) as a KeyValueStore. */
export function webStorageStore(storage: Storage): KeyValueStore {
  return {
    engine: "local-storage",
    getItem: async (key) => storage.getItem(key),
    setItem: async (key, value) => storage.setItem(key, value),
    removeItem: async (key) => storage.removeItem(key),
    keys: async () => Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((key): key is string => key !== null),
  };
}

/** A store that forgets everything when the page closes: the last resort, and handy in tests. */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const data = new Map(Object.entries(initial));
  return {
    engine: "memory",
    getItem: async (key) => data.get(key) ?? null,
    setItem: async (key, value) => {
      data.set(key, value);
    },
    removeItem: async (key) => {
      data.delete(key);
    },
    keys: async () => [...data.keys()],
  };
}

type RuntimeStorage = {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
  getKeys?(): Promise<string[]>;
};

/**
 * Picks the best store available: OfficeRuntime.storage when running inside Office (`insideOffice`),
 * else localStorage, else memory. OfficeRuntime.storage is probed once with a read: office.js defines the
 * object in a plain browser too, where its calls fail.
 */
export async function openKeyValueStore(insideOffice: boolean): Promise<KeyValueStore> {
  const runtime = (globalThis as { OfficeRuntime?: { storage?: RuntimeStorage } }).OfficeRuntime;
  if (insideOffice && runtime?.storage && typeof runtime.storage.getKeys === "function") {
    const storage = runtime.storage as Required<RuntimeStorage>;
    try {
      await storage.getItem("qi.probe");
      return {
        engine: "office-runtime",
        getItem: (key) => storage.getItem(key),
        setItem: (key, value) => storage.setItem(key, value),
        removeItem: (key) => storage.removeItem(key),
        keys: () => storage.getKeys(),
      };
    } catch {
      // fall through to localStorage
    }
  }
  try {
    const local = globalThis.localStorage;
    if (local) {
      local.getItem("qi.probe");
      return webStorageStore(local);
    }
  } catch {
    // localStorage can throw when storage is disabled; memory is all that is left
  }
  return memoryStore();
}
