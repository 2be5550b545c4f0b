// One team's data through the three doors: QI.SCORE as Excel calls it (ranges as arrays of rows, a
// single cell as a 1×1 matrix, omitted arguments as null), the task pane's path from sheet readings
// (core's readMeasureSheet -> qiCore.teamInputFromReadings -> suggestTeamScore), and the data
// store's faculty read of the stored points (GET …/suggestion and the score PUT's `suggested`, over
// app.request() against a real SQLite store). The three suggestions and their reasons must be
// identical: every door only gathers the input of core's one evidence builder (teamEvidence).
//
// The data set holds each case the rules had to decide: annotations in two cases ("Checklist" and
// "checklist "), a month after the reporting month (with a value that would change the suggestion
// and an annotation that would add a change), a neutral measure, a measure without a goal, an optional
// measure with no data, the reporting month's narrative, and a PDSA log kept by hand (a cycle of a
// change also annotated, one more change, and a cycle started after the reporting month).
import { CollaborativeDefinition, RULE_SETS, ScoreSaved, ScoreSuggestion, type SubmissionInput } from "../src/core/index";
import * as QI from "../src/functions/functions";
import { defaultQiCore, type SheetForMeasure } from "../src/taskpane/qiCore";
import { call, makeWorld, type World } from "./server/helpers";

const DEFINITION = CollaborativeDefinition.parse({
  id: "sepsis",
  name: "Sepsis Collaborative",
  aim: "Antibiotics within one hour for 95% of patients with sepsis",
  startMonth: "2025-09",
  endMonth: "2026-12",
  lockAfterDays: 0,
  ruleSet: "ihi",
  measures: [
    { id: "abx-1h", name: "Antibiotics within 1 hour", type: "process", kind: "percent", improvementDirection: "increase", goal: 95 },
    { id: "mortality", name: "Sepsis mortality per 1,000 admissions", type: "outcome", kind: "rate", multiplier: 1000, improvementDirection: "decrease", goal: 2 },
    { id: "screened", name: "Patients screened", type: "process", kind: "count", improvementDirection: "neutral" },
    { id: "lactate", name: "Lactate within 3 hours", type: "process", kind: "percent", improvementDirection: "increase" },
    { id: "readmissions", name: "Readmissions", type: "balancing", kind: "count", improvementDirection: "decrease", required: false },
  ],
});

const REPORTING_MONTH = "2026-06";
const NARRATIVE = "Checklist at triage; audit feedback to the wards";

/** One row per measure and month: [measureId, period, numerator, denominator, annotation]. */
type Row = [string, string, number, number | null, string | null];
const MONTHS = ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];
const abx = [60, 62, 58, 61, 59, 70, 74, 80, 96, 97];
const mortality = [6, 5, 6, 5, 6, 4, 3, 2, 2, 1];
const screened = [120, 130, 125, 140, 150, 160, 150, 170, 180, 175];
const lactate = [40, 42, 41, 45, 50, 55, 60, 62, 66, 70];
const ROWS: Row[] = [
  ...MONTHS.map((period, i): Row => ["abx-1h", period, abx[i]!, 100, period === "2026-02" ? "Checklist" : null]),
  ...MONTHS.map((period, i): Row => ["mortality", period, mortality[i]!, 1000, period === "2026-03" ? "checklist " : period === "2026-04" ? "Audit feedback" : null]),
  ...MONTHS.map((period, i): Row => ["screened", period, screened[i]!, null, null]),
  ...MONTHS.map((period, i): Row => ["lactate", period, lactate[i]!, 100, null]),
  // after the reporting month: a miss that would break the goal held, and a new change
  ["abx-1h", "2026-07", 20, 100, "A change tested after the month scored"],
  ["mortality", "2026-07", 9, 1000, null],
];

/** The team's PDSA log as kept by hand (measures by name, as every door can match them). */
const PDSA_LOG = [
  ["Cycle", "Change idea", "Measures", "Start date", "End date", "Decision"],
  ["1", "checklist", "Antibiotics within 1 hour", "2026-02-03", "2026-02-24", "adapt"],
  ["2", "Lactate bundle card", "Lactate within 3 hours", "2026-05-04", "", "continue"],
  ["3", "Escalation call", "Sepsis mortality per 1,000 admissions", "2026-07-01", "", ""],
];

/** The value each measure's Value column shows (=B2/C2*100 for percent, *1000 for the rate). */
function valueOf([measureId, , numerator, denominator]: Row): number {
  const measure = DEFINITION.measures.find((m) => m.id === measureId)!;
  return measure.kind === "count" ? numerator : ((measure.kind === "percent" ? 100 : measure.multiplier!) * numerator) / denominator!;
}


function throughQiScore(definition: CollaborativeDefinition) {
  // The sheet a data lead builds: a data table (Measure, Month, Value, Annotation) and a measure table
  // (Measure, Type, Direction, Goal, Required), the aim's cell, the rule set's cell, the narrative's cell.
  const nameOf = (id: string) => definition.measures.find((m) => m.id === id)!.name;
  const data = ROWS.map((row) => [nameOf(row[0]), row[1], valueOf(row), row[4] ?? ""]);
  const measures = definition.measures.map((m) => [m.name, m.type, m.improvementDirection, m.goal ?? "", m.required]);
  const args: [unknown[][], unknown[][], unknown[][], unknown[][], unknown[][], unknown[][], unknown[][]] = [data, measures, [[REPORTING_MONTH]], [[definition.aim]], [[definition.ruleSet]], [[NARRATIVE]], PDSA_LOG];
  return { score: QI.score(...args), label: QI.scoreLabel(QI.score(...args)), reasons: QI.scoreReasons(...args).map((r) => r[0]) };
}

