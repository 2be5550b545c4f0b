// Cross-cutting behaviour over app.request(): health, OpenAPI, CORS, rate limit, unknown routes,
// internal errors, the faculty page and the built add-in served on the same origin.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiError, Health } from "../../src/core/index";
import { OPERATIONS } from "../../src/server/openapi";
import type { Store } from "../../src/server/store/store";
import { call, februaryReport, makeWorld, type World } from "./helpers";

describe("health, OpenAPI, unknown routes", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });
  afterAll(async () => w.close());

  it("GET /health answers ok with the engine and version, without a token", async () => {
    const reply = await call(w.app, "GET", "/health");
    expect(reply.status).toBe(200);
    expect(Health.parse(reply.json)).toEqual({ status: "ok", engine: "sqlite", version: "test" });
  });

  it("GET /health/live and /health/ready answer ok while the database answers", async () => {
    for (const path of ["/health/live", "/health/ready"]) {
      const reply = await call(w.app, "GET", path);
      expect([path, reply.status]).toEqual([path, 200]);
      expect(Health.parse(reply.json)).toEqual({ status: "ok", engine: "sqlite", version: "test" });
    }
  });

  it("GET /api/v1/openapi.json is an OpenAPI 3.1 document listing every path, with schemas from zod", async () => {
    const doc = (await call(w.app, "GET", "/api/v1/openapi.json")).json;
    expect(doc.openapi).toBe("3.1.0");
    const paths = Object.keys(doc.paths);
    for (const path of [
      "/health",
      "/health/live",
      "/health/ready",
      "/api/v1/me",
      "/api/v1/collaboratives/{id}",
      "/api/v1/collaboratives/{id}/submissions",
      "/api/v1/collaboratives/{id}/points",
      "/api/v1/collaboratives/{id}/teams/{teamId}/submissions",
      "/api/v1/collaboratives/{id}/teams/{teamId}/submissions/{submissionId}",
      "/api/v1/collaboratives/{id}/teams/{teamId}/status",
      "/api/v1/collaboratives/{id}/completeness",
      "/api/v1/collaboratives/{id}/scores",
      "/api/v1/collaboratives/{id}/teams/{teamId}/scores/{period}",
      "/api/v1/collaboratives/{id}/export.csv",
      "/api/v1/collaboratives/{id}/periods/{period}/lock",
      "/api/v1/collaboratives/{id}/periods/{period}/reopen",
    ]) {
      expect(paths).toContain(path);
    }
    expect(doc.paths["/api/v1/collaboratives/{id}/submissions"].post.requestBody.content["application/json"].schema.$ref).toBe("#/components/schemas/SubmissionInput");
    const input = doc.components.schemas.SubmissionInput;
    expect(input.properties.points.items.additionalProperties).toBe(false);
    expect(doc.components.schemas.SubmissionSummary.properties.status.enum).toEqual(["dry_run", "accepted", "unchanged", "rejected"]);
    // every $ref resolves
    for (const ref of JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? []) expect(doc.components.schemas[ref.split("/").pop() as string]).toBeDefined();
  });

  it("every route the app answers is in the OpenAPI document (a route without a token is 401, not 404)", async () => {
    for (const op of OPERATIONS) {
      if (op.path.startsWith("/health") || op.path.endsWith("openapi.json")) continue;
      const path = op.path.replace("{id}", "sepsis").replace("{teamId}", "alpha").replace("{period}", "2026-01").replace("{submissionId}", "x");
      expect([op.method, path, (await call(w.app, op.method.toUpperCase(), path)).status]).toEqual([op.method, path, 401]);
    }
  });

  it("the query parameters the app takes are exactly the documented ones: each documented one passes, any other is 400", async () => {
    for (const op of OPERATIONS) {
      if (!op.path.startsWith("/api/v1/collaboratives")) continue;
      const path = op.path.replace("{id}", "sepsis").replace("{teamId}", "alpha").replace("{period}", "2026-01").replace("{submissionId}", "x");
      for (const param of (op.params ?? []).filter((p) => p.in === "query")) {
        const reply = await call(w.app, op.method.toUpperCase(), `${path}?${param.name}=x`);
        expect([op.path, param.name, reply.status]).toEqual([op.path, param.name, 401]); // past the query check, stopped by the missing token
      }
      const unknown = await call(w.app, op.method.toUpperCase(), `${path}?undocumented=1`);
      expect([op.path, unknown.status, ApiError.parse(unknown.json).code]).toEqual([op.path, 400, "BAD_REQUEST"]);
    }
  });

  it("a month is a `period` parameter wherever one is taken (path or query)", () => {
    const monthParams = OPERATIONS.flatMap((op) => (op.params ?? []).filter((p) => /YYYY-MM(?!-DD)/.test(p.description)).map((p) => `${op.path} ${p.in} ${p.name}`));
    expect(monthParams.length).toBeGreaterThanOrEqual(4);
    expect(monthParams.filter((p) => !p.endsWith(" period"))).toEqual([]);
  });

  it("every /api/v1 route the app registers is documented, with its method (the document cannot fall behind the code)", () => {
    const documented = new Set(OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    const registered = [
      ...new Set(
        w.app.routes
          .filter((r) => r.method !== "ALL" && (r.path.startsWith("/api/v1") || r.path.startsWith("/health")))
          .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
      ),
    ];
    expect(registered.length).toBeGreaterThanOrEqual(17);
    expect(registered.filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !registered.includes(route))).toEqual([]);
  });

  it("documents the 422 of a refused report as a SubmissionRejected that is also an ApiError", async () => {
    const doc = (await call(w.app, "GET", "/api/v1/openapi.json")).json;
    expect(doc.paths["/api/v1/collaboratives/{id}/submissions"].post.responses["422"].content["application/json"].schema).toEqual({
      anyOf: [{ $ref: "#/components/schemas/SubmissionRejected" }, { $ref: "#/components/schemas/ApiError" }],
    });
    const rejected = doc.components.schemas.SubmissionRejected;
    expect(rejected.required).toEqual(expect.arrayContaining(["status", "counts", "conflicts", "code", "message"]));
    expect(doc.components.schemas.ApiError.properties.code.enum).toContain("SUBMISSION_REJECTED");
    expect(doc.components.schemas.ScoreInput.required).toEqual(["score", "rationale"]);
  });

  it("an unknown route is 404 NOT_FOUND with an ApiError, with or without a token", async () => {
    for (const token of [undefined, w.tokens.faculty]) {
      const reply = await call(w.app, "GET", "/api/v1/nothing-here", token ? { token } : {});
      expect(reply.status).toBe(404);
      expect(ApiError.parse(reply.json)).toEqual({ code: "NOT_FOUND", message: "no route GET /api/v1/nothing-here" });
    }
    expect((await call(w.app, "DELETE", "/api/v1/collaboratives/sepsis", { token: w.tokens.admin })).status).toBe(404);
  });
});

