// Reminders in core: which team reminders are due on a day, the weekly digest's "new" and "moved",
// the team's backlog, and the message texts.
import {
  isoWeekOf,
  teamBacklog,
  teamReminderMessage,
  teamRemindersDue,
  weeklyDigest,
  weeklyDigestMessage,
  type CollaborativeDefinition,
  type PeriodEventInput,
  type Team,
  type TeamPoint,
} from "../../src/core/index";

const collab = {
  id: "sepsis",
  name: "Sepsis",
  aim: "Fewer falls",
  startMonth: "2026-01",
  endMonth: "2026-12",
  dueDay: 15,
  lockAfterDays: 60,
  ruleSet: "ihi" as const,
  measures: [{ id: "falls", name: "Falls", type: "outcome" as const, kind: "count" as const, improvementDirection: "decrease" as const, operationalDefinition: "", required: true }],
} satisfies Partial<CollaborativeDefinition>;
const alpha: Team = { id: "alpha", name: "Alpha", organisation: "" };

function due(today: string, over: { teams?: Team[]; received?: (t: string, m: string) => boolean; events?: Map<string, PeriodEventInput>; collab?: Partial<typeof collab> & { remindersEnabled?: boolean; reminderDaysBefore?: number } } = {}) {
  return teamRemindersDue({
    collaborative: { ...collab, ...over.collab },
    teams: over.teams ?? [alpha],
    received: over.received ?? (() => false),
    periodEvents: over.events ?? new Map(),
    today,
  }).map((r) => r.key);
}

describe("teamRemindersDue(input)", () => {
  it("sends 'due' from reminderDaysBefore days before the due date to the due date, then 'late' for 7 days, then nothing", () => {
    expect(due("2026-11-11")).toEqual([]);
    for (const day of ["2026-11-12", "2026-11-13", "2026-11-15"]) expect(due(day)).toEqual(["due:sepsis:alpha:2026-10"]);
    for (const day of ["2026-11-16", "2026-11-22"]) expect(due(day)).toEqual(["late:sepsis:alpha:2026-10"]);
    expect(due("2026-11-23")).toEqual([]);
  });

  it("uses the collaborative's reminderDaysBefore, but never before the month has ended", () => {
    expect(due("2026-11-07", { collab: { reminderDaysBefore: 8 } })).toEqual(["due:sepsis:alpha:2026-10"]);
    expect(due("2026-11-06", { collab: { reminderDaysBefore: 8 } })).toEqual([]);
    // due on the 3rd, 10 days before would be in the reporting month itself: from the 1st
    expect(due("2026-10-30", { collab: { dueDay: 3, reminderDaysBefore: 10 } })).toEqual([]);
    expect(due("2026-11-01", { collab: { dueDay: 3, reminderDaysBefore: 10 } })).toEqual(["due:sepsis:alpha:2026-10"]);
  });

  it("sends nothing for a month received, locked, before the team joined or outside the collaborative", () => {
    expect(due("2026-11-16", { received: (t, m) => t === "alpha" && m === "2026-10" })).toEqual([]);
    expect(due("2026-11-16", { events: new Map([["2026-10", { action: "lock" as const, reason: "", at: "2026-11-16T00:00:00.000Z" }]]) })).toEqual([]);
    expect(due("2026-11-16", { collab: { lockAfterDays: 1 } })).toEqual([]);
    expect(due("2026-11-16", { teams: [{ ...alpha, joinMonth: "2026-11" }] })).toEqual([]);
    expect(due("2026-11-16", { teams: [{ ...alpha, joinMonth: "2026-10" }] })).toEqual(["late:sepsis:alpha:2026-10"]);
    expect(due("2026-01-16")).toEqual([]); // 2025-12 is before the start
    expect(due("2027-01-16")).toEqual(["late:sepsis:alpha:2026-12"]);
    expect(due("2027-02-16")).toEqual([]); // 2027-01 is after the end
  });

  it("sends nothing to an inactive or opted-out team, or when the collaborative has reminders off", () => {
    expect(due("2026-11-16", { teams: [{ ...alpha, active: false }] })).toEqual([]);
    expect(due("2026-11-16", { teams: [{ ...alpha, remindersOptOut: true }] })).toEqual([]);
    expect(due("2026-11-16", { collab: { remindersEnabled: false } })).toEqual([]);
  });

  it("a reopened month is reminded again (the admin's reopen wins over the automatic lock)", () => {
    const reopened = new Map([["2026-10", { action: "reopen" as const, reason: "late data", at: "2026-11-16T00:00:00.000Z" }]]);
    expect(due("2026-11-16", { collab: { lockAfterDays: 1 }, events: reopened })).toEqual(["late:sepsis:alpha:2026-10"]);
  });
});

