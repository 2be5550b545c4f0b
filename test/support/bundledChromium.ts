// A headless Chromium from the npm registry, for `npm test` on a machine that has only Node and npm
// (no Debian `chromium`; `npx playwright install` cannot download browsers here). `@sparticuz/chromium`
// ships a brotli-compressed headless Chromium inside the package itself, and beside it the shared
// libraries it needs (NSS, NSPR, expat… built for Amazon Linux 2023), so it runs on a Debian that has
// none of them: we unpack both and point the browser's LD_LIBRARY_PATH at the libraries.
//
// Only the jest global setup calls this, once per run (unpacking in parallel workers would race),
// and only when Debian's chromium is missing and the run does not insist on it (QI_REAL_SERVICES=1).

import { spawn, spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import chromium from "@sparticuz/chromium";

export interface BundledChromium {
  executablePath: string;
  /** folder of the libraries the browser is linked against, for its LD_LIBRARY_PATH */
  libraryPath: string;
}

/** Unpacks `<package>/bin/al2023.tar.br` (a tar of lib/…) into `into`, once. */
async function unpackLibraries(archive: string, into: string): Promise<void> {
  if (existsSync(join(into, "lib"))) return;
  mkdirSync(into, { recursive: true });
  const tar = spawn("tar", ["-x", "-C", into], { stdio: ["pipe", "ignore", "pipe"] });
  let stderr = "";
  tar.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => tar.on("exit", resolve));
  await pipeline(createReadStream(archive), createBrotliDecompress(), tar.stdin);
  const code = await exited;
  if (code !== 0) throw new Error(`unpacking ${archive} failed (tar exited ${code}): ${stderr}`);
}

export async function prepareBundledChromium(): Promise<BundledChromium> {
  const executablePath = await chromium.executablePath();
  const packageBin = join(dirname(require.resolve("@sparticuz/chromium")), "..", "..", "bin");
  const libraryRoot = join(tmpdir(), "qi-chromium-al2023");
  await unpackLibraries(join(packageBin, "al2023.tar.br"), libraryRoot);
  const libraryPath = join(libraryRoot, "lib");
  const probe = spawnSync(executablePath, ["--version"], { env: { ...process.env, LD_LIBRARY_PATH: libraryPath }, encoding: "utf8" });
  if (probe.status !== 0) throw new Error(`the bundled Chromium at ${executablePath} does not start: ${probe.stderr || probe.error?.message}`);
  return { executablePath, libraryPath };
}