function throughThePane(definition: CollaborativeDefinition) {
  // Each measure's sheet as "Create sheet" lays it out (Month, Numerator, Denominator, Annotation), read by core.
  const sheets: SheetForMeasure[] = definition.measures.map((measure) => ({
    measureId: measure.id,
    reading: defaultQiCore.readMeasureSheet({
      sheetName: measure.name.slice(0, 31),
      values: [["Month", "Numerator", "Denominator", "Annotation"], ...ROWS.filter((r) => r[0] === measure.id).map((r) => [r[1], r[2], r[3] ?? "", r[4] ?? ""])],
      measure,
    }),
  }));
  const log = defaultQiCore.readPdsaLog({ sheetName: "PDSA log", values: PDSA_LOG, measures: definition.measures });
  if (log.issues.length > 0) throw new Error(`the pane found issues in the log: ${log.issues.map((i) => i.message).join("; ")}`);
  const suggestion = defaultQiCore.suggestTeamScore(defaultQiCore.teamInputFromReadings(definition, sheets, REPORTING_MONTH, { narrativeChanges: NARRATIVE, cycles: log.cycles }));
  if (suggestion === null) throw new Error("the pane made no suggestion");
  return suggestion;
}

async function throughTheDataStore(w: World) {
  const base = "/api/v1/collaboratives/sepsis";
  const points = (upTo: (period: string) => boolean): SubmissionInput["points"] =>
    ROWS.filter((r) => upTo(r[1])).map(([measureId, period, numerator, denominator, annotation]) => ({
      measureId,
      period,
      numerator,
      ...(denominator === null ? {} : { denominator }),
      ...(annotation === null ? {} : { annotation }),
    }));
  const send = async (body: SubmissionInput) => {
    const reply = await call(w.app, "POST", `${base}/submissions`, { token: w.tokens.alpha, body });
    if (reply.status !== 201) throw new Error(`setup report refused: ${reply.text}`);
  };
  // the log as the pane sends it: every cycle read from it
  const cycles = defaultQiCore.readPdsaLog({ sheetName: "PDSA log", values: PDSA_LOG, measures: DEFINITION.measures }).cycles;
  await send({ reportingMonth: REPORTING_MONTH, points: points((p) => p <= REPORTING_MONTH), narrative: { changesTested: NARRATIVE, lessons: "", barriers: "", helpWanted: "" }, cycles });
  await send({ reportingMonth: "2026-07", points: points((p) => p > REPORTING_MONTH), narrative: { changesTested: "", lessons: "", barriers: "", helpWanted: "" } });
  const read = ScoreSuggestion.parse((await call(w.app, "GET", `${base}/teams/alpha/suggestion?period=${REPORTING_MONTH}`, { token: w.tokens.faculty })).json);
  const saved = ScoreSaved.parse((await call(w.app, "PUT", `${base}/teams/alpha/scores/${REPORTING_MONTH}`, { token: w.tokens.faculty, body: { score: 3, rationale: "changes tested" } })).json);
  return { read: read.suggested, saved: saved.suggested };
}

describe("one truth: the same team data give the same suggestion in cells, in the task pane and on the faculty page", () => {
  const worlds = new Map<string, World>();
  afterAll(async () => {
    for (const w of worlds.values()) await w.close();
  });

  it.each(["ihi", "anhoej", "mdc"] as const)(
    "ruleSet %s: QI.SCORE, the pane's path from sheet readings and the data store's faculty read agree on score, label and reasons",
    async (ruleSet) => {
      const definition = { ...DEFINITION, ruleSet };
      const w = await makeWorld({ collaborative: definition, now: "2026-08-05T10:00:00.000Z" });
      worlds.set(ruleSet, w);
      const cells = throughQiScore(definition);
      const pane = throughThePane(definition);
      const store = await throughTheDataStore(w);
      expect(pane).toEqual(cells);
      expect(store.read).toEqual(cells);
      expect(store.saved).toEqual(cells);
      expect(cells.reasons[cells.reasons.length - 1]).toMatch(new RegExp(`^Run charts are read by the ${RULE_SETS[ruleSet].name}: `));
    },
  );

  it("and the answer is the one the decided rules give", () => {
    const { score, label, reasons } = throughThePane(DEFINITION);
    // "Checklist" (abx-1h, February), "checklist " (mortality, March) and PDSA cycle 1 "checklist" are
    // one change; "Audit feedback" is the second; cycle 2 "Lactate bundle card" the third; July's
    // annotation and cycle 3 (started in July) are after the month scored
    expect(reasons).toContain("3 changes tested.");
    // the neutral measure is shown but not judged; the measure without a goal counts towards improvement only
    expect(reasons).toContain(
      "1 neutral measure (Patients screened) has no better direction, so it is shown but not counted towards improvement or goals.",
    );
    expect(reasons).toContain("1 of 2 goals met (50%)."); // mortality (the goal of 2 met the last 3 months); antibiotics at 80, 96, 97 not yet
    expect(reasons).toContain(
      "3 of 3 outcome and process measures show improvement (a run-chart signal in the good direction, or the goal met): Antibiotics within 1 hour, Sepsis mortality per 1,000 admissions, Lactate within 3 hours.",
    );
    // the optional balancing measure without data is left out of the evidence
    expect(reasons.join(" ")).not.toMatch(/balancing/);
    expect(reasons[reasons.length - 1]).toMatch(/^Run charts are read by the IHI rules: /);
    expect({ score, label }).toEqual({ score: 4, label: "Significant improvement" });
  });
});
