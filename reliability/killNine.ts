// kill -9 of the server in the middle of the load: clients keep resending each report with its
// Idempotency-Key until they get a definitive answer, the server is started again on the same port
// and data, and afterwards every report must be stored exactly once and the store consistent.

import { randomUUID } from "node:crypto";
import { seedCampaign } from "./campaign";
import { answeredAtLeast, startLoad, stopWhenDied } from "./load";
import { freePort, startServer } from "./serverProcess";
import { auditStore } from "./storeAudit";
import { makeTarget, type Engine } from "./target";
import { resultOf, type ScenarioResult } from "./tally";

export type KillNineOptions = { engine: Engine; teams: number; clients: number; reportsPerClient: number; kills: number; seed: number };

export async function killNineUnderLoad(o: KillNineOptions): Promise<ScenarioResult> {
  const startedAt = Date.now();
  const target = await makeTarget(o.engine);
  try {
    const store = await target.openStore();
    const campaign = await seedCampaign(store, o.teams);
    await store.close();
    const server = await startServer(target, await freePort());
    const problems: string[] = [];
    try {
      const total = o.clients * o.reportsPerClient;
      const { ledger, done, stop } = startLoad({ campaign, baseUrls: [server.url], clients: o.clients, reportsPerClient: o.reportsPerClient, runId: randomUUID().slice(0, 8), seed: o.seed });
      stopWhenDied(server.died, stop, problems);
      for (let k = 1; k <= o.kills; k++) {
        // kill at evenly spaced points of the load, while requests are in flight
        await answeredAtLeast(ledger, Math.floor((total * k) / (o.kills + 1)), done);
        await server.killNine();
        await server.restart();
      }
      await done;
      await server.stop();
      const audit = await auditStore(target, ledger);
      if (server.running().child.exitCode !== 0) problems.push(`the server's clean stop exited ${server.running().child.exitCode}`);
      return resultOf(`kill -9 x${o.kills} under load (${o.clients} clients, ${o.teams} teams)`, o.engine, ledger, audit, startedAt, problems);
    } finally {
      await server.stop().catch(() => undefined);
    }
  } finally {
    await target.drop();
  }
}
