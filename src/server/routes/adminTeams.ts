// The teams of a collaborative as an admin keeps them: list them with their settings and contacts
// (faculty and admin: contacts are personal data), add one with its contacts, change its name, join
// month, active flag or reminder opt-out, and replace its contacts.

import { Hono } from "hono";
import { joinMonthProblem, NewTeam, TeamContacts, TeamPatch, type AdminTeamList, type CollaborativeDefinition } from "../../core/index";
import { actorOf } from "../auth";
import { ApiProblem } from "../problem";
import { adminTeam } from "../views/adminTeams";
import { adminBody } from "./adminBody";
import { authOf, collaborativeOf, onlyRoles, teamOf, type AppEnv, type RouteDeps } from "./context";

export function adminTeamRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();
  const now = () => deps.clock().toISOString();

  app.get("/collaboratives/:id/admin/teams", deps.guard, onlyRoles("faculty", "admin"), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const [teams, contacts] = await Promise.all([store.listTeams(collaborative.id), store.listContacts(collaborative.id)]);
    const body: AdminTeamList = { collaborativeId: collaborative.id, teams: teams.map((t) => adminTeam(collaborative, t, contacts.get(t.id) ?? [])) };
    return c.json(body);
  });

  app.post("/collaboratives/:id/teams", deps.guard, onlyRoles("admin"), adminBody(NewTeam, "the team"), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const { contacts, ...team } = c.req.valid("json");
    checkJoinMonth(collaborative, team.joinMonth);
    const record = await store.addTeam(collaborative.id, team, now(), actorOf(authOf(c)), contacts);
    return c.json(adminTeam(collaborative, record, contacts), 201);
  });

  app.patch("/collaboratives/:id/teams/:teamId", deps.guard, onlyRoles("admin"), adminBody(TeamPatch, "the team's changes"), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const team = await teamOf(deps, collaborative.id, c.req.param("teamId"));
    checkJoinMonth(collaborative, c.req.valid("json").joinMonth);
    const record = await store.updateTeam(collaborative.id, team.id, c.req.valid("json"), now(), actorOf(authOf(c)));
    const contacts = await store.listContacts(collaborative.id, { teamId: team.id });
    return c.json(adminTeam(collaborative, record, contacts.get(team.id) ?? []));
  });

  app.put("/collaboratives/:id/teams/:teamId/contacts", deps.guard, onlyRoles("admin"), adminBody(TeamContacts, "the contacts"), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const team = await teamOf(deps, collaborative.id, c.req.param("teamId"));
    const { contacts } = c.req.valid("json");
    await store.setContacts(collaborative.id, team.id, contacts, now(), actorOf(authOf(c)));
    return c.json(adminTeam(collaborative, team, contacts));
  });

  return app;
}

/** 422 at `joinMonth` for a month outside the collaborative (core's joinMonthProblem). */
function checkJoinMonth(collaborative: CollaborativeDefinition, joinMonth: string | null | undefined): void {
  if (joinMonth === undefined || joinMonth === null) return;
  const problem = joinMonthProblem(joinMonth, collaborative);
  if (problem === null) return;
  throw new ApiProblem("VALIDATION", `the team's join month: ${problem}`, {
    conflicts: [{ path: ["joinMonth"], measureId: null, period: joinMonth, code: "PERIOD_OUTSIDE_COLLABORATIVE", message: problem, severity: "error" as const }],
  });
}
