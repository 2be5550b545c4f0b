// The demo collaborative: three hospitals reducing central-line infections, twelve months of plausible
// data ending with the reporting month current on `today`, so the demo always looks recent. Used by
// `npm run admin -- seed-demo` and by main.ts on a first start with an empty database.
//
// Reports go through the same checks and planner as the API (submission/submit.ts), so
// the demo data obey every rule a real team's do.

import { randomUUID } from "node:crypto";
import {
  addDays,
  addMonths,
  dueDateOf,
  monthOf,
  type CollaborativeDefinition,
  type PdsaCycle,
  type PointInput,
  type SubmissionInput,
} from "../core/index";
import { submitReport } from "./submission/submit";
import type { Actor, Store } from "./store/store";
import { issueToken } from "./tokens";

export type DemoSeed = {
  collaborativeId: string;
  adminToken: string;
  facultyToken: string;
  teams: Array<{ id: string; name: string; token: string }>;
};

const CLI: Actor = { tokenId: null, label: "seed-demo" };

/** A small seeded generator (mulberry32), so the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson draw by inversion (small means only). */
function poisson(mean: number, rnd: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rnd();
  while (p > limit) {
    k++;
    p *= rnd();
  }
  return k;
}

type TeamPlan = {
  id: string;
  name: string;
  organisation: string;
  /** month index (0-11) from which the bundle is in place; Infinity = never */
  changeAt: number;
  bundleFrom: number;
  bundleTo: number;
  clabsiFrom: number;
  clabsiTo: number;
  hygieneFrom: number;
  hygieneTo: number;
  /** months whose report comes in after the due date */
  lateMonths: number[];
  /** also skip the current month's report (so the grid shows a missing or pending month) */
  skipCurrent: boolean;
  scores: number[];
};

const TEAMS: TeamPlan[] = [
  { id: "riverside", name: "Riverside General ICU", organisation: "Riverside Health", changeAt: 3, bundleFrom: 58, bundleTo: 96, clabsiFrom: 2.6, clabsiTo: 0.6, hygieneFrom: 71, hygieneTo: 93, lateMonths: [], skipCurrent: false, scores: [2, 2, 2.5, 3, 3, 3.5, 3.5, 4, 4, 4.5, 4.5] },
  { id: "st-annes", name: "St Anne's Cardiac Unit", organisation: "St Anne's Hospital", changeAt: 6, bundleFrom: 64, bundleTo: 90, clabsiFrom: 2.1, clabsiTo: 1.2, hygieneFrom: 75, hygieneTo: 86, lateMonths: [4, 8], skipCurrent: false, scores: [2, 2, 2, 2.5, 2.5, 3, 3, 3.5, 3.5, 4, 4] },
  { id: "northfield", name: "Northfield Community HDU", organisation: "Northfield Trust", changeAt: Number.POSITIVE_INFINITY, bundleFrom: 61, bundleTo: 66, clabsiFrom: 2.3, clabsiTo: 2.1, hygieneFrom: 68, hygieneTo: 72, lateMonths: [9], skipCurrent: true, scores: [1.5, 1.5, 2, 2, 2, 2, 2.5, 2.5, 2.5, 2.5, 3] },
];

const CHANGES = [
  "Insertion checklist with a 'stop the line' right for nurses",
  "Daily review of line necessity on ward rounds",
  "Chlorhexidine bathing for all patients with a central line",
  "Dressing-change kit standardised",
  "Hand hygiene champions on every shift",
];

