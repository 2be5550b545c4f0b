// Who sees which team under the collaborative's sharing mode.
// - named: everyone sees every team by name
// - blinded: a team sees its own name and the others as "Team A", "Team B"… (letter by joining order,
//   the same for every reader and every request: core's spreadsheet column letters, so the 27th team
//   is "Team AA"); faculty and admins see names
// - aggregate: a team sees only its own team (plus the collaborative's pooled figures)

import { columnLetters, type SharingMode } from "../../core/index";
import type { TeamRecord } from "../store/store";
import type { AuthInfo } from "../auth";

export type TeamLabel = { teamId: string | null; label: string; organisation: string; own: boolean };

/** Faculty and admins read everything by name; so does everyone in a `named` collaborative. */
export function seesAllNamed(auth: AuthInfo, sharing: SharingMode): boolean {
  return auth.role !== "team" || sharing === "named";
}

/**
 * How each team appears to `auth`; teams it may not see are absent from the map.
 */
export function teamLabels(teams: readonly TeamRecord[], sharing: SharingMode, auth: AuthInfo): Map<string, TeamLabel> {
  const out = new Map<string, TeamLabel>();
  for (const team of teams) {
    const own = auth.role === "team" && auth.teamId === team.id;
    if (own || seesAllNamed(auth, sharing)) out.set(team.id, { teamId: team.id, label: team.name, organisation: team.organisation, own });
    else if (sharing === "blinded") out.set(team.id, { teamId: null, label: `Team ${columnLetters(team.position)}`, organisation: "", own: false });
  }
  return out;
}
