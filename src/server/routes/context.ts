// What every route needs: the store, the injected clock, and a few lookups with their error answers.

import type { Context, MiddlewareHandler } from "hono";
import type { CollaborativeDefinition, Role } from "../../core/index";
import type { AuthInfo } from "../auth";
import { requireCollaborativeScope, requireRole, requireTeamScope } from "../auth";
import { ApiProblem } from "../problem";
import type { Store, TeamRecord } from "../store/store";
import { slugParam } from "../validation";

export type AppEnv = { Variables: { auth: AuthInfo } };
export type AppContext = Context<AppEnv>;

export type RouteDeps = {
  store: Store;
  clock: () => Date;
  newId: () => string;
  /** authenticates (401), rate-limits (429) and sets `auth`; put on each API route so unknown paths stay 404 */
  guard: MiddlewareHandler<AppEnv>;
};

/** The caller, set by the auth middleware on every /api/v1 route except the OpenAPI document. */
export function authOf(c: AppContext): AuthInfo {
  return c.get("auth");
}

/** The collaborative of the `:id` path parameter, after checking the token may reach it. */
export async function collaborativeOf(deps: RouteDeps, c: AppContext): Promise<CollaborativeDefinition> {
  const id = slugParam(c.req.param("id") ?? "", "collaborative id");
  requireCollaborativeScope(authOf(c), id);
  const record = await deps.store.getCollaborative(id);
  if (!record) throw new ApiProblem("NOT_FOUND", `no collaborative ${id}`);
  return record.definition;
}

/** A team of the collaborative, or 404. */
export async function teamOf(deps: RouteDeps, collaborativeId: string, teamId: string): Promise<TeamRecord> {
  const team = await deps.store.getTeam(collaborativeId, slugParam(teamId, "team id"));
  if (!team) throw new ApiProblem("NOT_FOUND", `no team ${teamId} in ${collaborativeId}`);
  return team;
}

/**
 * The `:id` collaborative and its `:teamId` team, which the token must be allowed to read (the team
 * itself, faculty, admin). The scope is checked before the team is looked up: a team token asking
 * about any other team gets 403 whether that team exists or not, so it cannot probe which team ids
 * exist (which would undo blinded sharing); 404 is only for an in-scope team that is missing.
 */
export async function teamInScope(deps: RouteDeps, c: AppContext): Promise<{ collaborative: CollaborativeDefinition; team: TeamRecord }> {
  const collaborative = await collaborativeOf(deps, c);
  const teamId = slugParam(c.req.param("teamId") ?? "", "team id");
  requireTeamScope(authOf(c), teamId);
  const team = await teamOf(deps, collaborative.id, teamId);
  return { collaborative, team };
}

/** 403 unless the caller (set by `guard`, which must come first) has one of `roles`; before any body is read. */
export function onlyRoles(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireRole(authOf(c), ...roles);
    await next();
  };
}
