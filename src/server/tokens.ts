// Bearer tokens: 32 random bytes, base64url, prefixed `qi_` so a leaked one is easy to grep for.
// Shown once when issued; only the SHA-256 hash is stored (a database leak reveals no usable token).

import { createHash, randomBytes } from "node:crypto";
import type { Role } from "../core/index";
import type { Actor, Store, TokenRecord } from "./store/store";

export const TOKEN_PREFIX = "qi_";
/** Characters kept in clear to recognise a token in `list-tokens` (the prefix and 9 of 43 random characters). */
const SHOWN_CHARACTERS = 12;

/** A new random token (46 characters). */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** The stored form of a token: hex SHA-256. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type IssueTokenOptions = {
  role: Role;
  collaborativeId?: string | null;
  teamId?: string | null;
  label: string;
  /** expires after this many days; default never */
  expiresInDays?: number | null;
  /** expires at this instant (ISO-8601), instead of `expiresInDays` */
  expiresAt?: string | null;
  now: Date;
  actor: Actor;
};

/** Issue a token: store its hash and return the token itself (the only time it exists in clear). */
export async function issueToken(store: Store, options: IssueTokenOptions): Promise<{ token: string; record: TokenRecord }> {
  if (options.role === "team" && (!options.collaborativeId || !options.teamId)) {
    throw new Error("a team token needs --collaborative and --team");
  }
  if (options.role !== "team" && options.teamId) throw new Error("--team is only for team tokens");
  if (options.collaborativeId && !(await store.getCollaborative(options.collaborativeId))) throw new Error(`no collaborative ${options.collaborativeId}`);
  if (options.collaborativeId && options.teamId && !(await store.getTeam(options.collaborativeId, options.teamId))) {
    throw new Error(`no team ${options.teamId} in ${options.collaborativeId}`);
  }
  const token = generateToken();
  const record: TokenRecord = {
    id: `tok_${randomBytes(8).toString("hex")}`,
    prefix: token.slice(0, SHOWN_CHARACTERS),
    role: options.role,
    collaborativeId: options.collaborativeId ?? null,
    teamId: options.teamId ?? null,
    label: options.label,
    createdAt: options.now.toISOString(),
    expiresAt:
      options.expiresAt !== undefined && options.expiresAt !== null
        ? new Date(options.expiresAt).toISOString()
        : options.expiresInDays === undefined || options.expiresInDays === null
          ? null
          : new Date(options.now.getTime() + options.expiresInDays * 86_400_000).toISOString(),
    revokedAt: null,
  };
  const { revokedAt: _revoked, ...stored } = record;
  await store.createToken({ ...stored, hash: hashToken(token) }, options.actor);
  return { token, record };
}
