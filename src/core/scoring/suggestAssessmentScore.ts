/**
 * Suggest a team's score on the IHI Assessment Scale from the evidence in its data. It suggests;
 * faculty decide (they also know what the data cannot show: spread, implementation, the narrative).
 */

import type { ImprovementDirection } from "../direction";
import { CoreError } from "../errors";
import { RULE_SETS } from "../runchart/ruleSet";
import { MeasureType, type RuleSet } from "../schema/collaborative";
import { countOf } from "../words";
import { assessmentLevel, type AssessmentScore } from "./assessmentScale";
import { SCORING_THRESHOLDS, type ScoreThreshold } from "./scoreThresholds";

/** What the data say about one measure of the team. */
export type MeasureEvidence = {
  /** shown in reasons, e.g. "CLABSI rate"; default "measure 1", "measure 2"... by position */
  name?: string | undefined;
  type: MeasureType;
  /**
   * which way is better; a `"neutral"` measure has no good direction, so it is shown but not
   * counted towards improvement or goals (like a balancing measure). Omitted: not neutral
   */
  improvementDirection?: ImprovementDirection | undefined;
  /** the run-chart rules signal improvement in the measure's direction (see `isImproving`) */
  improving: boolean;
  /** the goal is met (see `goalMet`); `null` when the measure has no goal */
  goalMet: boolean | null;
  /** consecutive latest months meeting the goal (see `monthsAtGoal`); omitted or `null` when unknown */
  monthsAtGoal?: number | null | undefined;
};

/** The evidence {@link suggestAssessmentScore} reads. */
export type AssessmentEvidence = {
  teamFormed: boolean;
  aimSet: boolean;
  /** data on at least one measure have been reported */
  baselineReported: boolean;
  /** number of changes tested (PDSA cycles of a change), a whole number >= 0 */
  changesTested: number;
  measures: readonly MeasureEvidence[];
  /** the run-chart rules `improving` was read by; when given, the reasons name them */
  ruleSet?: RuleSet | undefined;
};

/** What {@link suggestAssessmentScore} returns. */
export type AssessmentSuggestion = {
  score: AssessmentScore;
  label: string;
  /** plain sentences: the evidence behind the score, then what the next level still needs */
  reasons: string[];
};

type Measure = MeasureEvidence & { shownName: string };

type Facts = {
  evidence: AssessmentEvidence;
  counted: Measure[];
  withGoal: Measure[];
  outcomes: Measure[];
  balancing: number;
  neutral: Measure[];
};

type Check = { met: boolean; text: string };

/**
 * Suggest a score on the IHI Assessment Scale for Collaboratives from a team's evidence: the
 * highest level whose requirements, and those of every level below, are all met. The requirements
 * are the rows of {@link SCORING_THRESHOLDS} (with their reasoning and sources); the scale itself
 * is `ASSESSMENT_SCALE`.
 *
 * Only outcome and process measures count towards improvement and goals; balancing measures are
 * named in the reasons but do not raise or lower the score; so are neutral measures (no better
 * direction: nothing to improve towards). A measure without a goal
 * (`goalMet: null`) is left out of the goal share.
 *
 * Runs in O(m) for m measures.
 *
 * @param evidence team formed, aim set, baseline reported, changes tested, and per measure its
 *   type, whether it improves by the run-chart rules, whether its goal is met and for how long
 * @returns the suggested score, its label and the reasons in plain sentences
 * @throws {CoreError} invalid_value for a negative or fractional `changesTested`, an unknown
 *   measure type or a negative `monthsAtGoal`
 * @example
 * suggestAssessmentScore({ teamFormed: true, aimSet: false, baselineReported: false, changesTested: 0, measures: [] }).score; // => 1
 * suggestAssessmentScore({ teamFormed: true, aimSet: true, baselineReported: true, changesTested: 3, measures: [{ type: "process", improving: false, goalMet: false }] }).label; // => "Changes tested, but no improvement"
 */
