// Entry point of the task pane: waits for Office.onReady, picks the workbook host, storage and theme,
// starts the outbox, and renders <App>. Outside Excel (a plain browser) the pane still renders, with a
// banner and the workbook actions disabled.
//
// With the shared runtime (manifest: lifetime="long") this page starts hidden when the workbook opens
// and is not reloaded when the pane reopens, so the pane listens for being shown again
// (office/paneEvents.ts): the Office theme is read again then, and App refreshes its sheets,
// connection and outbox.
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createApiClient } from "./api/client";
import { Outbox } from "./api/outbox";
import { App } from "./components/App";
import type { AppServices } from "./components/App";
import type { ExcelHost } from "./host";
import { isExcel, officeThemeKind, watchOfficeTheme } from "./office/environment";
import { officePaneEvents, type PaneEvents } from "./office/paneEvents";
import { createExcelHost } from "./office/excelHost";
import { defaultQiCore } from "./qiCore";
import { openKeyValueStore } from "./storage/keyValueStore";
import { keyValueOutboxStore } from "./storage/outboxStore";
import { loadToken } from "./storage/connection";

type OnReadyInfo = { host: Office.HostType | null; platform: Office.PlatformType | null };

/**
 * TEST HOOK (headless browser tests only, see test/browser/taskpaneFlow.test.ts): a page may define
 * `window.__QI_TEST_HOST__`, an object with `qiTestHost: 1` and the ExcelHost methods over an in-memory
 * workbook, before this bundle runs (Playwright's page.addInitScript). It is honoured ONLY when
 * Office.onReady reports no Office host (a plain browser tab): inside Excel, Office.onReady reports
 * Excel and the real workbook adapter is always used, so the hook cannot take over a real workbook,
 * and nothing in the add-in ever defines it.
 */
function injectedTestHost(info: OnReadyInfo | null): ExcelHost | null {
  if (info?.host) return null;
  const candidate = (window as unknown as { __QI_TEST_HOST__?: Partial<ExcelHost> & { qiTestHost?: unknown } }).__QI_TEST_HOST__;
  if (!candidate || candidate.qiTestHost !== 1) return null;
  const required = ["listSheets", "readSheet", "createMeasureSheet", "createPdsaLog", "labelCycles", "markCells", "clearMarks", "selectCell", "getSettings", "saveSettings"] as const;
  if (!required.every((name) => typeof candidate[name] === "function")) return null;
  return { ...(candidate as ExcelHost), kind: "test" };
}

async function officeReady(): Promise<OnReadyInfo | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return null; // office.js did not load
  try {
    return await Office.onReady();
  } catch {
    return null;
  }
}

const themeFor = (kind: "dark" | "light" | null) => (kind === "dark" ? webDarkTheme : webLightTheme);

/** The pane with Office's theme, read at start and again each time Office shows the pane. */
function Root({ services, paneEvents }: { services: AppServices; paneEvents: PaneEvents | null }) {
  const [theme, setTheme] = useState(() => themeFor(officeThemeKind()));
  useEffect(() => watchOfficeTheme(paneEvents, (kind) => setTheme(themeFor(kind))), [paneEvents]);
  return (
    <FluentProvider theme={theme}>
      <App services={services} />
    </FluentProvider>
  );
}

async function start() {
  const info = await officeReady();
  const inExcel = isExcel(info);
  const host = inExcel ? createExcelHost() : injectedTestHost(info);
  const storage = await openKeyValueStore(inExcel);
  const createClient = (storeUrl: string, token: string) => createApiClient({ baseUrl: storeUrl, token });
  const outbox = new Outbox({
    store: keyValueOutboxStore(storage),
    clientFor: async (storeUrl) => {
      const token = await loadToken(storage, storeUrl);
      return token ? createClient(storeUrl, token) : null;
    },
  });
  await outbox.start();
  // Back online: try the queued reports now instead of waiting for the timer.
  window.addEventListener("online", () => void outbox.retryAll());

  const paneEvents = inExcel ? officePaneEvents() : null;
  const root = document.getElementById("root");
  if (!root) return;
  const services: AppServices = {
    host,
    storage,
    outbox,
    createClient,
    core: defaultQiCore,
    defaultStoreUrl: window.location.origin,
    now: () => new Date(),
    paneEvents,
  };
  createRoot(root).render(<Root services={services} paneEvents={paneEvents} />);
}

void start();
