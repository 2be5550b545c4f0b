// Issue 15, defect 7: an answer sent before the request's body is read (413 for a body over the
// limit, 401 for a bad token) used to say keep-alive; the server then gave up draining the unread
// body and closed the socket, so a keep-alive client's next request on that connection failed. Such an
// answer now says `Connection: close`, so the client opens a new connection for its next request.
// Over real loopback sockets: the app served by @hono/node-server (as main.ts serves it), a node:http
// client with a keep-alive agent that sends its body slowly.
import { serve, type ServerType } from "@hono/node-server";
import { Agent, request } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { createApp } from "../../src/server/app";
import { makeWorld, type World } from "./helpers";

jest.setTimeout(30_000);

describe("an answer before the body is read closes the connection cleanly", () => {
  let w: World;
  let server: ServerType;
  let port: number;
  let agent: Agent;

  beforeAll(async () => {
    w = await makeWorld();
    const app = createApp({ store: w.store, version: "test", clock: w.clock.now, bodyLimitBytes: 64 * 1024, logError: () => undefined });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(() => agent.destroy());
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await w.close();
  });

  type Answer = { status: number; connection: string | undefined; body: string };

  /** POST `size` bytes (declared in Content-Length) a chunk every 50 ms; resolves with the answer, whatever happens to the rest of the upload. */
  function slowPost(path: string, size: number, headers: Record<string, string>): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, method: "POST", agent, headers: { "content-type": "application/json", "content-length": String(size), ...headers } }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
      });
      req.on("error", reject);
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      let sent = 0;
      const timer = setInterval(() => {
        if (req.destroyed || sent >= size) {
          clearInterval(timer);
          if (!req.destroyed) req.end();
          return;
        }
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        req.write(part);
      }, 50);
      req.on("close", () => clearInterval(timer));
    });
  }

  function get(path: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("413 for a body over the limit says Connection: close, and the client's next request succeeds", async () => {
    const answer = await slowPost("/api/v1/collaboratives/sepsis/submissions", 1024 * 1024, { authorization: `Bearer ${w.tokens.alpha}` });
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe("close");
    expect(await get("/health/live")).toBe(200);
  });

  it("401 for a bad token, sent before the body is read, says Connection: close, and the next request succeeds", async () => {
    const answer = await slowPost("/api/v1/collaboratives/sepsis/submissions", 48 * 1024, { authorization: "Bearer qi_not-a-token" });
    expect(answer.status).toBe(401);
    expect(answer.connection).toBe("close");
    expect(await get("/health/live")).toBe(200);
  });

  it("over a raw socket: the server closes a connection whose body it did not read, and its 413 said so beforehand", async () => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.on("error", () => undefined); // a reset after the answer shows as 'close'
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.write(
      `POST /api/v1/collaboratives/sepsis/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${w.tokens.alpha}\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024}\r\n\r\n{"reportingMonth":`,
    );
    // the rest of the body never comes: the server answers and then closes the socket (it drains briefly)
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 413/);
    expect(received.toLowerCase()).toContain("\r\nconnection: close\r\n");
  });

  it("an answer after the body was read keeps the connection (keep-alive)", async () => {
    const answer = await slowPost("/api/v1/collaboratives/sepsis/submissions", 2, { authorization: `Bearer ${w.tokens.alpha}` });
    expect(answer.status).toBe(400);
    expect(answer.connection).toBe("keep-alive");
    expect(await get("/health/live")).toBe(200);
  });
});
