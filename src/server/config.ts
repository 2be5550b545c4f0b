// Configuration from the environment: the same variables for `npm start`, the admin CLI, the tests
// and hosting, read through one zod schema (ENV below). Every variable is optional; a blank one is
// unset; a bad one is a ConfigError naming the variable, what it got and what it takes.

import { homedir } from "node:os";
import { join, resolve } from "node:path";
import * as z from "zod";

export type Config = {
  /** PORT, default 3000 */
  port: number;
  /** QI_HOST, default all interfaces */
  host: string | undefined;
  /** QI_DATA_DIR, default ./data: holds qi.sqlite */
  dataDir: string;
  /** DATABASE_URL: PostgreSQL when set */
  databaseUrl: string | undefined;
  /** QI_CORS_ORIGINS: origins that may call the API (/api/*) cross-origin (comma list); the server's own origin needs none, and the add-in's public files (functions.json, ...) answer any origin */
  corsOrigins: string[];
  /** QI_STATIC_DIR, default ./dist: the built add-in */
  staticDir: string;
  /** QI_PUBLIC_URL: the origin people reach the server at; /manifest.xml needs it for any host but localhost (the Host header is never trusted) */
  publicUrl: string | undefined;
  /** QI_RATE_LIMIT: requests per minute per token, default 120 */
  rateLimitPerMinute: number;
  /** QI_CERT_DIR, default ~/.office-addin-dev-certs: localhost.crt and localhost.key there switch on https */
  certDir: string;
  /** QI_SQLITE_SYNCHRONOUS: FULL (default) or NORMAL */
  sqliteSynchronous: "FULL" | "NORMAL";
  /** How long a client may hold a socket (main.ts sets them on Node's http server; CONNECTION_DEFAULTS) */
  connections: ConnectionLimits;
  /** The reminder job (src/server/reminders/): SMTP, sender, faculty digest recipients, how often it runs */
  reminders: ReminderSettings;
};

/** The reminder job's settings (README "Reminders"). */
export type ReminderSettings = {
  /** QI_SMTP_URL: smtp:// or smtps:// URL of the mail server (user and password in it if needed); unset: reminders are recorded as would-send, never sent */
  smtpUrl: string | undefined;
  /** QI_MAIL_FROM: the From address, default DEFAULT_MAIL_FROM */
  mailFrom: string;
  /** QI_FACULTY_EMAILS: who gets the weekly digest of every collaborative (comma list); none: the digest is recorded as failed, naming the variable */
  facultyEmails: string[];
  /** QI_REMINDERS_INTERVAL_MS: how often the job runs, default 15 minutes; 0 switches the job off in this process */
  intervalMs: number;
};

/** QI_MAIL_FROM's default: a name people recognise, at an address that says not to reply. */
export const DEFAULT_MAIL_FROM = "QI Collaborative <qi-reminders@localhost>";

/**
 * QI_REMINDERS_INTERVAL_MS's default, 15 minutes: a "due" reminder goes within a quarter of an hour
 * of midnight UTC of its day, and a day has 96 runs, each a few reads per collaborative. A product choice.
 */
export const DEFAULT_REMINDERS_INTERVAL_MS = 15 * 60_000;

const EMAIL = z.email();

/** Limits on each client's socket, so slow or idle clients cannot hold the server's sockets (Node's own default requestTimeout is 300 s). */
export type ConnectionLimits = {
  /** QI_REQUEST_TIMEOUT_MS: the whole request (headers and body) must arrive within this, else 408 and the socket closes (Node's server.requestTimeout) */
  requestTimeoutMs: number;
  /** QI_HEADERS_TIMEOUT_MS: the headers must arrive within this (server.headersTimeout); at most QI_REQUEST_TIMEOUT_MS */
  headersTimeoutMs: number;
  /** QI_KEEP_ALIVE_TIMEOUT_MS: an idle keep-alive connection closes after this (server.keepAliveTimeout) */
  keepAliveTimeoutMs: number;
  /** QI_MAX_CONNECTIONS: open sockets at most; further ones are closed at once (server.maxConnections) */
  maxConnections: number;
};

/**
 * The defaults. requestTimeout 30 s: a 1 MB report (the body limit) takes about 17 s at 0.5 Mbit/s,
 * a slow hospital link. headersTimeout 10 s: headers are a few hundred bytes. keepAliveTimeout 5 s:
 * Node's own default, kept below the 60 s idle timeout of common load balancers (AWS ALB's default),
 * (a balancer's idle timeout must be the shorter one, or it may reuse a connection the server just closed).
 * maxConnections 800: below the usual soft limit of 1,024 open files per process (`ulimit -n`), so
 * sockets leave descriptors for the database pool and the files served.
 * Node's defaults and meanings: https://nodejs.org/api/http.html#serverrequesttimeout,
 * #serverheaderstimeout, #serverkeepalivetimeout, https://nodejs.org/api/net.html#servermaxconnections.
 */
export const CONNECTION_DEFAULTS: Readonly<ConnectionLimits> = Object.freeze({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, maxConnections: 800 });

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** A variable as text, trimmed; blank or absent is `undefined` (so `PORT=` means the default). */
const text = z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), z.string().optional());