describe("teamBacklog(team, collaborative, firstReceivedAt, events, today)", () => {
  it("lists missing months since the join month, flags locked ones, and lists months sent late", () => {
    const received: Record<string, string> = { "2026-02": "2026-03-10T00:00:00.000Z", "2026-03": "2026-04-16T00:00:00.000Z" };
    const backlog = teamBacklog({ ...alpha, joinMonth: "2026-02" }, collab, (m) => received[m], new Map(), "2026-07-20");
    expect(backlog.joinMonth).toBe("2026-02");
    // April locked itself on 14 July (60 days after its due date); July is not due until 15 August
    expect(backlog.missing).toEqual([
      { period: "2026-04", dueDate: "2026-05-15", locked: true },
      { period: "2026-05", dueDate: "2026-06-15", locked: false },
      { period: "2026-06", dueDate: "2026-07-15", locked: false },
    ]);
    expect(backlog.late).toEqual([{ period: "2026-03", dueDate: "2026-04-15", firstReceivedAt: "2026-04-16T00:00:00.000Z" }]);
        expect(teamBacklog({ ...alpha, active: false }, collab, () => undefined, new Map(), "2026-07-10")).toEqual({ joinMonth: "2026-01", missing: [], late: [] });
  });
});

describe("weeklyDigest(input)", () => {
  // falls (decrease): 8 months around 7, then 6 low ones annotated with the change tested: an IHI
  // shift from 2026-09 (and too few runs) once 6 are below the median; the suggested score goes 2 -> 3.5
  const series = [6, 8, 6, 8, 6, 8, 6, 8, 2, 2, 2, 2, 2, 2];
  const points = (upTo: number): TeamPoint[] =>
    series.slice(0, upTo).map((value, i) => ({ measureId: "falls", period: `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`, value, annotation: i >= 8 ? "checklist" : null }));
  const c2 = { ...collab, endMonth: "2027-06" };
  const input = (today: string, pts: TeamPoint[], previous: ReturnType<typeof weeklyDigest>) => ({
    collaborative: c2,
    teams: [alpha, { id: "bravo", name: "Bravo", organisation: "", active: false }],
    firstReceivedAt: (t: string, m: string) => (pts.some((p) => p.period === m) && t === "alpha" ? `${m}-28T00:00:00.000Z` : undefined),
    points: (t: string) => (t === "alpha" ? pts : []),
    periodEvents: new Map(),
    today,
    previous: previous?.snapshot ?? null,
  });

  it("a signal is new the first digest that sees it, and not in the next; an inactive team is left out", () => {
    const first = weeklyDigest(input("2027-03-01", points(14), null));
    expect(first?.week).toBe("2027-W09");
    expect(first?.newSignals.map((s) => `${s.teamId} ${s.rule} ${s.since} ${s.meaning}`)).toEqual(["alpha shift 2026-09 improvement", "alpha too few runs null improvement"]);
    expect(first?.notReported).toEqual([]);
    expect(first?.movedScores).toEqual([]); // nothing to move from
    const second = weeklyDigest(input("2027-03-08", points(14), first));
    expect(second?.newSignals).toEqual([]);
    expect(second?.snapshot.signals.alpha).toEqual(first?.snapshot.signals.alpha);
    expect(Object.keys(second?.snapshot.scores ?? {})).toEqual(["alpha"]);
  });

  it("'moved' compares the suggested score with the previous digest's; 'not reported' lists open missing months", () => {
    const before = weeklyDigest(input("2026-09-01", points(7), null));
    expect(before?.snapshot.scores.alpha).toBe(2);
    expect(before?.notReported).toEqual([]);
    const after = weeklyDigest(input("2027-03-01", points(14), before));
    expect(after?.movedScores).toEqual([{ teamId: "alpha", teamName: "Alpha", from: 2, to: 3.5 }]);
    // 2026-08 not reported (due 15 September), 2026-09 not yet due on 10 October
    const gap = weeklyDigest(input("2026-10-10", points(7), before));
    expect(gap?.notReported).toEqual([{ teamId: "alpha", teamName: "Alpha", months: ["2026-08"] }]);
    expect(gap?.movedScores).toEqual([]);
  });

  it("is null outside the collaborative's span", () => {
    expect(weeklyDigest(input("2025-12-31", [], null))).toBeNull();
    expect(weeklyDigest(input("2027-07-23", [], null))).toBeNull();
    expect(weeklyDigest(input("2027-07-22", [], null))).not.toBeNull();
  });
});

