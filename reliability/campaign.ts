// The collaborative every reliability scenario reports into, its teams and tokens, and the reports
// the load sends: each one unique (its Idempotency-Key is written into its narrative), so the store
// can be searched for every report afterwards and each must be there exactly once.

import { addMonths, type CollaborativeDefinition, type SubmissionInput } from "../src/core/index";
import type { Actor, Store } from "../src/server/store/store";
import { issueToken } from "../src/server/tokens";

export const COLLABORATIVE_ID = "reliability";
const SETUP: Actor = { tokenId: null, label: "reliability suite" };

/** The suite's own words in a report's narrative, before its key: `reliability:<key>`. */
export const MARKER_PREFIX = "reliability:";

export type TeamToken = { teamId: string; token: string };
export type Campaign = { collaborative: CollaborativeDefinition; teams: TeamToken[]; adminToken: string; months: string[] };

/**
 * A collaborative around today's month: it started 12 months ago and ends in 12, so the months
 * reported (the last three) are open on any day the suite runs; months lock 3,650 days after their
 * due date (the schema's maximum) so no report is refused as locked. Two measures: a percent and a
 * rate, both required.
 *
 * @example
 * campaignCollaborative(new Date("2026-12-07T00:00:00Z")).startMonth; // => "2025-12"
 */
export function campaignCollaborative(today: Date): CollaborativeDefinition {
  const month = today.toISOString().slice(0, 7);
  return {
    id: COLLABORATIVE_ID,
    name: "Reliability suite collaborative",
    aim: "Every report stored exactly once",
    startMonth: addMonths(month, -12),
    endMonth: addMonths(month, 12),
    dueDay: 28,
    lockAfterDays: 3650,
    sharing: "named",
    ruleSet: "ihi",
    measures: [
      { id: "bundle", name: "Bundle compliance", type: "process", kind: "percent", unit: "%", improvementDirection: "increase", goal: 95, operationalDefinition: "", required: true },
      { id: "harm", name: "Harm per 1,000 days", type: "outcome", kind: "rate", multiplier: 1000, improvementDirection: "decrease", operationalDefinition: "", required: true },
    ],
  };
}

/** The months the load reports: the three before today's. */
export function reportingMonths(today: Date): string[] {
  const month = today.toISOString().slice(0, 7);
  return [1, 2, 3].map((k) => addMonths(month, -k));
}

/** Create the collaborative, `teamCount` teams, a token per team and an admin token, straight in the store (as `npm run admin` would). */
export async function seedCampaign(store: Store, teamCount: number, today = new Date()): Promise<Campaign> {
  const collaborative = campaignCollaborative(today);
  const at = today.toISOString();
  await store.createCollaborative(collaborative, at, SETUP);
  const teams: TeamToken[] = [];
  for (let t = 0; t < teamCount; t++) {
    const teamId = `team-${t + 1}`;
    await store.addTeam(COLLABORATIVE_ID, { id: teamId, name: `Team ${t + 1}`, organisation: "" }, at, SETUP);
    const { token } = await issueToken(store, { role: "team", collaborativeId: COLLABORATIVE_ID, teamId, label: `${teamId} (reliability)`, now: today, actor: SETUP });
    teams.push({ teamId, token });
  }
  const { token: adminToken } = await issueToken(store, { role: "admin", label: "reliability admin", now: today, actor: SETUP });
  return { collaborative, teams, adminToken, months: reportingMonths(today) };
}

/** A deterministic small generator (mulberry32), so a run's reports can be regenerated from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A valid report for `month` whose narrative carries `key`, so it always makes a new revision
 * (the narrative differs from every stored one) and can be found in the store by its key.
 */
export function uniqueReport(key: string, month: string, random: () => number): SubmissionInput {
  const days = 100 + Math.floor(random() * 900);
  return {
    reportingMonth: month,
    points: [
      { measureId: "bundle", period: month, numerator: Math.floor(random() * 51), denominator: 50 },
      { measureId: "harm", period: month, numerator: Math.floor(random() * 5), denominator: days },
    ],
    narrative: { changesTested: `${MARKER_PREFIX}${key}`, lessons: "", barriers: "", helpWanted: "" },
  };
}

/** The key a stored report's raw body carries, or null when it is not one of the suite's. */
export function keyOfStoredReport(rawBody: string): string | null {
  try {
    const text = (JSON.parse(rawBody) as { narrative?: { changesTested?: unknown } }).narrative?.changesTested;
    return typeof text === "string" && text.startsWith(MARKER_PREFIX) ? text.slice(MARKER_PREFIX.length) : null;
  } catch {
    return null;
  }
}