/** A whole number from `min` to `max`, or `fallback` when unset. */
function wholeNumber(fallback: number, min: number, max: number) {
  return text.transform((raw, ctx) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    ctx.addIssue({ code: "custom", message: `=${raw} is not a whole number from ${min} to ${max}` });
    return z.NEVER;
  });
}

/** An origin (scheme, host, port; no path): a trailing slash is dropped. */
const ORIGIN = /^https?:\/\/[^/\s]+$/;

/** The environment the data store reads. Each key is the variable's name, which every message starts with. */
export const ENV = z.object({
  PORT: wholeNumber(3000, 0, 65535),
  QI_HOST: text,
  QI_DATA_DIR: text.transform((v) => resolve(v ?? "./data")),
  DATABASE_URL: text.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: " must start with postgres:// or postgresql:// (leave it unset to use SQLite)",
  }),
  QI_CORS_ORIGINS: text
    .transform((v) => (v ?? "").split(",").map((s) => s.trim().replace(/\/$/, "")).filter((s) => s !== ""))
    .refine((list) => list.every((o) => ORIGIN.test(o)), { message: " must be a comma list of origins such as https://addin.example.org (scheme and host, no path)" }),
  QI_STATIC_DIR: text.transform((v) => resolve(v ?? "./dist")),
  QI_PUBLIC_URL: text
    .transform((v) => v?.replace(/\/$/, ""))
    .refine((v) => v === undefined || ORIGIN.test(v), { message: " must be an origin such as https://qi.example.org" }),
  QI_RATE_LIMIT: wholeNumber(120, 1, 1_000_000),
  QI_CERT_DIR: text.transform((v) => v ?? join(homedir(), ".office-addin-dev-certs")),
  QI_SQLITE_SYNCHRONOUS: text
    .transform((v) => (v ?? "FULL").toUpperCase())
    .pipe(z.enum(["FULL", "NORMAL"], { message: " must be FULL or NORMAL" })),
  QI_REQUEST_TIMEOUT_MS: wholeNumber(CONNECTION_DEFAULTS.requestTimeoutMs, 100, 3_600_000),
  QI_HEADERS_TIMEOUT_MS: wholeNumber(CONNECTION_DEFAULTS.headersTimeoutMs, 100, 3_600_000),
  QI_KEEP_ALIVE_TIMEOUT_MS: wholeNumber(CONNECTION_DEFAULTS.keepAliveTimeoutMs, 100, 3_600_000),
  QI_MAX_CONNECTIONS: wholeNumber(CONNECTION_DEFAULTS.maxConnections, 1, 1_000_000),
  QI_SMTP_URL: text.refine((v) => v === undefined || /^smtps?:\/\/[^/\s]+/.test(v), { message: " must be a URL such as smtp://user:password@mail.example.org:587 or smtps://mail.example.org" }),
  QI_MAIL_FROM: text.refine((v) => v === undefined || /^[^<>]*<[^<>\s]+@[^<>\s]+>$|^[^<>\s]+@[^<>\s]+$/.test(v), { message: " must be an address such as qi@example.org or QI Collaborative <qi@example.org>" }),
  QI_FACULTY_EMAILS: text
    .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter((s) => s !== ""))
    .refine((list) => list.every((e) => EMAIL.safeParse(e).success), { message: " must be a comma list of e-mail addresses such as lead@example.org, coach@example.org" }),
  QI_REMINDERS_INTERVAL_MS: wholeNumber(DEFAULT_REMINDERS_INTERVAL_MS, 0, 86_400_000).refine((v) => v === 0 || v >= 1_000, { message: " must be 0 (off) or at least 1000 (one second)" }),
});

/** Read and check the configuration; throws ConfigError with a sentence per bad variable, each naming it. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ENV.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${String(issue.path[0])}${issue.message}`).join("; "));
  }
  const e = result.data;
  if (e.QI_HEADERS_TIMEOUT_MS > e.QI_REQUEST_TIMEOUT_MS) {
    // Node refuses a headersTimeout above requestTimeout when the server is created
    throw new ConfigError(`QI_HEADERS_TIMEOUT_MS=${e.QI_HEADERS_TIMEOUT_MS} is more than QI_REQUEST_TIMEOUT_MS=${e.QI_REQUEST_TIMEOUT_MS}: the headers are part of the request, so make it at most that`);
  }
  return {
    port: e.PORT,
    host: e.QI_HOST,
    dataDir: e.QI_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    corsOrigins: e.QI_CORS_ORIGINS,
    staticDir: e.QI_STATIC_DIR,
    publicUrl: e.QI_PUBLIC_URL,
    rateLimitPerMinute: e.QI_RATE_LIMIT,
    certDir: e.QI_CERT_DIR,
    sqliteSynchronous: e.QI_SQLITE_SYNCHRONOUS,
    connections: {
      requestTimeoutMs: e.QI_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.QI_HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: e.QI_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.QI_MAX_CONNECTIONS,
    },
    reminders: {
      smtpUrl: e.QI_SMTP_URL,
      mailFrom: e.QI_MAIL_FROM ?? DEFAULT_MAIL_FROM,
      facultyEmails: e.QI_FACULTY_EMAILS,
      intervalMs: e.QI_REMINDERS_INTERVAL_MS,
    },
  };
}
