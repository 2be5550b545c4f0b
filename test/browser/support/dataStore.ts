// Starts the real data store for a browser test: a temp QI_DATA_DIR seeded with the demo collaborative
// (`admin.ts seed-demo --json`), `src/server/main.ts` on a free port serving the API and the built add-in
// from dist/ on one origin. Builds dist/ first when it is missing (npm test builds it before jest).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../../support/freePort";

export interface DemoSeed {
  collaborativeId: string;
  adminToken: string;
  facultyToken: string;
  teams: { id: string; name: string; token: string }[];
}

export interface RunningStore {
  url: string;
  seed: DemoSeed;
  /** The store's data directory (a temp dir, removed by stop()). */
  dataDir: string;
  /** Run `admin.ts <args>` on the same store (as `npm run admin -- <args>`); its stdout, or throws with its output. */
  admin(args: readonly string[]): string;
  /** What the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, "../../..");
/** `node --import tsx`: one process, as `npm start` runs the server (test/server/processes.ts says why). */
const NODE_TSX = [process.execPath, "--import", "tsx"] as const;

/** Builds the add-in when dist/ has no taskpane.local.html; throws with the build's output if that fails. */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, "dist", "taskpane.local.html"))) return;
  const build = spawnSync(join(ROOT, "node_modules", ".bin", "webpack"), ["--mode", "production"], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
  if (build.status !== 0 || !existsSync(join(ROOT, "dist", "taskpane.local.html"))) {
    throw new Error(`dist/ is missing and \`webpack --mode production\` failed; run npm run build.\n${build.stdout}\n${build.stderr}`);
  }
}

export async function startDataStore(): Promise<RunningStore> {
  for (const file of ["main.ts", "admin.ts"]) {
    if (!existsSync(join(ROOT, "src", "server", file))) throw new Error(`src/server/${file} is missing: the browser flow test needs the real data store`);
  }
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), "qi-flow-"));
  // SQLite in the temp dir, plain http (no dev certificates), no rate limit worth hitting in one test.
  const env: NodeJS.ProcessEnv = { ...process.env, QI_DATA_DIR: dataDir, QI_CERT_DIR: join(dataDir, "no-certs"), QI_RATE_LIMIT: "100000", QI_HOST: "127.0.0.1" };
  delete env.DATABASE_URL;
  delete env.QI_PUBLIC_URL;
  delete env.QI_STATIC_DIR;
  const seeded = spawnSync(NODE_TSX[0], [...NODE_TSX.slice(1), "src/server/admin.ts", "seed-demo", "--json"], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  const json = seeded.stdout.split("\n").find((line) => line.trim().startsWith("{"));
  if (seeded.status !== 0 || !json) throw new Error(`seed-demo failed (exit ${seeded.status}):\n${seeded.stdout}\n${seeded.stderr}`);
  const seed = JSON.parse(json) as DemoSeed;

  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), "src/server/main.ts"], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the data store exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${seed.facultyToken}` } });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`the data store did not answer /api/v1/me within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    seed,
    dataDir,
    admin: (args) => {
      const run = spawnSync(NODE_TSX[0], [...NODE_TSX.slice(1), "src/server/admin.ts", ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
      if (run.status !== 0) throw new Error(`admin ${args.join(" ")} failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
      return run.stdout;
    },
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        let timer: NodeJS.Timeout | undefined;
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5_000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
