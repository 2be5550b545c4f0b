// Speed of the data store, on both engines. Prints figures; asserts nothing (timings belong here, not in tests).
//
//   npx tsx bench/server.ts            (or npm run bench -- server)
//
// 1. Submissions/s: autocannon against a real server listening on 127.0.0.1 (in a child process, so
//    the load generator does not share the server's event loop), concurrent clients sending 20-measure
//    monthly reports for 40 teams, every report a new revision (values change each time).
// 2. Read latency: completeness and scores at the sizes of real collaboratives, the data bulk-loaded
//    through the store (no 1.15 M points over HTTP), each read timed end to end through app.request()
//    (SQL, JSON building and serialisation, to the last byte of the body), median and p95 of several runs;
//    at campaign size also one page of 500 teams (teamOffset, teamLimit).
// 3. The three targets of issue 15 with the figures reached (printed, never asserted): SQLite
//    1,000 reports/s with synchronous=FULL, PostgreSQL 2,000 reports/s with p99 < 100 ms, campaign
//    reads < 150 ms. The load test also prints the server's CPU time per report, which a busy
//    machine disturbs less than reports/s. Figures and what limits them: docs/DESIGN.md.
//
// Environment:
//   QI_BENCH_ENGINES   sqlite,postgres (default both)
//   QI_BENCH_SIZES     typical,large,campaign (default all three)
//   QI_BENCH_SECONDS   seconds of load per engine (default 10)
//   QI_BENCH_CONNECTIONS  concurrent clients (default 16)
//   QI_BENCH_RUNS      timed runs per read (default 9)
//   QI_BENCH_PROFILE   a directory: the load test's server writes a V8 CPU profile there
//   TEST_DATABASE_URL  PostgreSQL (default postgres://postgres@127.0.0.1:5432/test; a fresh schema per run, dropped after)

import { serve } from "@hono/node-server";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { addMonths, monthOf, monthRange, type CollaborativeDefinition, type MeasureDefinition } from "../src/core/index";
import { createApp } from "../src/server/app";
import { PostgresStore } from "../src/server/store/postgres";
import { SqliteStore } from "../src/server/store/sqlite";
import type { SqlStore } from "../src/server/store/base";
import type { Store } from "../src/server/store/store";
import { issueToken } from "../src/server/tokens";
import { bulkLoad, type BulkLoad } from "./bulkLoad";

