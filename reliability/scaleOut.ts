// Scale-out: two server instances on one PostgreSQL database behave as one. Both start at the same
// moment on the empty database; then clients send through both (the same teams through both, each
// retry to the other instance, as a load balancer would), one instance is killed -9 and started
// again mid-load, and the same Idempotency-Key is raced on both instances at once. Every report
// must be stored exactly once. (Rate limits are per instance: src/server/README.md and docs/DEPLOY.md.)

import { randomUUID } from "node:crypto";
import { COLLABORATIVE_ID, seedCampaign, seeded, uniqueReport } from "./campaign";
import { answerOf, postOnNewSocket } from "./idempotencyRace";
import { answeredAtLeast, startLoad, stopWhenDied } from "./load";
import { freePort, startServer, type ServerProcess } from "./serverProcess";
import { auditStore } from "./storeAudit";
import { postgresTarget } from "./target";
import { resultOf, type ScenarioResult } from "./tally";

export type ScaleOutOptions = { teams: number; clients: number; reportsPerClient: number; raceKeys: number; seed: number };

export async function twoInstances(o: ScaleOutOptions): Promise<ScenarioResult> {
  const startedAt = Date.now();
  const target = await postgresTarget();
  const servers: ServerProcess[] = [];
  try {
    const ports = [await freePort(), await freePort()];
    const started = await Promise.allSettled(ports.map((port) => startServer(target, port)));
    for (const s of started) if (s.status === "fulfilled") servers.push(s.value);
    const failed = started.flatMap((s) => (s.status === "rejected" ? [String(s.reason).slice(0, 600)] : []));
    if (failed.length > 0) return resultOf("two instances", "postgres", null, null, startedAt, [`instances starting at once did not all start: ${failed.join(" | ")}`]);
    const [a, b] = servers;
    const store = await target.openStore();
    const campaign = await seedCampaign(store, o.teams);
    await store.close();
    const problems: string[] = [];

    const runId = randomUUID().slice(0, 8);
    const { ledger, done, stop } = startLoad({ campaign, baseUrls: [a.url, b.url], clients: o.clients, reportsPerClient: o.reportsPerClient, runId, seed: o.seed });
    for (const s of servers) stopWhenDied(s.died, stop, problems);
    await answeredAtLeast(ledger, Math.floor((o.clients * o.reportsPerClient) / 2), done);
    await a.killNine();
    await a.restart();

    // while the load goes on: each key sent on both instances at the same instant, two sockets each
    const random = seeded(o.seed + 7);
    const serverErrors: string[] = [];
    for (let k = 0; k < o.raceKeys; k++) {
      const team = campaign.teams[k % campaign.teams.length];
      const key = `${runId}-cross-${k}`;
      const body = JSON.stringify(uniqueReport(key, campaign.months[0], random));
      const headers = { authorization: `Bearer ${team.token}`, "content-type": "application/json", "idempotency-key": key };
      const path = `/api/v1/collaboratives/${COLLABORATIVE_ID}/submissions`;
      const replies = await Promise.all([a, b, a, b].map((s) => postOnNewSocket(`${s.url}${path}`, headers, body)));
      serverErrors.push(...replies.filter((r) => r.status >= 500).map((r) => `${r.status} ${r.text.slice(0, 200)}`));
      const first = replies.filter((r) => !r.replay);
      if (first.length !== 1 || replies.some((r) => r.status !== 201 || r.text !== replies[0].text)) {
        problems.push(`key ${key} raced on both instances: ${replies.map((r) => `${r.status}${r.replay ? "r" : ""}`).join(",")} (expected one 201 and three replays of it)`);
      }
      ledger.sent.push({ key, teamId: team.teamId, answer: answerOf(first[0] ?? replies[0]), error: null });
    }
    await done;
    for (const s of servers) await s.stop();
    if (serverErrors.length > 0) problems.push(`server errors in the cross-instance races: ${serverErrors.slice(0, 3).join(" | ")}`);
    const audit = await auditStore(target, ledger);
    const result = resultOf(`two instances, one killed -9 (${o.clients} clients over both, ${o.raceKeys} keys raced across them)`, "postgres", ledger, audit, startedAt, problems);
    return { ...result, serverErrors: result.serverErrors + serverErrors.length };
  } finally {
    for (const s of servers) await s.stop().catch(() => undefined);
    await target.drop();
  }
}
