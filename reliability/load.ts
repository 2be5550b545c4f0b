// Concurrent clients sending unique reports through the retrying client, every team shared by
// several clients (so the same team's reports race), and the ledger of what each report was answered.

import { COLLABORATIVE_ID, seeded, uniqueReport, type Campaign } from "./campaign";
import { sendUntilDefinitive, type Answer } from "./retryingClient";

export type Sent = { key: string; teamId: string; answer: Answer | null; error: string | null };

export type Ledger = {
  sent: Sent[];
  /** reports answered so far (for scenarios that act part-way through the load) */
  answered: () => number;
};

export type LoadOptions = {
  campaign: Campaign;
  /** the server for each attempt: one URL, or several in turn (a load balancer) */
  baseUrls: readonly string[];
  clients: number;
  reportsPerClient: number;
  /** keys are `${runId}-c<client>-<n>`: unique per run */
  runId: string;
  seed: number;
  giveUpAfterMs?: number;
};

/**
 * Start the load; `done` resolves when every client has a definitive answer (or gave up) for each of
 * its reports, or, after `stop()`, when the clients have stopped (the reports not answered by then
 * count as unanswered).
 */
export function startLoad(o: LoadOptions): { ledger: Ledger; done: Promise<Ledger>; stop: () => void } {
  const sent: Sent[] = [];
  let answered = 0;
  let stopped = false;
  const ledger: Ledger = { sent, answered: () => answered };
  const path = `/api/v1/collaboratives/${COLLABORATIVE_ID}/submissions`;
  const client = async (c: number) => {
    const random = seeded(o.seed * 1000 + c);
    for (let n = 0; n < o.reportsPerClient && !stopped; n++) {
      const team = o.campaign.teams[(c + n) % o.campaign.teams.length];
      const month = o.campaign.months[Math.floor(random() * o.campaign.months.length)];
      const key = `${o.runId}-c${c}-${n}`;
      const entry: Sent = { key, teamId: team.teamId, answer: null, error: null };
      sent.push(entry);
      // each client starts on its own server and moves to the next on every retry
      const baseUrl = (attempt: number) => o.baseUrls[(c + n + attempt) % o.baseUrls.length];
      try {
        entry.answer = await sendUntilDefinitive({ baseUrl, path, token: team.token, key, body: JSON.stringify(uniqueReport(key, month, random)), giveUpAfterMs: o.giveUpAfterMs ?? 120_000, stopped: () => stopped });
      } catch (error) {
        entry.error = (error as Error).message;
      }
      answered++;
    }
  };
  const done = Promise.all(Array.from({ length: o.clients }, (_, c) => client(c))).then(() => ledger);
  return { ledger, done, stop: () => (stopped = true) };
}

/** Stop the load when `server` dies by itself, with its output as the scenario's problem. */
export function stopWhenDied(died: Promise<string>, stop: () => void, problems: string[]): void {
  void died.then((what) => {
    problems.push(what);
    stop();
  });
}

/** Resolve when `ledger` has `count` answers (polls; the load runs meanwhile). */
export async function answeredAtLeast(ledger: Ledger, count: number, finished: Promise<unknown>): Promise<void> {
  let over = false;
  void finished.then(() => (over = true));
  while (!over && ledger.answered() < count) await new Promise((r) => setTimeout(r, 20));
}
