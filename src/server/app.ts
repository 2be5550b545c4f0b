// createApp(deps): the whole data store as a Hono app that never listens. main.ts serves it;
// tests call app.request() with no socket. Everything time-dependent reads deps.clock.

import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { authenticate } from "./auth";
import { OPERATIONS, openApiDocument } from "./openapi";
import { ApiProblem } from "./problem";
import { createRateLimiter } from "./rateLimit";
import type { AppEnv } from "./routes/context";
import { registerReadRoutes } from "./routes/reads";
import { registerSubmissionRoutes } from "./routes/submissions";
import { registerWebRoutes } from "./routes/web";
import { StoreConflict, StoreNotFound, type Store } from "./store/store";

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
  /** submission ids (default: random UUIDs) */
  newId?: () => string;
};

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The data API, whose CORS is the QI_CORS_ORIGINS allow-list; every other path is public. */
export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** The package version, read once (the server runs from the source tree). */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/**
 * 400 for a query parameter the OpenAPI document does not list for the operation: a misspelt or
 * renamed parameter (e.g. a client still sending a name the API no longer uses) would otherwise be
 * ignored silently and answer for every team or month. The document's operations are the one list.
 */
function onlyDocumentedQuery(): MiddlewareHandler<AppEnv> {
  const table = OPERATIONS.map((op) => ({
    method: op.method.toUpperCase(),
    path: new RegExp(`^${op.path.replace(/\./g, "\\.").replace(/\{\w+\}/g, "[^/]+")}$`),
    names: (op.params ?? []).filter((p) => p.in === "query").map((p) => p.name),
  }));
  return async (c, next) => {
    const url = new URL(c.req.url);
    const op = table.find((o) => o.method === c.req.method && o.path.test(url.pathname));
    const unknown = op === undefined ? undefined : [...url.searchParams.keys()].find((name) => !op.names.includes(name));
    if (op !== undefined && unknown !== undefined) {
      const takes = op.names.length === 0 ? "it takes no query parameters" : `it takes ${op.names.join(", ")}`;
      throw new ApiProblem("BAD_REQUEST", `unknown query parameter ${JSON.stringify(unknown)} for ${c.req.method} ${url.pathname}: ${takes} (see /api/v1/openapi.json)`);
    }
    await next();
  };
}

/** Build the app. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const clock = deps.clock ?? (() => new Date());
  const version = deps.version ?? packageVersion();
  const corsOrigins = new Set(deps.corsOrigins ?? []);
  const logError = deps.logError ?? ((message, error) => console.error(message, error));
  const limiter = deps.rateLimitPerMinute === false ? null : createRateLimiter(deps.rateLimitPerMinute ?? 120);
  const app = new Hono<AppEnv>();

  app.use("*", async (c, next) => {
    await next();
    c.res.headers.set("x-content-type-options", "nosniff");
    c.res.headers.set("referrer-policy", "no-referrer");
  });

  // Two CORS policies. The data API (/api/*) carries bearer tokens: only QI_CORS_ORIGINS may call it
  // cross-origin, and any other origin's preflight is refused with a sentence. Everything else this
  // server answers is public and credential-free (the built add-in: functions.json, functions.js,
  // taskpane.html and its scripts, assets/*, /manifest.xml; the faculty page; /health), and Excel on
  // the web fetches the custom functions' metadata with XMLHttpRequest from its own origin
  // (https://excel.officeapps.live.com, other *.officeapps.live.com hosts, *.cloud.microsoft), so
  // without Access-Control-Allow-Origin every =QI.* cell is #NAME? there
  // (https://github.com/OfficeDev/office-js/issues/3970,
  // https://github.com/OfficeDev/Excel-Custom-Functions/issues/212). Those answer any origin with
  // `*`, as Microsoft documents for hosting custom functions ("Allowed origins: *, Allowed methods:
  // GET", https://learn.microsoft.com/en-us/office/dev/add-ins/publish/publish-add-in-vs-code#deploy-custom-functions-for-excel)
  // and as its template's dev server sends (OfficeDev/Excel-Custom-Functions webpack.config.js,
  // devServer.headers). Not an allow-list of Office origins: Microsoft publishes no list of the
  // hosts that fetch the files and says they change (office-js-docs-pr issue 2956), so a list would
  // break silently; and `*` never goes with credentials, so it exposes nothing a plain GET does not.
  const publicFiles = cors({ origin: "*", allowMethods: ["GET", "HEAD"], maxAge: 86400 });
  app.use("*", async (c, next) => (isApiPath(c.req.path) ? next() : publicFiles(c, next)));

  app.use("/api/*", async (c, next) => {
    const origin = c.req.header("origin");
    const allowed = origin !== undefined && corsOrigins.has(origin);
    if (c.req.method === "OPTIONS" && origin !== undefined && c.req.header("access-control-request-method") !== undefined) {
      if (!allowed) {
        return c.json({ code: "FORBIDDEN", message: `origin ${origin} may not call this server: an admin can add it to QI_CORS_ORIGINS` }, 403);
      }
      return new Response(null, {
        status: 204,
        headers: {
          "access-control-allow-origin": origin,
          "access-control-allow-methods": "GET, POST, PUT, OPTIONS",
          "access-control-allow-headers": "Authorization, Content-Type, Idempotency-Key",
          "access-control-max-age": "600",
          vary: "Origin",
        },
      });
    }
    await next();
    c.res.headers.append("vary", "Origin");
    if (allowed) {
      c.res.headers.set("access-control-allow-origin", origin);
      c.res.headers.set("access-control-expose-headers", "Idempotent-Replay, Retry-After");
    }
    return undefined;
  });

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

  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    const now = clock();
    const auth = await authenticate(deps.store, c.req.header("authorization"), now);
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

  app.get("/health", (c) => c.json({ status: "ok", engine: deps.store.engine, version }));
  let openApi: Record<string, unknown> | null = null;
  app.get("/api/v1/openapi.json", (c) => c.json((openApi ??= openApiDocument(version))));

  const routeDeps = { store: deps.store, clock, guard, newId: deps.newId ?? (() => randomUUID()) };
  registerSubmissionRoutes(app, routeDeps);
  registerReadRoutes(app, routeDeps);
  registerWebRoutes(app, { staticDir: deps.staticDir ?? null, manifestFallback: deps.manifestFallback ?? null, publicUrl: deps.publicUrl ?? null });

  app.notFound((c) => c.json({ code: "NOT_FOUND", message: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

  app.onError((error, c) => {
    if (error instanceof ApiProblem) return c.json(error.toBody(), error.status, error.headers);
    if (error instanceof StoreNotFound) return c.json({ code: "NOT_FOUND", message: error.message }, 404);
    if (error instanceof StoreConflict) return c.json({ code: "CONFLICT", message: error.message }, 409);
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
