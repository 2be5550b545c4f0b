// The score the software suggests beside a faculty score: core's suggestTeamScore (the one evidence
// builder the task pane and QI.SCORE use too), fed with what the data store keeps. This file only
// gathers the input: the team's current points and PDSA cycles and the narrative of the scored month.

import { suggestTeamScore, type CollaborativeDefinition, type SuggestedScore } from "../../core/index";
import type { Store } from "../store/store";

/**
 * The suggestion for one team and one scored month, from the stored current points, the team's
 * current PDSA cycles and the latest narrative sent for that month (its "changes tested" text). Core
 * decides every rule, including that months after `period` and cycles started after it do not count,
 * and that a team without data gets no suggestion (`null`).
 */
export async function suggestionFor(
  store: Store,
  collaborative: CollaborativeDefinition,
  teamId: string,
  period: string,
): Promise<SuggestedScore | null> {
  const [points, cycles, narrativeChanges] = await Promise.all([
    store.currentPoints(collaborative.id, { teamId }),
    store.currentCycles(collaborative.id, { teamId }),
    narrativeChangesOf(store, collaborative.id, teamId, period),
  ]);
  const suggestion = suggestTeamScore({ definition: collaborative, points, reportingMonth: period, narrativeChanges, cycles });
  return suggestion === null ? null : { score: suggestion.score, label: suggestion.label, reasons: suggestion.reasons };
}

/** The "changes tested" text of the newest revision for `period` that carries a narrative; `null` when none does. */
async function narrativeChangesOf(store: Store, collaborativeId: string, teamId: string, period: string): Promise<string | null> {
  const revisions = (await store.listSubmissions(collaborativeId, teamId)).filter((s) => s.reportingMonth === period).sort((a, b) => b.revision - a.revision);
  for (const revision of revisions) {
    const full = await store.getSubmission(collaborativeId, revision.submissionId);
    if (full?.narrative) return full.narrative.changesTested;
  }
  return null;
}
