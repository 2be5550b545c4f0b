// PostgreSQL connections dropped under load: while clients send reports, the scenario repeatedly
// terminates every server connection to its own database (pg_terminate_backend on that database's
// backends only; the shared PostgreSQL server is never restarted), at evenly spaced points of the load. In-flight requests must get 503
// with Retry-After, the server must keep running and serving, and every report must be stored
// exactly once once the clients' retries are through.

import { randomUUID } from "node:crypto";
import { seedCampaign } from "./campaign";
import { answeredAtLeast, startLoad, stopWhenDied } from "./load";
import { freePort, startServer } from "./serverProcess";
import { auditStore } from "./storeAudit";
import { postgresTarget } from "./target";
import { resultOf, type ScenarioResult } from "./tally";

export type DroppedConnectionsOptions = { teams: number; clients: number; reportsPerClient: number; /** how many times the connections are cut, evenly over the load */ cuts: number; seed: number };

export async function droppedConnectionsUnderLoad(o: DroppedConnectionsOptions): Promise<ScenarioResult> {
  const startedAt = Date.now();
  const target = await postgresTarget();
  try {
    const store = await target.openStore();
    const campaign = await seedCampaign(store, o.teams);
    await store.close();
    const server = await startServer(target, await freePort());
    const problems: string[] = [];
    try {
      const { ledger, done, stop } = startLoad({ campaign, baseUrls: [server.url], clients: o.clients, reportsPerClient: o.reportsPerClient, runId: randomUUID().slice(0, 8), seed: o.seed });
      stopWhenDied(server.died, stop, problems);
      // cuts spread evenly over the load by reports answered (not by time: on a slow machine a cut
      // every few hundred ms would leave no request time to finish), each while others are in flight
      const total = o.clients * o.reportsPerClient;
      let cuts = 0;
      let terminated = 0;
      for (let k = 1; k <= o.cuts; k++) {
        await answeredAtLeast(ledger, Math.floor((total * k) / (o.cuts + 1)), done);
        terminated += await target.cutConnections();
        cuts++;
      }
      await done;
      const ready = await fetch(`${server.url}/health/ready`).then((r) => r.status, (e: Error) => e.message);
      if (ready !== 200) problems.push(`after the cuts /health/ready answered ${ready}`);
      if (terminated === 0) problems.push(`no connection was terminated in ${cuts} cuts: the scenario tested nothing`);
      await server.stop();
      const audit = await auditStore(target, ledger);
      return resultOf(`${terminated} connections terminated in ${cuts} cuts under load (${o.clients} clients)`, "postgres", ledger, audit, startedAt, problems);
    } finally {
      await server.stop().catch(() => undefined);
    }
  } finally {
    await target.drop();
  }
}
