// A fake data store for the admin pages' component tests, keeping to core's admin contract
// (src/core/schema/admin.ts): every body it receives is parsed with the contract's request schema
// and every answer with its response schema, so a page that sends a shape the server would refuse,
// or a fixture the server would never send, fails here. A few refusals only the server can make are
// modelled with the server's error shape: deleting a measure with data (409 CONFLICT, as the server
// answers), and a join month outside the collaborative (422 VALIDATION at `joinMonth`, code
// PERIOD_OUTSIDE_COLLABORATIVE, as routes/adminTeams.ts answers with core's joinMonthProblem).
import {
  AdminTeam,
  AdminTeamList,
  AuditList,
  CollaborativeDefinition,
  CollaborativeList,
  CollaborativeSettingsPatch,
  CollaborativeView,
  IssuedToken,
  MeasureDefinition,
  MeasureOrder,
  Me,
  NewTeam,
  NewTokenRequest,
  PeriodChangeInput,
  PeriodsResponse,
  RunChartsResponse,
  TeamContacts,
  TeamPatch,
  TokenInfo,
  TokenList,
  type AuditEntryView,
  type PeriodState,
} from "../../src/core/index";
import type { FacultyApi } from "../../src/faculty/api";
import type { AdminApi } from "../../src/faculty/admin/adminApi";
import { ApiFailure } from "../../src/web/api/index";

export const ADMIN_TOKEN = "qi_admin_test";
export const SECRET = "qi_6tSecretShownOnce_Zx81";

export interface AdminState {
  collaboratives: CollaborativeDefinition[];
  teams: Record<string, AdminTeam[]>;
  tokens: TokenInfo[];
  /** measure ids some team has data for: deleting them is refused */
  withData: Set<string>;
  /** measure ids with a value in the run charts (the page does not offer Delete for them) */
  charted: Set<string>;
  /** lock events by collaborative and month */
  locks: Record<string, { action: "lock" | "reopen"; reason: string }>;
  audit: AuditEntryView[];
  /** every call, in order: [method, ...args] */
  calls: unknown[][];
}

export function sepsis(): CollaborativeDefinition {
  return CollaborativeDefinition.parse({
    id: "sepsis",
    name: "Sepsis Collaborative",
    aim: "Antibiotics within an hour for 95% of patients",
    startMonth: "2026-01",
    endMonth: "2026-06",
    measures: [
      { id: "abx-1h", name: "Antibiotics within 1 hour", type: "process", kind: "percent", unit: "%", improvementDirection: "increase", goal: 95 },
      { id: "lactate", name: "Lactate measured", type: "process", kind: "percent", unit: "%", improvementDirection: "increase" },
      { id: "mortality", name: "Sepsis mortality", type: "outcome", kind: "percent", unit: "%", improvementDirection: "decrease" },
    ],
  });
}

export function adminState(options: { empty?: boolean } = {}): AdminState {
  const audit: AuditEntryView[] = Array.from({ length: 60 }, (_, i) => ({
    id: 60 - i,
    at: `2026-04-${String(20 - Math.floor(i / 5)).padStart(2, "0")}T10:${String(i % 60).padStart(2, "0")}:00.000Z`,
    actor: i % 2 === 0 ? "cli" : "tok-1",
    actorLabel: i % 2 === 0 ? "admin cli" : "Director",
    action: i % 3 === 0 ? "period.lock" : "team.add",
    collaborativeId: "sepsis",
    teamId: i % 3 === 0 ? null : "alpha",
    details: i % 3 === 0 ? { period: "2026-01" } : {},
  }));
  return {
    collaboratives: options.empty ? [] : [sepsis()],
    teams: options.empty
      ? {}
      : {
          sepsis: [
            AdminTeam.parse({ id: "alpha", name: "Alpha Hospital", organisation: "Alpha Health", joinMonth: "2026-01", joinMonthSet: false, active: true, remindersOptOut: false, position: 0, contacts: [] }),
          ],
        },
    tokens: [],
    withData: new Set(["abx-1h", "lactate"]),
    charted: new Set(["abx-1h"]),
    locks: {},
    audit: options.empty ? [] : audit,
    calls: [],
  };
}

const notFound = (what: string) => new ApiFailure("not_found", `${what} not found`, { status: 404, code: "NOT_FOUND" });

