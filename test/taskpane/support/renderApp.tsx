// Renders the whole pane in jsdom with every dependency injected: the fake workbook host, memory
// storage, the fake data store behind fetch, real core, and a fixed clock (10 May 2026).
import { render } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App, type AppServices } from "../../../src/taskpane/components/App";
import { createApiClient } from "../../../src/taskpane/api/client";
import { Outbox } from "../../../src/taskpane/api/outbox";
import { defaultQiCore } from "../../../src/taskpane/qiCore";
import { memoryStore, type KeyValueStore } from "../../../src/taskpane/storage/keyValueStore";
import { keyValueOutboxStore } from "../../../src/taskpane/storage/outboxStore";
import { loadToken } from "../../../src/taskpane/storage/connection";
import type { ExcelHost } from "../../../src/taskpane/host";
import type { PaneEvents } from "../../../src/taskpane/office/paneEvents";
import { FakeStore, STORE } from "./fixtures";

export const NOW = new Date("2026-05-10T09:00:00");

export async function renderApp(
  options: {
    host?: ExcelHost | null;
    storage?: KeyValueStore;
    store?: FakeStore;
    fetch?: (url: string, init?: RequestInit) => Promise<Response>;
    paneEvents?: PaneEvents;
  } = {},
) {
  const store = options.store ?? new FakeStore();
  const storage = options.storage ?? memoryStore();
  // The store's fetch is looked up at each call, so a test can swap store.fetch (e.g. to go offline).
  const fetch = options.fetch ?? ((url: string, init?: RequestInit) => store.fetch(url, init));
  const createClient = (storeUrl: string, token: string) => createApiClient({ baseUrl: storeUrl, token, fetch });
  let keys = 0;
  const outbox = new Outbox({
    store: keyValueOutboxStore(storage),
    clientFor: async (storeUrl) => {
      const token = await loadToken(storage, storeUrl);
      return token ? createClient(storeUrl, token) : null;
    },
    newKey: () => `key-${++keys}`,
    schedule: () => () => undefined, // no timers in component tests: retries are pressed by hand
  });
  await outbox.start();
  const services: AppServices = {
    host: options.host === undefined ? null : options.host,
    storage,
    outbox,
    createClient,
    core: defaultQiCore,
    defaultStoreUrl: STORE,
    now: () => NOW,
    paneEvents: options.paneEvents ?? null,
  };
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <App services={services} />
    </FluentProvider>,
  );
  return { ...view, store, storage, outbox };
}
