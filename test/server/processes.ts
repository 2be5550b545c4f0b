// Spawning the real entry points (src/server/main.ts, src/server/admin.ts) for the process tests, as
// `npm start` runs them: `node --import tsx <script>`, one process. (The `tsx <script>` CLI is a parent
// process that relays SIGTERM to its child and SIGKILLs it when the child does not acknowledge within
// 30 ms, which a loaded machine misses: the server then dies without closing its store.)
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(__dirname, "..", "..");
/** `node --import tsx`: TypeScript through tsx's loader in the one node process. */
const NODE_TSX = ["--import", "tsx"];

export { freePort } from "../support/freePort";

export type Running = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
};

/** Start `node --import tsx <script> ...args` in the repository with extra environment variables. */
export function start(script: string, args: readonly string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [...NODE_TSX, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Run to completion; stdout and stderr apart. */
export function run(script: string, args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...NODE_TSX, script, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Poll `url` until it answers 200 (or the process dies, or the time is up). */
export async function waitFor(url: string, running: Running, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void running.exited.then(() => (dead = true));
  while (Date.now() < deadline) {
    if (dead) throw new Error(`the server exited before answering:\n${running.output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${running.output()}`);
}