describe("CORS", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ app: { corsOrigins: ["https://addin.example.org"] } });
  });
  afterAll(async () => w.close());

  it("a configured origin gets a preflight answer and Access-Control-Allow-Origin on the real request", async () => {
    const preflight = await call(w.app, "OPTIONS", "/api/v1/collaboratives/sepsis/submissions", {
      headers: { origin: "https://addin.example.org", "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type, idempotency-key" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://addin.example.org");
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/Idempotency-Key/);
    const real = await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha, headers: { origin: "https://addin.example.org" } });
    expect(real.headers.get("access-control-allow-origin")).toBe("https://addin.example.org");
    expect(real.headers.get("access-control-expose-headers")).toMatch(/Idempotent-Replay/);
  });

  it("another origin is refused: 403 on preflight, and no CORS header on a request", async () => {
    const preflight = await call(w.app, "OPTIONS", "/api/v1/me", { headers: { origin: "https://evil.example.com", "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const real = await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha, headers: { origin: "https://evil.example.com" } });
    expect(real.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("error answers carry the CORS header too, so the add-in can read them", async () => {
    const reply = await call(w.app, "GET", "/api/v1/me", { headers: { origin: "https://addin.example.org" } });
    expect(reply.status).toBe(401);
    expect(reply.headers.get("access-control-allow-origin")).toBe("https://addin.example.org");
  });
});

describe("rate limit", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ app: { rateLimitPerMinute: 120 } });
  });
  afterAll(async () => w.close());

  it("120 requests a minute per token; the next is 429 RATE_LIMITED with Retry-After; other tokens are not affected; the bucket refills", async () => {
    for (let i = 0; i < 120; i++) expect((await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha })).status).toBe(200);
    const limited = await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha });
    expect(limited.status).toBe(429);
    expect(ApiError.parse(limited.json).code).toBe("RATE_LIMITED");
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await call(w.app, "GET", "/api/v1/me", { token: w.tokens.bravo })).status).toBe(200);
    w.clock.advance(1000);
    expect((await call(w.app, "GET", "/api/v1/me", { token: w.tokens.alpha })).status).toBe(200);
  });
});

