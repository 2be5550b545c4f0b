// The non-API pages: the faculty app (/ and /faculty: the page webpack builds into dist/faculty/,
// with its strict Content-Security-Policy), and the built add-in served from QI_STATIC_DIR on the
// same origin (the manifest rewritten to this origin). Static files, ETags and the traversal guard are
// @hono/node-server's serveStatic and hono's etag middleware.

import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context, Hono } from "hono";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import { ApiProblem } from "../problem";
import type { AppEnv } from "./context";
export type WebDeps = {
  /** the built add-in (dist/); `null` or a missing folder: the add-in is "not built" */
  staticDir: string | null;
  /** manifest served when the build has none (the source manifest.xml) */
  manifestFallback: string | null;
  /** the origin people use (QI_PUBLIC_URL); unset: the request's own origin, for a loopback Host only */
  publicUrl: string | null;
};

/** The origin the source manifest points at; replaced by the server's origin when served. */
export const MANIFEST_DEV_ORIGIN = "https://localhost:3000";

/** Files that make up the add-in; asking for one of them before a build gets a hint. */
const ADDIN_ENTRY_POINTS = new Set(["/taskpane.html", "/taskpane.local.html", "/functions.js", "/functions.json", "/taskpane.js"]);

/** The faculty app's page inside the build. */
export const FACULTY_PAGE = join("faculty", "index.html");

// The page's Content-Security-Policy is set in one place, for every path that serves the page:
// FACULTY_PAGE_CSP in ../middleware/headers.ts.

export function registerWebRoutes(app: Hono<AppEnv>, deps: WebDeps): void {
  const facultyPage = async () => {
    const file = deps.staticDir ? join(deps.staticDir, FACULTY_PAGE) : null;
    if (!file || !(await isFile(file))) {
      return new Response("<!doctype html><title>QI Collaborative · Faculty</title><p>The faculty page is not built: run npm run build, then reload this page.</p>", {
        status: 404,
        headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
      });
    }
    return new Response(await readFile(file), {
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
    });
  };
  // the page itself, under every path that names it (never served by serveStatic without its CSP)
  for (const path of ["/", "/faculty", "/faculty/", "/faculty/index.html"]) app.get(path, facultyPage);

  app.get("/manifest.xml", async (c) => {
    const origin = deps.publicUrl ?? localOrigin(c);
    const built = deps.staticDir ? join(deps.staticDir, "manifest.xml") : null;
    const file = (built && (await isFile(built))) ? built : deps.manifestFallback && (await isFile(deps.manifestFallback)) ? deps.manifestFallback : null;
    if (!file) throw new ApiProblem("NOT_FOUND", "no manifest.xml: run npm run build");
    const xml = (await readFile(file, "utf8")).split(MANIFEST_DEV_ORIGIN).join(origin);
    return new Response(xml, { headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "no-cache" } });
  });

  if (deps.staticDir) {
    // serveStatic refuses "..", ".", "//", "\\" and encoded separators; hidden files (".env", ".git")
    // are refused here first, as nothing in the build starts with a dot.
    const files = serveStatic<AppEnv>({ root: deps.staticDir });
    // a 304 keeps the CORS header: Excel on the web revalidates functions.json from its own origin
    const tags = etag({ weak: true, retainedHeaders: [...RETAINED_304_HEADERS, "access-control-allow-origin"] });
    app.get("*", async (c, next) => {
      if (c.req.path.startsWith("/api/") || c.req.path.split("/").some((part) => part.startsWith("."))) return next();
      const found = await files(c, async () => undefined);
      if (!found) return next();
      fileHeaders(found.headers);
      await tags(c, async () => {
        c.res = found;
      });
      return c.res;
    });
  }

  app.get("*", async (c, next) => {
    const path = c.req.path;
    if (ADDIN_ENTRY_POINTS.has(path) || path.startsWith("/assets/")) {
      throw new ApiProblem("NOT_FOUND", `${path} is not there: the add-in is not built (run npm run build, then restart the server)`);
    }
    return next();
  });
}

/** The host names that always mean this machine (RFC 6761 section 6.3 for localhost; the IPv4 and IPv6 loopback addresses). */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The origin to write into the manifest when QI_PUBLIC_URL is unset: the request's own origin, but
 * only when its Host is a loopback name (and, over a socket, names the port the request came in on).
 * Any other Host header is the client's word, and copying it into the add-in's URLs would let a
 * request (or a cache in between) serve a manifest that loads the add-in from a host an attacker
 * chose: such a request is refused with the setting that fixes it.
 */
function localOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  const socketPort = (c.env as { incoming?: { socket?: { localPort?: number } } } | undefined)?.incoming?.socket?.localPort;
  const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  if (LOOPBACK_HOSTS.has(url.hostname) && (socketPort === undefined || socketPort === port)) return url.origin;
  throw new ApiProblem(
    "BAD_REQUEST",
    "this server does not know its public address, so it serves /manifest.xml only to localhost: set QI_PUBLIC_URL to the origin people use (e.g. QI_PUBLIC_URL=https://qi.example.org) and restart the server",
  );
}

/** Every file may change with the next build: revalidate each time (the ETag makes that a 304). */
function fileHeaders(headers: Headers): void {
  headers.set("cache-control", "no-cache");
  // hono's table has JSON without a charset; functions.json and the source maps are UTF-8
  if (headers.get("content-type") === "application/json") headers.set("content-type", "application/json; charset=utf-8");
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
