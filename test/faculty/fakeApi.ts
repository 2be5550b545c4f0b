// A fake data store for the faculty app's component tests: every answer is built as core's type and
// parsed with core's schema before the app sees it, so a fixture that drifts from the contract fails
// here rather than testing a shape the server never sends.
import {
  CollaborativeList,
  CollaborativeView,
  Completeness,
  Conflict,
  FunnelResponse,
  funnelPlot,
  CyclesResponse,
  Me,
  RemindersResponse,
  RunChartsResponse,
  ScoreSaved,
  ScoresResponse,
  ScoreSuggestion,
  TeamTimeline,
  type ScoreInput,
} from "../../src/core/index";
import type { FacultyApi } from "../../src/faculty/api";
import { fixtureCollaborative } from "../support/fixtureCollaborative";
import { ApiFailure } from "../../src/web/api/index";

export const FACULTY = "qi_faculty";
export const TEAM = "qi_team";
export const ADMIN = "qi_admin";

const MONTHS = ["2026-01", "2026-02", "2026-03"];

const base = fixtureCollaborative();
export const collaborative = CollaborativeView.parse({
  ...base,
  measures: base.measures.filter((m) => m.id === "abx-1h" || m.id === "readmissions"),
  teams: [
    { id: "alpha", name: "Alpha Hospital", organisation: "Alpha Health", own: false },
    { id: "bravo", name: "Bravo Clinic", organisation: "", own: false },
  ],
  teamCount: 2,
});

export const completeness = Completeness.parse({
  collaborativeId: "sepsis",
  asOf: "2026-04-20",
  months: [
    { period: "2026-01", dueDate: "2026-02-15", expected: 2, received: 2, onTime: 2, late: 0, missing: 0, notDue: 0 },
    { period: "2026-02", dueDate: "2026-03-15", expected: 2, received: 2, onTime: 1, late: 1, missing: 0, notDue: 0 },
    { period: "2026-03", dueDate: "2026-04-15", expected: 2, received: 1, onTime: 1, late: 0, missing: 1, notDue: 0 },
  ],
  teams: [
    {
      teamId: "alpha",
      teamName: "Alpha Hospital",
      expected: 3,
      received: 3,
      onTime: 3,
      late: 0,
      missing: 0,
      cells: MONTHS.map((period, i) => ({ period, status: "on_time", revision: 1, firstReceivedAt: `2026-0${i + 2}-10T09:00:00.000Z` })),
    },
    {
      teamId: "bravo",
      teamName: "Bravo Clinic",
      expected: 3,
      received: 2,
      onTime: 1,
      late: 1,
      missing: 1,
      cells: [
        { period: "2026-01", status: "on_time", revision: 1, firstReceivedAt: "2026-02-01T09:00:00.000Z" },
        { period: "2026-02", status: "late", revision: 2, firstReceivedAt: "2026-03-20T09:00:00.000Z" },
        { period: "2026-03", status: "missing", revision: null, firstReceivedAt: null },
      ],
    },
  ],
});

const point = (period: string, value: number | null, annotation: string | null = null) => ({ period, value, annotation });

export const runcharts = RunChartsResponse.parse({
  collaborativeId: "sepsis",
  ruleSet: "ihi",
  rules: { name: "IHI rules", centerLine: "median", description: "a shift (6 or more points in a row on one side of the median)" },
  months: MONTHS,
  measures: [
    {
      measureId: "abx-1h",
      name: "Antibiotics within 1 hour",
      unit: "%",
      goal: 95,
      improvementDirection: "increase",
      series: [
        {
          teamId: "alpha",
          teamLabel: "Alpha Hospital",
          own: false,
          points: [point("2026-01", 60), point("2026-02", 72.5, "Sepsis huddle started"), point("2026-03", 96)],
          centerLine: 72.5,
          lpl: null,
          upl: null,
          signals: [{ rule: "trend", points: [0, 1, 2], side: "high", meaning: "improvement" }],
          improving: true,
        },
        {
          teamId: "bravo",
          teamLabel: "Bravo Clinic",
          own: false,
          points: [point("2026-01", 50), point("2026-02", 55), point("2026-03", null)],
          centerLine: 52.5,
          lpl: null,
          upl: null,
          signals: [],
          improving: false,
        },
      ],
      aggregate: [],
    },
    {
      measureId: "readmissions",
      name: "Readmissions",
      unit: null,
      goal: null,
      improvementDirection: "decrease",
      series: [
        { teamId: "alpha", teamLabel: "Alpha Hospital", own: false, points: [point("2026-01", 4), point("2026-02", 3), point("2026-03", 5)], centerLine: 4, lpl: null, upl: null, signals: [], improving: false },
        { teamId: "bravo", teamLabel: "Bravo Clinic", own: false, points: [point("2026-01", 2), point("2026-02", 1), point("2026-03", null)], centerLine: 1.5, lpl: null, upl: null, signals: [], improving: false },
      ],
      aggregate: [],
    },
  ],
});

