// The team's token and the last answer of GET /api/v1/me, kept in the add-in's storage (never the workbook).
// The cached Me lets the pane validate sheets while the data store cannot be reached.
import { Me } from "../../core/index";
import type { KeyValueStore } from "./keyValueStore";

const TOKEN_PREFIX = "qi.token:";
const ME_PREFIX = "qi.me:";

/** Storage keys are per data store, so a test store and the real one never share a token. */
function keyFor(prefix: string, storeUrl: string): string {
  return prefix + storeUrl.replace(/\/+$/, "");
}

export async function loadToken(store: KeyValueStore, storeUrl: string): Promise<string | null> {
  const token = await store.getItem(keyFor(TOKEN_PREFIX, storeUrl));
  return token && token.trim() !== "" ? token : null;
}

export async function saveToken(store: KeyValueStore, storeUrl: string, token: string): Promise<void> {
  await store.setItem(keyFor(TOKEN_PREFIX, storeUrl), token.trim());
}

/** "Disconnect": forget the token and the cached profile; queued reports stay (they need a token to send). */
export async function forgetToken(store: KeyValueStore, storeUrl: string): Promise<void> {
  await store.removeItem(keyFor(TOKEN_PREFIX, storeUrl));
  await store.removeItem(keyFor(ME_PREFIX, storeUrl));
}

export async function loadCachedMe(store: KeyValueStore, storeUrl: string): Promise<Me | null> {
  const raw = await store.getItem(keyFor(ME_PREFIX, storeUrl));
  if (!raw) return null;
  try {
    const parsed = Me.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function saveCachedMe(store: KeyValueStore, storeUrl: string, me: Me): Promise<void> {
  await store.setItem(keyFor(ME_PREFIX, storeUrl), JSON.stringify(me));
}
