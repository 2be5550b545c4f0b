// Scale-out: instances of the data store started at the same moment on one empty PostgreSQL
// database (a deployment's first start, or a rolling start behind a load balancer) must all come
// up, with the migrations run once and the demo collaborative seeded once. Found by the reliability
// suite: without a lock around the first-start seed, one instance died with "the demo seed failed:
// collaborative demo already exists", or two demo collaboratives (demo and demo-2) were created.
import { freePort, startServer, type ServerProcess } from "../../reliability/serverProcess";
import { postgresTarget, type Target } from "../../reliability/target";

jest.setTimeout(120_000);

describe("three instances starting at once on one empty PostgreSQL database", () => {
  let target: Target;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    target = await postgresTarget();
  });
  afterAll(async () => {
    for (const s of servers) await s.stop().catch(() => undefined);
    await target.drop();
  });

  it("all start; migrations are recorded once; one demo collaborative is seeded, its tokens printed by one instance", async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    const started = await Promise.allSettled(ports.map((port) => startServer(target, port)));
    for (const s of started) if (s.status === "fulfilled") servers.push(s.value);
    expect(started.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason).slice(0, 500))).toEqual([]);
    expect((await target.query("SELECT id FROM collaboratives ORDER BY id")).map((r) => r.id)).toEqual(["demo"]);
    const migrations = await target.query("SELECT version, COUNT(*) AS n FROM schema_migrations GROUP BY version ORDER BY version");
    expect(migrations.every((m) => Number(m.n) === 1)).toBe(true);
    expect(servers.filter((s) => /First start: created the demo collaborative/.test(s.output()))).toHaveLength(1);
    for (const s of servers) expect((await fetch(`${s.url}/health/ready`)).status).toBe(200);
  });
});
