// Response headers by kind of path, from library middleware: CORS (`hono/cors`) and security headers
// (`hono/secure-headers`). Three kinds of path, three policies:
// - the data API (/api/*): bearer tokens, so CORS only for the QI_CORS_ORIGINS allow-list;
// - the faculty page (FACULTY_PAGE_PATHS): a strict Content-Security-Policy (FACULTY_PAGE_CSP);
// - everything else (the built add-in, /manifest.xml, /health): public and credential-free, any origin.

import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../routes/context";

/** hono/secure-headers' CSP option (its interface is not exported by name). */
type ContentSecurityPolicyOptions = NonNullable<NonNullable<Parameters<typeof secureHeaders>[0]>["contentSecurityPolicy"]>;

/** The data API, whose CORS is the QI_CORS_ORIGINS allow-list; every other path is public. */
export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/**
 * The hash of the empty string, sha256 in base64: the one inline <style> the faculty page allows is
 * an empty one. Fluent UI's Griffel (and FluentProvider's theme) create empty <style> elements and
 * fill them through the CSSOM (`sheet.insertRule`), which CSP does not check; Chromium checks only
 * the element's text when it is inserted. So allowing exactly the empty text lets Fluent work while
 * an injected <style> with any content, a style="" attribute, and every inline script stay refused.
 * Smaller than a nonce (no per-request page, nothing for a script to read) and far smaller than
 * 'unsafe-inline'. CSP Level 3, hash-source: https://www.w3.org/TR/CSP3/#grammardef-hash-source
 */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * The faculty page's Content-Security-Policy: the one place it is written (change it here; the
 * browser test test/browser/facultyPage.test.ts loads the page under it and fails on any CSP report).
 * Scripts and data only from this origin (the built app.js and the API), no inline script, no
 * framing; styles from this origin and empty <style> elements only (EMPTY_STYLE_HASH).
 */
export const FACULTY_PAGE_CSP: ContentSecurityPolicyOptions = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", EMPTY_STYLE_HASH],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The faculty page and its own files: `/`, `/faculty` and anything under `/faculty/`. */
export function isFacultyPagePath(path: string): boolean {
  return path === "/" || path === "/faculty" || path.startsWith("/faculty/");
}

/**
 * Headers every answer gets. Not sent anywhere: X-Frame-Options and Cross-Origin-Opener-Policy (the
 * task pane runs in an iframe of Excel on the web, and its dialogs open windows), and
 * Strict-Transport-Security unless QI_PUBLIC_URL is https (browsers ignore it over http, and on
 * https://localhost it would pin every other local dev server to https).
 */
function common(hsts: boolean) {
  return {
    xContentTypeOptions: true,
    referrerPolicy: true, // no-referrer: tokens never travel in URLs, but paths name teams
    xFrameOptions: false,
    crossOriginOpenerPolicy: false,
    strictTransportSecurity: hsts,
    xXssProtection: true, // "0": switch off the old filters, which could be abused (hono's default)
    removePoweredBy: true,
  } as const;
}

/**
 * Security headers by path. The API also refuses framing (`frame-ancestors 'none'`, OWASP REST
 * Security Cheat Sheet, "Security Headers":
 * https://cheatsheetseries.owasp.org/cheatsheets/REST_Security_Cheat_Sheet.html#security-headers).
 * The add-in's public files are fetched by Office from its own origins, so they say
 * Cross-Origin-Resource-Policy: cross-origin; the API and the page say same-origin.
 */
export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler<AppEnv> {
  const api = secureHeaders({
    ...common(options.hsts),
    crossOriginResourcePolicy: "same-origin",
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  });
  const page = secureHeaders({ ...common(options.hsts), crossOriginResourcePolicy: "same-origin", xFrameOptions: "DENY", contentSecurityPolicy: FACULTY_PAGE_CSP });
  const publicFiles = secureHeaders({ ...common(options.hsts), crossOriginResourcePolicy: "cross-origin" });
  return async (c, next) => {
    const path = c.req.path;
    const policy = isApiPath(path) ? api : isFacultyPagePath(path) ? page : publicFiles;
    await policy(c, next);
  };
}

/**
 * Two CORS policies. The data API (/api/*) carries bearer tokens: only `allowedOrigins`
 * (QI_CORS_ORIGINS) may call it cross-origin, and any other origin's preflight is refused with a
 * sentence (403) instead of a silent answer without headers. Everything else this server answers is
 * public and credential-free (the built add-in: functions.json, functions.js, taskpane.html and its
 * scripts, assets/*, /manifest.xml; the faculty page; /health), and Excel on the web fetches the
 * custom functions' metadata with XMLHttpRequest from its own origin (https://excel.officeapps.live.com,
 * other *.officeapps.live.com hosts, *.cloud.microsoft), so without Access-Control-Allow-Origin every
 * =QI.* cell is #NAME? there (https://github.com/OfficeDev/office-js/issues/3970,
 * https://github.com/OfficeDev/Excel-Custom-Functions/issues/212). Those answer any origin with `*`,
 * as Microsoft documents for hosting custom functions ("Allowed origins: *, Allowed methods: GET",
 * https://learn.microsoft.com/en-us/office/dev/add-ins/publish/publish-add-in-vs-code#deploy-custom-functions-for-excel)
 * and as its template's dev server sends (OfficeDev/Excel-Custom-Functions webpack.config.js,
 * devServer.headers). Not an allow-list of Office origins: Microsoft publishes no list of the hosts
 * that fetch the files and says they change (office-js-docs-pr issue 2956), so a list would break
 * silently; and `*` never goes with credentials, so it exposes nothing a plain GET does not.
 */
export function corsPolicies(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins);
  const api = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ["GET", "POST", "PUT", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key"],
    exposeHeaders: ["Idempotent-Replay", "Retry-After"],
    maxAge: 600,
  });
  const publicFiles = cors({ origin: "*", allowMethods: ["GET", "HEAD"], maxAge: 86400 });
  return async (c, next) => {
    if (!isApiPath(c.req.path)) return publicFiles(c, next);
    const origin = c.req.header("origin");
    const preflight = c.req.method === "OPTIONS" && origin !== undefined && c.req.header("access-control-request-method") !== undefined;
    if (preflight && !allowed.has(origin)) {
      return c.json({ code: "FORBIDDEN", message: `origin ${origin} may not call this server: an admin can add it to QI_CORS_ORIGINS` }, 403);
    }
    return api(c, next);
  };
}
