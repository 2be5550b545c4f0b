// The score the software suggests beside a faculty score: core's suggestAssessmentScore, fed with the
// team's evidence from the data store. Core's scoring functions are looked up on the public surface at
// run time, so the server still answers (with `suggested: null`) in a build that lacks them.

import * as core from "../../core/index";
import type { CollaborativeDefinition, SuggestedScore } from "../../core/index";
import type { CurrentPointRow } from "../store/store";

type Direction = "increase" | "decrease" | "neutral";
type MeasureEvidence = { name: string; type: "outcome" | "process" | "balancing"; improving: boolean; goalMet: boolean | null; monthsAtGoal: number | null };
type Evidence = { teamFormed: boolean; aimSet: boolean; baselineReported: boolean; changesTested: number; measures: MeasureEvidence[] };
type Scoring = {
  suggestAssessmentScore: (evidence: Evidence) => { score: number; label: string; reasons: string[] };
  isImproving: (values: Array<number | null>, direction: Direction) => boolean;
  goalMet: (values: Array<number | null>, goal: number, direction: Direction) => boolean;
  monthsAtGoal: (values: Array<number | null>, goal: number, direction: Direction) => number;
};

function scoring(): Scoring | null {
  const surface = core as unknown as Record<string, unknown>;
  const names = ["suggestAssessmentScore", "isImproving", "goalMet", "monthsAtGoal"] as const;
  return names.every((n) => typeof surface[n] === "function") ? (surface as unknown as Scoring) : null;
}

/**
 * Evidence from the team's current points up to the scored month:
 * - team formed and aim set: the team is enrolled in a collaborative that has an aim;
 * - baseline reported: at least one point;
 * - changes tested: distinct annotations (the change tested that month) per month, over all measures;
 * - per measure: improving by the run-chart rules in its direction, goal met (3 latest months) and
 *   months at goal; a measure without a goal or with a neutral direction has `goalMet: null`.
 *
 * `null` when core has no suggestAssessmentScore, or it refuses the evidence.
 */
export function suggestScore(collaborative: CollaborativeDefinition, points: readonly CurrentPointRow[]): SuggestedScore | null {
  const s = scoring();
  if (!s) return null;
  try {
    const months = [...new Set(points.map((p) => p.period))].sort();
    const measures = collaborative.measures.map((m): MeasureEvidence => {
      const byPeriod = new Map(points.filter((p) => p.measureId === m.id).map((p) => [p.period, p.value]));
      const values = months.map((period) => byPeriod.get(period) ?? null);
      const directional = m.improvementDirection !== "neutral" && m.goal !== undefined && values.some((v) => v !== null);
      return {
        name: m.name,
        type: m.type,
        improving: m.improvementDirection !== "neutral" && s.isImproving(values, m.improvementDirection),
        goalMet: directional ? s.goalMet(values, m.goal as number, m.improvementDirection) : null,
        monthsAtGoal: directional ? s.monthsAtGoal(values, m.goal as number, m.improvementDirection) : null,
      };
    });
    const suggestion = s.suggestAssessmentScore({
      teamFormed: true,
      aimSet: collaborative.aim.trim() !== "",
      baselineReported: points.length > 0,
      changesTested: new Set(points.filter((p) => (p.annotation ?? "").trim() !== "").map((p) => `${p.period}|${p.annotation}`)).size,
      measures,
    });
    return { score: suggestion.score, label: suggestion.label, reasons: suggestion.reasons };
  } catch {
    return null;
  }
}
