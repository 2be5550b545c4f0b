// GET /api/v1/me: who the token belongs to.

import { Hono } from "hono";
import type { Me } from "../../core/index";
import { authOf, type AppEnv, type RouteDeps } from "./context";

export function meRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  return new Hono<AppEnv>().get("/me", deps.guard, async (c) => {
    const auth = authOf(c);
    const collaborative = auth.collaborativeId ? ((await store.getCollaborative(auth.collaborativeId))?.definition ?? null) : null;
    const team = auth.collaborativeId && auth.teamId ? await store.getTeam(auth.collaborativeId, auth.teamId) : null;
    const me: Me = {
      role: auth.role,
      tokenLabel: auth.label,
      team: team ? { id: team.id, name: team.name, organisation: team.organisation } : null,
      collaborative,
    };
    return c.json(me);
  });
}
