// What the store must look like after any fault, read with raw SQL on the scenario's own data:
// - SQLite's own checks: PRAGMA integrity_check is "ok", PRAGMA foreign_key_check finds nothing;
// - revisions: per team and reporting month, revisions 1..n with no gap and no repeat;
// - monthly_reports (kept on write) agrees with the submissions it summarises (count, latest revision,
//   and the received_at of its first and latest revisions);
// - current_points (kept on write) holds each point's latest revision, and no point is missing;
// - every report the load sent is stored exactly once, where its answer said (submissionId), and
//   each idempotency key names the submission that carries it.

import { keyOfStoredReport } from "./campaign";
import type { Ledger } from "./load";
import type { Row, Target } from "./target";

export type Audit = {
  /** reports the load sent (distinct keys) */
  sent: number;
  /** of those, how many are stored (at least once) */
  stored: number;
  /** sent and answered 201, or never answered, and not stored */
  lost: number;
  /** extra copies: a report stored n > 1 times counts n - 1 */
  duplicated: number;
  /** every broken promise, in a sentence */
  problems: string[];
};

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Check the store's own consistency; each problem as a sentence (at most a few of each kind). */
export async function checkConsistency(target: Target): Promise<string[]> {
  const problems: string[] = [];
  const some = (what: string, rows: unknown[]) => {
    if (rows.length > 0) problems.push(`${what}: ${rows.length} (e.g. ${JSON.stringify(rows.slice(0, 3))})`);
  };
  if (target.engine === "sqlite") {
    const integrity = await target.query("PRAGMA integrity_check");
    const verdict = integrity.map((r) => Object.values(r)[0]).join("; ");
    if (verdict !== "ok") problems.push(`SQLite integrity_check: ${verdict}`);
    some("SQLite foreign_key_check rows", await target.query("PRAGMA foreign_key_check"));
  }

  // first_at and last_at: received_at of revisions 1 and n, which monthly_reports keeps. (Not MIN and MAX
  // of received_at: two reports of one team received a millisecond apart may commit, and so be numbered,
  // in the other order, since received_at is taken before the team's lock.)
  const groups = await target.query(
    `SELECT s.collaborative_id, s.team_id, s.reporting_month, COUNT(*) AS n, COUNT(DISTINCT s.revision) AS distinct_revisions, MIN(s.revision) AS first, MAX(s.revision) AS last,
            MIN(CASE WHEN s.revision = 1 THEN s.received_at END) AS first_at,
            MIN(CASE WHEN s.revision = (SELECT MAX(s2.revision) FROM submissions s2
                                         WHERE s2.collaborative_id = s.collaborative_id AND s2.team_id = s.team_id AND s2.reporting_month = s.reporting_month)
                     THEN s.received_at END) AS last_at
       FROM submissions s GROUP BY s.collaborative_id, s.team_id, s.reporting_month`,
  );
  some(
    "team-months whose revisions are not 1..n without gaps",
    groups.filter((g) => num(g.first) !== 1 || num(g.last) !== num(g.n) || num(g.distinct_revisions) !== num(g.n)),
  );

  const monthly = await target.query("SELECT collaborative_id, team_id, reporting_month, revisions, latest_revision, first_received_at, latest_received_at FROM monthly_reports");
  const groupKey = (r: Row) => `${r.collaborative_id}/${r.team_id}/${r.reporting_month}`;
  const monthlyByKey = new Map(monthly.map((m) => [groupKey(m), m]));
  some(
    "monthly_reports rows that disagree with submissions",
    groups
      .map((g) => ({ g, m: monthlyByKey.get(groupKey(g)) }))
      .filter(({ g, m }) => !m || num(m.revisions) !== num(g.n) || num(m.latest_revision) !== num(g.last) || m.first_received_at !== g.first_at || m.latest_received_at !== g.last_at)
      .map(({ g, m }) => ({ submissions: g, monthly_reports: m ?? null })),
  );
  const groupKeys = new Set(groups.map(groupKey));
  some("monthly_reports rows with no submissions", monthly.filter((m) => !groupKeys.has(groupKey(m))));

  // the latest revision of each point (ids grow in commit order per team: a team's writes are serialised)
  const latest = await target.query(
    `SELECT pr.collaborative_id, pr.team_id, pr.measure_id, pr.period, pr.change, pr.numerator, pr.denominator, pr.value, pr.submission_id, pr.received_at, s.revision
       FROM point_revisions pr
       JOIN submissions s ON s.id = pr.submission_id
      WHERE pr.id = (SELECT MAX(p2.id) FROM point_revisions p2
                      WHERE p2.collaborative_id = pr.collaborative_id AND p2.team_id = pr.team_id AND p2.measure_id = pr.measure_id AND p2.period = pr.period)`,
  );
  const current = await target.query("SELECT collaborative_id, team_id, measure_id, period, numerator, denominator, value, retracted, submission_id, revision, received_at FROM current_points");
  const pointKey = (r: Row) => `${r.collaborative_id}/${r.team_id}/${r.measure_id}/${r.period}`;
  const currentByKey = new Map(current.map((c) => [pointKey(c), c]));
  some(
    "current_points that are not their point's latest revision",
    latest
      .map((p) => ({ p, c: currentByKey.get(pointKey(p)) }))
      .filter(({ p, c }) => {
        if (!c) return true;
        const retracted = p.change === "retracted";
        if (num(c.retracted) !== (retracted ? 1 : 0) || c.submission_id !== p.submission_id || num(c.revision) !== num(p.revision) || c.received_at !== p.received_at) return true;
        return !retracted && (num(c.numerator) !== num(p.numerator) || num(c.denominator) !== num(p.denominator) || num(c.value) !== num(p.value));
      })
      .map(({ p, c }) => ({ latest: p, current: c ?? null })),
  );
  const latestKeys = new Set(latest.map(pointKey));
  some("current_points with no revision", current.filter((c) => !latestKeys.has(pointKey(c))));
  return problems;
}