/** The demo collaborative's definition for a given reporting window. */
export function demoDefinition(id: string, startMonth: string, endMonth: string): CollaborativeDefinition {
  return {
    id,
    name: "Safer Central Lines Collaborative (demo)",
    aim: `Halve central line-associated bloodstream infections (CLABSI) in every participating unit by ${endMonth}, and sustain it.`,
    startMonth,
    endMonth,
    dueDay: 15,
    lockAfterDays: 60,
    sharing: "named",
    ruleSet: "ihi",
    measures: [
      {
        id: "clabsi-rate",
        name: "CLABSI per 1,000 central-line days",
        type: "outcome",
        kind: "rate",
        multiplier: 1000,
        unit: "per 1,000 line-days",
        improvementDirection: "decrease",
        goal: 1,
        operationalDefinition: "Numerator: laboratory-confirmed bloodstream infections attributed to a central line (NHSN definition). Denominator: central-line days.",
        required: true,
      },
      {
        id: "bundle-compliance",
        name: "Insertion bundle compliance",
        type: "process",
        kind: "percent",
        unit: "%",
        improvementDirection: "increase",
        goal: 95,
        operationalDefinition: "Numerator: insertions with all five bundle elements documented. Denominator: central lines inserted.",
        required: true,
      },
      {
        id: "line-utilisation",
        name: "Central-line utilisation ratio",
        type: "balancing",
        kind: "rate",
        multiplier: 1,
        unit: "line-days per patient-day",
        improvementDirection: "decrease",
        operationalDefinition: "Numerator: central-line days. Denominator: patient days. Watched so that fewer infections do not come from lines moved elsewhere.",
        required: true,
      },
      {
        id: "hand-hygiene",
        name: "Hand hygiene compliance",
        type: "process",
        kind: "percent",
        unit: "%",
        improvementDirection: "increase",
        goal: 90,
        operationalDefinition: "Numerator: observed opportunities with hand hygiene. Denominator: observed opportunities (at least 30 a month).",
        required: false,
      },
    ],
  };
}

/**
 * Create the demo collaborative with its teams, tokens, 12 months of reports and faculty scores.
 * The reporting month current on `today` is the last month; its report is in for two teams.
 *
 * @param store an empty or existing store (the collaborative gets the first free id: demo, demo-2, …)
 * @param today the clock's now; every timestamp is placed before it
 */
export async function seedDemo(store: Store, today: Date): Promise<DemoSeed> {
  let id = "demo";
  for (let n = 2; await store.getCollaborative(id); n++) id = `demo-${n}`;
  const todayDate = today.toISOString().slice(0, 10);
  const current = addMonths(monthOf(todayDate), -1);
  const startMonth = addMonths(current, -11);
  const endMonth = addMonths(current, 3);
  const definition = demoDefinition(id, startMonth, endMonth);
  const at = (t: Date) => t.toISOString();
  const setupTime = new Date(Date.parse(`${addDays(`${startMonth}-01`, -20)}T09:00:00.000Z`));
  await store.createCollaborative(definition, at(setupTime), CLI);

  const admin = await issueToken(store, { role: "admin", label: "demo admin", now: setupTime, actor: CLI });
  const faculty = await issueToken(store, { role: "faculty", collaborativeId: id, label: "demo faculty", now: setupTime, actor: CLI });
  const teams: DemoSeed["teams"] = [];
  for (const plan of TEAMS) {
    await store.addTeam(id, { id: plan.id, name: plan.name, organisation: plan.organisation }, at(setupTime), CLI);
    const issued = await issueToken(store, { role: "team", collaborativeId: id, teamId: plan.id, label: `${plan.name} data lead`, now: setupTime, actor: CLI });
    teams.push({ id: plan.id, name: plan.name, token: issued.token });
    await seedTeam(store, definition, plan, issued.record.id, today, random(plan.id.length * 7919 + 17));
  }
  return { collaborativeId: id, adminToken: admin.token, facultyToken: faculty.token, teams };
}

