/**
 * The weekly digest to faculty: who has not reported, which teams show a new signal under the
 * collaborative's rule set, and whose suggested score moved since the previous digest. What the
 * previous digest saw is its {@link DigestSnapshot}, kept with it in the reminder ledger, so the
 * digest needs no other state.
 */

import { addMonths, monthOf } from "../period";
import type { CollaborativeDefinition, Team } from "../schema/collaborative";
import { teamRunCharts, suggestTeamScore, type TeamPoint } from "../scoring/teamEvidence";
import { addDays, dueDateOf, reportingMonthAsOf } from "../submission/calendar";
import type { PeriodEventInput } from "../submission/periodLock";
import { teamSettings } from "../participation";
import { isoWeekOf } from "./isoWeek";
import { teamBacklog } from "./teamBacklog";
import { LATE_REMINDER_WINDOW_DAYS, reminderKey } from "./teamReminders";

/**
 * What a digest saw, to compare the next one with: per team, the ids of its signals
 * ({@link signalId}) and its suggested score (`null`: no suggestion, no data).
 */
export type DigestSnapshot = {
  week: string;
  signals: Record<string, string[]>;
  scores: Record<string, number | null>;
};

/** A team and the months it has not reported (due date passed, still open to a report). */
export type DigestMissing = { teamId: string; teamName: string; months: string[] };
/** A signal the previous digest did not show. */
export type DigestSignal = { teamId: string; teamName: string; measureId: string; measureName: string; rule: string; meaning: "improvement" | "concern" | "neutral"; since: string | null };
/** A suggested score that differs from the previous digest's. */
export type DigestMove = { teamId: string; teamName: string; from: number | null; to: number | null };

/** The digest of one collaborative for one ISO week. */
export type WeeklyDigest = {
  key: string;
  collaborativeId: string;
  week: string;
  /** the reporting month the suggestions and signals are read for (`reportingMonthAsOf(today)`) */
  reportingMonth: string;
  notReported: DigestMissing[];
  newSignals: DigestSignal[];
  movedScores: DigestMove[];
  /** what to store with this digest for the next one to compare with */
  snapshot: DigestSnapshot;
};

/** What {@link weeklyDigest} reads. */
export type WeeklyDigestInput = {
  collaborative: Pick<CollaborativeDefinition, "id" | "aim" | "startMonth" | "endMonth" | "dueDay" | "lockAfterDays" | "remindersEnabled" | "ruleSet" | "measures">;
  teams: readonly Team[];
  /** when the team's first revision of a month arrived, `undefined` when none */
  firstReceivedAt: (teamId: string, month: string) => string | undefined;
  /** each team's current points (any order; all months) */
  points: (teamId: string) => readonly TeamPoint[];
  periodEvents: ReadonlyMap<string, PeriodEventInput>;
  /** `YYYY-MM-DD` (UTC) */
  today: string;
  /** the snapshot of the latest earlier digest of this collaborative, `null` when none */
  previous: DigestSnapshot | null;
};

/**
 * A signal's identity across digests: the measure, the rule, and the month of its first point
 * (`chart` for a whole-chart signal such as too few runs). A shift that grows by a month keeps its
 * first point and so stays the same signal; a new shift starting later is a new one.
 *
 * @example
 * signalId("abx-1h", "shift", "2026-04"); // => "abx-1h|shift|2026-04"
 * signalId("abx-1h", "too few runs", null); // => "abx-1h|too few runs|chart"
 */
export function signalId(measureId: string, rule: string, since: string | null): string {
  return `${measureId}|${rule}|${since ?? "chart"}`;
}

