// GET /api/v1/collaboratives/{id}/learning: what a team may learn from the others, cut by the
// collaborative's sharing mode here on the server (never in the pane): the other teams' latest
// narratives (what they tested, what they learned) named, blinded or withheld, and the
// collaborative's "% of teams at 4+" per month, withheld in an `aggregate` collaborative while too
// few other teams were scored. The other teams' run charts are GET …/runcharts (same mode).

import { Hono } from "hono";
import {
  countAtLeast,
  monthRange,
  reportingMonthAsOf,
  suppressCount,
  type CollaborativeDefinition,
  type CollaborativeLearning,
  type SharedNarrative,
  type SharedScoreMonth,
} from "../../core/index";
import type { AuthInfo } from "../auth";
import type { ScoreCountRow, Store } from "../store/store";
import { teamLabels } from "../views/sharing";
import { authOf, collaborativeOf, type AppEnv, type RouteDeps } from "./context";

export function learningRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  return new Hono<AppEnv>().get("/collaboratives/:id/learning", deps.guard, async (c) => {
    const auth = authOf(c);
    const collaborative = await collaborativeOf(deps, c);
    const today = deps.clock().toISOString().slice(0, 10);
    const [narratives, scores] = await Promise.all([sharedNarratives(store, collaborative, auth), sharedScores(store, collaborative, auth, today)]);
    const body: CollaborativeLearning = { collaborativeId: collaborative.id, sharing: collaborative.sharing, narratives, scores };
    return c.json(body);
  });
}

/** Each other team's latest narrative, labelled as `auth` may see the team; none in an `aggregate` collaborative. */
async function sharedNarratives(store: Store, collaborative: CollaborativeDefinition, auth: AuthInfo): Promise<SharedNarrative[]> {
  // Not read at all when the mode shows no other team's words: nothing to leak by mistake.
  if (auth.role === "team" && collaborative.sharing === "aggregate") return [];
  const [teams, rows] = await Promise.all([store.listTeams(collaborative.id), store.narratives(collaborative.id, { latestPerTeam: true })]);
  const labels = teamLabels(teams, collaborative.sharing, auth);
  const byTeam = new Map(rows.map((r) => [r.teamId, r]));
  const out: SharedNarrative[] = [];
  for (const team of teams) {
    const label = labels.get(team.id);
    const row = byTeam.get(team.id);
    if (!label || label.own || !row) continue;
    const changesTested = row.narrative.changesTested.trim();
    const lessons = row.narrative.lessons.trim();
    if (changesTested === "" && lessons === "") continue;
    out.push({ teamId: label.teamId, teamLabel: label.label, reportingMonth: row.reportingMonth, changesTested, lessons });
  }
  return out;
}

/** The monthly "% at 4+" headline from the start to the reporting month (as GET …/scores counts it), withheld per core's suppressCount. */
async function sharedScores(store: Store, collaborative: CollaborativeDefinition, auth: AuthInfo, today: string): Promise<SharedScoreMonth[]> {
  const viewer = auth.role === "team" ? auth.teamId : null;
  const [counts, own] = await Promise.all([
    store.facultyScoreCounts(collaborative.id),
    viewer !== null ? store.currentScores(collaborative.id, { teamId: viewer }) : Promise.resolve([]),
  ]);
  const ownScored = new Set(own.filter((s) => s.source === "faculty").map((s) => s.period));
  const byMonth = scoresByMonth(counts);
  let last = reportingMonthAsOf(today, collaborative.startMonth, collaborative.endMonth);
  for (const period of byMonth.keys()) if (period > last) last = period;
  return monthRange(collaborative.startMonth, last).map((period) => {
    const headline = countAtLeast(byMonth.get(period) ?? [], 4);
    if (suppressCount(collaborative.sharing, viewer, headline.scored, ownScored.has(period))) {
      return { period, teamsScored: null, teamsAtLeast4: null, percentAtLeast4: null, suppressed: true };
    }
    return { period, teamsScored: headline.scored, teamsAtLeast4: headline.atLeast, percentAtLeast4: headline.percent, suppressed: false };
  });
}

/** Each month's faculty scores, one entry per team, for core's countAtLeast. */
function scoresByMonth(counts: readonly ScoreCountRow[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const row of counts) {
    const list = out.get(row.period) ?? [];
    for (let i = 0; i < row.teams; i++) list.push(row.score);
    out.set(row.period, list);
  }
  return out;
}
