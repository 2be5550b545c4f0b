// The add-in's own key-value storage: OfficeRuntime.storage inside Office (kept per add-in, outside the
// workbook, survives closing the pane), localStorage elsewhere. The team token and the outbox of reports
// live here and nowhere else: never in the workbook (DESIGN.md: secrets never go into the workbook).

/** An asynchronous string store, the shape OfficeRuntime.storage and a wrapped localStorage share. */
export interface KeyValueStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
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
  };
}

type RuntimeStorage = { getItem(key: string): Promise<string | null>; setItem(key: string, value: string): Promise<void>; removeItem(key: string): Promise<void> };

/**
 * Picks the best store available: OfficeRuntime.storage when running inside Office (`insideOffice`),
 * else localStorage, else memory. OfficeRuntime.storage is probed once with a read: office.js defines the
 * object in a plain browser too, where its calls fail.
 */
export async function openKeyValueStore(insideOffice: boolean): Promise<KeyValueStore> {
  const runtime = (globalThis as { OfficeRuntime?: { storage?: RuntimeStorage } }).OfficeRuntime;
  if (insideOffice && runtime?.storage) {
    const storage = runtime.storage;
    try {
      await storage.getItem("qi.probe");
      return {
        engine: "office-runtime",
        getItem: (key) => storage.getItem(key),
        setItem: (key, value) => storage.setItem(key, value),
        removeItem: (key) => storage.removeItem(key),
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
