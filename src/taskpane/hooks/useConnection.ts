// The connection to the data store: the workbook's settings, the saved token for that store checked
// against /me at boot and each time the pane is shown again (the cached profile when offline), and
// connecting and disconnecting. Tab changes the connection implies go through `showTab`.
import { useEffect, useMemo, useState } from "react";
import type { ApiClient } from "../api/client";
import { ApiFailure } from "../api/errors";
import type { Outbox } from "../api/outbox";
import type { ExcelHost, WorkbookSettings } from "../host";
import { forgetToken, loadCachedMe, loadToken, saveCachedMe, saveToken } from "../storage/connection";
import type { KeyValueStore } from "../storage/keyValueStore";
import type { Connection } from "../components/ConnectPanel";
import { messageOf } from "./errorMessage";

export type ConnectionTab = "connect" | "validate";

export type ConnectionOptions = {
  host: ExcelHost | null;
  storage: KeyValueStore;
  outbox: Outbox;
  createClient(storeUrl: string, token: string): ApiClient;
  defaultStoreUrl: string;
  /** How many times the pane was shown again (usePaneShown): the boot runs again each time. */
  shownCount: number;
  /** Stable (a state setter): moves the pane to a tab. */
  showTab(tab: ConnectionTab): void;
  /** Stable (a state setter): shows a workbook error above the tabs. */
  setWorkbookError(message: string | null): void;
};

export type ConnectionState = {
  /** Whether the boot (settings, token, /me) has finished once. */
  booted: boolean;
  connection: Connection | null;
  /** A client for the connected store and token, or null when not connected. */
  client: ApiClient | null;
  notice: string | null;
  settings: WorkbookSettings;
  saveSettings(next: WorkbookSettings): Promise<void>;
  connect(storeUrl: string, token: string): Promise<void>;
  /** Forget the token and the connection (the caller resets what depended on it). */
  disconnect(): Promise<void>;
};

export function useConnection(options: ConnectionOptions): ConnectionState {
  const { host, storage, outbox, createClient, defaultStoreUrl, shownCount, showTab, setWorkbookError } = options;
  const [booted, setBooted] = useState(false);
  const [connection, setConnection] = useState<Connection | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [settings, setSettings] = useState<WorkbookSettings>({});
  const client = useMemo(() => (connection && token ? createClient(connection.storeUrl, token) : null), [connection, token, createClient]);

  // Boot (and again each time the pane is shown): workbook settings, then the saved token for that
  // store, checked against /me (cached profile when offline).
  useEffect(() => {
    let cancelled = false;
    const resumed = shownCount > 0;
    void (async () => {
      let saved: WorkbookSettings = {};
      if (host) {
        try {
          saved = await host.getSettings();
        } catch (error) {
          setWorkbookError(`Could not read this workbook's settings: ${messageOf(error)}`);
        }
      }
      const storeUrl = saved.storeUrl ?? defaultStoreUrl;
      const savedToken = await loadToken(storage, storeUrl);
      if (cancelled) return;
      setSettings(saved);
      if (resumed && !savedToken) {
        // Disconnected meanwhile (in another workbook, or the token was forgotten).
        setToken(null);
        setConnection(null);
        showTab("connect");
      }
      if (savedToken) {
        const cached = await loadCachedMe(storage, storeUrl);
        try {
          const me = await createClient(storeUrl, savedToken).me();
          if (cancelled) return;
          await saveCachedMe(storage, storeUrl, me);
          setToken(savedToken);
          setConnection({ storeUrl, me, offline: false });
          if (!resumed) showTab("validate");
          if (resumed) setNotice(null);
        } catch (error) {
          if (cancelled) return;
          if (error instanceof ApiFailure && error.retryable && cached) {
            setToken(savedToken);
            setConnection({ storeUrl, me: cached, offline: true });
            if (!resumed) showTab("validate");
          } else if (error instanceof ApiFailure && error.kind === "unauthorized") {
            setNotice(error.message);
            if (resumed) {
              setToken(null);
              setConnection(null);
              showTab("connect");
            }
          } else {
            setNotice(`Could not check your saved token: ${messageOf(error)}`);
          }
        }
      }
      if (!cancelled) setBooted(true);
    })();
    return () => {
      cancelled = true;
    };
    // showTab and setWorkbookError must be stable (state setters): the boot runs again only when the
    // workbook, the store or the pane's visibility changes.
  }, [host, storage, createClient, defaultStoreUrl, shownCount, showTab, setWorkbookError]);

  async function saveSettings(next: WorkbookSettings): Promise<void> {
    setSettings(next);
    if (!host) return;
    try {
      await host.saveSettings(next);
    } catch (error) {
      setWorkbookError(`Could not save the connection in this workbook: ${messageOf(error)}`);
    }
  }

  async function connect(storeUrl: string, newToken: string): Promise<void> {
    const me = await createClient(storeUrl, newToken).me();
    if (me.role !== "team" || !me.team || !me.collaborative) {
      throw new ApiFailure("forbidden", `This is a ${me.role} token. The task pane sends a team's data: paste your team's token.`);
    }
    await saveToken(storage, storeUrl, newToken);
    await saveCachedMe(storage, storeUrl, me);
    const previous = settings.collaborativeId && settings.collaborativeId !== me.collaborative.id ? settings.collaborativeId : null;
    await saveSettings({ ...settings, storeUrl, collaborativeId: me.collaborative.id, teamId: me.team.id });
    setToken(newToken);
    setConnection({ storeUrl, me, offline: false });
    setNotice(previous ? `This workbook was connected to collaborative "${previous}" before; it now reports to "${me.collaborative.name}".` : null);
    void outbox.retryAll(); // a new token can release reports that waited for one
  }

  async function disconnect(): Promise<void> {
    if (connection) await forgetToken(storage, connection.storeUrl);
    setToken(null);
    setConnection(null);
  }

  return { booted, connection, client, notice, settings, saveSettings, connect, disconnect };
}
