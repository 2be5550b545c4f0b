// One headless Chromium page against a real data store, for the faculty app's browser tests: the
// store (demo seed), the browser and a 1280 x 900 page whose page errors and console errors are
// collected in `pageErrors` (a test expects it empty at its end). `ignoreConsoleError` lets a test
// leave out the errors it causes on purpose (a refused token's 401).
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../support/chromium";
import { startDataStore, type RunningStore } from "./dataStore";

export interface FacultyBrowser {
  store: RunningStore;
  browser: Browser;
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openFacultyBrowser(options: { acceptDownloads?: boolean; ignoreConsoleError?: (text: string) => boolean } = {}): Promise<FacultyBrowser> {
  const store = await startDataStore();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...(options.acceptDownloads ? { acceptDownloads: true } : {}) });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (options.ignoreConsoleError?.(message.text())) return;
    pageErrors.push(message.text());
  });
  mkdirSync("test-results", { recursive: true });
  return {
    store,
    browser,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await store.stop();
    },
  };
}

/** Signs the page in with the demo's faculty token and waits for the dashboard. */
export async function signInAsFaculty(page: Page, store: RunningStore): Promise<void> {
  await page.goto(`${store.url}/`);
  await page.evaluate((token) => sessionStorage.setItem("qi.facultyToken", token), store.seed.facultyToken);
  await page.reload();
  await page.getByRole("heading", { name: "Who reported" }).waitFor({ timeout: 15_000 });
}
