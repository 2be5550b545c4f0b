import {
  ASSESSMENT_SCALE,
  assessmentLabel,
  assessmentLevel,
  changeKey,
  CoreError,
  evidenceFromCells,
  isImproving,
  readRunChart,
  SCORING_THRESHOLDS,
  suggestAssessmentScore,
  suggestTeamScore,
  teamEvidence,
  type AssessmentEvidence,
  type MeasureEvidence,
  type RuleSet,
  type TeamPoint,
} from "../../src/core";

const started: Omit<AssessmentEvidence, "measures" | "changesTested"> = { teamFormed: true, aimSet: true, baselineReported: true };

function outcome(improving: boolean, goalMet: boolean | null, monthsAtGoal?: number, name = "mortality"): MeasureEvidence {
  return { name, type: "outcome", improving, goalMet, monthsAtGoal };
}
function processMeasure(name: string, improving: boolean, goalMet: boolean | null, monthsAtGoal?: number): MeasureEvidence {
  return { name, type: "process", improving, goalMet, monthsAtGoal };
}

/**
 * Worked team examples: what a faculty member reading the IHI Assessment Scale would give, and the
 * evidence the reasons must mention for them to see why.
 */
const WORKED_EXAMPLES: {
  team: string;
  evidence: AssessmentEvidence;
  score: number;
  label: string;
  mentions: RegExp[];
}[] = [
  {
    team: "signed up, nothing else yet",
    evidence: { teamFormed: false, aimSet: false, baselineReported: false, changesTested: 0, measures: [] },
    score: 0.5,
    label: "Intent to participate",
    mentions: [/No team has been formed yet/],
  },
  {
    team: "team formed, no aim and no data yet",
    evidence: { teamFormed: true, aimSet: false, baselineReported: false, changesTested: 0, measures: [] },
    score: 1,
    label: "Forming team",
    mentions: [/The team is formed/, /Not yet 1\.5 .*not set its aim/],
  },
  {
    team: "aim set, measures chosen, no data reported",
    evidence: { teamFormed: true, aimSet: true, baselineReported: false, changesTested: 0, measures: [] },
    score: 1.5,
    label: "Planning for the project has begun",
    mentions: [/set its aim/, /Not yet 2\.0 .*No data have been reported/],
  },
  {
    team: "baseline data reported, no change tested",
    evidence: { ...started, changesTested: 0, measures: [outcome(false, false), processMeasure("bundle compliance", false, false)] },
    score: 2,
    label: "Activity, but no changes",
    mentions: [/Baseline data are reported/, /Not yet 2\.5 .*No changes tested yet/],
  },
  {
    team: "data improving but no change recorded: improvement cannot be credited to tested changes",
    evidence: { ...started, changesTested: 0, measures: [processMeasure("bundle compliance", true, true)] },
    score: 2,
    label: "Activity, but no changes",
    mentions: [/No changes tested yet/],
  },
  {
    team: "3 changes tested, no measure improving",
    evidence: {
      ...started,
      changesTested: 3,
      measures: [outcome(false, false), processMeasure("bundle compliance", false, false), processMeasure("audit", false, false)],
    },
    score: 2.5,
    label: "Changes tested, but no improvement",
    mentions: [/3 changes tested/, /0 of 3 outcome and process measures show improvement/],
  },
  {
    team: "1 of 6 process measures improving: below a fifth of the measures",
    evidence: {
      ...started,
      changesTested: 4,
      measures: [
        outcome(false, false),
        processMeasure("p1", true, false),
        processMeasure("p2", false, false),
        processMeasure("p3", false, false),
        processMeasure("p4", false, false),
        processMeasure("p5", false, false),
      ],
    },
    score: 2.5,
    label: "Changes tested, but no improvement",
    mentions: [/1 of 6 outcome and process measures show improvement .*: p1; at least 20% should\./],
  },
  {
    team: "a process measure improving, outcome not yet",
    evidence: { ...started, changesTested: 5, measures: [outcome(false, false), processMeasure("bundle compliance", true, false)] },
    score: 3,
    label: "Modest improvement",
    mentions: [/1 of 2 outcome and process measures show improvement .*: bundle compliance\./, /Not yet 3\.5 .*No outcome measure shows improvement yet \(mortality/],
  },
  {
    team: "outcome improving, half the goals met (the process goal), outcome goal not met yet",
    evidence: { ...started, changesTested: 6, measures: [outcome(true, false), processMeasure("bundle compliance", true, true, 4)] },
    score: 3.5,
    label: "Improvement",
    mentions: [/An outcome measure shows improvement \(mortality\)/, /Not yet 4\.0 .*No outcome measure meets its goal yet/],
  },
  {
    team: "outcome improving, no goals met",
    evidence: { ...started, changesTested: 6, measures: [outcome(true, false), processMeasure("bundle compliance", true, false)] },
    score: 3.5,
    label: "Improvement",
    mentions: [/Not yet 4\.0 .*0 of 2 goals met \(0%; at least 50% needed\)/],
  },
  {
    team: "outcome goal met and half of all goals met, held 3 months",
    evidence: {
      ...started,
      changesTested: 8,
      measures: [outcome(true, true, 3), processMeasure("bundle compliance", true, false, 0)],
    },
    score: 4,
    label: "Significant improvement",
    mentions: [/1 of 2 goals met \(50%\)/, /An outcome measure meets its goal \(mortality\)/, /Not yet 4\.5 .*0 of 2 goals held for 6 months or more/],
  },
  {
    team: "all goals met but just now: significant, not yet sustained",
    evidence: { ...started, changesTested: 10, measures: [outcome(true, true, 3), processMeasure("bundle compliance", true, true, 4)] },
    score: 4,
    label: "Significant improvement",
    mentions: [/2 of 2 goals met \(100%\)/, /Not yet 4\.5 .*No outcome measure has held its goal for 6 months yet/],
  },
  {
    team: "half the goals, outcome among them, held 6 months",
    evidence: {
      ...started,
      changesTested: 12,
      measures: [outcome(true, true, 7), processMeasure("bundle compliance", true, false, 0), processMeasure("audit", true, true, 6), processMeasure("huddles", false, false, 0)],
    },
    score: 4.5,
    label: "Sustainable improvement",
    mentions: [/2 of 4 goals held for 6 months or more\./, /An outcome measure has held its goal for 6 months or more \(mortality\)/, /Not yet 5\.0 .*2 of 4 goals met \(50%; all of them needed\)/],
  },
  {
    team: "half the goals met but only the outcome goal held 6 months",
    evidence: {
      ...started,
      changesTested: 12,
      measures: [outcome(true, true, 7), processMeasure("bundle compliance", true, false, 0), processMeasure("audit", true, true, 3), processMeasure("huddles", false, false, 0)],
    },
    score: 4,
    label: "Significant improvement",
    mentions: [/Not yet 4\.5 .*1 of 4 goals held for 6 months or more \(at least 50% needed\)/],
  },
  {
    team: "all goals met 6 months including outcome",
    evidence: {
      ...started,
      changesTested: 15,
      measures: [outcome(true, true, 6), processMeasure("bundle compliance", true, true, 9), processMeasure("audit", false, true, 6)],
    },
    score: 5,
    label: "Outstanding sustainable results",
    mentions: [/3 of 3 goals met \(100%\)/, /3 of 3 goals held for 6 months or more/],
  },
  {
    team: "all goals met, months at goal not given: sustainability cannot be judged from the data",
    evidence: { ...started, changesTested: 15, measures: [outcome(true, true), processMeasure("bundle compliance", true, true)] },
    score: 4,
    label: "Significant improvement",
    mentions: [/Months at goal are not given/],
  },
  {
    team: "balancing measure worsening is not counted; only process/outcome",
    evidence: {
      ...started,
      changesTested: 2,
      measures: [outcome(false, false), processMeasure("bundle compliance", true, false), { name: "falls", type: "balancing", improving: false, goalMet: false }],
    },
    score: 3,
    label: "Modest improvement",
    mentions: [/1 of 2 outcome and process measures/, /1 balancing measure is watched for harm and not counted/],
  },
  {
    team: "no outcome measure at all: capped at modest improvement",
    evidence: { ...started, changesTested: 4, measures: [processMeasure("bundle compliance", true, true, 8)] },
    score: 3,
    label: "Modest improvement",
    mentions: [/Not yet 3\.5 .*No outcome measure is given/],
  },
];

describe("suggestAssessmentScore(evidence): worked team examples", () => {
  it.each(WORKED_EXAMPLES.map((example) => [example.team, example] as const))("%s", (_team, example) => {
    const suggestion = suggestAssessmentScore(example.evidence);
    expect({ score: suggestion.score, label: suggestion.label }).toEqual({ score: example.score, label: example.label });
    const text = suggestion.reasons.join("\n");
    for (const mention of example.mentions) expect(text).toMatch(mention);
  });

  it("gives reasons as plain sentences, evidence first, then what the next level needs", () => {
    const suggestion = suggestAssessmentScore(WORKED_EXAMPLES[8].evidence);
    expect(suggestion.reasons).toEqual([
      "The team is formed.",
      "The team has set its aim.",
      "Baseline data are reported.",
      "6 changes tested.",
      "2 of 2 outcome and process measures show improvement (a run-chart signal in the good direction, or the goal met): mortality, bundle compliance.",
      "An outcome measure shows improvement (mortality).",
      "1 of 2 goals met (50%).",
      "Not yet 4.0 (Significant improvement): No outcome measure meets its goal yet.",
    ]);
  });

  it("names unnamed measures by their position", () => {
    const suggestion = suggestAssessmentScore({ ...started, changesTested: 1, measures: [{ type: "outcome", improving: true, goalMet: false }] });
    expect(suggestion.reasons.join(" ")).toContain("An outcome measure shows improvement (measure 1).");
  });

  it("leaves measures without a goal out of the goal share", () => {
    const suggestion = suggestAssessmentScore({
      ...started,
      changesTested: 3,
      measures: [outcome(true, true, 3), processMeasure("no goal", true, null)],
    });
    expect(suggestion.score).toBe(4);
    expect(suggestion.reasons.join(" ")).toContain("1 of 1 goals met (100%).");
  });

  it("never suggests more than the evidence of every lower level allows (cumulative levels)", () => {
    const noAim = suggestAssessmentScore({ teamFormed: true, aimSet: false, baselineReported: true, changesTested: 9, measures: [outcome(true, true, 12)] });
    expect(noAim.score).toBe(1);
  });

  it("refuses evidence it cannot read", () => {
    expect(() => suggestAssessmentScore({ ...started, changesTested: -1, measures: [] })).toThrow("changesTested must be a whole number of 0 or more, got -1");
    expect(() => suggestAssessmentScore({ ...started, changesTested: 1.5, measures: [] })).toThrow(/got 1.5/);
    expect(() =>
      suggestAssessmentScore({ ...started, changesTested: 1, measures: [{ type: "structure" as never, improving: false, goalMet: null }] }),
    ).toThrow(`measure 1 has type "structure": use "outcome", "process" or "balancing"`);
    expect(() => suggestAssessmentScore({ ...started, changesTested: 1, measures: [outcome(true, true, -2)] })).toThrow(
      "measure 1 has monthsAtGoal -2: use a number of 0 or more",
    );
  });
});

describe("ASSESSMENT_SCALE and SCORING_THRESHOLDS", () => {
  it("ASSESSMENT_SCALE lists the ten levels 0.5 to 5.0 in order, each with a label and a description", () => {
    expect(ASSESSMENT_SCALE.map((level) => level.score)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect(ASSESSMENT_SCALE.map((level) => level.label)).toEqual([
      "Intent to participate",
      "Forming team",
      "Planning for the project has begun",
      "Activity, but no changes",
      "Changes tested, but no improvement",
      "Modest improvement",
      "Improvement",
      "Significant improvement",
      "Sustainable improvement",
      "Outstanding sustainable results",
    ]);
    for (const level of ASSESSMENT_SCALE) expect(level.description.length).toBeGreaterThan(40);
    expect(Object.isFrozen(ASSESSMENT_SCALE)).toBe(true);
  });

  it("SCORING_THRESHOLDS has one row per level, in the same order, each with its reasoning", () => {
    expect(SCORING_THRESHOLDS.map((row) => row.score)).toEqual(ASSESSMENT_SCALE.map((level) => level.score));
    for (const row of SCORING_THRESHOLDS) expect(row.reasoning.length).toBeGreaterThan(20);
  });

  it("keeps the goal shares and the sustained months in the table", () => {
    const byScore = new Map(SCORING_THRESHOLDS.map((row) => [row.score, row]));
    expect(byScore.get(3)?.minImprovingShare).toBe(0.2);
    expect(byScore.get(4)?.minGoalShare).toBe(0.5);
    expect(byScore.get(4.5)).toMatchObject({ minHeldGoalShare: 0.5, monthsAtGoalRequired: 6 });
    expect(byScore.get(5)).toMatchObject({ minGoalShare: 1, minHeldGoalShare: 1, monthsAtGoalRequired: 6 });
  });

  it("assessmentLabel(score) names a level; anything off the scale is refused", () => {
    expect(assessmentLabel(4)).toBe("Significant improvement");
    expect(assessmentLevel(0.5).description).toMatch(/signed up/);
    expect(() => assessmentLabel(3.2)).toThrow("score must be a level of the IHI scale (0.5, 1.0, 1.5 ... 5.0), got 3.2");
    let code: string | undefined;
    try {
      assessmentLabel(7);
    } catch (error) {
      code = error instanceof CoreError ? error.code : undefined;
    }
    expect(code).toBe("invalid_value");
  });
});

describe("evidenceFromCells(changesTested, measureTypes, improving, goalsMet, monthsAtGoal)", () => {
  it("reads one measure per row and skips rows with an empty type", () => {
    const evidence = evidenceFromCells(
      4,
      [["Outcome"], [""], [" process "], ["balancing"]],
      [[true], [null], [false], [""]],
      [[true], [null], [null], [false]],
      [[7], [null], [""], [0]],
    );
    expect(evidence).toEqual({
      teamFormed: true,
      aimSet: true,
      baselineReported: true,
      changesTested: 4,
      measures: [
        { name: "row 1", type: "outcome", improving: true, goalMet: true, monthsAtGoal: 7 },
        { name: "row 3", type: "process", improving: false, goalMet: null, monthsAtGoal: null },
        { name: "row 4", type: "balancing", improving: false, goalMet: false, monthsAtGoal: 0 },
      ],
    });
  });

  it("without measure rows, no baseline is reported", () => {
    expect(evidenceFromCells(0, [[""]], [[null]], [[null]]).baselineReported).toBe(false);
  });

  it("refuses ranges of different lengths, an unknown type and a bad count of changes", () => {
    expect(() => evidenceFromCells(1, [["outcome"], ["process"]], [[true]], [[true], [false]])).toThrow(
      "improving has 1 row but measureTypes has 2: give one row per measure in each range",
    );
    expect(() => evidenceFromCells(1, [["outcome"]], [[true]], [[true]], [[1], [2]])).toThrow(/monthsAtGoal has 2 rows/);
    expect(() => evidenceFromCells(1, [["structure"]], [[true]], [[true]])).toThrow(
      `measureTypes row 1 is 'structure': use "outcome", "process" or "balancing"`,
    );
    expect(() => evidenceFromCells(null, [["outcome"]], [[true]], [[true]])).toThrow(
      "changesTested must be a whole number of 0 or more (changes tested so far), got empty",
    );
  });
});

// The one evidence builder: each rule it decides, once for every door (QI.SCORE, the task pane, the
// data store). test/crossDoor.test.ts holds the three doors to the same answer.
describe("teamEvidence(input): the rules decided once for every door", () => {
  const falls = { id: "falls", name: "Falls", type: "outcome", kind: "count", improvementDirection: "decrease", goal: 2 } as const;
  const bundle = { id: "bundle", name: "Bundle", type: "process", kind: "percent", improvementDirection: "increase", goal: 90 } as const;
  const definition = { aim: "Zero falls", measures: [falls, bundle] };
  const at = (measureId: string, period: string, value: number | null, annotation: string | null = null): TeamPoint => ({ measureId, period, value, annotation });

  it("counts an annotation typed in another case or spacing as the same change, across months and measures", () => {
    const points = [at("falls", "2026-01", 4, "Checklist"), at("bundle", "2026-02", 80, " checklist  "), at("falls", "2026-03", 3, "CHECKLIST"), at("bundle", "2026-03", 85, "Hourly rounding"), at("falls", "2026-02", 3, "   ")];
    expect(teamEvidence({ definition, points, reportingMonth: "2026-03" }).changesTested).toBe(2);
    expect(changeKey("  Hourly   Rounding ")).toBe("hourly rounding");
  });

  it("ignores every month after the reporting month (values and annotations)", () => {
    const points = [at("falls", "2026-01", 1, "Checklist"), at("falls", "2026-02", 1), at("falls", "2026-03", 1), at("falls", "2026-04", 9, "Later change")];
    const evidence = teamEvidence({ definition, points, reportingMonth: "2026-03" });
    expect(evidence.changesTested).toBe(1);
    expect(evidence.measures[0]).toMatchObject({ goalMet: true, monthsAtGoal: 3 });
    expect(teamEvidence({ definition, points, reportingMonth: "2026-04" }).measures[0]).toMatchObject({ goalMet: false, monthsAtGoal: 0 });
  });

  it("sets the aim only when the collaborative's aim is not blank", () => {
    expect(teamEvidence({ definition: { ...definition, aim: "  " }, points: [], reportingMonth: "2026-03" }).aimSet).toBe(false);
    expect(teamEvidence({ definition, points: [], reportingMonth: "2026-03" }).aimSet).toBe(true);
  });

  it("reports the baseline when any measure has any value up to the month; no data gives no suggestion", () => {
    const input = { definition, points: [at("bundle", "2026-01", null), at("falls", "2026-05", 3)], reportingMonth: "2026-03" };
    expect(teamEvidence(input).baselineReported).toBe(false);
    expect(suggestTeamScore(input)).toBeNull();
    expect(teamEvidence({ ...input, reportingMonth: "2026-05" }).baselineReported).toBe(true);
  });

  it("keeps a required measure with no data as not improving and its goal not met; leaves out an optional one", () => {
    const optional = { ...bundle, id: "optional", name: "Optional", required: false };
    const evidence = teamEvidence({ definition: { ...definition, measures: [falls, bundle, optional] }, points: [at("falls", "2026-01", 1)], reportingMonth: "2026-01" });
    expect(evidence.measures.map((m) => [m.name, m.improving, m.goalMet, m.monthsAtGoal])).toEqual([
      ["Falls", false, false, 1],
      ["Bundle", false, false, 0],
    ]);
  });

  it("does not judge a neutral measure (any goal ignored) and leaves a measure without a goal out of the goal share", () => {
    const census = { id: "census", name: "Census", type: "process", kind: "count", improvementDirection: "neutral", goal: 100 } as const;
    const noGoal = { ...bundle, id: "no-goal", name: "No goal", goal: undefined };
    const rising = [1, 2, 3, 4, 5, 6].map((v, i) => `2026-0${i + 1}`);
    const points = rising.flatMap((period, i) => [at("census", period, 100 + i * 10), at("no-goal", period, 50 + i * 5, i === 2 ? "Huddles" : null)]);
    const evidence = teamEvidence({ definition: { aim: "x", measures: [census, noGoal] }, points, reportingMonth: "2026-06" });
    expect(evidence.measures).toEqual([
      { name: "Census", type: "process", improvementDirection: "neutral", improving: false, goalMet: null, monthsAtGoal: null },
      { name: "No goal", type: "process", improvementDirection: "increase", improving: true, goalMet: null, monthsAtGoal: null },
    ]);
    const reasons = suggestAssessmentScore(evidence).reasons;
    expect(reasons).toContain("1 of 1 outcome and process measures show improvement (a run-chart signal in the good direction, or the goal met): No goal.");
    expect(reasons).toContain("1 neutral measure (Census) has no better direction, so it is shown but not counted towards improvement or goals.");
  });

  it("works a value out from the counts by the measure's kind, else takes the value given", () => {
    const evidence = teamEvidence({
      definition: { aim: "x", measures: [bundle] },
      points: [{ measureId: "bundle", period: "2026-01", numerator: 45, denominator: 50, value: 12 }, { measureId: "bundle", period: "2026-02", value: 91 }, { measureId: "bundle", period: "2026-03", numerator: 46, denominator: 50 }],
      reportingMonth: "2026-03",
    });
    expect(evidence.measures[0]).toMatchObject({ goalMet: true, monthsAtGoal: 3 }); // 90, 91, 92
  });

  it("reads improvement by the collaborative's rule set and names it in the reasons", () => {
    const months = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"];
    const series = [44, 47, 40, 51, 45, 50, 42, 47, 64, 65, 56, 69, 51, 65];
    const points = months.map((period, i) => at("bundle", period, series[i]!));
    const read = (ruleSet: RuleSet) => teamEvidence({ definition: { aim: "x", ruleSet, measures: [{ ...bundle, goal: undefined }] }, points, reportingMonth: "2026-02" });
    expect([read("ihi"), read("anhoej"), read("mdc")].map((e) => [e.ruleSet, e.measures[0]!.improving])).toEqual([
      ["ihi", true],
      ["anhoej", true],
      ["mdc", false],
    ]);
    expect(suggestAssessmentScore(read("mdc")).reasons.at(-1)).toMatch(/^Run charts are read by the Making Data Count rules: on an XmR chart: /);
  });

  it("refuses a bad month, an unknown measure and a month given twice, naming the point", () => {
    expect(() => teamEvidence({ definition, points: [], reportingMonth: "March" })).toThrow(`reportingMonth must be a month written YYYY-MM (e.g. 2026-03), got "March"`);
    expect(() => teamEvidence({ definition, points: [at("slips", "2026-01", 1)], reportingMonth: "2026-03" })).toThrow(`point 1 (slips, 2026-01): "slips" is not a measure of the collaborative`);
    expect(() => teamEvidence({ definition, points: [at("falls", "2026-01", 1), at("falls", "2026-01", 2)], reportingMonth: "2026-03" })).toThrow(
      "point 2 (falls, 2026-01): the month is given twice for this measure; keep one row per measure and month",
    );
    expect(() => teamEvidence({ definition, points: [at("falls", "2026-1", 1)], reportingMonth: "2026-03" })).toThrow(CoreError);
  });
});

describe("readRunChart(values, ruleSet, direction): one series, three rule sets", () => {
  const series = [44, 47, 40, 51, 45, 50, 42, 47, 64, 65, 56, 69, 51, 65];

  it("IHI: a shift above the median (the useful points of it), read as improvement when higher is better", () => {
    const reading = readRunChart(series, "ihi", "increase");
    expect(reading).toMatchObject({ ruleSet: "ihi", centerLine: 50.5, lpl: null, upl: null, improving: true });
    expect(reading.signals).toEqual([{ rule: "shift", points: [8, 9, 10, 11, 12, 13], side: "high", meaning: "improvement" }]);
    expect(readRunChart(series, "ihi", "decrease").signals[0]!.meaning).toBe("concern");
    expect(readRunChart(series, "ihi", "neutral")).toMatchObject({ improving: false, signals: [{ meaning: "neutral" }] });
  });

  it("Anhøj: too few crossings (a whole-chart signal sided by the latest useful point), and a long run on its side", () => {
    expect(readRunChart(series, "anhoej", "increase").signals).toEqual([{ rule: "too few crossings", points: [], side: "high", meaning: "improvement" }]);
    // 16 useful points about the median 10.5: 8 below then 8 above, each longer than round(log2(16)) + 3 = 7
    const longRun = readRunChart([1, 2, 1, 2, 1, 2, 1, 10, 11, 12, 13, 14, 15, 16, 17, 18], "anhoej", "decrease");
    expect(longRun.signals.filter((s) => s.rule === "long run").map((s) => [s.points.length, s.side, s.meaning])).toEqual([
      [8, "low", "improvement"],
      [8, "high", "concern"],
    ]);
  });

  it("Making Data Count: labels grouped into signals, the XmR mean and limits", () => {
    const reading = readRunChart(series, "mdc", "increase");
    expect(reading.signals).toEqual([{ rule: "7 points on one side", points: [0, 1, 2, 3, 4, 5, 6, 7], side: "low", meaning: "concern" }]);
    expect(reading.centerLine).toBeCloseTo(52.571, 3);
    expect(reading.lpl! < 44 && reading.upl! > 69).toBe(true);
    expect(reading.improving).toBe(false);
  });

  it("missing months are never points of a signal; an empty series has none", () => {
    const gappy = [...series.slice(0, 10), null, ...series.slice(10)];
    expect(readRunChart(gappy, "ihi", "increase").signals[0]!.points).toEqual([8, 9, 11, 12, 13, 14]);
    for (const ruleSet of ["ihi", "anhoej", "mdc"] as const) expect(readRunChart([], ruleSet, "increase")).toMatchObject({ centerLine: null, signals: [], improving: false });
  });

  it("isImproving(values, direction, { ruleSet }) is readRunChart's improving", () => {
    for (const ruleSet of ["ihi", "anhoej", "mdc"] as const) expect(isImproving(series, "increase", { ruleSet })).toBe(readRunChart(series, ruleSet, "increase").improving);
  });
});
