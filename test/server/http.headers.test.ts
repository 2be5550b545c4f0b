// Security headers by kind of path (src/server/middleware/headers.ts, hono/secure-headers): the
// faculty page keeps its strict Content-Security-Policy, the API refuses framing, and nothing the
// add-in loads inside Excel says it may not be framed.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FACULTY_PAGE_CSP } from "../../src/server/middleware/headers";
import { call, makeWorld, type World } from "./helpers";

describe("security headers", () => {
  let w: World;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), "qi-dist-headers-"));
    writeFileSync(join(dist, "taskpane.html"), "<!doctype html><title>QI</title>");
    w = await makeWorld({ app: { staticDir: dist } });
  });
  afterAll(async () => w.close());

  it("the faculty page carries its strict policy (the one of the hand-written page, with empty <style> elements allowed for Fluent), and refuses framing", async () => {
    for (const path of ["/", "/faculty"]) {
      const page = await call(w.app, "GET", path);
      expect(page.headers.get("content-security-policy")).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      expect(page.headers.get("x-frame-options")).toBe("DENY");
    }
    expect(Object.keys(FACULTY_PAGE_CSP)).toContain("styleSrc");
  });

  it("every answer says nosniff and no-referrer; none says X-Powered-By; http gets no Strict-Transport-Security", async () => {
    for (const path of ["/", "/health", "/taskpane.html", "/api/v1/me", "/api/v1/openapi.json", "/api/v1/nothing"]) {
      const reply = await call(w.app, "GET", path);
      expect([path, reply.headers.get("x-content-type-options"), reply.headers.get("referrer-policy")]).toEqual([path, "nosniff", "no-referrer"]);
      expect([path, reply.headers.get("strict-transport-security"), reply.headers.get("x-powered-by")]).toEqual([path, null, null]);
    }
  });

  it("the API refuses framing and is same-origin for no-cors loads; the add-in's files may be framed by Excel and loaded cross-origin", async () => {
    const api = await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha });
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    const pane = await call(w.app, "GET", "/taskpane.html");
    expect(pane.status).toBe(200);
    expect([pane.headers.get("x-frame-options"), pane.headers.get("content-security-policy"), pane.headers.get("cross-origin-opener-policy")]).toEqual([null, null, null]);
    expect(pane.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  it("with an https QI_PUBLIC_URL every answer carries Strict-Transport-Security", async () => {
    const secure = await makeWorld({ app: { publicUrl: "https://qi.example.org" } });
    for (const path of ["/", "/health", "/api/v1/me"]) {
      expect([path, (await call(secure.app, "GET", path)).headers.get("strict-transport-security")]).toEqual([path, "max-age=15552000; includeSubDomains"]);
    }
    await secure.close();
  });
});
