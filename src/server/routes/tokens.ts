// Tokens (admin): issue one (the secret is in this answer only; the store keeps its hash), list them
// (never the secret, only its first characters), revoke one. An admin token bound to a collaborative
// issues, lists and revokes only that collaborative's tokens; a global admin token reaches every one
// and alone issues global tokens.

import { Hono } from "hono";
import * as z from "zod";
import { NewTokenRequest, type IssuedToken, type TokenInfo, type TokenList } from "../../core/index";
import { actorOf, type AuthInfo } from "../auth";
import { ApiProblem } from "../problem";
import type { TokenRecord } from "../store/store";
import { issueToken } from "../tokens";
import { optionalSlugValue, query } from "../validation";
import { adminBody, fieldProblem } from "./adminBody";
import { authOf, onlyRoles, type AppEnv, type RouteDeps } from "./context";

const TokensQuery = z.object({ collaborative: optionalSlugValue("collaborative") });

/** A token as lists show it (the store's record holds no secret either: only its hash, which is never read here). */
export function tokenInfo(t: TokenRecord): TokenInfo {
  return { id: t.id, prefix: t.prefix, role: t.role, collaborativeId: t.collaborativeId, teamId: t.teamId, label: t.label, createdAt: t.createdAt, expiresAt: t.expiresAt, revokedAt: t.revokedAt };
}

/**
 * The instant an `expiresAt` of a token request means: an instant as given; a date alone means the
 * token works through that whole day (UTC), so it expires at the start of the next.
 *
 * @example
 * expiryInstant("2027-06-30"); // => "2027-07-01T00:00:00.000Z"
 * expiryInstant("2027-06-30T12:00:00+02:00"); // => "2027-06-30T10:00:00.000Z"
 */
export function expiryInstant(expiresAt: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(expiresAt)) return new Date(Date.parse(`${expiresAt}T00:00:00.000Z`) + 86_400_000).toISOString();
  return new Date(expiresAt).toISOString();
}

/** 403 unless the admin may reach tokens of `collaborativeId` (`null`: global tokens, a global admin only). */
function requireTokenScope(auth: AuthInfo, collaborativeId: string | null): void {
  if (auth.collaborativeId !== null && auth.collaborativeId !== collaborativeId) {
    throw new ApiProblem("FORBIDDEN", `your admin token is bound to ${auth.collaborativeId}: it reaches only that collaborative's tokens`);
  }
}

export function tokenRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();
  const admin = onlyRoles("admin");

  app.get("/tokens", deps.guard, admin, query(TokensQuery), async (c) => {
    const auth = authOf(c);
    const collaborativeId = c.req.valid("query").collaborative ?? auth.collaborativeId ?? undefined;
    if (collaborativeId !== undefined) requireTokenScope(auth, collaborativeId);
    const body: TokenList = { tokens: (await store.listTokens(collaborativeId !== undefined ? { collaborativeId } : {})).map(tokenInfo) };
    return c.json(body);
  });

  app.post("/tokens", deps.guard, admin, adminBody(NewTokenRequest, "the token request"), async (c) => {
    const auth = authOf(c);
    const request = c.req.valid("json");
    requireTokenScope(auth, request.collaborativeId);
    if (request.collaborativeId !== null && !(await store.getCollaborative(request.collaborativeId))) {
      throw fieldProblem("collaborativeId", `no collaborative ${request.collaborativeId}`);
    }
    if (request.collaborativeId !== null && request.teamId !== null && !(await store.getTeam(request.collaborativeId, request.teamId))) {
      throw fieldProblem("teamId", `no team ${request.teamId} in ${request.collaborativeId}`);
    }
    const now = deps.clock();
    const expiresAt = request.expiresAt === null ? null : expiryInstant(request.expiresAt);
    if (expiresAt !== null && expiresAt <= now.toISOString()) throw fieldProblem("expiresAt", `${request.expiresAt} has already passed: give a later date, or null for a token that never expires`);
    const issued = await issueToken(store, { role: request.role, collaborativeId: request.collaborativeId, teamId: request.teamId, label: request.label, expiresAt, now, actor: actorOf(auth) });
    const body: IssuedToken = { token: issued.token, info: tokenInfo(issued.record) };
    c.header("cache-control", "no-store"); // the secret must not sit in a cache
    return c.json(body, 201);
  });

  app.post("/tokens/:tokenId/revoke", deps.guard, admin, async (c) => {
    const auth = authOf(c);
    const tokenId = c.req.param("tokenId");
    // by id only (the CLI also takes a prefix): a page always knows the id
    const token = tokenId.length <= 100 ? (await store.listTokens()).find((t) => t.id === tokenId) : undefined;
    if (!token) throw new ApiProblem("NOT_FOUND", `no token ${tokenId}`);
    requireTokenScope(auth, token.collaborativeId);
    const revoked = await store.revokeToken(token.id, deps.clock().toISOString(), actorOf(auth));
    if (!revoked) throw new ApiProblem("NOT_FOUND", `no token ${tokenId}`);
    return c.json(tokenInfo(revoked));
  });

  return app;
}