function months(start: string, end: string): string[] {
  const out: string[] = [];
  let [y, m] = start.split("-").map(Number) as [number, number];
  for (;;) {
    const p = `${y}-${String(m).padStart(2, "0")}`;
    if (p > end) return out;
    out.push(p);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
}

/** The faculty client an admin token sees: itself, the collaboratives, each one's view. */
export function fakeFacultyForAdmin(state: AdminState): FacultyApi {
  const find = (id: string) => {
    const c = state.collaboratives.find((x) => x.id === id);
    if (!c) throw notFound(`collaborative ${id}`);
    return c;
  };
  const unused = async (): Promise<never> => {
    throw new Error("the admin tests never open the dashboard");
  };
  return {
    me: async () => Me.parse({ role: "admin", tokenLabel: "Director", team: null, collaborative: null }),
    collaboratives: async () =>
      CollaborativeList.parse({
        collaboratives: state.collaboratives.map((c) => ({ id: c.id, name: c.name, startMonth: c.startMonth, endMonth: c.endMonth, sharing: c.sharing, teamCount: state.teams[c.id]?.length ?? 0 })),
      }),
    collaborative: async (id) => {
      const c = find(id);
      const teams = (state.teams[id] ?? []).map((t) => ({ id: t.id, name: t.name, organisation: t.organisation, own: false }));
      return CollaborativeView.parse({ ...c, teams, teamCount: teams.length });
    },
    completeness: unused,
    runcharts: async (id) => {
      const c = find(id);
      return RunChartsResponse.parse({
        collaborativeId: id,
        ruleSet: c.ruleSet,
        rules: { name: "IHI rules", centerLine: "median", description: "a shift" },
        months: ["2026-01"],
        measures: c.measures.map((m) => ({
          measureId: m.id,
          name: m.name,
          unit: m.unit ?? null,
          goal: m.goal ?? null,
          improvementDirection: m.improvementDirection,
          series: [{ teamId: "alpha", teamLabel: "Alpha Hospital", own: false, points: [{ period: "2026-01", value: state.charted.has(m.id) ? 80 : null, annotation: null }], centerLine: null, lpl: null, upl: null, signals: [], improving: false }],
          aggregate: [],
        })),
      });
    },
    scores: unused,
    suggestion: unused,
    saveScore: unused,
    exportCsv: unused,
    exportXlsx: unused,
    funnel: unused,
    timeline: unused,
    reminders: unused,
    cycles: async () => ({ collaborativeId: "", cycles: [] }),
  };
}

export function fakeAdminApi(state: AdminState): AdminApi {
  const find = (id: string) => {
    const c = state.collaboratives.find((x) => x.id === id);
    if (!c) throw notFound(`collaborative ${id}`);
    return c;
  };
  const replace = (c: CollaborativeDefinition) => {
    state.collaboratives = state.collaboratives.map((x) => (x.id === c.id ? c : x));
    return CollaborativeDefinition.parse(c);
  };
  const teamOf = (id: string, teamId: string) => {
    const t = (state.teams[id] ?? []).find((x) => x.id === teamId);
    if (!t) throw notFound(`team ${teamId}`);
    return t;
  };
  const putTeam = (id: string, team: AdminTeam) => {
    state.teams[id] = (state.teams[id] ?? []).map((t) => (t.id === team.id ? team : t));
    return AdminTeam.parse(team);
  };
  return {
    createCollaborative: async (body) => {
      const d = CollaborativeDefinition.parse(body);
      state.calls.push(["createCollaborative", d]);
      if (state.collaboratives.some((c) => c.id === d.id)) {
        throw new ApiFailure("request", `a collaborative ${d.id} exists: choose another id`, { status: 409, code: "CONFLICT" });
      }
      state.collaboratives.push(d);
      state.teams[d.id] = [];
      return CollaborativeDefinition.parse(d);
    },
    patchCollaborative: async (id, body) => {
      const patch = CollaborativeSettingsPatch.parse(body);
      state.calls.push(["patchCollaborative", id, patch]);
      return replace(CollaborativeDefinition.parse({ ...find(id), ...patch }));
    },
    addMeasure: async (id, body) => {
      const m = MeasureDefinition.parse(body);
      state.calls.push(["addMeasure", id, m]);
      const c = find(id);
      return replace({ ...c, measures: [...c.measures, m] });
    },
    putMeasure: async (id, body) => {
      const m = MeasureDefinition.parse(body);
      state.calls.push(["putMeasure", id, m]);
      const c = find(id);
      return replace({ ...c, measures: c.measures.map((x) => (x.id === m.id ? m : x)) });
    },
    orderMeasures: async (id, body) => {
      const order = MeasureOrder.parse(body);
      state.calls.push(["orderMeasures", id, order.measureIds]);
      const c = find(id);
      return replace({ ...c, measures: order.measureIds.map((mid) => c.measures.find((m) => m.id === mid)!) });
    },
    deleteMeasure: async (id, measureId) => {
      state.calls.push(["deleteMeasure", id, measureId]);
      if (state.withData.has(measureId)) {
        throw new ApiFailure("request", `${measureId} has data from 1 team: a measure with data is never deleted; retire it instead`, { status: 409, code: "CONFLICT" });
      }
      const c = find(id);
      return replace({ ...c, measures: c.measures.filter((m) => m.id !== measureId) });
    },
    teams: async (id) => AdminTeamList.parse({ collaborativeId: id, teams: state.teams[id] ?? [] }),
    addTeam: async (id, body) => {
      const t = NewTeam.parse(body);
      state.calls.push(["addTeam", id, t]);
      const c = find(id);
      if (t.joinMonth !== undefined && (t.joinMonth < c.startMonth || t.joinMonth > c.endMonth)) {
        throw new ApiFailure("validation", `the team has 1 problem; the first at joinMonth: use a month from ${c.startMonth} to ${c.endMonth}`, {
          status: 422,
          code: "VALIDATION",
          conflicts: [{ path: ["joinMonth"], measureId: null, period: t.joinMonth, code: "SCHEMA", message: `use a month from ${c.startMonth} to ${c.endMonth}`, severity: "error" }],
        });
      }
      const team = AdminTeam.parse({
        id: t.id,
        name: t.name,
        organisation: t.organisation,
        joinMonth: t.joinMonth ?? c.startMonth,
        joinMonthSet: t.joinMonth !== undefined,
        active: t.active ?? true,
        remindersOptOut: t.remindersOptOut ?? false,
        position: state.teams[id]?.length ?? 0,
        contacts: t.contacts,
      });
      state.teams[id] = [...(state.teams[id] ?? []), team];
      return team;
    },
    patchTeam: async (id, teamId, body) => {
      const patch = TeamPatch.parse(body);
      state.calls.push(["patchTeam", id, teamId, patch]);
      const t = teamOf(id, teamId);
      const c = find(id);
      const { joinMonth, ...rest } = patch;
      return putTeam(id, AdminTeam.parse({ ...t, ...rest, ...(joinMonth !== undefined ? { joinMonth: joinMonth ?? c.startMonth, joinMonthSet: joinMonth !== null } : {}) }));
    },
    putContacts: async (id, teamId, body) => {
      const { contacts } = TeamContacts.parse(body);
      state.calls.push(["putContacts", id, teamId, contacts]);
      return putTeam(id, { ...teamOf(id, teamId), contacts });
    },
    tokens: async (collaborativeId) => TokenList.parse({ tokens: state.tokens.filter((t) => collaborativeId === null || t.collaborativeId === collaborativeId) }),
    issueToken: async (body) => {
      const request = NewTokenRequest.parse(body);
      state.calls.push(["issueToken", request]);
      const info = TokenInfo.parse({
        id: `tok-${state.tokens.length + 2}`,
        prefix: SECRET.slice(0, 7),
        role: request.role,
        collaborativeId: request.collaborativeId,
        teamId: request.teamId,
        label: request.label,
        createdAt: "2026-04-20T10:00:00.000Z",
        expiresAt: request.expiresAt,
        revokedAt: null,
      });
      state.tokens.push(info);
      return IssuedToken.parse({ token: SECRET, info });
    },
    revokeToken: async (tokenId) => {
      state.calls.push(["revokeToken", tokenId]);
      const t = state.tokens.find((x) => x.id === tokenId);
      if (!t) throw notFound(`token ${tokenId}`);
      t.revokedAt = "2026-04-21T08:00:00.000Z";
      return TokenInfo.parse(t);
    },
    periods: async (id) => {
      const c = find(id);
      const periods: PeriodState[] = months(c.startMonth, c.endMonth).map((period) => {
        const event = state.locks[`${id}|${period}`];
        return {
          period,
          dueDate: `${period}-15`,
          lockDate: null,
          locked: event?.action === "lock",
          state: event ? (event.action === "lock" ? "manual" : "reopened") : "open",
          reason: event?.reason || null,
          changedAt: event ? "2026-04-20T10:00:00.000Z" : null,
        };
      });
      return PeriodsResponse.parse({ collaborativeId: id, asOf: "2026-04-20", periods });
    },
    changePeriod: async (id, period, action, body) => {
      const input = PeriodChangeInput.parse(body);
      state.calls.push(["changePeriod", id, period, action, input]);
      state.locks[`${id}|${period}`] = { action, reason: input.reason ?? "" };
      return PeriodsResponse.parse({ collaborativeId: id, asOf: "2026-04-20", periods: [] });
    },
    audit: async (q) => {
      state.calls.push(["audit", q]);
      const matching = state.audit.filter((e) => (!q.actor || e.actor === q.actor) && (!q.action || e.action === q.action) && (q.before === undefined || e.id < q.before));
      const limit = q.limit ?? 50;
      const page = matching.slice(0, limit);
      return AuditList.parse({ entries: page, nextBefore: matching.length > limit ? page[page.length - 1]!.id : null });
    },
  };
}
