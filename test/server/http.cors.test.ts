// CORS as Excel on the web needs it: the add-in's public files answer Office's origins, the API
// keeps its allow-list.
//
// The rule encoded: Excel on the web fetches the custom functions' metadata (functions.json) with
// XMLHttpRequest from its own origin, so the add-in's server must send Access-Control-Allow-Origin
// for it, or the functions never register and every =QI.* cell is #NAME?. Microsoft's hosting page
// sets "Allowed origins: *, Allowed methods: GET" for this
// (https://learn.microsoft.com/en-us/office/dev/add-ins/publish/publish-add-in-vs-code#deploy-custom-functions-for-excel);
// the failure as seen from https://excel.officeapps.live.com: https://github.com/OfficeDev/office-js/issues/3970.
// The origins below are those Excel on the web runs under (officeapps.live.com hosts, the
// *.cloud.microsoft domain Microsoft 365 apps moved to: https://learn.microsoft.com/en-us/microsoft-365/enterprise/cloud-microsoft-domain).
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiError } from "../../src/core/index";
import { isApiPath } from "../../src/server/app";
import { call, makeWorld, type World } from "./helpers";

const OFFICE_WEB_ORIGINS = ["https://excel.officeapps.live.com", "https://usc-excel.officeapps.live.com", "https://excel.cloud.microsoft"];

/** Every public file of the built add-in that Office fetches (the manifest names all of them). */
const PUBLIC_FILES = ["/functions.json", "/functions.js", "/taskpane.html", "/taskpane.js", "/assets/icon-32.png", "/manifest.xml"];

describe("CORS of the add-in's public files (Excel on the web)", () => {
  let w: World;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), "qi-dist-cors-"));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "taskpane.html"), "<!doctype html><title>QI</title>");
    writeFileSync(join(dist, "taskpane.js"), "/* task pane */");
    writeFileSync(join(dist, "functions.json"), '{"functions":[]}');
    writeFileSync(join(dist, "functions.js"), "/* functions */");
    writeFileSync(join(dist, "assets", "icon-32.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(dist, "manifest.xml"), '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
    // An allow-list that names none of Office's origins: the public files must not depend on it.
    w = await makeWorld({ app: { staticDir: dist, corsOrigins: ["https://addin.example.org"] } });
  });
  afterAll(async () => w.close());

  it("answers a GET from each Office web origin with Access-Control-Allow-Origin: * and the file", async () => {
    for (const origin of OFFICE_WEB_ORIGINS) {
      for (const path of PUBLIC_FILES) {
        const reply = await call(w.app, "GET", path, { headers: { origin } });
        expect([origin, path, reply.status, reply.headers.get("access-control-allow-origin")]).toEqual([origin, path, 200, "*"]);
        // never with credentials: `*` and credentials together are refused by browsers (Fetch standard, CORS check)
        expect(reply.headers.get("access-control-allow-credentials")).toBeNull();
        expect(reply.headers.get("x-content-type-options")).toBe("nosniff");
      }
    }
  });

  it("answers each Office web origin's preflight with 204, Access-Control-Allow-Origin: *, GET and the requested headers", async () => {
    for (const origin of OFFICE_WEB_ORIGINS) {
      for (const path of PUBLIC_FILES) {
        const reply = await call(w.app, "OPTIONS", path, {
          headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "x-requested-with, cache-control" },
        });
        expect([origin, path, reply.status, reply.headers.get("access-control-allow-origin")]).toEqual([origin, path, 204, "*"]);
        expect(reply.headers.get("access-control-allow-methods")).toMatch(/\bGET\b/);
        expect(reply.headers.get("access-control-allow-headers")).toBe("x-requested-with,cache-control");
        expect(Number(reply.headers.get("access-control-max-age"))).toBeGreaterThan(0);
        expect(reply.text).toBe("");
      }
    }
  });

  it("keeps the conditional GET: a 304 for an unchanged file carries the CORS header too", async () => {
    const origin = OFFICE_WEB_ORIGINS[0];
    const first = await call(w.app, "GET", "/functions.json", { headers: { origin } });
    const again = await call(w.app, "GET", "/functions.json", { headers: { origin, "if-none-match": first.headers.get("etag") as string } });
    expect([again.status, again.headers.get("access-control-allow-origin")]).toEqual([304, "*"]);
  });

  it("still refuses a foreign origin on the API: 403 on the preflight, no CORS header on the request", async () => {
    const preflight = await call(w.app, "OPTIONS", "/api/v1/collaboratives/sepsis/submissions", {
      headers: { origin: "https://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(ApiError.parse(preflight.json).message).toMatch(/QI_CORS_ORIGINS/);
    const real = await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha, headers: { origin: "https://evil.example" } });
    expect(real.status).toBe(200);
    expect(real.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("does not open the API to Office's origins either: the API's CORS is QI_CORS_ORIGINS only", async () => {
    for (const origin of OFFICE_WEB_ORIGINS) {
      const preflight = await call(w.app, "OPTIONS", "/api/v1/me", { headers: { origin, "access-control-request-method": "GET" } });
      expect([origin, preflight.status]).toEqual([origin, 403]);
      const openApi = await call(w.app, "GET", "/api/v1/openapi.json", { headers: { origin } });
      expect([origin, openApi.headers.get("access-control-allow-origin")]).toEqual([origin, null]);
    }
    const allowed = await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha, headers: { origin: "https://addin.example.org" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://addin.example.org");
  });

  it("treats a percent-encoded API path as the API (routing and CORS see the same decoded path)", async () => {
    const real = await call(w.app, "GET", "/%61pi/v1/me", { token: w.tokens.alpha, headers: { origin: "https://evil.example" } });
    expect([real.status, real.headers.get("access-control-allow-origin")]).toEqual([200, null]);
    const preflight = await call(w.app, "OPTIONS", "/%61pi/v1/me", { headers: { origin: "https://evil.example", "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(403);
  });

  it("isApiPath(path) names the API's paths and only those", () => {
    expect(["/api", "/api/v1/me", "/api/v1/openapi.json"].map(isApiPath)).toEqual([true, true, true]);
    expect(["/functions.json", "/apiary.js", "/assets/api/x.png", "/manifest.xml", "/"].map(isApiPath)).toEqual([false, false, false, false, false]);
  });
});
