// Idempotency races: one report sent at the same instant on many sockets with one Idempotency-Key.
// As the API documents (src/server/README.md, "What a submission does"): concurrent requests with
// one key land once; the others replay the stored answer (same status and body, `Idempotent-Replay:
// true`). The same key with a different body is 422 IDEMPOTENCY_KEY_REUSED, whichever lands first.

import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { COLLABORATIVE_ID, seedCampaign, seeded, uniqueReport } from "./campaign";
import type { Ledger, Sent } from "./load";
import { freePort, startServer } from "./serverProcess";
import { auditStore } from "./storeAudit";
import { makeTarget, type Engine } from "./target";
import { resultOf, type ScenarioResult } from "./tally";

export type Reply = { status: number; replay: boolean; text: string };

/** One POST on a socket of its own (no agent: no connection shared with the other racers). */
export function postOnNewSocket(url: string, headers: Record<string, string>, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent: false, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, replay: res.headers["idempotent-replay"] === "true", text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

export type IdempotencyRaceOptions = { engine: Engine; keys: number; sockets: number; seed: number };

/** For each key: `sockets` identical sends at once, then `sockets` sends of differing bodies at once under a second key. */
export async function idempotencyRaces(o: IdempotencyRaceOptions): Promise<ScenarioResult> {
  const startedAt = Date.now();
  const target = await makeTarget(o.engine);
  try {
    const store = await target.openStore();
    const campaign = await seedCampaign(store, 2);
    await store.close();
    const server = await startServer(target, await freePort());
    const problems: string[] = [];
    const sent: Sent[] = [];
    const ledger: Ledger = { sent, answered: () => sent.length };
    const serverErrors: string[] = [];
    try {
      const url = `${server.url}/api/v1/collaboratives/${COLLABORATIVE_ID}/submissions`;
      const random = seeded(o.seed);
      const runId = randomUUID().slice(0, 8);
      for (let k = 0; k < o.keys; k++) {
        const team = campaign.teams[k % campaign.teams.length];
        const headers = (key: string) => ({ authorization: `Bearer ${team.token}`, "content-type": "application/json", "idempotency-key": key });
        const month = campaign.months[k % campaign.months.length];

        // the same body on every socket
        const same = `${runId}-same-${k}`;
        const body = JSON.stringify(uniqueReport(same, month, random));
        const replies = await Promise.all(Array.from({ length: o.sockets }, () => postOnNewSocket(url, headers(same), body)));
        serverErrors.push(...replies.filter((r) => r.status >= 500).map((r) => `${r.status} ${r.text.slice(0, 200)}`));
        const first = replies.filter((r) => !r.replay);
        if (first.length !== 1) problems.push(`key ${same}: ${first.length} answers were not replays (expected 1): ${replies.map((r) => r.status).join(",")}`);
        if (replies.some((r) => r.status !== 201 || r.text !== replies[0].text)) problems.push(`key ${same}: answers differ: ${replies.map((r) => `${r.status}${r.replay ? "r" : ""}`).join(",")}`);
        const winner = first[0] ?? replies[0];
        sent.push({ key: same, teamId: team.teamId, answer: answerOf(winner), error: null });

        // a different body on every socket: one lands, the others are refused as a reused key
        const differing = `${runId}-differing-${k}`;
        const bodies = Array.from({ length: o.sockets }, () => JSON.stringify(uniqueReport(differing, month, random)));
        const racing = await Promise.all(bodies.map((b) => postOnNewSocket(url, headers(differing), b)));
        serverErrors.push(...racing.filter((r) => r.status >= 500).map((r) => `${r.status} ${r.text.slice(0, 200)}`));
        const landed = racing.filter((r) => r.status === 201 && !r.replay);
        const reused = racing.filter((r) => r.status === 422 && (JSON.parse(r.text) as { code?: string }).code === "IDEMPOTENCY_KEY_REUSED");
        // two bodies may happen to be equal (random figures): an equal one replays
        const replayed = racing.filter((r) => r.status === 201 && r.replay);
        if (landed.length !== 1 || landed.length + reused.length + replayed.length !== racing.length) {
          problems.push(`key ${differing}: expected one 201 and the rest 422 IDEMPOTENCY_KEY_REUSED, got ${racing.map((r) => `${r.status}${r.replay ? "r" : ""}`).join(",")}`);
        }
        sent.push({ key: differing, teamId: team.teamId, answer: answerOf(landed[0] ?? racing[0]), error: null });
      }
      await server.stop();
      const audit = await auditStore(target, ledger);
      if (serverErrors.length > 0) problems.push(`server errors: ${serverErrors.slice(0, 3).join(" | ")}`);
      const result = resultOf(`idempotency races (${o.keys} x 2 keys, ${o.sockets} sockets each)`, o.engine, ledger, audit, startedAt, problems);
      return { ...result, serverErrors: serverErrors.length };
    } finally {
      await server.stop().catch(() => undefined);
    }
  } finally {
    await target.drop();
  }
}

export function answerOf(r: Reply): Sent["answer"] {
  return { status: r.status, replay: r.replay, body: JSON.parse(r.text), attempts: 1, networkErrors: 0, unavailable: 0, serverErrors: 0, serverErrorBodies: [] };
}
