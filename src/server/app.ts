// createApp(deps): the whole data store as a Hono app that never listens. main.ts serves it;
// tests call app.request() with no socket. Everything time-dependent reads deps.clock.

import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { authenticate } from "./auth";
import { corsPolicies, securityHeaders } from "./middleware/headers";
import { onlyDocumentedQuery } from "./middleware/documentedQuery";
import { openApiDocument } from "./openapi";
import { ApiProblem } from "./problem";
import { createFailureLimiter, createRateLimiter, DEFAULT_FAILED_AUTH_PER_MINUTE } from "./rateLimit";
import type { AppEnv } from "./routes/context";
import { adminCollaborativeRoutes } from "./routes/adminCollaboratives";
import { adminTeamRoutes } from "./routes/adminTeams";
import { auditRoutes } from "./routes/audit";
import { collaborativeRoutes } from "./routes/collaboratives";
import { exportRoutes } from "./routes/exports";
import { learningRoutes } from "./routes/learning";
import { meRoutes } from "./routes/me";
import { periodRoutes } from "./routes/periods";
import { pointRoutes } from "./routes/points";
import { reminderRoutes } from "./routes/reminders";
import { runChartRoutes } from "./routes/runcharts";
import { funnelRoutes } from "./routes/funnel";
import { timelineRoutes } from "./routes/timeline";
import { scoreRoutes } from "./routes/scores";
import { submissionRoutes } from "./routes/submissions";
import { teamRoutes } from "./routes/teams";
import { tokenRoutes } from "./routes/tokens";
import { registerWebRoutes } from "./routes/web";
import { StoreConflict, StoreNotFound, StoreUnavailable, type Store } from "./store/store";

export type AppDeps = {
  store: Store;
  /** the clock every "today" and timestamp comes from (default: the system clock) */
  clock?: () => Date;
  /** shown by /health and the OpenAPI document (default: package.json's version) */
  version?: string;
  /** origins that may call the API (/api/*) cross-origin, e.g. https://addin.example.org (default: none; the server's own origin needs none; the add-in's public files answer any origin) */
  corsOrigins?: readonly string[];
  /** requests per minute per token (default 120); `false` switches the limit off */
  rateLimitPerMinute?: number | false;
  /**
   * failed token look-ups (unknown, revoked or expired tokens) per client address per minute before
   * that address gets 429 without a look-up (default {@link DEFAULT_FAILED_AUTH_PER_MINUTE});
   * `false` switches the limit off
   */
  failedAuthPerMinute?: number | false;
  /**
   * the client's address for the failed-authentication limit (default: the socket's remote address
   * through @hono/node-server's getConnInfo; `null`, never limited, when there is no socket, as in
   * app.request() without an env). X-Forwarded-For is not read: any client can write it.
   */
  clientAddress?: (c: Context<AppEnv>) => string | null;
  /** request body limit in bytes (default 1 MB) */
  bodyLimitBytes?: number;
  /** the built add-in to serve (default: none) */
  staticDir?: string | null;
  /** manifest.xml to serve when the build has none (default: none) */
  manifestFallback?: string | null;
  /** the public origin, when it differs from the request's (QI_PUBLIC_URL) */
  publicUrl?: string | null;
  /** where internal errors are reported (default: stderr); never the client */
  logError?: (message: string, error: unknown) => void;
  /** how long GET /health/ready waits for the database (default DEFAULT_READINESS_TIMEOUT_MS) */
  readinessTimeoutMs?: number;
  /** submission ids (default: random UUIDs) */
  newId?: () => string;
  /** whether the reminder job can send (QI_SMTP_URL set); the reminder list says so (default false) */
  smtpConfigured?: boolean;
};

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The socket's remote address (@hono/node-server), or `null` when the request came without one. */
function socketAddress(c: Context<AppEnv>): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/** How long /health/ready waits for the database: under a load balancer's usual 5 s health-check timeout (e.g. AWS ALB's default, https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html), so a hung database reads as "not ready" rather than as no answer. */
export const DEFAULT_READINESS_TIMEOUT_MS = 2_000;

