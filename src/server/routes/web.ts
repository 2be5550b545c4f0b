// The non-API pages: the faculty page (/ and /faculty, with its script and style), and the built
// add-in served from QI_STATIC_DIR on the same origin (the manifest rewritten to this origin).

import { readFile, stat } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import type { Hono } from "hono";
import { ASSESSMENT_SCALE } from "../../core/index";
import { ApiProblem } from "../problem";
import type { AppEnv } from "./context";

export type WebDeps = {
  /** the built add-in (dist/); `null` or a missing folder: the add-in is "not built" */
  staticDir: string | null;
  /** manifest served when the build has none (the source manifest.xml) */
  manifestFallback: string | null;
  /** the origin people use (QI_PUBLIC_URL); default: the request's own origin */
  publicUrl: string | null;
};

/** The origin the source manifest points at; replaced by the server's origin when served. */
export const MANIFEST_DEV_ORIGIN = "https://localhost:3000";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

/** Files that make up the add-in; asking for one of them before a build gets a hint. */
const ADDIN_ENTRY_POINTS = new Set(["/taskpane.html", "/taskpane.local.html", "/functions.js", "/functions.json", "/taskpane.js"]);

const FACULTY_DIR = join(__dirname, "..", "faculty");
// The page's Content-Security-Policy is set in one place: FACULTY_PAGE_CSP in ../middleware/headers.ts.

export function registerWebRoutes(app: Hono<AppEnv>, deps: WebDeps): void {
  // Read once: the page is part of the server, not of the add-in build.
  const page = readFileSync(join(FACULTY_DIR, "index.html"), "utf8").replace("<!--ASSESSMENT_SCALE_OPTIONS-->", scaleOptions());
  const script = readFileSync(join(FACULTY_DIR, "faculty.js"), "utf8");
  const style = readFileSync(join(FACULTY_DIR, "faculty.css"), "utf8");
  const facultyPage = () =>
    new Response(page, { headers: { "content-type": TYPES[".html"], "cache-control": "no-cache" } });

  app.get("/", () => facultyPage());
  app.get("/faculty", () => facultyPage());
  app.get("/faculty/faculty.js", () => new Response(script, { headers: { "content-type": TYPES[".js"], "cache-control": "no-cache" } }));
  app.get("/faculty/faculty.css", () => new Response(style, { headers: { "content-type": TYPES[".css"], "cache-control": "no-cache" } }));

  app.get("/manifest.xml", async (c) => {
    const origin = deps.publicUrl ?? new URL(c.req.url).origin;
    const built = deps.staticDir ? join(deps.staticDir, "manifest.xml") : null;
    const file = (built && (await isFile(built))) ? built : deps.manifestFallback && (await isFile(deps.manifestFallback)) ? deps.manifestFallback : null;
    if (!file) throw new ApiProblem("NOT_FOUND", "no manifest.xml: run npm run build");
    const xml = (await readFile(file, "utf8")).split(MANIFEST_DEV_ORIGIN).join(origin);
    return new Response(xml, { headers: { "content-type": TYPES[".xml"], "cache-control": "no-cache" } });
  });

  app.get("*", async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith("/api/")) return next();
    const file = deps.staticDir ? safeJoin(deps.staticDir, path) : null;
    if (file && (await isFile(file))) {
      const info = await stat(file);
      const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      const headers = { "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream", "cache-control": "no-cache", etag };
      if (c.req.header("if-none-match") === etag) return new Response(null, { status: 304, headers });
      return new Response(await readFile(file), { headers });
    }
    if (ADDIN_ENTRY_POINTS.has(path) || path.startsWith("/assets/")) {
      throw new ApiProblem("NOT_FOUND", `${path} is not there: the add-in is not built (run npm run build, then restart the server)`);
    }
    return next();
  });
}

/** A path inside `root`, or `null` for anything that could escape it or names a hidden file. */
/** The levels of the IHI scale as the faculty page's score options, from core (the one source). */
function scaleOptions(): string {
  return ASSESSMENT_SCALE.map(
    (level) => `<option value="${level.score}" data-description="${escapeHtml(level.description)}">${level.score.toFixed(1)} · ${escapeHtml(level.label)}</option>`,
  ).join("");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function safeJoin(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.split("/").some((part) => part.startsWith("."))) return null;
  const base = resolve(root);
  const full = resolve(base, "." + decoded);
  return full.startsWith(base + sep) ? full : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