export function suggestAssessmentScore(evidence: AssessmentEvidence): AssessmentSuggestion {
  const facts = checkEvidence(evidence);
  let score: AssessmentScore = SCORING_THRESHOLDS[0].score;
  const reasons: string[] = [];
  for (const row of SCORING_THRESHOLDS) {
    const checks = checksFor(row, facts);
    if (checks.every((check) => check.met)) {
      score = row.score;
      for (const check of checks) reasons.push(check.text);
      continue;
    }
    for (const check of checks) if (check.met) reasons.push(check.text);
    const missing = checks.filter((check) => !check.met).map((check) => check.text);
    reasons.push(`Not yet ${formatScore(row.score)} (${assessmentLevel(row.score).label}): ${missing.join(" ")}`);
    break;
  }
  if (facts.neutral.length > 0) {
    const n = facts.neutral.length;
    reasons.push(
      `${countOf(n, "neutral measure")} (${names(facts.neutral)}) ${n === 1 ? "has" : "have"} no better direction, so ${n === 1 ? "it is" : "they are"} shown but not counted towards improvement or goals.`,
    );
  }
  if (facts.balancing > 0) {
    reasons.push(
      `${countOf(facts.balancing, "balancing measure")} ${facts.balancing === 1 ? "is" : "are"} watched for harm and not counted towards improvement or goals.`,
    );
  }
  if (evidence.ruleSet !== undefined) {
    const rules = RULE_SETS[evidence.ruleSet];
    if (rules === undefined) throw new CoreError("invalid_value", `ruleSet must be "ihi", "anhoej" or "mdc", got ${JSON.stringify(evidence.ruleSet)}`);
    reasons.push(`Run charts are read by the ${rules.name}: ${rules.rules}.`);
  }
  return { score, label: assessmentLevel(score).label, reasons };
}

function checkEvidence(evidence: AssessmentEvidence): Facts {
  const { changesTested, measures } = evidence;
  if (typeof changesTested !== "number" || !Number.isInteger(changesTested) || changesTested < 0) {
    throw new CoreError("invalid_value", `changesTested must be a whole number of 0 or more, got ${String(changesTested)}`);
  }
  if (!Array.isArray(measures)) throw new CoreError("invalid_value", "measures must be a list of measure evidence");
  const all: Measure[] = measures.map((measure, i) => {
    if (!MeasureType.safeParse(measure.type).success) {
      throw new CoreError(
        "invalid_value",
        `measure ${i + 1} has type ${JSON.stringify(measure.type)}: use "outcome", "process" or "balancing"`,
      );
    }
    const months = measure.monthsAtGoal;
    if (months !== undefined && months !== null && !(Number.isFinite(months) && months >= 0)) {
      throw new CoreError("invalid_value", `measure ${i + 1} has monthsAtGoal ${String(months)}: use a number of 0 or more`);
    }
    const shownName = measure.name !== undefined && measure.name.trim() !== "" ? measure.name.trim() : `measure ${i + 1}`;
    return { ...measure, shownName };
  });
  const balancing = all.filter((m) => m.type === "balancing");
  const neutral = all.filter((m) => m.type !== "balancing" && m.improvementDirection === "neutral");
  const counted = all.filter((m) => m.type !== "balancing" && m.improvementDirection !== "neutral");
  return {
    evidence,
    neutral,
    counted,
    withGoal: counted.filter((m) => m.goalMet !== null),
    outcomes: counted.filter((m) => m.type === "outcome"),
    balancing: balancing.length,
  };
}

