// Authentication (who is calling: a bearer token) and authorisation (what that token may touch).
// Missing, unknown, revoked or expired token → 401; a valid token reaching outside its scope → 403.

import type { Role } from "../core/index";
import { ApiProblem } from "./problem";
import { hashToken } from "./tokens";
import type { Actor, Store, TokenRecord } from "./store/store";

export type AuthInfo = {
  tokenId: string;
  role: Role;
  label: string;
  collaborativeId: string | null;
  teamId: string | null;
};

export function actorOf(auth: AuthInfo): Actor {
  return { tokenId: auth.tokenId, label: auth.label };
}

/**
 * Resolve the Authorization header to a token that is valid at `now`, or throw 401. `onRefused` is
 * called when a token was looked up and refused (unknown, revoked, expired): the failures the
 * per-address limit counts (app.ts); a missing or malformed header costs no look-up and is not one.
 */
export async function authenticate(store: Store, header: string | undefined, now: Date, onRefused: () => void = () => {}): Promise<AuthInfo> {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? "");
  if (!match) throw new ApiProblem("UNAUTHENTICATED", "send your token as: Authorization: Bearer <token>", { headers: { "WWW-Authenticate": "Bearer" } });
  const token: TokenRecord | null = await store.findTokenByHash(hashToken(match[1]));
  const refuse = (message: string) => {
    onRefused();
    return new ApiProblem("UNAUTHENTICATED", message, { headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } });
  };
  if (!token) throw refuse("this token is not known: check you copied it whole, or ask the collaborative's admin for a new one");
  if (token.revokedAt !== null) throw refuse("this token was revoked: ask the collaborative's admin for a new one");
  if (token.expiresAt !== null && token.expiresAt <= now.toISOString()) throw refuse(`this token expired on ${token.expiresAt.slice(0, 10)}: ask the collaborative's admin for a new one`);
  return { tokenId: token.id, role: token.role, label: token.label, collaborativeId: token.collaborativeId, teamId: token.teamId };
}

/** 403 unless the token has one of `roles`. */
export function requireRole(auth: AuthInfo, ...roles: Role[]): void {
  if (!roles.includes(auth.role)) throw new ApiProblem("FORBIDDEN", `this needs a ${roles.join(" or ")} token; yours is a ${auth.role} token`);
}

/** 403 when the token is bound to another collaborative. */
export function requireCollaborativeScope(auth: AuthInfo, collaborativeId: string): void {
  if (auth.collaborativeId !== null && auth.collaborativeId !== collaborativeId) {
    throw new ApiProblem("FORBIDDEN", "your token belongs to another collaborative");
  }
}

/** 403 when a team token asks about another team. */
export function requireTeamScope(auth: AuthInfo, teamId: string): void {
  if (auth.role === "team" && auth.teamId !== teamId) throw new ApiProblem("FORBIDDEN", "a team token reads and writes only its own team's reports");
}
