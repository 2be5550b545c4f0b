/**
 * Small-cell suppression of the pooled figures a team sees when its collaborative shares only
 * aggregates (issue 15, defect 5: with two teams in a month, the pool minus your own figures is the
 * other team's).
 */
import type { SharingMode } from "../schema/collaborative";

/**
 * The fewest teams other than the viewer's own that a pooled month must hold before a team sees it
 * in an `aggregate` collaborative.
 *
 * Source: the threshold rule of statistical disclosure control, OECD Glossary of Statistical Terms,
 * "Confidential cells" (https://stats.oecd.org/glossary/detail.asp?ID=6624): "a cell is
 * confidential if less than m entities contribute to the total of that cell … m is at least 3 …
 * if the figure is the sum of two entities … one respondent has the possibility of disclosing the
 * figure of the other respondent by subtraction of his own figure from the sum". We apply the
 * threshold m = 3 to what a team can derive, the pool minus its own point: that remainder must
 * itself be the sum of at least 3 teams, so no subtraction of a team's own figures reveals fewer
 * than 3 other teams together.
 */
export const MIN_OTHER_TEAMS = 3;

/**
 * Whether a team must not see a pooled month: in an `aggregate` collaborative, when fewer than
 * {@link MIN_OTHER_TEAMS} teams other than its own contributed. Faculty and admins read every team
 * by name, and in `named` and `blinded` collaboratives a team already sees every team's points, so
 * the pool tells them nothing more and is never suppressed.
 *
 * Runs in O(contributors).
 *
 * @param sharing the collaborative's sharing mode
 * @param viewerTeamId the reading team's id, or `null` for faculty and admins
 * @param contributors the ids of the teams in the pooled month
 * @returns `true` when the pooled figures must be withheld from this reader
 * @example
 * suppressPool("aggregate", "alpha", ["alpha", "bravo"]); // => true
 * suppressPool("aggregate", "alpha", ["alpha", "bravo", "charlie", "delta"]); // => false
 * suppressPool("aggregate", "echo", ["alpha", "bravo", "charlie"]); // => false
 * suppressPool("aggregate", null, ["alpha", "bravo"]); // => false
 * suppressPool("blinded", "alpha", ["alpha", "bravo"]); // => false
 */
export function suppressPool(sharing: SharingMode, viewerTeamId: string | null, contributors: readonly string[]): boolean {
  if (sharing !== "aggregate" || viewerTeamId === null) return false;
  const others = contributors.filter((id) => id !== viewerTeamId).length;
  return others < MIN_OTHER_TEAMS;
}

/**
 * {@link suppressPool}'s rule for a figure whose contributors are known only by their number, such
 * as the collaborative's "% of teams at 4+" in a month (the teams faculty scored): with the reader's
 * own score known, a headline over fewer than {@link MIN_OTHER_TEAMS} other teams tells it whether
 * those few teams reached 4. Same threshold, same modes, same source.
 *
 * Runs in O(1).
 *
 * @param sharing the collaborative's sharing mode
 * @param viewerTeamId the reading team's id, or `null` for faculty and admins
 * @param contributors how many teams the figure counts
 * @param viewerContributed whether the reading team is one of them
 * @returns `true` when the figure must be withheld from this reader
 * @example
 * suppressCount("aggregate", "alpha", 3, true); // => true
 * suppressCount("aggregate", "alpha", 3, false); // => false
 * suppressCount("aggregate", null, 1, false); // => false
 * suppressCount("named", "alpha", 2, true); // => false
 */
export function suppressCount(sharing: SharingMode, viewerTeamId: string | null, contributors: number, viewerContributed: boolean): boolean {
  if (sharing !== "aggregate" || viewerTeamId === null) return false;
  return contributors - (viewerContributed ? 1 : 0) < MIN_OTHER_TEAMS;
}