export function scores(faculty: { teamId: string; period: string; score: number; rationale: string }[] = []): ScoresResponse {
  const months = MONTHS.map((period) => {
    const scored = faculty.filter((f) => f.period === period);
    const atLeast4 = scored.filter((f) => f.score >= 4).length;
    return { period, teamsScored: scored.length, teamsAtLeast4: atLeast4, percentAtLeast4: scored.length ? (100 * atLeast4) / scored.length : null, teamsTotal: 2 };
  });
  return ScoresResponse.parse({
    collaborativeId: "sepsis",
    teamsTotal: 2,
    months,
    scores: faculty.map((f) => ({
      teamId: f.teamId,
      teamName: f.teamId === "alpha" ? "Alpha Hospital" : "Bravo Clinic",
      period: f.period,
      faculty: { score: f.score, rationale: f.rationale, recordedAt: "2026-04-16T10:00:00.000Z", by: "faculty" },
      self: null,
    })),
  });
}

/** The reminder ledger without SMTP: two would-send reminders, one without anyone to send it to. */
export const reminders = RemindersResponse.parse({
  collaborativeId: "sepsis",
  smtpConfigured: false,
  reminders: [
    { key: "late:sepsis:bravo:2026-03", kind: "late", collaborativeId: "sepsis", teamId: "bravo", period: "2026-03", recipients: [], subject: "Sepsis Collaborative: the March 2026 report of Bravo Clinic is late (it was due 15 April 2026)", text: "Hello Bravo Clinic team,", status: "would-send", error: "team bravo has no contacts: add one (name, e-mail) to the team so its reminders can go", attempts: 1, createdAt: "2026-04-16T00:05:00.000Z", updatedAt: "2026-04-16T00:05:00.000Z" },
    { key: "due:sepsis:bravo:2026-03", kind: "due", collaborativeId: "sepsis", teamId: "bravo", period: "2026-03", recipients: ["lead@bravo.example"], subject: "Sepsis Collaborative: the March 2026 report of Bravo Clinic is due in 3 days (15 April 2026)", text: "Hello Bravo Clinic team,", status: "would-send", error: null, attempts: 1, createdAt: "2026-04-12T00:05:00.000Z", updatedAt: "2026-04-12T00:05:00.000Z" },
  ],
});

export const SUGGESTED = { score: 3.5, label: "Improvement", reasons: ["1 of 2 goals met (50%).", "Run charts are read by the IHI rules."] };

/** Each team's abx-1h numerator and denominator per month, for the fake funnel (alpha 96%, bravo 55%). */
const ABX_COUNTS: Record<string, Array<{ id: string; label: string; numerator: number; denominator: number }>> = {
  "2026-02": [
    { id: "alpha", label: "Alpha Hospital", numerator: 29, denominator: 40 },
    { id: "bravo", label: "Bravo Clinic", numerator: 22, denominator: 40 },
  ],
  "2026-03": [{ id: "alpha", label: "Alpha Hospital", numerator: 48, denominator: 50 }],
};

/** The funnel the server would answer, its limits from core's funnelPlot (the one computation). */
export function fakeFunnel(measureId: string, period: string, overdispersion: boolean): FunnelResponse {
  const teams = measureId === "abx-1h" ? (ABX_COUNTS[period] ?? []) : [];
  const plot = funnelPlot(teams, { measure: "proportion", scale: 100, adjustForOverdispersion: overdispersion });
  const od = plot.overdispersion;
  return FunnelResponse.parse({
    collaborativeId: "sepsis",
    measureId,
    name: "Antibiotics within 1 hour",
    unit: "%",
    improvementDirection: "increase",
    period,
    measure: "proportion",
    scale: 100,
    target: teams.length ? plot.target : null,
    method: "exact",
    limitsFrom: plot.limitsFrom,
    overdispersion: od && { phi: od.phi, tau2: od.tau2, dispersion: od.dispersion, dispersionExpected: od.dispersionExpected, teamCount: od.teamCount },
    teams: plot.teams.map((t) => ({ ...t, teamId: t.id, teamLabel: teams.find((x) => x.id === t.id)?.label, own: false })),
    curve: plot.curve,
    teamsWithoutDenominator: 0,
  });
}

export const ALPHA_TIMELINE = TeamTimeline.parse({
  collaborativeId: "sepsis",
  teamId: "alpha",
  teamName: "Alpha Hospital",
  months: [
    { period: "2026-01", narrative: { changesTested: "Sepsis screening in triage", lessons: "Night shift missed the screen", barriers: "", helpWanted: "Triage scripts" }, narrativeRevision: 1, self: { score: 2, rationale: "", recordedAt: "2026-02-10T09:00:00.000Z", by: "alpha data lead" }, faculty: { score: 2.5, rationale: "Screening tested on one ward", recordedAt: "2026-02-20T09:00:00.000Z", by: "faculty" }, suggested: { score: 2, label: "Activity, but no changes", reasons: ["No change tested yet."] } },
    { period: "2026-02", narrative: { changesTested: "Sepsis huddle started", lessons: "", barriers: "Pharmacy delays", helpWanted: "" }, narrativeRevision: 2, self: null, faculty: null, suggested: { score: 2.5, label: "Changes tested, but no improvement", reasons: ["1 change tested."] } },
    { period: "2026-03", narrative: null, narrativeRevision: null, self: null, faculty: null, suggested: SUGGESTED },
  ],
});