/** Every report of `ledger` stored exactly once, where its answer said; plus the store's consistency. */
export async function auditStore(target: Target, ledger: Ledger): Promise<Audit> {
  const problems = await checkConsistency(target);
  const stored = new Map<string, string[]>();
  for (const row of await target.query("SELECT id, raw_body FROM submissions")) {
    const key = keyOfStoredReport(String(row.raw_body));
    if (key !== null) stored.set(key, [...(stored.get(key) ?? []), String(row.id)]);
  }
  const keyRows = await target.query("SELECT key, submission_id, http_status FROM idempotency_keys");
  const keyToSubmission = new Map(keyRows.map((r) => [String(r.key), r.submission_id === null ? null : String(r.submission_id)]));

  let storedCount = 0;
  let lost = 0;
  let duplicated = 0;
  const sentKeys = new Set<string>();
  const note = (what: string, list: string[]) => {
    if (list.length > 0) problems.push(`${what}: ${list.length} (e.g. ${list.slice(0, 3).join("; ")})`);
  };
  const unexpectedAnswers: string[] = [];
  const wrongSubmission: string[] = [];
  const unanswered: string[] = [];
  const keyMismatch: string[] = [];
  for (const s of ledger.sent) {
    sentKeys.add(s.key);
    const ids = stored.get(s.key) ?? [];
    if (ids.length > 0) storedCount++;
    if (ids.length > 1) duplicated += ids.length - 1;
    if (s.answer === null) {
      unanswered.push(`${s.key}: ${s.error}`);
      if (ids.length === 0) lost++;
      continue;
    }
    if (s.answer.status !== 201) {
      unexpectedAnswers.push(`${s.key}: ${s.answer.status} ${JSON.stringify(s.answer.body).slice(0, 200)}`);
      continue;
    }
    if (ids.length === 0) {
      lost++;
      continue;
    }
    const answered = (s.answer.body as { submissionId?: unknown } | null)?.submissionId;
    if (!ids.includes(String(answered))) wrongSubmission.push(`${s.key}: answered ${String(answered)}, stored ${ids.join(",")}`);
    const byKey = keyToSubmission.get(s.key);
    if (byKey !== ids[0]) keyMismatch.push(`${s.key}: idempotency key names ${String(byKey)}, stored ${ids.join(",")}`);
  }
  note("reports never answered definitively", unanswered);
  note("reports answered other than 201", unexpectedAnswers);
  note("reports stored under another submission than their answer named", wrongSubmission);
  note("idempotency keys that do not name their report's submission", keyMismatch);
  note(
    "stored reports that no client sent",
    [...stored.keys()].filter((k) => !sentKeys.has(k)),
  );
  return { sent: ledger.sent.length, stored: storedCount, lost, duplicated, problems };
}