async function seedTeam(store: Store, definition: CollaborativeDefinition, plan: TeamPlan, tokenId: string, today: Date, rnd: () => number): Promise<void> {
  const actor: Actor = { tokenId, label: `${plan.name} data lead` };
  const facultyActor: Actor = { tokenId: null, label: "demo faculty" };
  const months = Array.from({ length: 12 }, (_, i) => addMonths(definition.startMonth, i));
  const latest = new Date(today.getTime() - 60_000);
  // The team's PDSA log: a cycle for each change it tests, sent with every report from then on (as
  // the task pane sends the whole log), so the demo's run charts mark where each started and ended.
  const cycles: PdsaCycle[] = [];

  for (const [i, period] of months.entries()) {
    const isCurrent = i === months.length - 1;
    if (isCurrent && plan.skipCurrent) continue;
    // Progress follows a logistic step after the team's change month.
    const progress = Number.isFinite(plan.changeAt) ? 1 / (1 + Math.exp(-(i - plan.changeAt - 1.5) * 1.4)) : i / 11;
    const mix = (from: number, to: number) => from + (to - from) * progress;
    const lineDays = Math.round(420 + rnd() * 260);
    const patientDays = Math.round(lineDays / (0.42 - 0.06 * progress + rnd() * 0.05));
    const infections = poisson((mix(plan.clabsiFrom, plan.clabsiTo) * lineDays) / 1000, rnd);
    const insertions = Math.round(28 + rnd() * 22);
    const bundle = Math.min(insertions, Math.round((insertions * (mix(plan.bundleFrom, plan.bundleTo) + (rnd() - 0.5) * 8)) / 100));
    const observed = Math.round(40 + rnd() * 40);
    const hygiene = Math.min(observed, Math.round((observed * (mix(plan.hygieneFrom, plan.hygieneTo) + (rnd() - 0.5) * 10)) / 100));
    const change = i === plan.changeAt || i === plan.changeAt + 3 ? CHANGES[(i + plan.id.length) % CHANGES.length] : undefined;
    const points: PointInput[] = [
      { measureId: "clabsi-rate", period, numerator: infections, denominator: lineDays, ...(change ? { annotation: change } : {}) },
      { measureId: "bundle-compliance", period, numerator: bundle, denominator: insertions, ...(change ? { annotation: change } : {}) },
      { measureId: "line-utilisation", period, numerator: lineDays, denominator: patientDays },
      { measureId: "hand-hygiene", period, numerator: hygiene, denominator: observed },
    ];
    if (change) {
      cycles.push({
        cycleId: String(cycles.length + 1),
        changeIdea: change,
        measureIds: ["bundle-compliance", "clabsi-rate"],
        prediction: "Fewer missed bundle elements within the month",
        startDate: `${period}-04`,
        endDate: `${period}-25`,
        whatHappened: cycles.length === 0 ? "Worked on day shifts; nights needed a second prompt" : "Held on every shift",
        decision: cycles.length === 0 ? "adapt" : "adopt",
      });
    }
    const input: SubmissionInput = {
      reportingMonth: period,
      points,
      ...(cycles.length > 0 ? { cycles: cycles.map((c) => ({ ...c })) } : {}),
      narrative: {
        changesTested: change ?? (i > plan.changeAt ? "Kept the bundle going; audited a sample of insertions weekly." : "Mapped the insertion process with the unit team."),
        lessons: i > plan.changeAt ? "Short daily huddles keep line-necessity reviews from being skipped at weekends." : "Baseline data show the gaps are in documentation as much as in practice.",
        barriers: i % 4 === 1 ? "Agency staff turnover this month; the checklist was new to many." : "",
        helpWanted: i % 5 === 2 ? "Would like to hear how other units run the line-necessity review." : "",
      },
      ...(i % 3 === 2 ? { selfAssessment: Math.min(5, plan.scores[Math.max(0, i - 1)] ?? 2) } : {}),
      client: { name: "seed-demo", version: "1" },
    };

    const due = dueDateOf(period, definition.dueDay);
    const late = plan.lateMonths.includes(i);
    const wanted = new Date(Date.parse(`${addDays(due, late ? 4 : -(2 + Math.floor(rnd() * 8)))}T10:${String(10 + Math.floor(rnd() * 40))}:00.000Z`));
    const monthEnd = new Date(Date.parse(`${addMonths(period, 1)}-01T08:00:00.000Z`));
    const received = new Date(Math.max(monthEnd.getTime(), Math.min(wanted.getTime(), latest.getTime())));
    if (received.getTime() > latest.getTime()) continue; // the month has not ended yet
    await submitAs(store, definition, plan.id, input, received, actor);

    const score = plan.scores[i];
    if (score !== undefined) {
      const scoredAt = new Date(Date.parse(`${addDays(due, 6)}T15:00:00.000Z`));
      if (scoredAt.getTime() < latest.getTime()) {
        const rationale =
          score >= 4 ? "Sustained improvement on the outcome measure; bundle reliably above 90%." : score >= 3 ? "Changes tested with modest improvement on process measures." : "Team formed and baseline collected; changes being planned.";
        await store.recordScore(definition.id, { teamId: plan.id, period, score, rationale, recordedAt: scoredAt.toISOString() }, facultyActor);
      }
    }
  }
}

async function submitAs(store: Store, definition: CollaborativeDefinition, teamId: string, input: SubmissionInput, received: Date, actor: Actor): Promise<void> {
  const outcome = await submitReport(store, {
    collaborative: definition,
    teamId,
    input,
    rawBody: JSON.stringify(input),
    submissionId: randomUUID(),
    receivedAt: received.toISOString(),
    actor,
    dryRun: false,
    idempotency: null,
  });
  if (outcome.kind !== "done" || outcome.httpStatus !== 201) throw new Error(`seed: the demo report ${teamId} ${input.reportingMonth} was not accepted: ${outcome.kind === "done" ? outcome.body : "replay"}`);
}
