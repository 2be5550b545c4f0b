// Cycles in the contract, in the suggested score's "changes tested", and on run charts.
import { checkSubmission, countChangesTested, cycleMarks, PdsaCycle, SubmissionInput, teamEvidence, type PdsaCycle as Cycle } from "../../../src/core/index";
import { fixtureCollaborative } from "../../support/fixtureCollaborative";

const cycle = (over: Partial<Cycle> = {}): Cycle => ({
  cycleId: "1",
  changeIdea: "Safety huddle",
  measureIds: ["falls"],
  prediction: "",
  startDate: "2026-02-03",
  endDate: "2026-02-27",
  whatHappened: "",
  decision: "adapt",
  ...over,
});

describe("PdsaCycle and SubmissionInput.cycles", () => {
  it("accept a running cycle and fill the optional texts", () => {
    expect(PdsaCycle.parse({ cycleId: " 2a ", changeIdea: "Huddle", measureIds: [], startDate: "2026-03-01", endDate: null, decision: null })).toEqual({
      cycleId: "2a",
      changeIdea: "Huddle",
      measureIds: [],
      prediction: "",
      startDate: "2026-03-01",
      endDate: null,
      whatHappened: "",
      decision: null,
    });
  });

  it("refuse an end before the start, an ended cycle without a decision, a bad day, naming the field", () => {
    const issues = (over: Partial<Cycle>) => PdsaCycle.safeParse(cycle(over)).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ endDate: "2026-02-01" })).toEqual(["endDate: the cycle ends (2026-02-01) before it starts (2026-02-03)"]);
    expect(issues({ decision: null })).toEqual(["decision: the cycle has ended: say adopt, adapt, abandon or continue"]);
    expect(issues({ startDate: "2026-02-30" })).toEqual(["startDate: use a date written YYYY-MM-DD, e.g. 2026-03-15"]);
    expect(issues({ decision: "spread" as Cycle["decision"] })?.[0]).toMatch(/^decision: /);
  });

  it("refuse a cycle label twice in one report (case and spacing ignored) and more than 500 cycles", () => {
    const report = (cycles: Cycle[]) => SubmissionInput.safeParse({ reportingMonth: "2026-03", points: [], cycles });
    expect(report([cycle(), cycle({ cycleId: " 1" })]).error?.issues.map((i) => [i.path, i.message])).toEqual([[["cycles", 1, "cycleId"], 'cycle "1" is already cycle 1 of this report: give each cycle its own label']]);
    expect(report(Array.from({ length: 501 }, (_, i) => cycle({ cycleId: String(i) }))).error?.issues[0]?.message).toBe("send at most 500 cycles in one report");
    expect(report([cycle()]).success).toBe(true);
  });

  it("checkSubmission refuses a cycle naming a measure outside the set, on its path", () => {
    const collaborative = fixtureCollaborative();
    const measureId = collaborative.measures[0]!.id;
    const conflicts = checkSubmission({ reportingMonth: "2026-03", points: [], cycles: [cycle({ measureIds: [measureId, "nope"] })] }, collaborative, { asOf: "2026-04-05" }).filter((c) => c.code === "UNKNOWN_MEASURE");
    expect(conflicts).toEqual([
      { path: ["cycles", 0, "measureIds", 1], measureId: "nope", period: null, code: "UNKNOWN_MEASURE", message: 'cycle "1" names measure "nope", which is not in this collaborative\'s measure set', severity: "error" },
    ]);
  });
});

describe("countChangesTested: cycles count, defined once", () => {
  it("counts distinct change ideas of cycles started by the end of the month, with annotations, case-folded", () => {
    const cycles = [cycle(), cycle({ cycleId: "1b", changeIdea: "safety HUDDLE", startDate: "2026-03-01" }), cycle({ cycleId: "2", changeIdea: "Bed alarms", startDate: "2026-03-31" }), cycle({ cycleId: "3", changeIdea: "Teach-back", startDate: "2026-04-01" })];
    expect(countChangesTested({ annotations: [], cycles, reportingMonth: "2026-03" })).toBe(2);
    expect(countChangesTested({ annotations: ["Bed alarms", "Rounding"], cycles, reportingMonth: "2026-02" })).toBe(3);
    expect(countChangesTested({ annotations: [" "], cycles: [], reportingMonth: "2026-03", narrativeChanges: "" })).toBe(0);
  });

  it("teamEvidence(input).changesTested counts the cycles, so a team testing changes only in its log reaches 'changes tested'", () => {
    const definition = { aim: "Fewer falls", measures: [{ id: "falls", name: "Falls", type: "outcome" as const, kind: "count" as const, improvementDirection: "decrease" as const }] };
    const points = [{ measureId: "falls", period: "2026-02", value: 4 }, { measureId: "falls", period: "2026-03", value: 3 }];
    expect(teamEvidence({ definition, points, reportingMonth: "2026-03" }).changesTested).toBe(0);
    expect(teamEvidence({ definition, points, reportingMonth: "2026-03", cycles: [cycle(), cycle({ cycleId: "2", changeIdea: "Bed alarms" })] }).changesTested).toBe(2);
  });
});

describe("cycleMarks(cycles, months, measureId)", () => {
  const months = ["2026-01", "2026-02", "2026-03"];
  it("marks starts and ends on the chart's months, only for the cycles of that measure", () => {
    const marks = cycleMarks([cycle(), cycle({ cycleId: "2", changeIdea: "Bed alarms", startDate: "2026-03-02", endDate: null, decision: null }), cycle({ cycleId: "x", measureIds: ["other"] })], months, "falls");
    expect(marks.map((m) => [m.kind, m.period, m.index, m.label])).toEqual([
      ["start", "2026-02", 1, "C1 start: Safety huddle"],
      ["end", "2026-02", 1, "C1 end (adapt): Safety huddle"],
      ["start", "2026-03", 2, "C2 start: Bed alarms"],
    ]);
  });
  it("leaves out a start or end outside the chart", () => {
    expect(cycleMarks([cycle({ startDate: "2025-12-01", endDate: "2026-04-02" })], months, "falls")).toEqual([]);
  });
});
