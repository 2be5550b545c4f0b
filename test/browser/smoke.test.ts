// Smoke test in real headless Chromium: the built task pane page loads with the local office.js,
// Office.onReady resolves (host null outside Excel), the pane renders, and nothing logs an error.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/chromium";
import { serveStatic } from "../support/staticServer";

let browser: Browser;
let site: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  site = await serveStatic(resolve("dist"));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

it("the built task pane loads with the local office.js, Office.onReady resolves and no console error appears", async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 720 } });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));

  await page.goto(`${site.url}/taskpane.local.html`, { waitUntil: "load" });
  const info = await page.evaluate(() => (window as unknown as { Office: typeof Office }).Office.onReady());
  expect(info).toEqual(expect.objectContaining({ host: null }));
  // The pane itself rendered: a heading or tab list with real text, not a blank page.
  await page.waitForFunction(() => (document.getElementById("root")?.innerText ?? "").trim().length > 20, undefined, { timeout: 15000 });
  const text = await page.locator("#root").innerText();
  expect(text).toMatch(/QI Collaborative|Connect/i);

  mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: "test-results/smoke-taskpane.png", fullPage: true });
  expect(errors).toEqual([]);
});
