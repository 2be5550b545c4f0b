// GET /api/v1/collaboratives and /collaboratives/{id}: what the token may read, and one definition
// with the teams the caller may see (labelled per the sharing mode).

import { Hono } from "hono";
import type { CollaborativeList, CollaborativeView } from "../../core/index";
import { teamLabels } from "../views/sharing";
import { authOf, collaborativeOf, type AppEnv, type RouteDeps } from "./context";

export function collaborativeRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  return new Hono<AppEnv>()
    .get("/collaboratives", deps.guard, async (c) => {
      const auth = authOf(c);
      const all = await store.listCollaboratives();
      const visible = all.filter((r) => auth.collaborativeId === null || r.definition.id === auth.collaborativeId);
      const body: CollaborativeList = { collaboratives: [] };
      for (const { definition: d } of visible) {
        const teams = await store.listTeams(d.id);
        body.collaboratives.push({ id: d.id, name: d.name, startMonth: d.startMonth, endMonth: d.endMonth, sharing: d.sharing, teamCount: teams.length });
      }
      return c.json(body);
    })
    .get("/collaboratives/:id", deps.guard, async (c) => {
      const auth = authOf(c);
      const collaborative = await collaborativeOf(deps, c);
      const teams = await store.listTeams(collaborative.id);
      const labels = teamLabels(teams, collaborative.sharing, auth);
      const body: CollaborativeView = {
        ...collaborative,
        teams: [...labels.values()].map((l) => ({ id: l.teamId, name: l.label, organisation: l.organisation, own: l.own })),
        teamCount: teams.length,
      };
      return c.json(body);
    });
}
