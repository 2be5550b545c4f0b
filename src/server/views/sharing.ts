// Who sees which team under the collaborative's sharing mode.
// - named: everyone sees every team by name
// - blinded: a team sees its own name and the others as "Team A", "Team B"… (letter by joining order,
//   the same for every reader and every request); faculty and admins see names
// - aggregate: a team sees only its own team (plus the collaborative's pooled figures)

import type { SharingMode } from "../../core/index";
import type { TeamRecord } from "../store/store";
import type { AuthInfo } from "../auth";

export type TeamLabel = { teamId: string | null; label: string; organisation: string; own: boolean };

/** Spreadsheet-style letters: 0 → A, 25 → Z, 26 → AA. */
export function blindLetter(position: number): string {
  let n = position + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

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
    else if (sharing === "blinded") out.set(team.id, { teamId: null, label: `Team ${blindLetter(team.position)}`, organisation: "", own: false });
  }
  return out;
}