/** Alpha's PDSA log: one cycle of abx-1h that started in January and ended in March, one still running, one of another measure. */
export const cycles = CyclesResponse.parse({
  collaborativeId: "sepsis",
  cycles: [
    { teamId: "alpha", cycleId: "1", changeIdea: "Sepsis screen at triage", measureIds: ["abx-1h"], prediction: "", startDate: "2026-01-12", endDate: "2026-03-06", whatHappened: "", decision: "adopt", revision: 1, submissionId: "s1", receivedAt: "2026-03-10T09:00:00.000Z" },
    { teamId: "alpha", cycleId: "2", changeIdea: "Antibiotic grab bag", measureIds: ["abx-1h", "readmissions"], prediction: "", startDate: "2026-02-16", endDate: null, whatHappened: "", decision: null, revision: 1, submissionId: "s1", receivedAt: "2026-03-10T09:00:00.000Z" },
    { teamId: "alpha", cycleId: "3", changeIdea: "Discharge call", measureIds: ["readmissions"], prediction: "", startDate: "2026-02-01", endDate: null, whatHappened: "", decision: null, revision: 1, submissionId: "s1", receivedAt: "2026-03-10T09:00:00.000Z" },
  ],
});

/** The fake, with every call recorded; `saveFails` makes the next save answer 422 with a conflict. */
export function fakeApi(token: string, state: { saved: ScoreInput[]; faculty: Parameters<typeof scores>[0]; saveFails?: boolean; csv?: string }): FacultyApi {
  const refuse = () => new ApiFailure("unauthorized", "The token was not accepted: paste the faculty token again, or ask the admin for a new one.", { status: 401, code: "UNAUTHENTICATED" });
  const known = [FACULTY, TEAM, ADMIN];
  const guard = async () => {
    if (!known.includes(token)) throw refuse();
  };
  const { teams: _teams, teamCount: _count, ...definition } = collaborative;
  return {
    me: async () => {
      await guard();
      if (token === TEAM) return Me.parse({ role: "team", tokenLabel: "alpha", team: { id: "alpha", name: "Alpha Hospital", organisation: "" }, collaborative: definition });
      if (token === ADMIN) return Me.parse({ role: "admin", tokenLabel: "admin", team: null, collaborative: null });
      return Me.parse({ role: "faculty", tokenLabel: "faculty", team: null, collaborative: definition });
    },
    collaboratives: async () =>
      CollaborativeList.parse({
        collaboratives: [
          { id: "other", name: "Other Collaborative", startMonth: "2026-01", endMonth: "2026-12", sharing: "named", teamCount: 0 },
          { id: "sepsis", name: "Sepsis Collaborative", startMonth: "2026-01", endMonth: "2026-12", sharing: "named", teamCount: 2 },
        ],
      }),
    collaborative: async () => collaborative,
    completeness: async () => completeness,
    runcharts: async () => runcharts,
    reminders: async () => reminders,
    cycles: async () => cycles,
    scores: async () => scores(state.faculty),
    suggestion: async (_id, teamId, period) => ScoreSuggestion.parse({ collaborativeId: "sepsis", teamId, period, ruleSet: "ihi", suggested: teamId === "bravo" ? null : SUGGESTED }),
    saveScore: async (_id, teamId, period, input) => {
      if (state.saveFails) {
        throw new ApiFailure("validation", "Period is locked.", { status: 422, code: "VALIDATION", conflicts: [Conflict.parse({ code: "PERIOD_LOCKED", path: ["period"], measureId: null, period, message: "2026-03 is locked: an admin can reopen it" })] });
      }
      state.saved.push(input);
      state.faculty = [...(state.faculty ?? []).filter((f) => !(f.teamId === teamId && f.period === period)), { teamId, period, score: input.score, rationale: input.rationale }];
      return ScoreSaved.parse({ collaborativeId: "sepsis", teamId, period, score: input.score, rationale: input.rationale, recordedAt: "2026-04-20T10:00:00.000Z", by: "faculty", suggested: SUGGESTED });
    },
    funnel: async (_id, measureId, period, options = {}) => fakeFunnel(measureId, period, options.overdispersion === true),
    timeline: async (_id, teamId) => (teamId === "alpha" ? ALPHA_TIMELINE : TeamTimeline.parse({ collaborativeId: "sepsis", teamId, teamName: "Bravo Clinic", months: [] })),
    exportCsv: async () => new Blob([state.csv ?? "period,team\n"], { type: "text/csv" }),
    exportXlsx: async () => new Blob(["PK"], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
  };
}
