// The real server process: `tsx src/server/main.ts` with a temp QI_DATA_DIR and a free port, no build.
import { mkdtempSync, rmSync } from "node:fs";
import { get as httpGet } from "node:http";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, run, start, waitFor, type Running } from "./processes";

jest.setTimeout(90_000);

describe("tsx src/server/main.ts", () => {
  let dir: string;
  let port: number;
  let server: Running;
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "qi-main-"));
    port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = start("src/server/main.ts", [], {
      PORT: String(port),
      QI_DATA_DIR: join(dir, "data"),
      QI_STATIC_DIR: join(dir, "no-build"),
      QI_CERT_DIR: join(dir, "no-certs"),
    });
    await waitFor(`${origin}/health`, server);
    // the banner is printed right after listening
    for (let i = 0; i < 50 && !server.output().includes("facultyToken"); i++) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("seeds the demo on first start and prints its tokens, the manifest URL, the faculty page and how to sideload", async () => {
    const out = server.output();
    expect(out).toMatch(/adminToken:\s+qi_[A-Za-z0-9_-]{43}/);
    expect(out).toMatch(/facultyToken:\s+qi_[A-Za-z0-9_-]{43}/);
    expect(out.match(/team \S+\s+qi_[A-Za-z0-9_-]{43}/g)).toHaveLength(3);
    expect(out).toContain(`Manifest:       http://localhost:${port}/manifest.xml`);
    expect(out).toContain(`Faculty page:   http://localhost:${port}/`);
    expect(out).toMatch(/npm run start:desktop/);
    expect(out).toMatch(/Upload My Add-in/);
    expect(out).toMatch(/Excel loads add-ins only over https.*\n.*npx office-addin-dev-certs install/);
    expect(out).toMatch(/not built.*run npm run build/);
  });

  it("answers /health, the faculty page (not built yet), /manifest.xml (rewritten to its origin) and the API with a printed token", async () => {
    expect(await (await fetch(`${origin}/health`)).json()).toEqual({ status: "ok", engine: "sqlite", version: expect.any(String) });
    // no build here: the faculty app (dist/faculty/) is not there yet, and the page says how to build it
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(404);
    expect(await page.text()).toMatch(/The faculty page is not built: run npm run build/);
    const manifest = await fetch(`${origin}/manifest.xml`);
    expect(manifest.status).toBe(200);
    const xml = await manifest.text();
    expect(xml).toContain(`${origin}/taskpane.html`);
    expect(xml).not.toContain("https://localhost:3000");
    const faculty = /facultyToken:\s+(qi_\S+)/.exec(server.output())?.[1];
    const me = await fetch(`${origin}/api/v1/me`, { headers: { authorization: `Bearer ${faculty}` } });
    expect((await me.json()).collaborative.id).toBe("demo");
    const completeness = await (await fetch(`${origin}/api/v1/collaboratives/demo/completeness`, { headers: { authorization: `Bearer ${faculty}` } })).json();
    expect(completeness.months).toHaveLength(12);
  });

  it("without a build, /taskpane.html is 404 with a message to run npm run build", async () => {
    const reply = await fetch(`${origin}/taskpane.html`);
    expect(reply.status).toBe(404);
    expect((await reply.json()).message).toMatch(/run npm run build/);
  });

  it("without QI_PUBLIC_URL, /manifest.xml refuses a Host other than this server's loopback origin (issue 15, defect 9)", async () => {
    const manifestWithHost = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpGet({ host: "127.0.0.1", port, path: "/manifest.xml", headers: { host }, agent: false, timeout: 10_000 }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
        req.on("error", reject);
      });
    const own = await manifestWithHost(`localhost:${port}`);
    expect(own.status).toBe(200);
    expect(own.body).toContain(`http://localhost:${port}/taskpane.html`);
    for (const host of ["attacker.example", `attacker.example:${port}`, `localhost:${port === 1 ? 2 : 1}`]) {
      const refused = await manifestWithHost(host);
      expect([host, refused.status]).toEqual([host, 400]);
      expect(refused.body).toMatch(/set QI_PUBLIC_URL/);
      expect(refused.body).not.toContain("attacker");
    }
  });

  it("shuts down cleanly on SIGTERM (exit 0), and a restart on the same data does not seed again", async () => {
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const again = start("src/server/main.ts", [], { PORT: String(port), QI_DATA_DIR: join(dir, "data"), QI_STATIC_DIR: join(dir, "no-build"), QI_CERT_DIR: join(dir, "no-certs") });
    await waitFor(`${origin}/health`, again);
    again.child.kill("SIGINT");
    expect(await again.exited).toBe(0);
    expect(again.output()).not.toContain("facultyToken");
  });
});

describe("tsx src/server/main.ts startup failures exit 1 with a clear message", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "qi-fail-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("port already in use", async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, resolve));
    try {
      const result = await run("src/server/main.ts", [], { PORT: String(port), QI_DATA_DIR: join(dir, "a"), QI_STATIC_DIR: join(dir, "x"), QI_CERT_DIR: join(dir, "x") });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`port ${port} is already in use`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("a DATABASE_URL nobody answers at", async () => {
    const port = await freePort();
    const result = await run("src/server/main.ts", [], { PORT: String(port), DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/test`, QI_DATA_DIR: join(dir, "b") });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PostgreSQL 127\.0\.0\.1:\d+\/test does not answer \(ECONNREFUSED\)/);
  });

  it("a DATABASE_URL that is not a postgres URL, and a bad PORT", async () => {
    const bad = await run("src/server/main.ts", [], { DATABASE_URL: "mysql://x", QI_DATA_DIR: join(dir, "c") });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/DATABASE_URL must start with postgres:\/\//);
    const port = await run("src/server/main.ts", [], { PORT: "eighty", QI_DATA_DIR: join(dir, "c") });
    expect(port.code).toBe(1);
    expect(port.stderr).toMatch(/PORT=eighty is not a whole number/);
  });
});