// autocannon ships no types (and @types/autocannon is not a dependency): the little we use, typed here.
type AutocannonResult = {
  "2xx": number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p97_5: number; p99: number };
};
type AutocannonOptions = {
  url: string;
  connections: number;
  duration: number;
  requests: Array<{ method: string; path: string; setupRequest: (request: Record<string, unknown>) => Record<string, unknown> }>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as (options: AutocannonOptions) => Promise<AutocannonResult>;

type Engine = "sqlite" | "postgres";
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const SIZES = { typical: { teams: 40, measures: 10, months: 15 }, large: { teams: 160, measures: 20, months: 18 }, campaign: { teams: 4000, measures: 12, months: 24 } } as const;
export type SizeName = keyof typeof SIZES;
const CLI = { tokenId: null, label: "bench" };

function list<T extends string>(env: string | undefined, all: readonly T[]): T[] {
  if (!env) return [...all];
  const wanted = env.split(",").map((s) => s.trim()).filter(Boolean);
  for (const w of wanted) if (!all.includes(w as T)) throw new Error(`unknown value ${w}: use ${all.join(", ")}`);
  return wanted as T[];
}

/** A store in a throwaway place: a temp dir for SQLite, a fresh schema for PostgreSQL. */
async function freshStore(engine: Engine): Promise<{ store: Store & SqlStore; cleanup: () => Promise<void> }> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "qi-bench-"));
    const store = new SqliteStore({ file: join(dir, "qi.sqlite") });
    await store.migrate();
    return { store, cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = `qi_bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const store = new PostgresStore({ connectionString: DATABASE_URL, schema, max: 10 });
  await store.migrate();
  return {
    store,
    cleanup: async () => {
      await store.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

function measures(n: number): MeasureDefinition[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `m${String(i + 1).padStart(2, "0")}`,
    name: `Measure ${i + 1}`,
    type: i === 0 ? "outcome" : "process",
    kind: i % 3 === 0 ? "rate" : "percent",
    ...(i % 3 === 0 ? { multiplier: 1000 } : {}),
    improvementDirection: "increase",
    goal: 90,
    operationalDefinition: "",
    required: true,
  }));
}

function definition(id: string, measureCount: number, months: number, today: string): CollaborativeDefinition {
  const current = addMonths(monthOf(today), -1);
  return {
    id,
    name: `Bench ${id}`,
    aim: "Bench",
    startMonth: addMonths(current, -(months - 1)),
    endMonth: addMonths(current, 2),
    dueDay: 15,
    lockAfterDays: 0,
    sharing: "named",
    ruleSet: "ihi",
    measures: measures(measureCount),
  };
}

async function addTeams(store: Store, collaborativeId: string, count: number, at: string): Promise<void> {
  // A few at a time: PostgreSQL serialises them on the collaborative row anyway.
  for (let start = 0; start < count; start += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, count - start) }, (_, k) => {
        const i = start + k;
        return store.addTeam(collaborativeId, { id: `team-${i}`, name: `Team ${i}`, organisation: "" }, at, CLI);
      }),
    );
  }
}

// ---- 1. submissions per second (child process serves, parent loads) --------------------------------

/** Child mode: set up a collaborative of 40 teams x 20 measures, serve it, print the port and tokens. */
async function serveForLoad(engine: Engine): Promise<void> {
  const { store, cleanup } = await freshStore(engine);
  const today = new Date().toISOString().slice(0, 10);
  const collaborative = definition("load", 20, 12, today);
  await store.createCollaborative(collaborative, new Date().toISOString(), CLI);
  await addTeams(store, "load", 40, new Date().toISOString());
  const tokens: string[] = [];
  for (let i = 0; i < 40; i++) tokens.push((await issueToken(store, { role: "team", collaborativeId: "load", teamId: `team-${i}`, label: `t${i}`, now: new Date(), actor: CLI })).token);
  // The per-token rate limit (120/min) would cap a bench at 80 reports/s for 40 teams: off here.
  const app = createApp({ store, rateLimitPerMinute: false, version: "bench" });
  let cpuStart = process.cpuUsage();
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
    cpuStart = process.cpuUsage();
    process.stdout.write(JSON.stringify({ port: info.port, tokens, reportingMonth: addMonths(monthOf(today), -1), measureIds: collaborative.measures.map((m) => m.id) }) + "\n");
  });
  // stopped through stdin, not a signal: the tsx wrapper between us and the parent may exit on a
  // signal before this process has written its count
  process.stdin.once("data", () => {
    // the server's own CPU time under load (user + system), before the count below
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    server.close(async () => {
      let revisions = 0;
      for (let i = 0; i < 40; i++) revisions += (await store.listSubmissions("load", `team-${i}`)).length;
      const groups = store instanceof SqliteStore ? store.groupStats : null;
      process.stdout.write(JSON.stringify({ revisions, groups, cpuMs }) + "\n");
      await cleanup();
      process.exit(0);
    });
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

async function loadTest(engine: Engine, seconds: number, connections: number): Promise<{ line: string; perSecond: number; p99: number }> {
  // QI_BENCH_PROFILE=dir: the server writes a V8 CPU profile there (open it in Chrome's DevTools)
  const profile = process.env.QI_BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.QI_BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", __filename], {
    env: { ...process.env, QI_BENCH_CHILD: engine },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let closed = false;
  child.stdout.on("close", () => {
    closed = true;
  });
  const lines: string[] = [];
  let buffer = "";
  const waiters: Array<() => void> = [];
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let i: number;
    while ((i = buffer.indexOf("\n")) >= 0) {
      lines.push(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
      waiters.splice(0).forEach((w) => w());
    }
  });
  const nextLine = async (): Promise<string> => {
    while (lines.length === 0) {
      if (closed) throw new Error(`bench server (${engine}) exited (code ${String(child.exitCode)}) before answering`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
    return lines.shift() as string;
  };
  const setup = JSON.parse(await nextLine()) as { port: number; tokens: string[]; reportingMonth: string; measureIds: string[] };

  let n = 0;
  const body = () =>
    JSON.stringify({
      reportingMonth: setup.reportingMonth,
      points: setup.measureIds.map((measureId, i) => {
        const denominator = 40 + ((n * 7 + i * 13) % 60);
        return { measureId, period: setup.reportingMonth, numerator: (n * 31 + i * 17) % (denominator + 1), denominator };
      }),
      narrative: { changesTested: `change ${n}`, lessons: "", barriers: "", helpWanted: "" },
    });
  const result = await autocannon({
    url: `http://127.0.0.1:${setup.port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: "/api/v1/collaboratives/load/submissions",
        setupRequest: (request: Record<string, unknown>) => {
          n++;
          return {
            ...request,
            headers: { "content-type": "application/json", authorization: `Bearer ${setup.tokens[n % setup.tokens.length]}`, "idempotency-key": `bench-${n}` },
            body: body(),
          };
        },
      },
    ],
  });
  child.stdin.end("stop\n");
  const { revisions, groups, cpuMs } = JSON.parse(await nextLine()) as { revisions: number; groups: SqliteStore["groupStats"] | null; cpuMs: number };
  const ok = result["2xx"];
  const perSecond = ok / seconds;
  const line = [
    `${engine.padEnd(8)} ${perSecond.toFixed(0).padStart(6)} reports/s (20 measures each)`,
    `latency p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms`,
    `${ok} accepted, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts; ${revisions} revisions stored`,
    // CPU time is steadier than throughput on a shared machine: what one report costs the server process
    `server CPU ${(cpuMs / Math.max(1, ok)).toFixed(2)} ms a report`,
    ...(groups ? [`group commit: ${groups.writes} writes in ${groups.commits} transactions (${(groups.writes / Math.max(1, groups.commits)).toFixed(1)} a commit on average, at most ${groups.largest})`] : []),
  ].join(" | ");
  return { line, perSecond, p99: result.latency.p99 };
}