/** The checks of one row of the table, each a sentence that reads true whether met or not. */
function checksFor(row: ScoreThreshold, facts: Facts): Check[] {
  const { evidence, counted, withGoal, outcomes } = facts;
  const checks: Check[] = [];
  const showsImprovement = (m: Measure) => m.improving || m.goalMet === true;
  const months = row.monthsAtGoalRequired ?? 0;
  const held = (m: Measure) => m.goalMet === true && typeof m.monthsAtGoal === "number" && m.monthsAtGoal >= months;
  const unknownMonths = withGoal.some((m) => m.goalMet === true && (m.monthsAtGoal === undefined || m.monthsAtGoal === null));

  if (row.teamFormed) {
    checks.push(evidence.teamFormed ? ok("The team is formed.") : no("No team has been formed yet."));
  }
  if (row.aimSet) {
    checks.push(evidence.aimSet ? ok("The team has set its aim.") : no("The team has not set its aim yet."));
  }
  if (row.baselineReported) {
    checks.push(evidence.baselineReported ? ok("Baseline data are reported.") : no("No data have been reported yet."));
  }
  if (row.minChangesTested !== undefined) {
    const n = evidence.changesTested;
    checks.push(
      n >= row.minChangesTested
        ? ok(`${countOf(n, "change")} tested.`)
        : no(`No changes tested yet: record each change tested in a PDSA cycle.`),
    );
  }
  if (row.minImprovingShare !== undefined) {
    const improving = counted.filter(showsImprovement);
    const share = counted.length === 0 ? 0 : improving.length / counted.length;
    const text =
      counted.length === 0
        ? "No outcome or process measures are given."
        : `${improving.length} of ${counted.length} outcome and process measures show improvement` +
          ` (a run-chart signal in the good direction, or the goal met)` +
          (improving.length > 0 ? `: ${names(improving)}` : "") +
          (share < row.minImprovingShare && improving.length > 0 ? `; at least ${percent(row.minImprovingShare)} should.` : ".");
    checks.push({ met: improving.length > 0 && share >= row.minImprovingShare, text });
  }
  if (row.outcomeImproving) {
    const improving = outcomes.filter(showsImprovement);
    checks.push(
      outcomes.length === 0
        ? no("No outcome measure is given.")
        : improving.length > 0
          ? ok(`An outcome measure shows improvement (${names(improving)}).`)
          : no(`No outcome measure shows improvement yet (${names(outcomes)}: no run-chart signal in the good direction, goal not met).`),
    );
  }
  if (row.minGoalShare !== undefined) {
    const met = withGoal.filter((m) => m.goalMet === true);
    const share = withGoal.length === 0 ? 0 : met.length / withGoal.length;
    const needed = row.minGoalShare >= 1 ? "all of them" : `at least ${percent(row.minGoalShare)}`;
    checks.push({
      met: withGoal.length > 0 && share >= row.minGoalShare,
      text:
        withGoal.length === 0
          ? "No outcome or process measure has a goal."
          : `${met.length} of ${withGoal.length} goals met (${percent(share)}${share >= row.minGoalShare ? "" : `; ${needed} needed`}).`,
    });
  }
  if (row.outcomeGoalMet) {
    const met = outcomes.filter((m) => m.goalMet === true);
    checks.push(
      met.length > 0
        ? ok(`An outcome measure meets its goal (${names(met)}).`)
        : no("No outcome measure meets its goal yet."),
    );
  }
  if (row.minHeldGoalShare !== undefined) {
    const heldGoals = withGoal.filter(held);
    const share = withGoal.length === 0 ? 0 : heldGoals.length / withGoal.length;
    const needed = row.minHeldGoalShare >= 1 ? "all of them" : `at least ${percent(row.minHeldGoalShare)}`;
    const met = withGoal.length > 0 && share >= row.minHeldGoalShare;
    checks.push({
      met,
      text:
        `${heldGoals.length} of ${withGoal.length} goals held for ${months} months or more` +
        (met ? "." : ` (${needed} needed).`) +
        (!met && unknownMonths ? " Months at goal are not given for every goal met, so sustainability cannot be judged from the data." : ""),
    });
  }
  if (row.outcomeGoalHeld) {
    const heldOutcomes = outcomes.filter(held);
    checks.push(
      heldOutcomes.length > 0
        ? ok(`An outcome measure has held its goal for ${months} months or more (${names(heldOutcomes)}).`)
        : no(`No outcome measure has held its goal for ${months} months yet.`),
    );
  }
  return checks;
}

function ok(text: string): Check {
  return { met: true, text };
}

function no(text: string): Check {
  return { met: false, text };
}

function names(measures: readonly Measure[]): string {
  return measures.map((m) => m.shownName).join(", ");
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function formatScore(score: number): string {
  return score.toFixed(1);
}