/**
 * The digest due on `today`, or `null` when none is: reminders are off for the collaborative, or
 * `today` lies outside its reporting span (before its start month, or after the late window of its
 * last month's due date). One digest per ISO week ({@link isoWeekOf}); the job sends it on its first
 * run of the week. The definitions:
 *
 * - **Not reported**: each active team's months, from its join month, whose due date has passed
 *   without a report and which are not locked (core's `teamBacklog`); teams with none are left out.
 *   A team that opted out of reminders is still listed (opting out stops mail to the team, not
 *   faculty's view).
 * - **New signal**: a signal of the team's run charts (core's `teamRunCharts`, read by the
 *   collaborative's rule set, up to the reporting month current on `today`) whose {@link signalId}
 *   was not in the previous digest's snapshot for that team. With no previous digest every current
 *   signal is new (the first digest shows where things stand).
 * - **Score moved**: the team's suggested score (core's `suggestTeamScore` for the same reporting
 *   month) differs from the previous digest's, including from or to no suggestion. With no previous
 *   digest nothing has moved. A team not in the previous snapshot (joined since) has not moved.
 *
 * Runs in O(teams · (p + m·n)), as `teamEvidence` per team.
 *
 * @param input the collaborative, teams, reports, points, lock events, today and the previous snapshot
 * @returns the digest with its ledger key and the snapshot to keep, or `null`
 * @example
 * const collab = { id: "sepsis", aim: "Fewer falls", startMonth: "2026-01", endMonth: "2026-12", dueDay: 15, lockAfterDays: 60, ruleSet: "ihi", measures: [{ id: "falls", name: "Falls", type: "outcome", kind: "count", improvementDirection: "decrease" }] };
 * weeklyDigest({ collaborative: collab, teams: [{ id: "alpha", name: "Alpha", organisation: "" }], firstReceivedAt: () => undefined, points: () => [], periodEvents: new Map(), today: "2026-03-20", previous: null }).notReported; // => [{ teamId: "alpha", teamName: "Alpha", months: ["2026-01", "2026-02"] }]
 * weeklyDigest({ collaborative: collab, teams: [], firstReceivedAt: () => undefined, points: () => [], periodEvents: new Map(), today: "2026-03-20", previous: null }).key; // => "digest:sepsis:2026-W12"
 * weeklyDigest({ collaborative: { ...collab, remindersEnabled: false }, teams: [], firstReceivedAt: () => undefined, points: () => [], periodEvents: new Map(), today: "2026-03-20", previous: null }); // => null
 */
export function weeklyDigest(input: WeeklyDigestInput): WeeklyDigest | null {
  const { collaborative, today, previous } = input;
  if (collaborative.remindersEnabled === false) return null;
  const lastDay = addDays(dueDateOf(collaborative.endMonth, collaborative.dueDay), LATE_REMINDER_WINDOW_DAYS);
  if (monthOf(today) < collaborative.startMonth || today > lastDay) return null;
  const week = isoWeekOf(today);
  const reportingMonth = reportingMonthAsOf(today, collaborative.startMonth, collaborative.endMonth);
  const definition = { aim: collaborative.aim, ruleSet: collaborative.ruleSet, measures: collaborative.measures.filter((m) => m.retired !== true) };
  const names = new Map(definition.measures.map((m) => [m.id, m.name]));

  const notReported: DigestMissing[] = [];
  const newSignals: DigestSignal[] = [];
  const movedScores: DigestMove[] = [];
  const snapshot: DigestSnapshot = { week, signals: {}, scores: {} };
  for (const team of input.teams) {
    if (!teamSettings(team, collaborative).active) continue;
    const backlog = teamBacklog(team, collaborative, (m) => input.firstReceivedAt(team.id, m), input.periodEvents, today);
    const open = backlog.missing.filter((m) => !m.locked).map((m) => m.period);
    if (open.length > 0) notReported.push({ teamId: team.id, teamName: team.name, months: open });

    const known = new Set(definition.measures.map((m) => m.id));
    const points = input.points(team.id).filter((p) => known.has(p.measureId) && p.period <= reportingMonth);
    const evidence = { definition, points, reportingMonth };
    const ids: string[] = [];
    const seen = previous ? new Set(previous.signals[team.id] ?? []) : new Set<string>();
    for (const chart of teamRunCharts(evidence)) {
      if (chart.reading === null) continue;
      const first = addMonths(reportingMonth, -(chart.values.length - 1));
      for (const s of chart.reading.signals) {
        const since = s.points.length > 0 ? addMonths(first, Math.min(...s.points)) : null;
        const id = signalId(chart.measureId, s.rule, since);
        ids.push(id);
        if (!seen.has(id)) newSignals.push({ teamId: team.id, teamName: team.name, measureId: chart.measureId, measureName: names.get(chart.measureId) ?? chart.measureId, rule: s.rule, meaning: s.meaning, since });
      }
    }
    snapshot.signals[team.id] = ids;
    const score = suggestTeamScore(evidence)?.score ?? null;
    snapshot.scores[team.id] = score;
    if (previous && team.id in previous.scores && previous.scores[team.id] !== score) {
      movedScores.push({ teamId: team.id, teamName: team.name, from: previous.scores[team.id] ?? null, to: score });
    }
  }
  return { key: reminderKey("digest", collaborative.id, null, week), collaborativeId: collaborative.id, week, reportingMonth, notReported, newSignals, movedScores, snapshot };
}