// ---- 2. read latency at collaborative sizes -------------------------------------------------------

/** Create the collaborative of `size` in `store`, its teams, a faculty token and its reports and scores (bulk-loaded). */
export async function loadSize(store: Store & SqlStore, size: SizeName, now: Date): Promise<{ faculty: string; periods: string[]; collaborative: CollaborativeDefinition }> {
  const { teams, measures: measureCount, months } = SIZES[size];
  const today = now.toISOString().slice(0, 10);
  const collaborative = definition(size, measureCount, months, today);
  await store.createCollaborative(collaborative, now.toISOString(), CLI);
  const periods = monthRange(collaborative.startMonth, addMonths(monthOf(today), -1));
  const createdAt = now.toISOString();
  const teamList = Array.from({ length: teams }, (_, t) => ({ id: `team-${t}`, name: `Team ${t}`, organisation: "", createdAt }));
  await bulkLoad(store, { collaborativeId: size, tokenId: "bench", teams: teamList, reports: [], scores: [] });
  // Reports in slices so memory stays flat at the campaign size, two slices in flight: PostgreSQL
  // writes them on two connections (SQLite's transactions are synchronous, so there they run in turn).
  const slice = 250;
  let rng = 12345;
  const random = () => ((rng = (rng * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const inFlight: Array<Promise<void>> = [];
  for (let start = 0; start < teams; start += slice) {
    const load: BulkLoad = { collaborativeId: size, tokenId: "bench", reports: [], scores: [] };
    for (let t = start; t < Math.min(teams, start + slice); t++) {
      for (const [m, period] of periods.entries()) {
        if (random() < 0.08) continue; // some reports missing
        const due = `${addMonths(period, 1)}-15`;
        const day = 5 + Math.floor(random() * 15); // some late
        load.reports.push({
          teamId: `team-${t}`,
          reportingMonth: period,
          receivedAt: `${due.slice(0, 8)}${String(day).padStart(2, "0")}T10:00:00.000Z`,
          points: collaborative.measures.map((measure) => {
            const denominator = 50 + Math.floor(random() * 50);
            const numerator = Math.floor(random() * denominator);
            return { measureId: measure.id, period, numerator, denominator, value: (100 * numerator) / denominator };
          }),
        });
        if (m < periods.length - 1) load.scores.push({ teamId: `team-${t}`, period, score: 1 + Math.floor(random() * 9) / 2, rationale: "bench", recordedAt: `${due}T12:00:00.000Z` });
      }
    }
    if (inFlight.length === 2) await inFlight.shift();
    inFlight.push(bulkLoad(store, load));
  }
  await Promise.all(inFlight);
  const faculty = await issueToken(store, { role: "faculty", collaborativeId: size, label: "bench faculty", now, actor: CLI });
  return { faculty: faculty.token, periods, collaborative };
}

type ReadFigures = { lines: string[]; completeness: number; scores: number; completenessPage: number; scoresPage: number };

/** The page size of the paged campaign reads (core's TEAM_PAGE_DEFAULT), and the page timed: one in the middle. */
const PAGE = { limit: 500, offset: 2000 };

async function readLatency(engine: Engine, size: SizeName, runs: number): Promise<ReadFigures> {
  const { teams, measures: measureCount } = SIZES[size];
  const { store, cleanup } = await freshStore(engine);
  try {
    const now = new Date();
    const t0 = performance.now();
    const { faculty, periods } = await loadSize(store, size, now);
    const loadSeconds = (performance.now() - t0) / 1000;
    const app = createApp({ store, rateLimitPerMinute: false, version: "bench", clock: () => now });
    const headers = { authorization: `Bearer ${faculty}` };
    const time = async (path: string) => {
      const samples: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs + 1; i++) {
        const start = performance.now();
        const response = await app.request(path, { headers });
        // to the last byte of the body, as a client receives it (decoding 15 MB into a string is the
        // client's work, not the read's: it added ~60 ms at campaign size)
        const body = await response.arrayBuffer();
        if (i > 0) samples.push(performance.now() - start); // the first run warms caches
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${new TextDecoder().decode(body.slice(0, 200))}`);
        bytes = body.byteLength;
      }
      samples.sort((a, b) => a - b);
      const p = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)];
      return { median: p(0.5), text: `median ${p(0.5).toFixed(1).padStart(6)} ms  p95 ${p(0.95).toFixed(1).padStart(6)} ms  (${(bytes / 1e6).toFixed(2)} MB)` };
    };
    const points = teams * periods.length * measureCount;
    const completeness = await time(`/api/v1/collaboratives/${size}/completeness`);
    const scores = await time(`/api/v1/collaboratives/${size}/scores`);
    const month = await time(`/api/v1/collaboratives/${size}/scores?period=${periods[periods.length - 2]}`);
    const pageQuery = `teamOffset=${Math.min(PAGE.offset, Math.max(0, teams - PAGE.limit))}&teamLimit=${PAGE.limit}`;
    const completenessPage = await time(`/api/v1/collaboratives/${size}/completeness?${pageQuery}`);
    const scoresPage = await time(`/api/v1/collaboratives/${size}/scores?${pageQuery}`);
    return {
      lines: [
        `${engine.padEnd(8)} ${size.padEnd(8)} ${teams} teams x ${measureCount} measures x ${periods.length} months (~${(points / 1e6).toFixed(2)} M points, loaded in ${loadSeconds.toFixed(1)} s)`,
        `    completeness ${completeness.text}`,
        `    scores       ${scores.text}`,
        `    scores (one month) ${month.text}`,
        `    completeness, a page of ${PAGE.limit} teams ${completenessPage.text}`,
        `    scores, a page of ${PAGE.limit} teams       ${scoresPage.text}`,
      ],
      completeness: completeness.median,
      scores: scores.median,
      completenessPage: completenessPage.median,
      scoresPage: scoresPage.median,
    };
  } finally {
    await cleanup();
  }
}

/**
 * The three targets of issue 15 ("Speed at campaign scale") beside the figures reached in this run,
 * printed, never asserted: they depend on the machine and on what else runs on it (`uptime`'s load
 * average is printed with them).
 */
function targets(load: ReadonlyMap<Engine, { perSecond: number; p99: number }>, campaign: ReadonlyMap<Engine, ReadFigures>): string {
  const loadAverage = loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");
  const mark = (met: boolean) => (met ? "met    " : "not met");
  const lines = [`\nTargets (issue 15; ${cpus().length} CPUs, load average ${loadAverage} at the end, load generator on the same machine)`];
  const sqlite = load.get("sqlite");
  lines.push(sqlite ? `  ${mark(sqlite.perSecond >= 1000)} SQLite     >= 1,000 reports/s, synchronous=FULL: ${sqlite.perSecond.toFixed(0)} reports/s (p99 ${sqlite.p99} ms)` : "  (SQLite load not run)");
  const pg = load.get("postgres");
  lines.push(
    pg ? `  ${mark(pg.perSecond >= 2000 && pg.p99 < 100)} PostgreSQL >= 2,000 reports/s, p99 < 100 ms: ${pg.perSecond.toFixed(0)} reports/s, p99 ${pg.p99} ms` : "  (PostgreSQL load not run)",
  );
  for (const [engine, f] of campaign) {
    const whole = `whole answer (all 4,000 teams): completeness ${f.completeness.toFixed(0)} ms, scores ${f.scores.toFixed(0)} ms`;
    const paged = `a page of ${PAGE.limit} teams: completeness ${f.completenessPage.toFixed(0)} ms, scores ${f.scoresPage.toFixed(0)} ms`;
    lines.push(`  ${mark(f.completeness < 150 && f.scores < 150)} ${engine.padEnd(10)} campaign reads < 150 ms, ${whole} (medians)`);
    lines.push(`  ${mark(f.completenessPage < 150 && f.scoresPage < 150)} ${engine.padEnd(10)} campaign reads < 150 ms, ${paged} (medians)`);
  }
  if (campaign.size === 0) lines.push("  (campaign reads not run: QI_BENCH_SIZES without campaign)");
  return lines.join("\n");
}

/** Run the whole benchmark and print its figures. */
export async function run(): Promise<void> {
  const engines = list<Engine>(process.env.QI_BENCH_ENGINES, ["sqlite", "postgres"]);
  const sizes = list<SizeName>(process.env.QI_BENCH_SIZES, ["typical", "large", "campaign"]);
  const seconds = Number(process.env.QI_BENCH_SECONDS ?? 10);
  const connections = Number(process.env.QI_BENCH_CONNECTIONS ?? 16);
  const runs = Number(process.env.QI_BENCH_RUNS ?? 9);
  const started = performance.now();
  const load = new Map<Engine, { perSecond: number; p99: number }>();
  console.log(`\nSubmissions (autocannon, ${connections} connections, ${seconds} s per engine, loopback, server in a child process)`);
  for (const engine of engines) {
    const figures = await loadTest(engine, seconds, connections);
    load.set(engine, figures);
    console.log("  " + figures.line);
  }
  const campaign = new Map<Engine, ReadFigures>();
  console.log(`\nReads (app.request end to end, ${runs} runs after one warm-up; target < 50 ms at 160 teams, < 150 ms at 4,000 teams)`);
  for (const size of sizes) {
    for (const engine of engines) {
      const figures = await readLatency(engine, size, runs);
      if (size === "campaign") campaign.set(engine, figures);
      for (const line of figures.lines) console.log("  " + line);
    }
  }
  console.log(targets(load, campaign));
  console.log(`\nbench/server.ts took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (require.main === module) {
  const child = process.env.QI_BENCH_CHILD as Engine | undefined;
  (child ? serveForLoad(child) : run()).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
