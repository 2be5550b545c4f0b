// Issue 15, defect 6: failed authentication is limited per client address, before the token is
// looked up. The address comes from the incoming socket (@hono/node-server's getConnInfo reads
// env.incoming.socket), so each request here passes such an env to app.request().
import type { Store } from "../../src/server/store/store";
import { makeWorld, sqliteHandle, type World } from "./helpers";

const ME = "/api/v1/me";

describe("failed authentication per client address (failedAuthPerMinute: 3)", () => {
  let w: World;
  let lookups: number;
  beforeEach(async () => {
    const handle = await sqliteHandle();
    lookups = 0;
    // Count the token look-ups the store answers: a refused address must cost none.
    const counting = new Proxy(handle.store, {
      get(target, key, receiver) {
        if (key === "findTokenByHash") lookups += 1;
        const member = Reflect.get(target, key, receiver) as unknown;
        return typeof member === "function" ? (member as (...args: unknown[]) => unknown).bind(target) : member;
      },
    }) as Store;
    w = await makeWorld({ handle, app: { store: counting, failedAuthPerMinute: 3 } });
  });
  afterEach(async () => {
    await w.close();
  });

  const from = async (address: string | null, token: string | null) => {
    const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
    const env = address === null ? undefined : { incoming: { socket: { remoteAddress: address, remotePort: 50000, remoteFamily: "IPv4" } } };
    const response = await w.app.request(ME, { headers }, env);
    return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as { code: string; message: string } };
  };

  it("after 3 unknown tokens from one address, the 4th request gets 429 with Retry-After and no token look-up", async () => {
    for (let i = 0; i < 3; i++) expect((await from("203.0.113.7", `qi_unknown_${i}`)).status).toBe(401);
    expect(lookups).toBe(3);
    const refused = await from("203.0.113.7", "qi_unknown_4");
    expect([refused.status, refused.retryAfter, refused.body.code]).toEqual([429, "20", "RATE_LIMITED"]);
    expect(refused.body.message).toMatch(/unknown, revoked or expired tokens from this address: try again in 20 s/);
    // While it waits, the address is refused whatever it sends (a valid token too): no look-up at all.
    expect((await from("203.0.113.7", w.tokens.alpha)).status).toBe(429);
    expect(lookups).toBe(3);
  });

  it("other addresses are not affected, and the address is let through again once a failure has refilled (20 s at 3 per minute)", async () => {
    for (let i = 0; i < 3; i++) await from("203.0.113.7", `qi_unknown_${i}`);
    expect((await from("198.51.100.2", w.tokens.alpha)).status).toBe(200);
    expect((await from("198.51.100.2", "qi_unknown")).status).toBe(401);
    w.clock.advance(19_000);
    expect((await from("203.0.113.7", w.tokens.alpha)).status).toBe(429);
    w.clock.advance(1_000);
    expect((await from("203.0.113.7", w.tokens.alpha)).status).toBe(200);
  });

  it("successful requests never count: 20 valid requests and then 3 failures are still 401, not 429", async () => {
    for (let i = 0; i < 20; i++) expect((await from("203.0.113.7", w.tokens.bravo)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await from("203.0.113.7", `qi_unknown_${i}`)).status).toBe(401);
  });

  it("revoked and expired tokens count as failures; a missing or malformed header (no look-up) does not", async () => {
    w.clock.set("2026-06-01T00:00:00.000Z"); // after the expired token's 30 days
    for (let i = 0; i < 5; i++) expect((await from("203.0.113.7", null)).status).toBe(401);
    expect((await from("203.0.113.7", w.tokens.revoked)).status).toBe(401);
    expect((await from("203.0.113.7", w.tokens.expired)).status).toBe(401);
    expect((await from("203.0.113.7", "qi_unknown")).status).toBe(401);
    expect((await from("203.0.113.7", "qi_unknown")).status).toBe(429);
  });

  it("a request without a socket (app.request with no env) has no address and is never limited by it", async () => {
    for (let i = 0; i < 6; i++) expect((await from(null, `qi_unknown_${i}`)).status).toBe(401);
  });
});
