// The reminder job: every QI_REMINDERS_INTERVAL_MS, under the job lock (jobLock.ts), plan what is
// due (plan.ts), claim each reminder in the ledger, then send it and record the outcome. All of its
// state is the ledger, so a restart or a second instance carries on where the last run stopped.
//
// Exactly once, as far as a mail system allows (docs/DESIGN.md "Reminders"): a reminder is claimed
// (its key inserted as `sending`) BEFORE it is sent, so no run, here or in another instance, sends a
// claimed key again. A crash between claim and outcome leaves it `sending` and it is never resent:
// at most once. A send the SMTP server refused, or that failed on the network, is recorded `failed`
// and claimed again by a later run while it is still due (at most MAX_REMINDER_ATTEMPTS times).

import { MAX_REMINDER_ATTEMPTS, type Store } from "../store/store";
import type { JobLock } from "./jobLock";
import type { Mailer } from "./mailer";
import { planReminders, type PlanSettings, type PlannedReminder } from "./plan";

export type ReminderJobDeps = {
  store: Store;
  /** the clock every "today" comes from (tests step it) */
  clock: () => Date;
  lock: JobLock;
  /** `null`: SMTP is not configured, reminders are recorded as would-send */
  mailer: Mailer | null;
  settings: PlanSettings;
  /** where a failed run is reported (default: stderr) */
  logError?: (message: string, error: unknown) => void;
};

/** What one run did, by ledger key. */
export type ReminderRun = {
  /** `false`: another instance held the lock; nothing was done */
  ran: boolean;
  sent: string[];
  wouldSend: string[];
  failed: string[];
  /** due now but already in the ledger (sent, claimed elsewhere, or failed too often) */
  skipped: string[];
};

function errorText(error: unknown): string {
  const e = error as { message?: string; responseCode?: number; code?: string };
  return [e.responseCode ?? e.code, e.message ?? String(error)].filter((part) => part !== undefined && part !== "").join(" ").slice(0, 1000);
}

async function deliver(deps: ReminderJobDeps, p: PlannedReminder, at: () => string, run: ReminderRun): Promise<void> {
  const base = { key: p.key, kind: p.kind, collaborativeId: p.collaborativeId, teamId: p.teamId, period: p.period, recipients: p.recipients, subject: p.message.subject, text: p.message.text, details: p.details };
  if (deps.mailer === null) {
    (await deps.store.claimReminder({ ...base, status: "would-send", error: p.problem }, at()) ? run.wouldSend : run.skipped).push(p.key);
    return;
  }
  if (p.problem !== null) {
    (await deps.store.claimReminder({ ...base, status: "failed", error: p.problem }, at()) ? run.failed : run.skipped).push(p.key);
    return;
  }
  if (!(await deps.store.claimReminder({ ...base, status: "sending", error: null }, at()))) {
    run.skipped.push(p.key);
    return;
  }
  try {
    await deps.mailer.send({ to: p.recipients, message: p.message, key: p.key });
  } catch (error) {
    await deps.store.finishReminder(p.key, { status: "failed", error: errorText(error) }, at());
    run.failed.push(p.key);
    return;
  }
  await deps.store.finishReminder(p.key, { status: "sent", error: null }, at());
  run.sent.push(p.key);
}

/** One run: plan, claim, send, record. Resolves with what it did; a store failure rejects. */
export async function runReminders(deps: ReminderJobDeps): Promise<ReminderRun> {
  const outcome = await deps.lock.run(async () => {
    const run: ReminderRun = { ran: true, sent: [], wouldSend: [], failed: [], skipped: [] };
    const planned = await planReminders(deps.store, deps.clock(), deps.settings);
    const at = () => deps.clock().toISOString();
    for (const p of planned) await deliver(deps, p, at, run);
    return run;
  });
  return outcome.ran ? outcome.value : { ran: false, sent: [], wouldSend: [], failed: [], skipped: [] };
}

export type ReminderJob = {
  /** Run once now (after any run in progress); what main's timer calls. */
  runNow(): Promise<ReminderRun>;
  /** Stop the timer and wait for a run in progress. */
  stop(): Promise<void>;
};

/**
 * Run the job now and then every `intervalMs` (the next run is timed from the end of the last, so
 * runs never overlap). A failed run is logged and the next one tries again.
 */
export function startReminderJob(deps: ReminderJobDeps, intervalMs: number): ReminderJob {
  const logError = deps.logError ?? ((message, error) => console.error(message, error));
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let current: Promise<ReminderRun> = Promise.resolve({ ran: false, sent: [], wouldSend: [], failed: [], skipped: [] });
  const runNow = (): Promise<ReminderRun> => {
    current = current.catch(() => undefined).then(() => runReminders(deps));
    return current;
  };
  const tick = () => {
    timer = null;
    runNow()
      .then((run) => {
        if (run.failed.length > 0) logError(`reminders: ${run.failed.length} could not be sent (the faculty app lists them; retried up to ${MAX_REMINDER_ATTEMPTS} times):`, run.failed);
      })
      .catch((error: unknown) => logError("reminders: the run failed; the next one tries again:", error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current.catch(() => undefined);
    },
  };
}