/** Retry-After of a 503 when the database is unreachable: long enough for the pool to reconnect after a PostgreSQL restart or failover, short enough that the pane's outbox retries soon. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

export { isApiPath } from "./middleware/headers";

/** The package version, read once (the server runs from the source tree). */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** Build the app. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const clock = deps.clock ?? (() => new Date());
  const version = deps.version ?? packageVersion();
  const logError = deps.logError ?? ((message, error) => console.error(message, error));
  const limiter = deps.rateLimitPerMinute === false ? null : createRateLimiter(deps.rateLimitPerMinute ?? 120);
  const app = new Hono<AppEnv>();

  // An answer sent before the request's body was read (413 over the limit, 401 for a bad token):
  // the server drains the unread body only briefly (@hono/node-server: 500 ms) and then closes the
  // socket, so a keep-alive client that reused it would fail its next request. Say so instead:
  // `Connection: close` (RFC 9112 section 9.6) makes the client open a new connection.
  app.use("*", async (c, next) => {
    await next();
    const declaresBody = (c.req.header("content-length") ?? "0") !== "0" || c.req.header("transfer-encoding") !== undefined;
    if (c.res.status >= 400 && declaresBody && !c.req.raw.bodyUsed) {
      c.res = new Response(c.res.body, c.res); // headers of a Response made elsewhere may be immutable
      c.res.headers.set("connection", "close");
    }
  });
  app.use("*", securityHeaders({ hsts: deps.publicUrl?.startsWith("https://") ?? false }));
  app.use("*", corsPolicies(deps.corsOrigins ?? []));

  app.use(
    "/api/*",
    bodyLimit({
      maxSize: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
      onError: () => {
        throw new ApiProblem("PAYLOAD_TOO_LARGE", `the request body is over ${Math.round((deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT) / 1024)} KB: send one month's report at a time`);
      },
    }),
  );

  app.use("/api/v1/*", onlyDocumentedQuery());

  const failures = deps.failedAuthPerMinute === false ? null : createFailureLimiter(deps.failedAuthPerMinute ?? DEFAULT_FAILED_AUTH_PER_MINUTE);
  const clientAddress = deps.clientAddress ?? socketAddress;

  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    const now = clock();
    const address = failures ? clientAddress(c) : null;
    if (failures && address !== null) {
      const wait = failures.blocked(address, now.getTime());
      if (wait) {
        throw new ApiProblem("RATE_LIMITED", `too many requests with unknown, revoked or expired tokens from this address: try again in ${wait.retryAfterSeconds} s`, {
          headers: { "retry-after": String(wait.retryAfterSeconds) },
        });
      }
    }
    const auth = await authenticate(deps.store, c.req.header("authorization"), now, () => {
      if (failures && address !== null) failures.fail(address, now.getTime());
    });
    if (limiter) {
      const verdict = limiter.take(auth.tokenId, now.getTime());
      if (!verdict.allowed) {
        throw new ApiProblem("RATE_LIMITED", `too many requests with this token: try again in ${verdict.retryAfterSeconds} s`, {
          headers: { "retry-after": String(verdict.retryAfterSeconds) },
        });
      }
    }
    c.set("auth", auth);
    await next();
  };

  // Liveness: the process answers (no database; a load balancer or orchestrator that restarts on
  // failure must not restart every instance when the database is down). /health is its alias.
  const live = (c: Context<AppEnv>) => c.json({ status: "ok" as const, engine: deps.store.engine, version });
  app.get("/health", live);
  app.get("/health/live", live);
  // Readiness: the database answers a query within readinessTimeoutMs; else 503 with Retry-After,
  // so a load balancer sends no traffic to an instance that cannot reach its database.
  const readinessTimeoutMs = deps.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS;
  app.get("/health/ready", async (c) => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), readinessTimeoutMs)));
    const check = deps.store.isEmpty().then(
      () => "ok" as const,
      (error: unknown) => error,
    );
    const outcome = await Promise.race([check, timedOut]).finally(() => clearTimeout(timer));
    if (outcome === "ok") return live(c);
    const why = outcome === "timeout" ? `did not answer within ${readinessTimeoutMs} ms` : `failed (${(outcome as Error)?.message ?? String(outcome)})`;
    logError(`readiness: the ${deps.store.engine} database ${why}`, outcome);
    throw new ApiProblem("SERVICE_UNAVAILABLE", `not ready: the database ${outcome === "timeout" ? `did not answer within ${readinessTimeoutMs} ms` : "is not reachable"}`, {
      headers: { "retry-after": String(RETRY_AFTER_UNAVAILABLE_SECONDS) },
    });
  });
  let openApi: Record<string, unknown> | null = null;
  app.get("/api/v1/openapi.json", (c) => c.json((openApi ??= openApiDocument(version))));

  const routeDeps = { store: deps.store, clock, guard, newId: deps.newId ?? (() => randomUUID()) };
  // One sub-app per resource, each with paths below /api/v1 (the OpenAPI document lists them all).
  for (const routes of [
    meRoutes,
    collaborativeRoutes,
    submissionRoutes,
    pointRoutes,
    exportRoutes,
    runChartRoutes,
    funnelRoutes,
    learningRoutes,
    teamRoutes,
    timelineRoutes,
    scoreRoutes,
    periodRoutes,
    adminCollaborativeRoutes,
    adminTeamRoutes,
    tokenRoutes,
    auditRoutes,
  ]) {
    app.route("/api/v1", routes(routeDeps));
  }
  app.route("/api/v1", reminderRoutes(routeDeps, { smtpConfigured: deps.smtpConfigured ?? false }));
  registerWebRoutes(app, { staticDir: deps.staticDir ?? null, manifestFallback: deps.manifestFallback ?? null, publicUrl: deps.publicUrl ?? null });

  app.notFound((c) => c.json({ code: "NOT_FOUND", message: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

  app.onError((error, c) => {
    if (error instanceof ApiProblem) return c.json(error.toBody(), error.status, error.headers);
    if (error instanceof StoreNotFound) return c.json({ code: "NOT_FOUND", message: error.message }, 404);
    if (error instanceof StoreConflict) return c.json({ code: "CONFLICT", message: error.message }, 409);
    if (error instanceof StoreUnavailable) {
      logError(`database unavailable on ${c.req.method} ${new URL(c.req.url).pathname}:`, error.cause ?? error);
      const problem = new ApiProblem("SERVICE_UNAVAILABLE", `the database is not reachable just now: try again in ${RETRY_AFTER_UNAVAILABLE_SECONDS} s (resending a report with the same Idempotency-Key is safe)`, {
        headers: { "retry-after": String(RETRY_AFTER_UNAVAILABLE_SECONDS) },
      });
      return c.json(problem.toBody(), problem.status, problem.headers);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ code: error.status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", message: error.message || "bad request" }, error.status);
    }
    // The details go to the log with a reference; the client learns only the reference.
    const reference = randomBytes(4).toString("hex");
    logError(`internal error ${reference} on ${c.req.method} ${new URL(c.req.url).pathname}:`, error);
    return c.json({ code: "INTERNAL", message: `something went wrong on the server (reference ${reference}): try again (resending a report with the same Idempotency-Key is safe), and tell the admin if it persists` }, 500);
  });

  return app;
}