describe("internal errors", () => {
  it("answer 500 INTERNAL with a reference and no detail; the detail goes to the log", async () => {
    const w = await makeWorld();
    const broken = w.store as Store & { currentPoints: Store["currentPoints"] };
    broken.currentPoints = async () => {
      throw new Error("SQLITE_CORRUPT: secret table layout at /var/lib/qi");
    };
    const reply = await call(w.app, "GET", "/api/v1/collaboratives/sepsis/points", { token: w.tokens.faculty });
    expect(reply.status).toBe(500);
    const body = ApiError.parse(reply.json);
    expect(body.code).toBe("INTERNAL");
    expect(reply.text).not.toMatch(/SQLITE|secret|\/var\/lib|stack|at /);
    const reference = /reference ([0-9a-f]{8})/.exec(body.message)?.[1];
    expect(w.errors).toHaveLength(1);
    expect(w.errors[0].message).toContain(reference as string);
    expect((w.errors[0].error as Error).message).toMatch(/SQLITE_CORRUPT/);
    await w.close();
  });
});

describe("faculty page and the built add-in", () => {
  let w: World;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), "qi-dist-"));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "taskpane.html"), "<!doctype html><title>QI</title>");
    writeFileSync(join(dist, "functions.json"), '{"functions":[]}');
    writeFileSync(join(dist, "functions.js"), "/* functions */");
    writeFileSync(join(dist, "assets", "icon-32.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(dist, ".secret"), "no");
    mkdirSync(join(dist, "faculty"));
    writeFileSync(join(dist, "faculty", "index.html"), '<!doctype html><title>QI Collaborative · Faculty</title><div id="root"></div><script defer src="/faculty/app.js"></script>');
    writeFileSync(join(dist, "faculty", "app.js"), "/* the faculty app */");
    writeFileSync(join(dist, "manifest.xml"), '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/><AppDomain>https://localhost:3000</AppDomain>');
    w = await makeWorld({ app: { staticDir: dist } });
  });
  afterAll(async () => w.close());

  it("serves the built faculty app at /, /faculty and /faculty/index.html with its strict Content-Security-Policy, and its script", async () => {
    for (const path of ["/", "/faculty", "/faculty/", "/faculty/index.html"]) {
      const page = await call(w.app, "GET", path);
      expect([path, page.status, page.headers.get("content-type")]).toEqual([path, 200, "text/html; charset=utf-8"]);
      // scripts from this origin only; styles from this origin and empty <style> elements (Fluent fills them through the CSSOM): no 'unsafe-inline', no 'unsafe-eval', no other host
      expect(page.headers.get("content-security-policy")).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      expect(page.text).toContain('<script defer src="/faculty/app.js"></script>');
    }
    const script = await call(w.app, "GET", "/faculty/app.js");
    expect([script.status, script.headers.get("content-type"), script.text]).toEqual([200, "text/javascript; charset=utf-8", "/* the faculty app */"]);
  });

  it("says the faculty app is not built when the build has no faculty/index.html (404, run npm run build)", async () => {
    const bare = await makeWorld({ app: { staticDir: join(dist, "missing") } });
    const reply = await call(bare.app, "GET", "/");
    expect(reply.status).toBe(404);
    expect(reply.text).toMatch(/The faculty page is not built: run npm run build/);
    await bare.close();
  });

  it("serves the built add-in with the right content types", async () => {
    const cases: Array<[string, string]> = [
      ["/taskpane.html", "text/html; charset=utf-8"],
      ["/functions.json", "application/json; charset=utf-8"],
      ["/functions.js", "text/javascript; charset=utf-8"],
      ["/assets/icon-32.png", "image/png"],
    ];
    for (const [path, type] of cases) {
      const reply = await call(w.app, "GET", path);
      expect([path, reply.status, reply.headers.get("content-type")]).toEqual([path, 200, type]);
    }
    const first = await call(w.app, "GET", "/functions.js");
    const etag = first.headers.get("etag") as string;
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const again = await call(w.app, "GET", "/functions.js", { headers: { "if-none-match": etag } });
    expect([again.status, again.text]).toEqual([304, ""]);
    // a changed file gets a new tag: the old one no longer matches
    writeFileSync(join(dist, "functions.js"), "/* functions, rebuilt */");
    const changed = await call(w.app, "GET", "/functions.js", { headers: { "if-none-match": etag } });
    expect([changed.status, changed.text]).toEqual([200, "/* functions, rebuilt */"]);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("serves /manifest.xml with https://localhost:3000 replaced by QI_PUBLIC_URL, whatever the Host header says", async () => {
    const hosted = await makeWorld({ app: { staticDir: dist, publicUrl: "https://qi.example.org:8443" } });
    try {
      const reply = await hosted.app.request("http://attacker.example:8443/manifest.xml");
      expect(reply.headers.get("content-type")).toBe("application/xml; charset=utf-8");
      const xml = await reply.text();
      expect(xml).toContain('DefaultValue="https://qi.example.org:8443/taskpane.html"');
      expect(xml).toContain("<AppDomain>https://qi.example.org:8443</AppDomain>");
      expect(xml).not.toContain("localhost:3000");
      expect(xml).not.toContain("attacker");
    } finally {
      await hosted.close();
    }
  });

  it("without QI_PUBLIC_URL, /manifest.xml uses the request's origin only for a loopback host, and refuses any other Host (issue 15, defect 9)", async () => {
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:3001", "http://[::1]:3000"]) {
      const reply = await w.app.request(`${origin}/manifest.xml`);
      expect([origin, reply.status]).toEqual([origin, 200]);
      expect(await reply.text()).toContain(`DefaultValue="${origin}/taskpane.html"`);
    }
    for (const origin of ["http://qi.example.org:8443", "http://attacker.example", "http://localhost.attacker.example"]) {
      const reply = await w.app.request(`${origin}/manifest.xml`);
      expect([origin, reply.status]).toEqual([origin, 400]);
      const body = ApiError.parse(await reply.json());
      expect(body.code).toBe("BAD_REQUEST");
      expect(body.message).toMatch(/set QI_PUBLIC_URL/);
    }
  });

  it("never serves hidden files or anything outside the build", async () => {
    expect((await call(w.app, "GET", "/.secret")).status).toBe(404);
    expect((await call(w.app, "GET", "/%2e%2e/%2e%2e/etc/passwd")).status).toBe(404);
    expect((await call(w.app, "GET", "/assets/../../package.json")).status).toBe(404);
    expect((await call(w.app, "GET", "/assets/%2e%2e/%2e%2e/package.json")).status).toBe(404);
    expect((await call(w.app, "GET", "/assets/..%5c..%5cpackage.json")).status).toBe(404);
    expect((await call(w.app, "GET", "//etc/passwd")).status).toBe(404);
  });

  it("says the add-in is not built when the build is missing (404, run npm run build)", async () => {
    const bare = await makeWorld({ app: { staticDir: join(dist, "missing") } });
    const reply = await call(bare.app, "GET", "/taskpane.html");
    expect(reply.status).toBe(404);
    expect(ApiError.parse(reply.json).message).toMatch(/not built \(run npm run build/);
    expect((await call(bare.app, "GET", "/manifest.xml")).status).toBe(404);
    await bare.close();
  });

  it("a team token's report in the same origin needs no CORS configuration", async () => {
    const reply = await call(w.app, "POST", "/api/v1/collaboratives/sepsis/submissions", { token: w.tokens.alpha, body: februaryReport(), headers: { origin: "http://localhost" } });
    expect(reply.status).toBe(201);
  });
});
