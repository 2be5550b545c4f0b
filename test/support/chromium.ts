// Launches headless Chromium for the browser tests (never `npx playwright install`: no downloads here).
// Which browser: CHROMIUM_PATH, else Debian's /usr/bin/chromium; test/support/globalSetup.ts sets
// CHROMIUM_PATH (and the libraries' CHROMIUM_LD_LIBRARY_PATH) to the npm-bundled headless Chromium
// when Debian's is missing.
import { chromium, type Browser } from "playwright-core";

/** Flags that keep Chromium off the (closed) network and quiet as root in a sandboxless container. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const libraries = process.env.CHROMIUM_LD_LIBRARY_PATH;
  return chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    ...(libraries ? { env: { ...process.env, LD_LIBRARY_PATH: [libraries, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":") } } : {}),
  });
}
