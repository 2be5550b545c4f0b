// The Store's writes of reports' neighbours, written once (tokens, faculty scores, month locks, the
// audit log, stored answers; the submission itself is submitWrite.ts, setting a collaborative up
// setupWrites.ts, shared statements statements.ts): each is an Operation (see steps.ts) that both engines
// drive inside their own transaction. What a write checks, what it stores and in which order is
// here; how an engine locks (PostgreSQL's row locks, SQLite's one database write lock), how it cuts
// many rows into statements and whether it waits on its driver stays in the engine.

import type { Builder } from "./schema";
import { matchTokens, toToken } from "./sql";
import { audit, score } from "./statements";
import { all, first, run, type Operation, type Steps } from "./steps";
import {
  StoreConflict,
  StoreNotFound,
  type Actor,
  type NewAuditEntry,
  type NewToken,
  type PeriodEvent,
  type ScoreRow,
  type StoredResponse,
  type TokenRecord,
} from "./store";

export function createToken(t: NewToken, actor: Actor): Operation<void> {
  return {
    *body({ db }) {
      yield* run(
        db.insertInto("tokens").values({
          id: t.id,
          hash: t.hash,
          prefix: t.prefix,
          role: t.role,
          collaborative_id: t.collaborativeId,
          team_id: t.teamId,
          label: t.label,
          created_at: t.createdAt,
          expires_at: t.expiresAt,
        }),
      );
      const details = { tokenId: t.id, role: t.role, label: t.label, expiresAt: t.expiresAt };
      yield* audit(db, { at: t.createdAt, actor, action: "token.issued", collaborativeId: t.collaborativeId, teamId: t.teamId, details });
    },
  };
}

/**
 * Revoke the one token `idOrPrefix` means (see matchTokens): `null` when none, StoreConflict when
 * several. Revoking an already revoked token writes nothing.
 */
export function revokeToken(idOrPrefix: string, at: string, actor: Actor): Operation<TokenRecord | null> {
  return {
    *body({ db }) {
      const matches = matchTokens((yield* all(db.selectFrom("tokens").selectAll().orderBy("created_at").orderBy("id"))).map(toToken), idOrPrefix);
      if (matches.length > 1) throw new StoreConflict(`${idOrPrefix} matches ${matches.length} tokens: give more characters or the token id`);
      const token = matches[0];
      if (!token) return null;
      if (token.revokedAt !== null) return token;
      yield* run(db.updateTable("tokens").set({ revoked_at: at }).where("id", "=", token.id).where("revoked_at", "is", null));
      yield* audit(db, { at, actor, action: "token.revoked", collaborativeId: token.collaborativeId, teamId: token.teamId, details: { tokenId: token.id } });
      return { ...token, revokedAt: at };
    },
  };
}

export function recordScore(collaborativeId: string, s: Omit<ScoreRow, "by" | "source">, actor: Actor): Operation<ScoreRow> {
  return {
    *body({ db }) {
      if (!(yield* first(db.selectFrom("teams").select("id").where("collaborative_id", "=", collaborativeId).where("id", "=", s.teamId)))) {
        throw new StoreNotFound(`no team ${s.teamId}`);
      }
      yield* score(db, { collaborativeId, teamId: s.teamId, period: s.period, source: "faculty", score: s.score, rationale: s.rationale, actor, submissionId: null, at: s.recordedAt });
      yield* audit(db, { at: s.recordedAt, actor, action: "score.recorded", collaborativeId, teamId: s.teamId, details: { period: s.period, score: s.score } });
      return { ...s, source: "faculty", by: actor.label };
    },
  };
}

export function addPeriodEvent(collaborativeId: string, e: Omit<PeriodEvent, "by">, actor: Actor): Operation<void> {
  return {
    *body({ db }) {
      yield* run(
        db.insertInto("period_events").values({ collaborative_id: collaborativeId, period: e.period, action: e.action, reason: e.reason, token_id: actor.tokenId, by_label: actor.label, at: e.at }),
      );
      yield* audit(db, { at: e.at, actor, action: `period.${e.action}`, collaborativeId, teamId: null, details: { period: e.period, reason: e.reason } });
    },
  };
}

export function appendAudit(entry: NewAuditEntry): Operation<void> {
  return {
    *body({ db }) {
      yield* audit(db, entry);
    },
  };
}

/** The answer stored under an idempotency key: the query. */
export function storedAnswerQuery(db: Builder, scope: string, key: string) {
  return db.selectFrom("idempotency_keys").select(["request_hash", "http_status", "body"]).where("scope", "=", scope).where("key", "=", key);
}

/** A row of {@link storedAnswerQuery} as the answer. */
export function toStoredResponse(row: { request_hash: string; http_status: number; body: string }): StoredResponse {
  return { requestHash: String(row.request_hash), httpStatus: Number(row.http_status), body: String(row.body) };
}

/** The answer stored under an idempotency key, if any. */
export function* storedAnswer(db: Builder, scope: string, key: string): Steps<StoredResponse | null> {
  const row = yield* first(storedAnswerQuery(db, scope, key));
  return row ? toStoredResponse(row) : null;
}

export function storedAnswerOperation(scope: string, key: string): Operation<StoredResponse | null> {
  return { readOnly: true, body: ({ db }) => storedAnswer(db, scope, key) };
}
