// Configuration from the environment: the same variables for `npm start`, the tests and hosting.

import { homedir } from "node:os";
import { join, resolve } from "node:path";

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
  /** QI_PUBLIC_URL: the origin people reach the server at, when it differs from the request's (e.g. behind a proxy) */
  publicUrl: string | undefined;
  /** QI_RATE_LIMIT: requests per minute per token, default 120 */
  rateLimitPerMinute: number;
  /** QI_CERT_DIR, default ~/.office-addin-dev-certs: localhost.crt and localhost.key there switch on https */
  certDir: string;
  /** QI_SQLITE_SYNCHRONOUS: FULL (default) or NORMAL */
  sqliteSynchronous: "FULL" | "NORMAL";
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name}=${raw} is not a whole number from ${min} to ${max}`);
  return n;
}

/** Read and check the configuration; throws ConfigError with a sentence naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("DATABASE_URL must start with postgres:// or postgresql:// (leave it unset to use SQLite)");
  }
  const publicUrl = env.QI_PUBLIC_URL?.trim() || undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+$/.test(publicUrl.replace(/\/$/, ""))) {
    throw new ConfigError("QI_PUBLIC_URL must be an origin such as https://qi.example.org");
  }
  const synchronous = (env.QI_SQLITE_SYNCHRONOUS ?? "FULL").toUpperCase();
  if (synchronous !== "FULL" && synchronous !== "NORMAL") throw new ConfigError("QI_SQLITE_SYNCHRONOUS must be FULL or NORMAL");
  return {
    port: integer(env, "PORT", 3000, 0, 65535),
    host: env.QI_HOST?.trim() || undefined,
    dataDir: resolve(env.QI_DATA_DIR?.trim() || "./data"),
    databaseUrl,
    corsOrigins: (env.QI_CORS_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim().replace(/\/$/, ""))
      .filter((s) => s !== ""),
    staticDir: resolve(env.QI_STATIC_DIR?.trim() || "./dist"),
    publicUrl: publicUrl?.replace(/\/$/, ""),
    rateLimitPerMinute: integer(env, "QI_RATE_LIMIT", 120, 1, 1_000_000),
    certDir: env.QI_CERT_DIR?.trim() || join(homedir(), ".office-addin-dev-certs"),
    sqliteSynchronous: synchronous,
  };
}
