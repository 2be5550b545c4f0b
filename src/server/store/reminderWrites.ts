// The reminder ledger's writes (migration 5), written once for both engines as steps (steps.ts):
// a claim is an INSERT that does nothing when the key exists, then, for a failed reminder, an UPDATE
// that only succeeds from `failed`; so of two senders claiming one key, exactly one gets it.

import { all, type Operation } from "./steps";
import { MAX_REMINDER_ATTEMPTS, type NewReminder } from "./store";

/** Claim `r` (see Store.claimReminder). */
export function claimReminder(r: NewReminder, at: string): Operation<boolean> {
  return {
    *body({ db }) {
      const inserted = yield* all(
        db
          .insertInto("reminder_ledger")
          .values({
            key: r.key,
            kind: r.kind,
            collaborative_id: r.collaborativeId,
            team_id: r.teamId,
            period: r.period,
            recipients: JSON.stringify(r.recipients),
            subject: r.subject,
            body: r.text,
            details: r.details === null || r.details === undefined ? null : JSON.stringify(r.details),
            status: r.status,
            error: r.error,
            attempts: 1,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.column("key").doNothing())
          .returning("key"),
      );
      if (inserted.length > 0) return true;
      const retaken = yield* all(
        db
          .updateTable("reminder_ledger")
          .set((eb) => ({
            status: r.status,
            error: r.error,
            recipients: JSON.stringify(r.recipients),
            subject: r.subject,
            body: r.text,
            details: r.details === null || r.details === undefined ? null : JSON.stringify(r.details),
            attempts: eb("attempts", "+", 1),
            updated_at: at,
          }))
          .where("key", "=", r.key)
          .where("status", "=", "failed")
          .where("attempts", "<", MAX_REMINDER_ATTEMPTS)
          .returning("key"),
      );
      return retaken.length > 0;
    },
  };
}

/** Record a claimed reminder's outcome; only a `sending` row changes. */
export function finishReminder(key: string, outcome: { status: "sent" | "failed"; error: string | null }, at: string): Operation<boolean> {
  return {
    *body({ db }) {
      const rows = yield* all(
        db.updateTable("reminder_ledger").set({ status: outcome.status, error: outcome.error, updated_at: at }).where("key", "=", key).where("status", "=", "sending").returning("key"),
      );
      return rows.length > 0;
    },
  };
}
