// `npm start` / `tsx src/server/main.ts`: read the environment, open and migrate the store, seed the
// demo on a first start, serve the API, the faculty page and the built add-in on one origin (https
// when office-addin-dev-certs certificates exist), and shut down cleanly on SIGINT/SIGTERM. Any
// startup failure prints one clear sentence and exits 1.

import { serve, type ServerType } from "@hono/node-server";
import { existsSync, readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { join, resolve } from "node:path";
import { createApp, packageVersion } from "./app";
import { ConfigError, readConfig, type Config } from "./config";
import { describeStore, openStore } from "./store/open";
import { StoreUnavailable, type Store } from "./store/store";
import { seedOnFirstStart } from "./firstStart";
import { seedDemo } from "./seed";
import { startReminderJob, type ReminderJob } from "./reminders/job";
import { postgresJobLock, processJobLock } from "./reminders/jobLock";
import { smtpMailer } from "./reminders/mailer";

function fail(message: string): never {
  console.error(`\nqi data store: cannot start: ${message}\n`);
  process.exit(1);
}

function explain(error: unknown, config: Config): string {
  // a lost or refused PostgreSQL connection comes wrapped (the API's 503); explain the driver's error
  const e = (error instanceof StoreUnavailable ? error.cause : error) as { code?: string; message?: string };
  if (e.code === "EADDRINUSE") return `port ${config.port} is already in use: stop the other server or set PORT to a free port (e.g. PORT=3001 npm start)`;
  if (e.code === "EACCES") return `no permission to listen on port ${config.port}: use a port above 1024`;
  if (config.databaseUrl) {
    if (e.code === "ECONNREFUSED" || e.code === "ENOTFOUND" || e.code === "ETIMEDOUT") return `${describeStore(config)} does not answer (${e.code}): check DATABASE_URL and that the database is running`;
    if (e.code === "28P01" || e.code === "28000") return `PostgreSQL refused the login (${e.message}): check the user and password in DATABASE_URL`;
    if (e.code === "3D000") return `${e.message}: create the database or fix DATABASE_URL`;
  }
  if (e.code === "SQLITE_CANTOPEN" || e.code === "EACCES" || e.code === "EROFS") return `cannot open ${describeStore(config)} (${e.code}): check QI_DATA_DIR is writable`;
  return `${describeStore(config)}: ${e.message ?? String(error)}`;
}

async function listen(config: Config, app: ReturnType<typeof createApp>, tls: { key: Buffer; cert: Buffer } | null): Promise<ServerType> {
  return new Promise((resolveListen, reject) => {
    const limits = config.connections;
    // Slow clients: Node's defaults let a request take 300 s; these close a socket whose headers or
    // body do not arrive in time (408). Node checks those timeouts every connectionsCheckingInterval
    // (default 30 s), so check each second, or a timeout would fire up to 30 s late.
    const serverOptions = {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
      ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    };
    const options = {
      fetch: app.fetch,
      port: config.port,
      ...(config.host ? { hostname: config.host } : {}),
      serverOptions,
      ...(tls ? { createServer: createHttpsServer } : {}),
    };
    const server = serve(options, () => resolveListen(server));
    // further sockets are closed as they arrive (net.Server#maxConnections)
    server.maxConnections = limits.maxConnections;
    server.once("error", reject);
  });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  let store: Store;
  try {
    store = await openStore(config, (error) => console.error("qi data store: a PostgreSQL connection failed:", error.message));
  } catch (error) {
    fail(explain(error, config));
  }

  const version = packageVersion();
  let seeded: Awaited<ReturnType<typeof seedDemo>> | null = null;
  try {
    // one instance seeds, however many start at once on one database (firstStart.ts)
    seeded = await seedOnFirstStart(store, config.databaseUrl, () => seedDemo(store, new Date()));
  } catch (error) {
    await store.close().catch(() => undefined);
    fail(`the demo seed failed: ${(error as Error).message}`);
  }

  const certFile = join(config.certDir, "localhost.crt");
  const keyFile = join(config.certDir, "localhost.key");
  const tls = existsSync(certFile) && existsSync(keyFile) ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : null;
  const built = existsSync(join(config.staticDir, "taskpane.html"));

  const app = createApp({
    store,
    version,
    corsOrigins: config.corsOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    staticDir: config.staticDir,
    manifestFallback: resolve("manifest.xml"),
    publicUrl: config.publicUrl ?? null,
    smtpConfigured: config.reminders.smtpUrl !== undefined,
  });

  let server: ServerType;
  try {
    server = await listen(config, app, tls);
  } catch (error) {
    await store.close().catch(() => undefined);
    fail(explain(error, config));
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const origin = config.publicUrl ?? `${tls ? "https" : "http"}://localhost:${port}`;

  const lines = [
    "",
    `QI Collaborative data store ${version}: ${origin}  (${describeStore(config)})`,
    "",
    `  Faculty page:   ${origin}/`,
    `  Manifest:       ${origin}/manifest.xml`,
    `  API:            ${origin}/api/v1  (OpenAPI: ${origin}/api/v1/openapi.json)`,
    `  Health:         ${origin}/health/live (process), ${origin}/health/ready (database reachable)`,
    "",
    built
      ? `  Add-in:         ${origin}/taskpane.html (from ${config.staticDir})`
      : `  Add-in:         not built: ${config.staticDir} has no taskpane.html; run npm run build (npm start does it for you)`,
    tls
      ? `  https with the office-addin-dev-certs certificate in ${config.certDir}`
      : `  Serving http: Excel loads add-ins only over https. Create a certificate once with\n                  npx office-addin-dev-certs install   (then restart; it is picked up from ${config.certDir})`,
    "",
    "  Sideload the add-in:",
    "    Windows / macOS desktop: npm run start:desktop",
    `    Excel on the web: save ${origin}/manifest.xml, then Home > Add-ins > More Settings > Upload My Add-in (README: Sideloading)`,
    "",
  ];
  if (seeded) {
    lines.push(
      "  First start: created the demo collaborative. These tokens are shown once; copy them now.",
      `    collaborative:  ${seeded.collaborativeId}`,
      `    adminToken:     ${seeded.adminToken}`,
      `    facultyToken:   ${seeded.facultyToken}   (paste it into the faculty page)`,
      ...seeded.teams.map((t) => `    team ${t.id.padEnd(12)} ${t.token}   (${t.name})`),
      "",
    );
  }
  const { reminders } = config;
  lines.push(
    reminders.intervalMs === 0
      ? "  Reminders:      off in this process (QI_REMINDERS_INTERVAL_MS=0)"
      : `  Reminders:      every ${Math.round(reminders.intervalMs / 1000)} s, ${reminders.smtpUrl ? "sent by SMTP" : "recorded as would-send (set QI_SMTP_URL to send)"}${config.databaseUrl ? ", one instance at a time (PostgreSQL advisory lock)" : ""}`,
    "",
  );
  console.log(lines.join("\n"));

  const mailer = reminders.smtpUrl ? smtpMailer(reminders.smtpUrl, reminders.mailFrom) : null;
  const job: ReminderJob | null =
    reminders.intervalMs === 0
      ? null
      : startReminderJob(
          {
            store,
            clock: () => new Date(),
            lock: config.databaseUrl ? postgresJobLock({ connectionString: config.databaseUrl }) : processJobLock(),
            mailer,
            settings: { facultyEmails: reminders.facultyEmails },
            logError: (message, error) => console.error(`qi data store: ${message}`, error),
          },
          reminders.intervalMs,
        );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`qi data store: ${signal} received, closing`);
    const force = setTimeout(() => process.exit(0), 10_000);
    force.unref();
    server.close(() => {
      (job ? job.stop() : Promise.resolve())
        .then(() => mailer?.close())
        .then(() => store.close())
        .catch((error: unknown) => console.error("qi data store: closing the store failed:", error))
        .finally(() => process.exit(0));
    });
    // Idle keep-alive connections would hold close() open.
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => fail((error as Error)?.stack ?? String(error)));