describe("message texts", () => {
  it("teamReminderMessage(content) has a subject, a plain-text part and the same words as HTML, escaped", () => {
    const m = teamReminderMessage({ kind: "due", collaborativeName: "Falls <North>", teamName: "Alpha & Co", month: "2026-10", dueDate: "2026-11-15", today: "2026-11-14" });
    expect(m.subject).toBe("Falls <North>: the October 2026 report of Alpha & Co is due tomorrow (15 November 2026)");
    expect(m.text).toContain("Your data for October 2026 are due tomorrow, on 15 November 2026");
    expect(m.text).toContain("Submit tab lists every month still missing");
    expect(m.html).toContain("Hello Alpha &amp; Co team,");
    expect(m.html).not.toContain("<North>");
    const late = teamReminderMessage({ kind: "late", collaborativeName: "Falls", teamName: "Alpha", month: "2026-10", dueDate: "2026-11-15", today: "2026-11-16" });
    expect(late.text).toContain("were due on 15 November 2026");
  });

  it("weeklyDigestMessage(name, digest) lists who has not reported, new signals and moved scores", () => {
    const m = weeklyDigestMessage("Sepsis", {
      key: "digest:sepsis:2026-W42",
      collaborativeId: "sepsis",
      week: "2026-W42",
      reportingMonth: "2026-09",
      notReported: [{ teamId: "alpha", teamName: "Alpha", months: ["2026-08", "2026-09"] }],
      newSignals: [{ teamId: "bravo", teamName: "Bravo", measureId: "falls", measureName: "Falls", rule: "shift", meaning: "improvement", since: "2026-04" }],
      movedScores: [{ teamId: "bravo", teamName: "Bravo", from: 2, to: 3 }],
      snapshot: { week: "2026-W42", signals: {}, scores: {} },
    });
    expect(m.subject).toBe("Sepsis: weekly digest 2026-W42 (1 team has not reported)");
    expect(m.text).toContain("- Alpha: August 2026, September 2026");
    expect(m.text).toContain("- Bravo, Falls: shift from April 2026 (improvement)");
    expect(m.text).toContain("- Bravo: 2 to 3");
    expect(m.html).toContain("<li>Alpha: August 2026, September 2026</li>");
  });

  it("isoWeekOf(day) steps on Mondays", () => {
    expect(isoWeekOf("2026-10-11")).toBe("2026-W41");
    expect(isoWeekOf("2026-10-12")).toBe("2026-W42");
  });
});
